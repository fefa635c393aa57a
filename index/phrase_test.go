package index

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// asBleve returns q with each pairPhrase replaced by the MultiPhraseQuery of
// bleve that it stands for.
func asBleve(q query.Query) query.Query {
	switch q := q.(type) {
	case pairPhrase:
		slots := make([][]string, len(q.terms))
		for i, t := range q.terms {
			if t != "" {
				slots[i] = []string{t}
			}
		}
		return query.NewMultiPhraseQuery(slots, fieldPairs)
	case *query.ConjunctionQuery:
		out := make([]query.Query, len(q.Conjuncts))
		for i, c := range q.Conjuncts {
			out[i] = asBleve(c)
		}
		return query.NewConjunctionQuery(out)
	case filter:
		return filter{asBleve(q.Query)}
	}
	return q
}

// TestPairPhraseAsBleve checks that a phrase finds, on a corpus of real
// sentences, the same hits with the same scores in the same order as
// bleve's own phrase query of the same pairs: phrases of frequent words,
// with a gap (punctuation), with a pair twice, absent, and each behind a
// filter rarer than itself, which makes the conjunction skip (Advance)
// rather than step through it.
func TestPairPhraseAsBleve(t *testing.T) {
	ix, err := Open(filepath.Join(t.TempDir(), "index"), seg(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	s := newSynth(t, 2000)
	for i := range s.docs() {
		if err := ix.Add(context.Background(), s.doc(i)); err != nil {
			t.Fatal(err)
		}
	}
	for _, text := range []string{
		`"安全生产责任"`, `"召开一次会议"`, `"安全生产工作"`, `"安全生产，责任"`, `"会议，分析研判"`, `"生产经营单位、安全生产"`,
		`"安全生产管理人员安全生产"`, `"安全标准和农村安全标准"`, `"应急预案和专项应急预案"`, `"生产安全生产"`,
		`"落实安全生产责任制"`, `"隐患排查治理"`, `"安全生产生产安全"`, `"会议召开一次"`,
	} {
		for _, q := range []Query{{Text: text}, {Text: text, Level: "city"}, {Text: text, Period: "month"}} {
			mine, err := ix.build(q)
			if err != nil {
				t.Fatal(err)
			}
			run := func(bq query.Query) *bleve.SearchResult {
				res, err := ix.b.Search(bleve.NewSearchRequestOptions(bq, 10000, 0, false))
				if err != nil {
					t.Fatal(err)
				}
				return res
			}
			got, want := run(mine), run(asBleve(mine))
			if got.Total != want.Total || len(got.Hits) != len(want.Hits) {
				t.Errorf("%+v: %d hits, bleve's phrase %d", q, got.Total, want.Total)
				continue
			}
			for i := range got.Hits {
				if g, w := got.Hits[i], want.Hits[i]; g.ID != w.ID || g.Score != w.Score {
					t.Errorf("%+v: hit %d is %s (%v), bleve's phrase %s (%v)", q, i, g.ID, g.Score, w.ID, w.Score)
					break
				}
			}
			if q.Level == "" && q.Period == "" {
				t.Logf("%s: %d hits", text, got.Total)
			}
		}
	}
}

// TestPairPhraseHolds checks the test of positions on the locations a
// conjunction hands over: each term's in order, those of a term twice in
// the phrase twice over.
func TestPairPhraseHolds(t *testing.T) {
	loc := func(term string, pos ...uint64) []search.FieldTermLocation {
		var out []search.FieldTermLocation
		for _, p := range pos {
			out = append(out, search.FieldTermLocation{Field: fieldPairs, Term: term, Location: search.Location{Pos: p}})
		}
		return out
	}
	cat := func(ls ...[]search.FieldTermLocation) []search.FieldTermLocation { return slices.Concat(ls...) }
	tests := []struct {
		name  string
		terms []string
		locs  []search.FieldTermLocation
		want  bool
	}{
		{"in a row", []string{"a", "b"}, cat(loc("a", 3, 7), loc("b", 8)), true},
		{"not in a row", []string{"a", "b"}, cat(loc("a", 3, 7), loc("b", 5, 9)), false},
		{"in the wrong order", []string{"a", "b"}, cat(loc("a", 4), loc("b", 3)), false},
		{"gap stands for any", []string{"a", "", "b"}, cat(loc("a", 2), loc("b", 4)), true},
		{"gap is one word", []string{"a", "", "b"}, cat(loc("a", 2), loc("b", 3, 5)), false},
		{"term twice", []string{"a", "b", "a"}, cat(loc("a", 1, 9, 30), loc("b", 10), loc("a", 1, 9, 30)), false},
		{"term twice, in a row", []string{"a", "b", "a"}, cat(loc("a", 1, 9, 11, 30), loc("b", 10), loc("a", 1, 9, 11, 30)), true},
		{"term twice, late", []string{"a", "b", "a"}, cat(loc("a", 2, 4, 6, 8, 20, 22), loc("b", 21), loc("a", 2, 4, 6, 8, 20, 22)), true},
		{"missing term", []string{"a", "b"}, loc("a", 1), false},
	}
	for _, tt := range tests {
		s := &pairPhraseSearcher{terms: tt.terms, pos: make([][]uint64, len(tt.terms))}
		if got := s.holds(tt.locs); got != tt.want {
			t.Errorf("%s: holds = %v, want %v", tt.name, got, tt.want)
		}
	}
}
