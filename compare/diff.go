package compare

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/segment"
)

// DocInfo identifies a document in a report.
type DocInfo struct {
	ID          string       `json:"id"`
	Source      string       `json:"source"`
	Part        int          `json:"part"`
	Title       string       `json:"title"`
	Issuer      string       `json:"issuer"`
	DocNumber   string       `json:"doc_number"`
	Level       corpus.Level `json:"level"`
	PlanYear    int          `json:"plan_year"`
	Obligations int          `json:"obligations"`
}

func docInfo(p corpus.Parsed) DocInfo {
	d := p.Doc
	return DocInfo{ID: d.ID, Source: d.Source, Part: d.Part, Title: d.Title, Issuer: d.Issuer,
		DocNumber: d.DocNumber, Level: d.Level, PlanYear: d.PlanYear, Obligations: len(p.Obligations)}
}

// Name returns the title, else the source, else the ID: what a report calls
// the document.
func (d DocInfo) Name() string {
	switch {
	case d.Title != "":
		return d.Title
	case d.Source != "":
		return d.Source
	}
	return d.ID
}

// Entry is one duty that differs between two versions of a document: added
// (Old nil), removed (New nil), or present in both with its Changes.
type Entry struct {
	Old     *corpus.Obligation `json:"old,omitempty"`
	New     *corpus.Obligation `json:"new,omitempty"`
	Score   float64            `json:"score,omitempty"`
	Changes []Change           `json:"changes"`
	// Edits is the rune-level diff of the two texts, when they differ.
	Edits []Edit `json:"edits,omitempty"`
}

// Has reports whether the entry has a change of kind k.
func (e Entry) Has(k Kind) bool {
	for _, c := range e.Changes {
		if c.Kind == k {
			return true
		}
	}
	return false
}

// SectionMove is a top-level section that changed place in the order of
// sections (its duties moved with it, so they are not reported as moved).
type SectionMove struct {
	Old     string `json:"old"` // its number in the old document
	New     string `json:"new"` // its number in the new document
	Heading string `json:"heading"`
}

// DiffReport is what changed from one version of a document to the next.
type DiffReport struct {
	Old DocInfo `json:"old"`
	New DocInfo `json:"new"`
	// Entries are the changed duties in the new document's reading order, each
	// removed duty after the new place of the duty that preceded it.
	Entries   []Entry       `json:"entries"`
	Sections  []SectionMove `json:"sections"`
	Unchanged int           `json:"unchanged"` // duties found in both with no change
	Counts    map[Kind]int  `json:"counts"`    // entries by kind of change
}

// Diff aligns the obligations of old and new (see Align) and reports the
// duties added, removed, moved (to another section, or to another place
// among the duties of their own section), reworded (with the changed
// runes), and those whose frequency, deadline, units or modality changed,
// modality with its direction (要 → 必须 and 可 → 应 are stricter).
// Renumbering alone is not a change: a duty is moved when its section's
// counterpart in the new document, found by where most of the section's
// duties went, is not where the duty went, or when its order among the
// duties that stayed in its section changed. Sections whose order changed
// within their parent are reported as section moves, and their duties are
// not reported again.
func Diff(seg *segment.Segmenter, old, new corpus.Parsed) *DiffReport {
	m := newModel()
	c := newCutter(seg)
	c.prefetch(old.Obligations, new.Obligations)
	so, sn := c.oblBags(m, old.Obligations), c.oblBags(m, new.Obligations)
	al := align(so.items(m), sn.items(m), m, DiffOptions())
	return diffReport(old, new, al)
}

