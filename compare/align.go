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
	maxPosting = 64 // postings of a term that seeks: rarer terms only
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
	c := newCutter(seg)
	c.prefetch(a, b)
	ba, bb := c.oblBags(m, a), c.oblBags(m, b)
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

// cutter cuts texts into words for one comparison, each distinct text
// once (two versions of a document share most of their sentences), and
// weighs each once the model is complete.
type cutter struct {
	seg   *segment.Segmenter
	index map[string]int // text → its number in cuts
	cuts  []cut
	vecs  []vec  // by number, once weighed
	done  []bool // which vecs are weighed
}

// cut is a text cut into its features and the kinds of act it names.
type cut struct {
	bag     bag
	actions actionSet
	quotes  []string
}

func newCutter(seg *segment.Segmenter) *cutter {
	return &cutter{seg: seg, index: map[string]int{}}
}

// text returns the number of a text, cutting it the first time.
func (c *cutter) text(s string) int {
	if k, ok := c.index[s]; ok {
		return k
	}
	return c.store(s, c.cutText(s))
}

func (c *cutter) store(s string, k cut) int {
	c.index[s] = len(c.cuts)
	c.cuts = append(c.cuts, k)
	c.vecs = append(c.vecs, nil)
	c.done = append(c.done, false)
	return len(c.cuts) - 1
}

// cutText cuts s; it is safe to call concurrently.
func (c *cutter) cutText(s string) cut {
	toks := c.seg.Tokens(s, true)
	k := cut{bag: tokenFeatures(s, toks)}
	for _, t := range toks {
		k.actions |= actionOf[t.Text]
	}
	for _, q := range quotes(s) {
		k.quotes = append(k.quotes, normalize(q))
	}
	sort.Strings(k.quotes)
	return k
}

// prefetch cuts the distinct texts and headings of the obligations of
// each list on every processor, so that oblBags finds them cut.
func (c *cutter) prefetch(lists ...[]corpus.Obligation) {
	var texts []string
	seen := map[string]bool{}
	add := func(s string) {
		if s == "" || seen[s] {
			return
		}
		seen[s] = true
		if _, ok := c.index[s]; !ok {
			texts = append(texts, s)
		}
	}
	for _, obls := range lists {
		for i := range obls {
			add(obls[i].Text)
			add(strings.TrimSpace(obls[i].Heading))
		}
	}
	cuts := make([]cut, len(texts))
	forEach(len(texts), func(i int) { cuts[i] = c.cutText(texts[i]) })
	for i, s := range texts {
		c.store(s, cuts[i])
	}
}

// vector returns the weighed vector of text number k, weighing it once.
func (c *cutter) vector(m *model, k int) vec {
	if k < 0 {
		return nil
	}
	if !c.done[k] {
		c.vecs[k], c.done[k] = m.vector(c.cuts[k].bag), true
	}
	return c.vecs[k]
}

// oblSide is one document's obligations cut into words, before weighting:
// the numbers of their texts and headings (-1 for none) in a cutter.
type oblSide struct {
	c          *cutter
	text, head []int
}

// oblBags cuts the obligations of one document into words and adds them
// to m: each obligation's text, and each distinct heading once.
func (c *cutter) oblBags(m *model, obls []corpus.Obligation) *oblSide {
	s := &oblSide{c: c, text: make([]int, len(obls)), head: make([]int, len(obls))}
	heads := map[int]bool{}
	for i := range obls {
		s.text[i] = c.text(obls[i].Text)
		m.add(c.cuts[s.text[i]].bag)
		s.head[i] = -1
		if h := strings.TrimSpace(obls[i].Heading); h != "" {
			s.head[i] = c.text(h)
			if !heads[s.head[i]] {
				heads[s.head[i]] = true
				m.add(c.cuts[s.head[i]].bag)
			}
		}
	}
	return s
}

