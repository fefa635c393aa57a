package web

import (
	"net/http"
	"strings"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/corpus"
)

// changeView is one change of a duty as the pages label it.
type changeView struct {
	Kind   string
	Label  string
	Detail string // 每季度 → 每月; 牵头 +市住建局 −市交通局
	Dir    int    // +1 stricter, -1 looser, 0 neither (compare.Change.Direction)
}

// unitRoles are the names of the roles of a units_changed change.
var unitRoles = map[string]string{"lead": "牵头单位", "support": "配合单位", "responsible": "责任单位", "all": "责任单位"}

func changeViews(cs []compare.Change) []changeView {
	out := make([]changeView, 0, len(cs))
	for _, c := range cs {
		v := changeView{Kind: string(c.Kind), Label: kindName(string(c.Kind)), Dir: c.Direction()}
		switch c.Kind {
		case compare.Added, compare.Removed, compare.Reworded:
		case compare.UnitsChanged:
			var parts []string
			if r := unitRoles[c.Role]; r != "" {
				parts = append(parts, r)
			}
			if len(c.Added) > 0 {
				parts = append(parts, "+"+strings.Join(c.Added, "、"))
			}
			if len(c.Removed) > 0 {
				parts = append(parts, "−"+strings.Join(c.Removed, "、"))
			}
			v.Detail = strings.Join(parts, " ")
		case compare.ModalityStricter, compare.ModalityLooser, compare.ModalityChanged:
			v.Detail = orDash(modalityName(c.From)) + " → " + orDash(modalityName(c.To))
		default:
			if c.From != "" || c.To != "" {
				v.Detail = orDash(c.From) + " → " + orDash(c.To)
			}
		}
		out = append(out, v)
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// entryView is one changed duty, its two texts side by side.
type entryView struct {
	Old, New       *corpus.Obligation
	OldURL, NewURL string
	OldText        []piece // the old text, deleted runs marked
	NewText        []piece // the new text, inserted runs marked
	Changes        []changeView
	Kinds          string // the kinds of its changes, space-separated, for filtering
}

// diffPage is the data of the diff page.
type diffPage struct {
	Report   *compare.DiffReport
	Counts   []kindCount
	Entries  []entryView
	Kind     string // the kind shown alone; "" for all
	BaseURL  string // the page without a kind filter
	Total    int    // entries before filtering
	Sections []compare.SectionMove
}

func (s *Server) diffPrevious(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := checkID(id); err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.core.Document(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rel, err := s.core.Related(r.Context(), p.Doc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if rel.Previous == nil {
		s.fail(w, r, badInput(http.StatusNotFound, "《%s》在语料库中没有上一版本，无从比对。", docName(p.Doc)))
		return
	}
	s.showDiff(w, r, rel.Previous.ID, id, "/doc/"+id+"/diff")
}

func (s *Server) diff(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	oldID, newID := q.Get("old"), q.Get("new")
	if oldID == "" || newID == "" {
		s.fail(w, r, badInput(http.StatusBadRequest, "请给出要比对的两份文件：/diff?old=旧版编号&new=新版编号"))
		return
	}
	for _, id := range []string{oldID, newID} {
		if err := checkID(id); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.showDiff(w, r, oldID, newID, "/diff?old="+oldID+"&new="+newID)
}

func (s *Server) showDiff(w http.ResponseWriter, r *http.Request, oldID, newID, base string) {
	kind := r.URL.Query().Get("kind")
	if kind != "" && !containsKind(kindOrder, compare.Kind(kind)) {
		s.fail(w, r, badInput(http.StatusBadRequest, "变化类型 %q 无效", kind))
		return
	}
	d, err := s.core.Diff(r.Context(), oldID, newID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	p := diffPage{Report: d, Counts: kindCounts(d.Counts), Kind: kind, BaseURL: base, Total: len(d.Entries), Sections: d.Sections}
	for i := range p.Counts {
		p.Counts[i].URL = base + sep + "kind=" + p.Counts[i].Kind
	}
	for _, e := range d.Entries {
		if kind != "" && !e.Has(compare.Kind(kind)) {
			continue
		}
		p.Entries = append(p.Entries, newEntryView(d, e))
	}
	s.render(w, r, http.StatusOK, "diff", "版本比对："+d.New.Name(), "docs", p)
}

func newEntryView(d *compare.DiffReport, e compare.Entry) entryView {
	v := entryView{Old: e.Old, New: e.New, Changes: changeViews(e.Changes)}
	kinds := make([]string, len(e.Changes))
	for i, c := range e.Changes {
		kinds[i] = string(c.Kind)
	}
	v.Kinds = strings.Join(kinds, " ")
	if e.Old != nil {
		v.OldURL = obligationURL(d.Old.ID, e.Old.ID)
	}
	if e.New != nil {
		v.NewURL = obligationURL(d.New.ID, e.New.ID)
	}
	switch {
	case len(e.Edits) > 0:
		for _, ed := range e.Edits {
			switch ed.Op {
			case compare.Equal:
				v.OldText = append(v.OldText, piece{Text: ed.Text})
				v.NewText = append(v.NewText, piece{Text: ed.Text})
			case compare.Delete:
				v.OldText = append(v.OldText, piece{Text: ed.Text, Mark: true})
			case compare.Insert:
				v.NewText = append(v.NewText, piece{Text: ed.Text, Mark: true})
			}
		}
	default:
		if e.Old != nil {
			v.OldText = []piece{{Text: e.Old.Text}}
		}
		if e.New != nil {
			v.NewText = []piece{{Text: e.New.Text}}
		}
	}
	return v
}