func diffReport(old, new corpus.Parsed, al Alignment) *DiffReport {
	r := &DiffReport{Old: docInfo(old), New: docInfo(new), Counts: map[Kind]int{}}
	counter := sectionCounterparts(old.Obligations, new.Obligations, al.Pairs)
	planOld, planNew := old.Doc.PlanYear, new.Doc.PlanYear

	type placed struct {
		key   float64
		entry Entry
	}
	var out []placed
	reordered := reorderedInSection(old.Obligations, new.Obligations, al.Pairs, counter)
	partner := make([]int, len(old.Obligations))
	for i := range partner {
		partner[i] = -1
	}
	for _, p := range al.Pairs {
		partner[p.A] = p.B
		o, n := &old.Obligations[p.A], &new.Obligations[p.B]
		e := Entry{Old: o, New: n, Score: p.Score}
		if moved(o.Path, n.Path, counter) {
			e.Changes = append(e.Changes, Change{Kind: Moved, From: strings.Join(o.Path, " "), To: strings.Join(n.Path, " ")})
		} else if at, ok := reordered[p.A]; ok {
			e.Changes = append(e.Changes, Change{Kind: Moved, From: at[0], To: at[1]})
		}
		if reworded(o, n) {
			e.Changes = append(e.Changes, Change{Kind: Reworded})
		}
		e.Changes = append(e.Changes, factChanges(o, n, planOld, planNew)...)
		e.Changes = append(e.Changes, unitChanges(o, n)...)
		if len(e.Changes) == 0 {
			r.Unchanged++
			continue
		}
		if normalize(o.Text) != normalize(n.Text) {
			e.Edits = DiffText(o.Text, n.Text)
		}
		out = append(out, placed{float64(p.B), e})
	}
	for _, j := range al.OnlyB {
		out = append(out, placed{float64(j), Entry{New: &new.Obligations[j], Changes: []Change{{Kind: Added}}}})
	}
	for _, i := range al.OnlyA {
		// After the new place of the nearest earlier old duty that has one.
		key := -0.5
		for k := i - 1; k >= 0; k-- {
			if partner[k] >= 0 {
				key = float64(partner[k]) + 0.5
				break
			}
		}
		out = append(out, placed{key + float64(i)/float64(len(old.Obligations)+1)*0.1,
			Entry{Old: &old.Obligations[i], Changes: []Change{{Kind: Removed}}}})
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].key < out[b].key })
	for _, p := range out {
		r.Entries = append(r.Entries, p.entry)
		for _, c := range p.entry.Changes {
			r.Counts[c.Kind]++
		}
	}
	r.Sections = sectionMoves(old, new, counter)
	return r
}

// pathKey names the section at depth d of a path.
func pathKey(p []string, d int) string { return strings.Join(p[:d], "\x1f") }

// sectionCounterparts maps each section of the old document (every prefix
// of a duty's path) to the section of the new document where most of its
// aligned duties went; ties go to the same number, then the first in order.
func sectionCounterparts(old, new []corpus.Obligation, pairs []Pair) map[string]string {
	votes := map[string]map[string]int{}
	for _, p := range pairs {
		po, pn := old[p.A].Path, new[p.B].Path
		for d := 1; d <= len(po) && d <= len(pn); d++ {
			ko, kn := pathKey(po, d), pathKey(pn, d)
			if votes[ko] == nil {
				votes[ko] = map[string]int{}
			}
			votes[ko][kn]++
		}
	}
	out := make(map[string]string, len(votes))
	for ko, vs := range votes {
		best, bestN := "", -1
		for kn, n := range vs {
			if n > bestN || (n == bestN && (kn == ko || (best != ko && kn < best))) {
				best, bestN = kn, n
			}
		}
		out[ko] = best
	}
	return out
}

// moved reports whether a duty left the counterpart of one of its sections.
func moved(po, pn []string, counter map[string]string) bool {
	for d := 1; d <= len(po) && d <= len(pn); d++ {
		if counter[pathKey(po, d)] != pathKey(pn, d) {
			return true
		}
	}
	return false
}

