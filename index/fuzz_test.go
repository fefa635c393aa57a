package index

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCut checks the cut and the two tokenizers on any text: the words
// of a cut are the finest words of the text, lower-cased, none empty or
// holding a separator; a separator says whether two words touch; the words
// tokenizer gives every word at its ordinal, the pairs tokenizer every two
// touching words at the first one's ordinal; the same text cuts the same
// way twice.
func FuzzCut(f *testing.F) {
	for _, s := range []string{"市、县安委会每月至少召开一次会议", "经营性自建房", "安全生产 abc 123", "", "\xff\xfe", "（牵头责任单位：市应急局）", "a\x1fb\x1ec\n"} {
		f.Add(s)
	}
	var c subCache
	sg := seg(f)
	f.Fuzz(func(t *testing.T, s string) {
		cut := c.cutText(sg, s)
		if again := c.cutText(sg, s); again != cut {
			t.Fatalf("%q cuts to %q, then to %q", s, cut, again)
		}
		leaves := c.leaves(sg, spaceControls(s))
		words := strings.FieldsFunc(cut, func(r rune) bool { return r == touchSep || r == gapSep })
		if len(words) != len(leaves) {
			t.Fatalf("cut %q of %q has %d words, want the %d finest words", cut, s, len(words), len(leaves))
		}
		for i, w := range words {
			if w != strings.ToLower(leaves[i].Text) {
				t.Fatalf("word %d of the cut of %q is %q, want %q", i, s, w, strings.ToLower(leaves[i].Text))
			}
		}
		ws := wordsSplitter{}.Tokenize([]byte(cut))
		if len(ws) != len(words) {
			t.Fatalf("%d word tokens of cut %q, want %d", len(ws), cut, len(words))
		}
		for i, tk := range ws {
			if string(tk.Term) != words[i] || tk.Position != i+1 {
				t.Fatalf("word token %v of cut %q, want %q at %d", tk, cut, words[i], i+1)
			}
		}
		var want []string
		var at []int
		for i := 0; i+1 < len(leaves); i++ {
			if touches := leaves[i].End == leaves[i+1].Start; touches != (cut[len(strings.Join(words[:i+1], "x")):][0] == touchSep) {
				t.Fatalf("cut %q of %q marks words %d and %d touching: %v, want %v", cut, s, i, i+1, !touches, touches)
			}
			if leaves[i].End == leaves[i+1].Start {
				want = append(want, words[i]+pairSep+words[i+1])
				at = append(at, i+1)
			}
		}
		ps := pairsSplitter{}.Tokenize([]byte(cut))
		if len(ps) != len(want) {
			t.Fatalf("%d pair tokens of cut %q, want %d", len(ps), cut, len(want))
		}
		for i, tk := range ps {
			if string(tk.Term) != want[i] || tk.Position != at[i] {
				t.Fatalf("pair token %v of cut %q, want %q at %d", tk, cut, want[i], at[i])
			}
		}
	})
}

// FuzzSearch checks that any query text parses and runs, and that every hit's
// highlights lie inside its text.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"每月 会议", `"召开一次会议"`, `“自建房`, `"" "`, "安全生产 AND OR", "\xff", "（一）"} {
		f.Add(s)
	}
	ix, err := Open(filepath.Join(f.TempDir(), "index"), seg(f), nil)
	if err != nil {
		f.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Add(context.Background(), handDocs()...); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ix.Search(context.Background(), Query{Text: s, Facets: true})
		if err != nil {
			t.Fatalf("Search(%q): %v", s, err)
		}
		for _, h := range r.Hits {
			for _, m := range h.Matches {
				if m.Start < 0 || m.End > len(h.Text) || m.Start >= m.End {
					t.Fatalf("match %v outside %q", m, h.Text)
				}
			}
			if got := h.Fragment("", "", 10); !utf8.ValidString(got) && utf8.ValidString(h.Text) {
				t.Fatalf("fragment %q of %q is not valid UTF-8", got, h.Text)
			}
		}
	})
}

// FuzzSearchFilters runs searches with any filter values, as the web form
// and the command line pass them on: none may panic or fail, but for a
// due date that is no date; each narrows (no filtered search finds more
// than its words alone), and each hit has the level, document, period and
// sector asked for. Seeds are the values of the hand-made documents, which
// are real plans' sentences.
func FuzzSearchFilters(f *testing.F) {
	ix, err := Open(filepath.Join(f.TempDir(), "index"), seg(f), nil)
	if err != nil {
		f.Fatal(err)
	}
	defer ix.Close()
	docs := handDocs()
	if err := ix.Add(context.Background(), docs...); err != nil {
		f.Fatal(err)
	}
	for _, p := range docs {
		d := p.Doc
		for _, o := range p.Obligations {
			unit := ""
			if len(o.Lead) > 0 {
				unit = o.Lead[0]
			}
			period, sector, region := "", "", ""
			if d.Place != nil {
				region = d.Place.Code
			}
			if len(o.Frequencies) > 0 {
				period = string(o.Frequencies[0].Period)
			}
			if len(o.Sectors) > 0 {
				sector = o.Sectors[0]
			}
			f.Add("安全", unit, unit, "", string(d.Level), d.Issuer, region, d.DocNumber, period, sector, string(o.Modality), "2024-06-30", d.PlanYear, d.ID, 0, 0)
		}
	}
	f.Add("", "", "", "市应急局", "city", "", "14", "", "", "", "", "", 0, "", 5, 1)
	f.Add("会议", "", "", "", "no-such-level", " ", "\x00", "〔", "fortnight", "", "may", "2024-02-30", -1, "d-none", -1, -1)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, text, unit, lead, support, level, issuer, region, docNumber, period, sector, modality, due string, year int, docID string, limit, offset int) {
		q := Query{Text: text, Unit: unit, Lead: lead, Support: support, Level: level, Issuer: issuer, Region: region,
			DocNumber: docNumber, Period: period, Sector: sector, Modality: modality, DueBefore: due, Year: year,
			DocID: docID, Limit: limit, Offset: offset, Facets: true}
		r, err := ix.Search(ctx, q)
		if err != nil {
			if due == "" {
				t.Fatalf("Search(%+v): %v", q, err)
			}
			return
		}
		all, err := ix.Search(ctx, Query{Text: text})
		if err != nil {
			t.Fatalf("Search(%q): %v", text, err)
		}
		if r.Total > all.Total {
			t.Fatalf("filters found %d obligations, the words alone %d", r.Total, all.Total)
		}
		if uint64(len(r.Hits)) > r.Total {
			t.Fatalf("%d hits of a total of %d", len(r.Hits), r.Total)
		}
		for _, h := range r.Hits {
			if (level != "" && h.Level != level) || (docID != "" && h.Doc != docID) ||
				(period != "" && !slices.Contains(h.Periods, period)) || (sector != "" && !slices.Contains(h.Sectors, sector)) {
				t.Fatalf("hit %s (level %q, doc %s, periods %q, sectors %q) does not match %+v", h.ID, h.Level, h.Doc, h.Periods, h.Sectors, q)
			}
		}
	})
}
