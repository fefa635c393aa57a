package compare

import (
	"math"
	"sort"
	"strings"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/segment"
)

// Options tunes an alignment.
type Options struct {
	// Threshold is the least score of a one-to-one match.
	Threshold float64
	// MergeThreshold, when above zero, lets an item of either list that
	// found no partner of its own share one already taken, at this least
	// score: a lower-level plan folds several duties into one sentence, or
	// spreads one over two.
	MergeThreshold float64
	// QuoteBonus is added to the score of two items that quote the same
	// slogan (“三违”, “五到位”): levels restate a duty in their own words but
	// keep its slogan.
	QuoteBonus float64
	// SameAction, when set, pairs two items only if they do the same kind
	// of act (see actionFamilies) and share words of their own, not only
	// of their headings: 召开会议 is not 开展检查 whatever the topic.
	SameAction bool
}

// DiffOptions returns the alignment used between two versions of one
// document: one-to-one, with a threshold that keeps rewording and rejects
// mere likeness of topic.
func DiffOptions() Options { return Options{Threshold: 0.45} }

// CompareOptions returns the alignment used between an upper-level document
// (first) and a lower-level one (second): looser, since a town restates a
// city's duty in its own words, many-to-one, and only between duties that
// do the same kind of act.
func CompareOptions() Options {
	return Options{Threshold: 0.35, MergeThreshold: 0.42, QuoteBonus: 0.2, SameAction: true}
}

// Bonuses added to the text cosine: the structure is a minor signal that
// breaks near ties (the same sentence under two headings) but cannot make a
// match alone.
const (
	headingBonus  = 0.10
	positionBonus = 0.03
)

// minOwnCos is the least cosine of two items' own words (without their
// context) for a pair with SameAction: context tells what a duty is
// about, but two duties are one only if they say the same thing.
const minOwnCos = 0.2

// Candidate generation: each item seeks partners through its rarest
// terms only, and only the partners that share the most weight with it
// there are scored in full, so the cost grows with the number of items,
// not with their product.
const (
	seekTerms  = 8  // terms of an item that seek its candidates
	candidates = 24 // candidates of an item scored in full
)

// Pair is two aligned items: indexes into the first and second list, and
// their score (cosine plus small structure bonuses, at most 1).
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
	ba, bb := oblBags(seg, m, a), oblBags(seg, m, b)
	return align(ba.items(m), bb.items(m), m, opt)
}

// item is one thing to align: an obligation, or a part of one.
type item struct {
	// sector and topics are a part's (see part); an obligation has none.
	sector, topics []string
	own            vec // its own words
	full           vec // its own words and its context; nil when it has none
	head           vec // its heading, for the heading bonus; nil when unused
	quotes         []string
	actions        actionSet
	pos            float64 // relative position in its document, 0 … 1
}

func (it *item) whole() vec {
	if it.full != nil {
		return it.full
	}
	return it.own
}

// oblSide is one document's obligations cut into words, before weighting.
type oblSide struct {
	text    []bag
	head    []bag
	quotes  [][]string
	actions []actionSet
}

// oblBags cuts the obligations of one document into words and adds them
// to m.
func oblBags(seg *segment.Segmenter, m *model, obls []corpus.Obligation) *oblSide {
	s := &oblSide{text: make([]bag, len(obls)), head: make([]bag, len(obls)),
		quotes: make([][]string, len(obls)), actions: make([]actionSet, len(obls))}
	heads := map[string]bag{}
	for i := range obls {
		text := obls[i].Text
		toks := seg.Tokens(text, true)
		s.text[i] = tokenFeatures(text, toks)
		m.add(s.text[i])
		for _, t := range toks {
			s.actions[i] |= actionOf[t.Text]
		}
		for _, q := range quotes(text) {
			s.quotes[i] = append(s.quotes[i], normalize(q))
		}
		sort.Strings(s.quotes[i])
		h := strings.TrimSpace(obls[i].Heading)
		if h == "" {
			continue
		}
		hb, ok := heads[h]
		if !ok {
			hb = features(seg, h)
			heads[h] = hb
			m.add(hb)
		}
		s.head[i] = hb
	}
	return s
}

// items weighs the bags once the model has seen both sides.
func (s *oblSide) items(m *model) []item {
	out := make([]item, len(s.text))
	for i := range s.text {
		out[i] = item{own: m.vector(s.text[i]), quotes: s.quotes[i], actions: s.actions[i], pos: relPos(i, len(s.text))}
		if s.head[i] != nil {
			out[i].head = m.vector(s.head[i])
		}
	}
	return out
}

