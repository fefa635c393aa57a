package ingest

import (
	"github.com/dutymap/dutymap/corpus"
)

// passages returns the runs of body lines [start, end) outside the
// outline that may carry provisions, in reading order: the preamble, a
// cover notice before its attached plan, text after the last item. Table
// rows (they are in Document.Tables), headings (the attached plan's
// title), signature blocks, metadata lines and attachment lists are left
// out, and a run stops at each of them.
func passages(ls []line, off []int, start, end int, roots []*corpus.Block) []corpus.Span {
	var out []corpus.Span
	cur := corpus.Span{Start: -1}
	k := 0 // next root block
	emit := func() {
		if cur.Start >= 0 {
			out = append(out, cur)
			cur.Start = -1
		}
	}
	for i := start; i < end; i++ {
		s := off[i]
		for k < len(roots) && roots[k].Span.End < s {
			k++
		}
		inBlock := k < len(roots) && roots[k].Span.Start <= s && s < roots[k].Span.End+1
		if inBlock || ls[i].row || ls[i].aside || ls[i].heading {
			emit()
			continue
		}
		if cur.Start < 0 {
			cur.Start = s
		}
		cur.End = s + len(ls[i].text)
	}
	emit()
	return out
}
