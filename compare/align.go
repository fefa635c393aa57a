package compare

import (
	"math"
	"sort"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/segment"
)

// Options tunes an alignment.
type Options struct {
	// Threshold is the least score of a one-to-one match.
	Threshold float64
	// MergeThreshold, when above zero, lets an obligation of either list
	// that found no partner of its own share one already taken, at this least
	// score: a lower-level plan folds several duties into one sentence, or
	// spreads one over two.
	MergeThreshold float64
	// QuoteBonus is added to the score of two obligations that quote the
	// same slogan (“三违”, “五到位”): levels restate a duty in their own words
	// but keep its slogan.
	QuoteBonus float64
	// Clauses, when above zero, lets the best match between a clause of one
	// obligation and a clause of the other stand for the whole, scaled by
	// this factor: an upper duty's sentence lists several duties that a
	// lower plan takes up one by one.
	Clauses float64
}

// DiffOptions returns the alignment used between two versions of one
// document: one-to-one, with a threshold that keeps rewording and rejects
// mere likeness of topic.
func DiffOptions() Options { return Options{Threshold: 0.45} }

// CompareOptions returns the alignment used between an upper-level document
// (first) and a lower-level one (second): looser, since a town restates a
// city's duty in its own words, and many-to-one.
func CompareOptions() Options {
	return Options{Threshold: 0.35, MergeThreshold: 0.42, QuoteBonus: 0.2, Clauses: 0.8}
}

// Bonuses added to the text cosine: the structure is a minor signal that
// breaks near ties (the same sentence under two headings) but cannot make a
// match alone.
const (
	headingBonus  = 0.10
	positionBonus = 0.03
)

// minClauseCos is the least sentence cosine at which clauses are compared:
// below it two sentences share too little for any clause to match.
const minClauseCos = 0.1

// Pair is two aligned obligations: indexes into the first and second list,
// and their score (text cosine plus small structure bonuses, at most 1).
type Pair struct {
	A      int     `json:"a"`
	B      int     `json:"b"`
	Score  float64 `json:"score"`
	Merged bool    `json:"merged,omitempty"` // B was already the partner of another A
}

// Alignment says which obligations of two lists are the same duty.
type Alignment struct {
	Pairs []Pair `json:"pairs"`  // sorted by A, then B
	OnlyA []int  `json:"only_a"` // indexes of A's obligations with no partner
	OnlyB []int  `json:"only_b"` // indexes of B's obligations with no partner
}

// Align pairs the obligations of a with those of b by the similarity of their
// words (TF-IDF cosine over gse words, boilerplate such as 进一步/加强/落实
// weighted down) and, as a minor signal, of their headings and positions.
// Pairs are one-to-one, best score first; with opt.MergeThreshold set, an
// obligation of a left over may also join a partner already taken.
// Rewording, reordering and moves between sections keep pairs together.
func Align(seg *segment.Segmenter, a, b []corpus.Obligation, opt Options) Alignment {
	m := newModel()
	sa, sb := cut(seg, m, a, opt.Clauses > 0), cut(seg, m, b, opt.Clauses > 0)
	sa.weigh(m)
	sb.weigh(m)
	return align(sa, sb, opt)
}

// candidate is a scored pair before assignment.
type candidate struct {
	a, b  int32
	score float64
}

// align assigns pairs greedily on the candidates found through b's inverted
// index, so the cost follows the shared words, not len(a)×len(b).
func align(a, b *side, opt Options) Alignment {
	floor := opt.Threshold
	if opt.MergeThreshold > 0 && opt.MergeThreshold < floor {
		floor = opt.MergeThreshold
	}
	minCos := floor - headingBonus - positionBonus - opt.QuoteBonus
	acc := make([]float64, len(b.obls))
	var touched []int32
	var cands []candidate
	for i, v := range a.text {
		for _, t := range v {
			for _, p := range b.post[t.id] {
				if acc[p.obl] == 0 {
					touched = append(touched, p.obl)
				}
				acc[p.obl] += float64(t.w) * float64(p.w)
			}
		}
		for _, j := range touched {
			c := acc[j]
			acc[j] = 0
			if opt.Clauses > 0 && c >= minClauseCos {
				c = math.Max(c, opt.Clauses*clauseSim(a.clauses[i], b.clauses[j]))
			}
			if c < minCos {
				continue
			}
			s := c + headingBonus*dot(a.head[i], b.head[j]) +
				positionBonus*(1-math.Abs(relPos(i, len(a.obls))-relPos(int(j), len(b.obls))))
			if opt.QuoteBonus > 0 && shareAny(a.quotes[i], b.quotes[j]) {
				s += opt.QuoteBonus
			}
			if s > 1 {
				s = 1
			}
			if s >= floor {
				cands = append(cands, candidate{a: int32(i), b: j, score: s})
			}
		}
		touched = touched[:0]
	}
	sort.Slice(cands, func(x, y int) bool {
		cx, cy := cands[x], cands[y]
		if cx.score != cy.score {
			return cx.score > cy.score
		}
		if cx.a != cy.a {
			return cx.a < cy.a
		}
		return cx.b < cy.b
	})

	usedA := make([]bool, len(a.obls))
	usedB := make([]bool, len(b.obls))
	var al Alignment
	for _, c := range cands {
		if c.score < opt.Threshold || usedA[c.a] || usedB[c.b] {
			continue
		}
		usedA[c.a], usedB[c.b] = true, true
		al.Pairs = append(al.Pairs, Pair{A: int(c.a), B: int(c.b), Score: round(c.score)})
	}
	if opt.MergeThreshold > 0 {
		// Each leftover joins its best partner, taken or not.
		for _, c := range cands {
			if c.score < opt.MergeThreshold || (usedA[c.a] && usedB[c.b]) {
				continue
			}
			al.Pairs = append(al.Pairs, Pair{A: int(c.a), B: int(c.b), Score: round(c.score), Merged: usedA[c.a] || usedB[c.b]})
			usedA[c.a], usedB[c.b] = true, true
		}
	}
	sort.Slice(al.Pairs, func(x, y int) bool {
		if al.Pairs[x].A != al.Pairs[y].A {
			return al.Pairs[x].A < al.Pairs[y].A
		}
		return al.Pairs[x].B < al.Pairs[y].B
	})
	for i, u := range usedA {
		if !u {
			al.OnlyA = append(al.OnlyA, i)
		}
	}
	for j, u := range usedB {
		if !u {
			al.OnlyB = append(al.OnlyB, j)
		}
	}
	return al
}

// shareAny reports whether two sorted lists have an element in common.
func shareAny(a, b []string) bool {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			return true
		}
	}
	return false
}

func relPos(i, n int) float64 {
	if n <= 1 {
		return 0
	}
	return float64(i) / float64(n-1)
}

// round keeps three decimals so that reports and JSON are stable.
func round(x float64) float64 { return math.Round(x*1000) / 1000 }
