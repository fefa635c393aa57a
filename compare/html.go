package compare

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
)

var (
	//go:embed templates/diff.html
	diffHTML string
	//go:embed templates/levels.html
	levelsHTML string
	//go:embed templates/style.css
	styleCSS string
)

// sidePair is a rune diff split into what each side shows.
type sidePair struct{ Old, New []Edit }

func splitSides(es []Edit) sidePair {
	var s sidePair
	for _, e := range es {
		switch e.Op {
		case Equal:
			s.Old = append(s.Old, e)
			s.New = append(s.New, e)
		case Delete:
			s.Old = append(s.Old, e)
		case Insert:
			s.New = append(s.New, e)
		}
	}
	return s
}

// page parses one self-contained page template with the shared style.
func page(name, text string, funcs template.FuncMap) (*template.Template, error) {
	base := template.FuncMap{
		"path":    pathOf,
		"sides":   splitSides,
		"summary": summary,
		"pct":     pct,
		"tally":   tallyLine,
	}
	for k, v := range funcs {
		base[k] = v
	}
	t := template.New(name).Funcs(base)
	if _, err := t.New("style").Parse(styleCSS); err != nil {
		return nil, fmt.Errorf("compare: style template: %w", err)
	}
	if _, err := t.Parse(text); err != nil {
		return nil, fmt.Errorf("compare: %s template: %w", name, err)
	}
	return t, nil
}

// WriteHTML writes the diff to w as one self-contained HTML page: the two
// versions side by side, changed runes marked.
func (r *DiffReport) WriteHTML(w io.Writer) error {
	t, err := page("diff", diffHTML, nil)
	if err != nil {
		return err
	}
	return t.Execute(w, r)
}

// WriteHTML writes the comparison to w as one self-contained HTML page:
// coverage by section, then each upper duty beside the lower duties that
// carry it, then the local duties.
func (r *LevelReport) WriteHTML(w io.Writer) error {
	names := map[string]string{}
	for _, u := range r.Uppers {
		names[u.ID] = u.Name()
	}
	t, err := page("levels", levelsHTML, template.FuncMap{
		"docname": func(id string) string { return names[id] },
	})
	if err != nil {
		return err
	}
	return t.Execute(w, r)
}