// posting is one item of b holding a term, with the term's weight there.
type posting struct {
	item int32
	w    float32
}

// candidate is a scored pair before assignment: its score, and the part
// of it that the words alone make (without the slogan bonus).
type candidate struct {
	a, b         int32
	score, words float64
}

// align assigns pairs greedily, best score first, among the candidates
// each item of a finds through the rarest terms it shares with b.
func align(a, b []item, m *model, opt Options) Alignment {
	floor := opt.Threshold
	if opt.MergeThreshold > 0 && opt.MergeThreshold < floor {
		floor = opt.MergeThreshold
	}
	post := make([][]posting, len(m.df))
	for j := range b {
		for _, t := range b[j].whole() {
			if !m.common(t.id) {
				post[t.id] = append(post[t.id], posting{int32(j), t.w})
			}
		}
	}
	acc := make([]float64, len(b))
	var touched []int32
	var seek vec
	var cands []candidate
	for i := range a {
		seek = append(seek[:0], a[i].whole()...)
		sort.Slice(seek, func(x, y int) bool {
			if seek[x].w != seek[y].w {
				return seek[x].w > seek[y].w
			}
			return seek[x].id < seek[y].id
		})
		n := 0
		for _, t := range seek {
			if n == seekTerms {
				break
			}
			if m.common(t.id) {
				continue
			}
			n++
			for _, p := range post[t.id] {
				if acc[p.item] == 0 {
					touched = append(touched, p.item)
				}
				acc[p.item] += float64(t.w) * float64(p.w)
			}
		}
		if len(touched) > candidates {
			sort.Slice(touched, func(x, y int) bool {
				if acc[touched[x]] != acc[touched[y]] {
					return acc[touched[x]] > acc[touched[y]]
				}
				return touched[x] < touched[y]
			})
		}
		for k, j := range touched {
			acc[j] = 0
			if k >= candidates {
				continue
			}
			if s, w, ok := score(&a[i], &b[j], opt); ok && s >= floor {
				cands = append(cands, candidate{a: int32(i), b: j, score: s, words: w})
			}
		}
		touched = touched[:0]
	}
	return assign(cands, len(a), len(b), opt)
}

// score returns the score of a pair and the part of it its words make
// (without the slogan bonus), and false when it cannot be a pair.
func score(a, b *item, opt Options) (float64, float64, bool) {
	own := dot(a.own, b.own)
	quoted := shareAny(a.quotes, b.quotes)
	// A slogan both quote names the duty (“一票否决”, “双报告”), whatever
	// verbs go with it.
	if opt.SameAction && (own < minOwnCos || !quoted && !sameAction(a.actions, b.actions) ||
		!inSector(a.sector, b.topics) || !inSector(b.sector, a.topics)) {
		return 0, 0, false
	}
	s := own
	if a.full != nil || b.full != nil {
		s = dot(a.whole(), b.whole())
	}
	s += headingBonus*dot(a.head, b.head) + positionBonus*(1-math.Abs(a.pos-b.pos))
	w := s
	if opt.QuoteBonus > 0 && quoted {
		s += opt.QuoteBonus
	}
	return math.Min(s, 1), w, true
}

// assign takes the candidates best first, one to one; with
// opt.MergeThreshold set, each item left over then joins its best partner,
// on the strength of its words alone: a slogan two duties share does not
// make a third the same.
func assign(cands []candidate, na, nb int, opt Options) Alignment {
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
	usedA := make([]bool, na)
	usedB := make([]bool, nb)
	var al Alignment
	for _, c := range cands {
		if c.score < opt.Threshold || usedA[c.a] || usedB[c.b] {
			continue
		}
		usedA[c.a], usedB[c.b] = true, true
		al.Pairs = append(al.Pairs, Pair{A: int(c.a), B: int(c.b), Score: round(c.score)})
	}
	if opt.MergeThreshold > 0 {
		for _, c := range cands {
			if c.words < opt.MergeThreshold || (usedA[c.a] && usedB[c.b]) {
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

// inSector reports whether a duty with the given topics may belong to a
// sector: there is no sector to belong to, or the topics name it (a duty
// under 非煤矿山 that never says 煤矿 is not a duty of the 煤矿 heading).
func inSector(sector, topics []string) bool {
	if len(sector) == 0 {
		return true
	}
	for _, s := range sector {
		i := sort.SearchStrings(topics, s)
		if i < len(topics) && topics[i] == s {
			return true
		}
	}
	return false
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