// items weighs the obligations once the model has seen both sides.
func (s *oblSide) items(m *model) []item {
	out := make([]item, len(s.text))
	for i, k := range s.text {
		ct := &s.c.cuts[k]
		out[i] = item{own: s.c.vector(m, k), head: s.c.vector(m, s.head[i]), quotes: ct.quotes, actions: ct.actions, pos: relPos(i, len(s.text))}
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
			post[t.id] = append(post[t.id], posting{int32(j), t.w})
		}
	}
	acc := make([]float64, len(b))
	var touched []int32
	var seek vec
	var cands []candidate
	for i := range a {
		// The heaviest terms that other items hold and that are not
		// common; all of them ranked would cost a sort per item.
		seek = seek[:0]
		rarest := term{id: -1}
		for _, t := range a[i].whole() {
			if len(post[t.id]) == 0 {
				continue
			}
			if rarest.id < 0 || m.df[t.id] < m.df[rarest.id] {
				rarest = t
			}
			if m.common(t.id) {
				continue
			}
			k := len(seek)
			if k < seekTerms {
				seek = append(seek, t)
			} else if heavier(t, seek[k-1]) {
				k--
				seek[k] = t
			} else {
				continue
			}
			for ; k > 0 && heavier(seek[k], seek[k-1]); k-- {
				seek[k], seek[k-1] = seek[k-1], seek[k]
			}
		}
		visit := func(t term, ps []posting) {
			for _, p := range ps {
				if acc[p.item] == 0 {
					touched = append(touched, p.item)
				}
				acc[p.item] += float64(t.w) * float64(p.w)
			}
		}
		for _, t := range seek {
			visit(t, post[t.id])
		}
		if len(touched) == 0 && rarest.id >= 0 {
			// Only common words: seek through the rarest of them, among
			// the partners near the item's own place in the document.
			visit(rarest, near(post[rarest.id], a[i].pos, len(b)))
		}
		if len(touched) > candidates {
			selectTop(touched, acc, candidates)
		}
		for k, j := range touched {
			if k < candidates {
				if s, w, ok := score(&a[i], &b[j], opt); ok && s >= floor {
					cands = append(cands, candidate{a: int32(i), b: j, score: s, words: w})
				}
			}
			acc[j] = 0
		}
		touched = touched[:0]
	}
	return assign(cands, len(a), len(b), opt)
}

// heavier orders terms by weight, then by id.
func heavier(x, y term) bool { return x.w > y.w || x.w == y.w && x.id < y.id }

// near returns the postings of ps (in item order) within maxPosting/2
// items of relative position pos among n items.
func near(ps []posting, pos float64, n int) []posting {
	at := int32(pos * float64(n-1))
	lo := sort.Search(len(ps), func(k int) bool { return ps[k].item >= at-maxPosting/2 })
	hi := sort.Search(len(ps), func(k int) bool { return ps[k].item > at+maxPosting/2 })
	return ps[lo:hi]
}

// selectTop moves the k items of ids with the highest acc (ties by the
// lower id) to the front of ids, in no particular order: a quickselect,
// linear on average.
func selectTop(ids []int32, acc []float64, k int) {
	better := func(x, y int32) bool {
		if acc[x] != acc[y] {
			return acc[x] > acc[y]
		}
		return x < y
	}
	lo, hi := 0, len(ids)-1
	for lo < hi {
		// Median of three as the pivot keeps sorted input linear.
		mid := lo + (hi-lo)/2
		if better(ids[mid], ids[lo]) {
			ids[mid], ids[lo] = ids[lo], ids[mid]
		}
		if better(ids[hi], ids[lo]) {
			ids[hi], ids[lo] = ids[lo], ids[hi]
		}
		if better(ids[hi], ids[mid]) {
			ids[hi], ids[mid] = ids[mid], ids[hi]
		}
		pivot := ids[mid]
		i, j := lo, hi
		for i <= j {
			for better(ids[i], pivot) {
				i++
			}
			for better(pivot, ids[j]) {
				j--
			}
			if i <= j {
				ids[i], ids[j] = ids[j], ids[i]
				i++
				j--
			}
		}
		switch {
		case k-1 <= j:
			hi = j
		case k-1 >= i:
			lo = i
		default:
			return
		}
	}
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