// sectionMoves reports the sections whose order changed within their
// parent (the document, for top-level sections): at each level, those
// outside the longest run of sibling sections that kept their relative
// order. A section that moved carries its subsections with it, so they are
// not reported again.
func sectionMoves(old, new corpus.Parsed, counter map[string]string) []SectionMove {
	newPos := map[string]int{}
	for _, o := range new.Obligations {
		for d := 1; d <= len(o.Path); d++ {
			if k := pathKey(o.Path, d); !hasKey(newPos, k) {
				newPos[k] = len(newPos)
			}
		}
	}
	// The sections of the old document under each parent, in order.
	children := map[string][]string{}
	var parents []string
	seen := map[string]bool{}
	for _, o := range old.Obligations {
		for d := 1; d <= len(o.Path); d++ {
			k := pathKey(o.Path, d)
			if seen[k] {
				continue
			}
			seen[k] = true
			parent := pathKey(o.Path, d-1)
			if _, ok := children[parent]; !ok {
				parents = append(parents, parent)
			}
			children[parent] = append(children[parent], k)
		}
	}
	var out []SectionMove
	movedUnder := map[string]bool{}
	for _, parent := range parents {
		if movedUnder[parent] {
			for _, k := range children[parent] {
				movedUnder[k] = true
			}
			continue
		}
		var keys []string
		var seq []int
		for _, k := range children[parent] {
			c, ok := counter[k]
			if !ok || !hasKey(newPos, c) || counter[parent] != parentKey(c) && parent != "" {
				continue // gone, or moved to another parent (its duties are moved)
			}
			keys = append(keys, k)
			seq = append(seq, newPos[c])
		}
		keep := lis(seq)
		for i, k := range keys {
			if !keep[i] {
				movedUnder[k] = true
				out = append(out, SectionMove{Old: spaced(k), New: spaced(counter[k]), Heading: sectionHeading(new.Doc, counter[k])})
			}
		}
	}
	return out
}

func hasKey(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}

// parentKey is the key of the section that holds the section keyed k.
func parentKey(k string) string {
	if i := strings.LastIndex(k, "\x1f"); i >= 0 {
		return k[:i]
	}
	return ""
}

// spaced writes a section key as a path: 一 （三）.
func spaced(k string) string { return strings.ReplaceAll(k, "\x1f", " ") }

// reorderedInSection finds the duties that stayed in their section but
// changed place among its other duties: in each section of the new
// document, the pairs outside the longest run that kept its order. It maps
// the old index of each to its place before and after (一 （三） [2] →
// 一 （三） [4]: the second and the fourth duty of the section). Duties of a
// section that moved as a whole are not reordered within it.
func reorderedInSection(old, new []corpus.Obligation, pairs []Pair, counter map[string]string) map[int][2]string {
	type member struct{ a, b int }
	groups := map[string][]member{}
	var order []string
	for _, p := range pairs {
		po, pn := old[p.A].Path, new[p.B].Path
		if len(po) != len(pn) || moved(po, pn, counter) {
			continue
		}
		k := pathKey(pn, len(pn))
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], member{p.A, p.B})
	}
	rank := func(obls []corpus.Obligation, i int) int {
		n := 0
		for j := i; j >= 0 && pathKey(obls[j].Path, len(obls[j].Path)) == pathKey(obls[i].Path, len(obls[i].Path)); j-- {
			n++
		}
		return n
	}
	out := map[int][2]string{}
	for _, k := range order {
		g := groups[k]
		sort.Slice(g, func(x, y int) bool { return g[x].a < g[y].a })
		seq := make([]int, len(g))
		for i, m := range g {
			seq[i] = m.b
		}
		keep := lis(seq)
		for i, m := range g {
			if !keep[i] {
				out[m.a] = [2]string{
					fmt.Sprintf("%s [%d]", strings.Join(old[m.a].Path, " "), rank(old, m.a)),
					fmt.Sprintf("%s [%d]", strings.Join(new[m.b].Path, " "), rank(new, m.b)),
				}
			}
		}
	}
	return out
}

// lis marks the members of one longest strictly increasing subsequence of s.
func lis(s []int) []bool {
	n := len(s)
	length := make([]int, n)
	prev := make([]int, n)
	best := -1
	for i := range s {
		length[i], prev[i] = 1, -1
		for j := 0; j < i; j++ {
			if s[j] < s[i] && length[j]+1 > length[i] {
				length[i], prev[i] = length[j]+1, j
			}
		}
		if best < 0 || length[i] > length[best] {
			best = i
		}
	}
	keep := make([]bool, n)
	for i := best; i >= 0; i = prev[i] {
		keep[i] = true
	}
	return keep
}

// sectionHeading returns the lead phrase of the top-level section numbered
// num, or "" when the document has no such outline item.
func sectionHeading(d *corpus.Document, num string) string {
	if d == nil {
		return ""
	}
	for _, b := range d.Outline {
		if b.Number == num && b.Lead.End <= len(d.Text) && b.Lead.Start < b.Lead.End {
			return strings.TrimSpace(d.Slice(b.Lead))
		}
	}
	return ""
}
