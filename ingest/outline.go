package ingest

import (
	"strings"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
)

// buildOutline parses the numbered tree of a document's body lines
// [start, end). off[i] is the byte offset of line i in the document text
// and bodyEnd the offset where the body ends.
//
// Nesting follows the order in which numbering styles appear: a style
// already open on the stack closes everything below it and becomes a
// sibling; a new style opens a child. Decimal headings (1 总则, 1.1, 1.1.1)
// are a style per count of numbers, so 1.1 nests under 1 and 1.1.1 under
// 1.1. So items that restart (or continue)
// their numbering under a new parent stay under it, and numbering that
// skips (（一）（二）（四） after a deleted item) or runs out of order
// (sections swapped) keeps every later item in its place: the number is
// recorded as written, never checked against its neighbours. Table rows,
// metadata, signature blocks and attachment lists (附件：1. … 2. …) are
// no items. In a body without numbered items, Markdown headings become
// the blocks (flat, depth 1); elsewhere a heading without a number is text.
func buildOutline(ls []line, off []int, start, end, bodyEnd int) []*corpus.Block {
	var roots []*corpus.Block
	var stack []*corpus.Block
	var dots []int // the decimal depth of each block on the stack
	var flat []*corpus.Block
	numbered := false // whether the body has numbered items at all
	for i := start; i < end; i++ {
		if _, ok := parseMarker(ls[i].fold); ok && !ls[i].aside && !ls[i].row {
			numbered = true
			break
		}
	}
	for i := start; i < end; i++ {
		l := ls[i]
		if l.aside || l.row {
			continue
		}
		// Markers are read on the fold (⼀、 from a PDF is 一、), the
		// number kept as written.
		m, ok := parseMarker(l.fold)
		m.number = l.text[:len(m.number)]
		if !ok {
			if !l.heading || numbered {
				continue
			}
			m = itemMarker{kind: corpus.MarkerHeading}
		}
		b := &corpus.Block{Number: m.number, Marker: m.kind}
		b.Span.Start = off[i]
		b.Lead = leadSpan(l, m.end, off[i])
		b.Body.Start = off[i] + m.end
		// Find where the block sits.
		pos := len(stack)
		if m.kind == corpus.MarkerHeading {
			pos = 0
		} else {
			for j, s := range stack {
				if s.Marker == m.kind && dots[j] == m.dots {
					pos = j
					break
				}
			}
		}
		stack, dots = stack[:pos], dots[:pos]
		b.Depth = pos + 1
		if pos == 0 {
			roots = append(roots, b)
		} else {
			p := stack[pos-1]
			p.Children = append(p.Children, b)
		}
		stack, dots = append(stack, b), append(dots, m.dots)
		flat = append(flat, b)
	}
	// Ends: a block runs to the next block at its depth or above, or to the
	// end of the body; its own text stops at its first child.
	for k, b := range flat {
		e := bodyEnd
		for _, n := range flat[k+1:] {
			if n.Depth <= b.Depth {
				e = n.Span.Start - 1 // the newline before the next block
				break
			}
		}
		b.Span.End = max(e, b.Span.Start)
		b.Body.End = b.Span.End
		if len(b.Children) > 0 {
			b.Body.End = max(b.Body.Start, b.Children[0].Span.Start-1)
		}
		if b.Lead.End > b.Body.End {
			b.Lead.End = b.Body.End
		}
	}
	return roots
}

// leadSpan finds an item's lead phrase: the bold run that opens the item
// (Markdown **…**, HTML <strong>, Word bold), else the text after the
// number up to the first 。！？ — without the closing punctuation.
func leadSpan(l line, from, base int) corpus.Span {
	t := l.text
	s, e := from, -1
	for _, g := range l.bold {
		if g.s <= from+3 && g.e > from {
			s, e = max(g.s, from), g.e
			break
		}
	}
	if e < 0 {
		e = len(t)
		if k := fullStops.index(t[from:]); k >= 0 {
			e = from + k
		}
	}
	// Trim closing punctuation and spaces.
	for e > s {
		r, size := utf8.DecodeLastRuneInString(t[s:e])
		if r == '。' || r == '！' || r == '？' || r == ' ' || r == '：' || r == ':' || r == '；' {
			e -= size
			continue
		}
		break
	}
	return corpus.Span{Start: base + s, End: base + e}
}

// spaceDecimalParents restores the space a page lost after the number of
// a decimal heading that opens a section (3预防和预警机制 over 3.1 防汛准备):
// a line of a bare number glued to a short title is that section's
// heading when the next line is its first subsection N.1. Without the
// space it would be read as a number glued to a word.
func spaceDecimalParents(ls []line) {
	for i := 0; i+1 < len(ls); i++ {
		t := ls[i].text
		if t == "" || !isDigit(rune(t[0])) || ls[i].row {
			continue // most lines
		}
		_, n := arabicNumber(t)
		if n == 0 || n == len(t) || isSpace(rune(t[n])) || t[n] == '.' {
			continue
		}
		spaced := t[:n] + " " + t[n:]
		if _, ok := decimalHeading(spaced); !ok {
			continue
		}
		next, ok := decimalHeading(ls[i+1].text)
		if !ok || next.dots != 2 || next.value != 1 || !strings.HasPrefix(next.number, t[:n]+".") && !strings.HasPrefix(next.number, t[:n]+"．") {
			continue
		}
		ls[i].text = spaced
		for k, g := range ls[i].bold {
			if g.s >= n {
				ls[i].bold[k].s++
			}
			if g.e > n {
				ls[i].bold[k].e++
			}
		}
	}
}
