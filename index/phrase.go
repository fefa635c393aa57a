package index

import (
	"context"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// pairPhrase finds pair terms of fieldPairs at consecutive positions: terms[i]
// at position p+i for some p, an empty term standing for any (a gap of the
// phrase). It matches the documents, with the same scores, that bleve's
// MultiPhraseQuery of one term per slot matches; only its check of the
// positions differs. Bleve's phrase searcher turns the term locations of
// every candidate into maps of maps and walks them recursively: for a
// phrase of the most frequent words (安全生产责任, five thousand candidates
// in 100,000 obligations) that was half of the search and 90 % of its
// garbage. Here the positions are compared in place, in buffers reused from
// one candidate to the next.
type pairPhrase struct {
	terms []string
}

// Searcher returns the conjunction of the phrase's terms, read with their
// positions, as bleve's phrase searcher builds it (so that its scores and
// norms are the same), filtered by position.
func (q pairPhrase) Searcher(ctx context.Context, i bindex.IndexReader, _ mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	options.IncludeTermVectors = true
	var terms []search.Searcher
	closeAll := func() {
		for _, t := range terms {
			_ = t.Close()
		}
	}
	for _, t := range q.terms {
		if t == "" {
			continue
		}
		ts, err := searcher.NewTermSearcher(ctx, i, t, fieldPairs, 1, options)
		if err != nil {
			closeAll()
			return nil, err
		}
		terms = append(terms, ts)
	}
	conj, err := searcher.NewConjunctionSearcher(ctx, i, terms, options)
	if err != nil {
		closeAll()
		return nil, err
	}
	return &pairPhraseSearcher{Searcher: conj, terms: q.terms, pos: make([][]uint64, len(q.terms))}, nil
}

// pairPhraseSearcher passes on the matches of its conjunction whose
// positions make the phrase.
type pairPhraseSearcher struct {
	search.Searcher
	terms []string
	pos   [][]uint64 // pos[i]: positions of terms[i] in the candidate, reused
}

// Next implements search.Searcher.
func (s *pairPhraseSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	for {
		dm, err := s.Searcher.Next(ctx)
		if err != nil || dm == nil || s.keep(ctx, dm) {
			return dm, err
		}
	}
}

// Advance implements search.Searcher.
func (s *pairPhraseSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	if err != nil || dm == nil || s.keep(ctx, dm) {
		return dm, err
	}
	return s.Next(ctx)
}

// keep reports whether dm holds the phrase, returning it to the pool when
// not. A kept match carries no term locations: no caller asks bleve for
// them (hits are marked by cutting their text again, see marks).
func (s *pairPhraseSearcher) keep(ctx *search.SearchContext, dm *search.DocumentMatch) bool {
	ok := s.holds(dm.FieldTermLocations)
	if !ok {
		ctx.DocumentMatchPool.Put(dm)
		return false
	}
	dm.FieldTermLocations = dm.FieldTermLocations[:0]
	return true
}

// holds reports whether the locations hold terms[i] at p+i for some p and
// every i whose term is not empty. The locations of a term come in order
// of position from its searcher; a term twice in the phrase has two
// searchers, whose locations (the same) the conjunction concatenates, so
// a position not after the last one kept is one seen already.
func (s *pairPhraseSearcher) holds(locs []search.FieldTermLocation) bool {
	for i := range s.pos {
		s.pos[i] = s.pos[i][:0]
	}
	for _, l := range locs {
		for i, t := range s.terms {
			if n := len(s.pos[i]); t == l.Term && (n == 0 || l.Location.Pos > s.pos[i][n-1]) {
				s.pos[i] = append(s.pos[i], l.Location.Pos)
			}
		}
	}
	// terms[0] is never empty: a phrase starts at a pair (pattern.query).
first:
	for _, p := range s.pos[0] {
		for i := 1; i < len(s.terms); i++ {
			if s.terms[i] == "" {
				continue
			}
			if _, found := slices.BinarySearch(s.pos[i], p+uint64(i)); !found {
				continue first
			}
		}
		return true
	}
	return false
}
