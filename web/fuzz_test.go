package web

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
)

// FuzzParseSearch reads arbitrary query strings as a search. It must never
// panic; a search it accepts must read back the same from its own URL, and
// the links it makes (facets, pages, exports) must parse again.
func FuzzParseSearch(f *testing.F) {
	for _, s := range []string{
		"", "q=隐患排查", "q=%22每月至少%22&level=county&period=month", "unit=县应急局&role=lead&year=2024",
		"due=2024-06-30&sector=消防&modality=must&page=3", "region=141122&issuer=交城县人民政府",
		"level=galaxy", "year=-1", "page=999999", "q=%ff%fe", "role=lead", "q=a&q=b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		sf, err := parseSearch(v)
		if err != nil {
			return
		}
		back, err := parseSearch(sf.values())
		if err != nil {
			t.Fatalf("%q: its own URL %q is refused: %v", raw, sf.values().Encode(), err)
		}
		if !reflect.DeepEqual(back, sf) {
			t.Fatalf("%q: read back as %+v, want %+v", raw, back, sf)
		}
		for _, link := range []string{sf.With("level", "city"), sf.PageURL(2), sf.ExportURL("csv")} {
			u, err := url.Parse(link)
			if err != nil {
				t.Fatalf("%q: link %q: %v", raw, link, err)
			}
			if _, err := parseSearch(u.Query()); err != nil {
				t.Fatalf("%q: link %q is refused: %v", raw, link, err)
			}
		}
	})
}

// FuzzLayout lays out arbitrary text with obligations on arbitrary spans.
// It must never panic, and the runs of its lines, joined by line breaks,
// must give the text back exactly once: every byte shown, none twice.
func FuzzLayout(f *testing.F) {
	f.Add("一、总体要求\n（一）要每月至少召开一次会议。（牵头单位：县应急局）\n", 10, 60, 30, 50)
	f.Add("第一条 要求。\n第二条 严禁违规。", 0, 5, 3, 200)
	f.Add("", 0, 0, 0, 0)
	f.Add("a\nb\n\nc", 1, 6, -3, 2)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d int) {
		if !utf8.ValidString(text) {
			return
		}
		span := func(x, y int) corpus.Span {
			if len(text) == 0 {
				return corpus.Span{}
			}
			x, y = abs(x)%(len(text)+1), abs(y)%(len(text)+1)
			return corpus.Span{Start: min(x, y), End: max(x, y)}
		}
		s1, s2 := span(a, b), span(c, d)
		p := corpus.Parsed{Doc: &corpus.Document{ID: "d-fuzz-1", Text: text}}
		p.Obligations = []corpus.Obligation{
			{ID: "d-fuzz-1/o-1", Span: s1, Frequencies: []corpus.Frequency{{Raw: "x", Span: span(a, c)}}},
			{ID: "d-fuzz-1/o-2", Span: s2, Deadlines: []corpus.Deadline{{Raw: "y", Span: span(b, d)}}, Attribution: &s1},
		}
		p.Doc.Outline = []*corpus.Block{{Number: "一", Span: s1, Lead: s2}}
		lines, outline := layout(p)
		var b2 strings.Builder
		for i, l := range lines {
			if i > 0 {
				b2.WriteByte('\n')
			}
			for _, r := range l.Runs {
				b2.WriteString(r.Text)
				for _, pt := range r.Parts {
					b2.WriteString(pt.Text)
				}
			}
		}
		if b2.String() != text {
			t.Fatalf("layout shows %q, want %q", b2.String(), text)
		}
		for _, o := range outline {
			if !strings.HasPrefix(o.Anchor, "L") {
				t.Fatalf("outline item links to %q", o.Anchor)
			}
		}
	})
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
