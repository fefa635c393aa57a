package ingest

import (
	"strings"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
)

// Text dumps of document-sharing sites and law databases lose the lines
// of a document: one page of text per numbered chunk ("1、…", "2、…"), or
// the whole document on one line with single spaces (or nothing) where
// paragraphs ended.

// minChunkRunes is how long the chunks of a paged dump are (except the last).
const minChunkRunes = 150

// joinPageChunks joins the page chunks of a dump into one line: two or
// more lines numbered 1、2、3 … in order that make up the whole file, each
// but the last long and ending mid-sentence (a page cut, not an item's
// end). Lines that are not such a dump come back as they are.
func joinPageChunks(ls []line) []line {
	if len(ls) < 2 {
		return ls
	}
	var b strings.Builder
	for i, l := range ls {
		m, ok := parseMarker(l.text)
		if !ok || m.kind != corpus.MarkerArabic || m.dots > 0 || m.value != i+1 || l.row {
			return ls
		}
		if i < len(ls)-1 && (utf8.RuneCountInString(l.text) < minChunkRunes || terminal(l.text)) {
			return ls
		}
		b.WriteString(l.text[m.end:])
	}
	return []line{cleanLine(line{text: b.String()})}
}

// minGluedRunes is how long a line must be before it is searched for the
// paragraphs glued into it.
const minGluedRunes = 200

// gluedEnds are the sentence ends and colons after which a dump's lost
// paragraph breaks are looked for.
var gluedEnds = newRuneSet("。；！？：:;")

// splitGlued cuts long lines before each numbered item that follows a
// sentence end (。一、 …：（一） …；1、), the paragraph breaks a dump lost.
func splitGlued(ls []line) []line {
	var out []line // a copy, made when the first line is cut
	for j, l := range ls {
		if l.row || len(l.text) < minGluedRunes*3 || !atLeastRunes(l.text, minGluedRunes) {
			if out != nil {
				out = append(out, l)
			}
			continue
		}
		if out == nil {
			out = append(make([]line, 0, len(ls)+len(ls)/4), ls[:j]...)
		}
		t := l.text
		last := 0
		for i := 0; i < len(t); {
			k := gluedEnds.index(t[i:])
			if k < 0 {
				break
			}
			_, size := utf8.DecodeRuneInString(t[i+k:])
			i += k + size
			if i >= len(t) {
				break
			}
			if _, ok := parseMarker(t[i:]); ok && i-last > 0 {
				out = append(out, line{text: t[last:i]})
				last = i
			}
		}
		if last == 0 {
			out = append(out, l)
			continue
		}
		out = append(out, line{text: t[last:]})
	}
	if out == nil {
		return ls
	}
	return out
}

// splitSpaced cuts a long raw line (one that holds a whole document) at
// the runs of spaces that stand for lost line breaks: before a numbered
// item or a label (责任单位：), after a sentence end or a colon, after a
// title, a document number, a note or a short numbered heading. It runs
// before cleaning, which removes spaces between Chinese characters.
func splitSpaced(raw string) []string {
	if len(raw) < 3*minGluedRunes || !strings.ContainsAny(raw, " \u3000") {
		return []string{raw}
	}
	var out []string
	last := 0
	for i := 0; i < len(raw); {
		k := spaces.index(raw[i:])
		if k < 0 {
			break
		}
		i += k
		j := i
		for j < len(raw) {
			r2, s2 := utf8.DecodeRuneInString(raw[j:])
			if r2 != ' ' && r2 != '\u3000' {
				break
			}
			j += s2
		}
		seg := strings.TrimSpace(raw[last:i])
		prev, _ := utf8.DecodeLastRuneInString(seg)
		rest := raw[j:]
		_, item := parseMarker(rest)
		if item || decimalOpens(rest) || gluedEnds.has(prev) || reLabel.MatchString(rest) || reUnitLabel.MatchString(rest) || endsLine(seg) {
			if s := raw[last:i]; strings.TrimSpace(s) != "" {
				out = append(out, s)
			}
			last = j
		}
		i = j
	}
	return append(out, raw[last:])
}

// decimalOpens reports a run of a one-line dump that opens with a decimal
// heading (1.1 编制目的 为…): the number, a space and a title up to the
// next space.
func decimalOpens(rest string) bool {
	if rest == "" || !isDigit(rune(rest[0])) {
		return false // most runs
	}
	m, ok := decimalHeading(rest)
	if ok {
		return true // the heading runs to the end
	}
	k := strings.IndexAny(rest, " \u3000")
	if k < 0 {
		return false
	}
	// The title runs from past the spaces after the number to the next space.
	from := k
	for from < len(rest) {
		r, size := utf8.DecodeRuneInString(rest[from:])
		if r != ' ' && r != '\u3000' {
			break
		}
		from += size
	}
	if m.end = strings.IndexAny(rest[from:], " \u3000"); m.end < 0 {
		return false
	}
	_, ok = decimalHeading(rest[:from+m.end])
	return ok
}

// endsLine reports a run of a one-line dump that is a line of its own: a
// title (ending in its kind of document), a document number, a
// publication note, or a short numbered heading.
func endsLine(seg string) bool {
	n := utf8.RuneCountInString(seg)
	if n == 0 || n > 80 || hasSentence(seg) {
		return false
	}
	if m, ok := parseMarker(seg); ok {
		return n <= 30 && strings.TrimSpace(seg[m.end:]) != "" && !commasColons.in(seg[m.end:])
	}
	if loc := reDocNumber.FindStringIndex(seg); loc != nil && loc[1] == len(seg) {
		return true
	}
	return endsDocKind(seg) && !commas.in(seg) || reNoteEnd.MatchString(seg)
}

// reNoteEnd is a run that ends in a publication note: …（此件公开发布）.
var reNoteEnd = compile(`[（(][^（()）]{1,30}[）)]$`)

// reUnitLabel opens the attribution lines of task lists (责任单位：…).
var reUnitLabel = compile(`^(?:牵头|配合|协同|协办|责任|主办)?(?:责任)?单位\s*[:：]`)

// rePreambleOpen opens the first sentence of a preamble: what follows a
// title glued to it ("…工作方案为切实加强…", "…分工方案》为深入贯彻…").
var rePreambleOpen = compile(`^(?:为了|为|根据|按照|依据|依照|遵照|经|近年来|近日|近期|今年以来|现将|现就)`)

// splitGluedTitle splits a title off the paragraph it was glued to: the
// line opens with a title (a name ending in a kind of document, then a
// closing bracket or not, no sentence punctuation in it) directly followed
// by the opening of a preamble. It returns the title and the rest, or ok
// false.
func splitGluedTitle(l line) (title, rest line, ok bool) {
	f := l.fold
	limit := min(len(f), 80*3)
	for _, m := range reDocKind.FindAllStringIndex(f[:limit], -1) {
		end := m[1]
		for _, c := range []string{"》", "〉", "）", ")"} {
			if strings.HasPrefix(f[end:], c) {
				end += len(c)
				break
			}
		}
		head := f[:end]
		if clausePunct.in(head) {
			return line{}, line{}, false
		}
		if n := utf8.RuneCountInString(head); n < 6 {
			continue
		}
		if !rePreambleOpen.MatchString(f[end:]) {
			continue
		}
		title = line{text: l.text[:end], fold: l.fold[:end], heading: true}
		rest = line{text: l.text[end:], fold: l.fold[end:], bold: shiftBold(l.bold, end)}
		return title, rest, true
	}
	return line{}, line{}, false
}

// shiftBold keeps the bold ranges at or after off, moved to start at 0.
func shiftBold(bs []rng, off int) []rng {
	var out []rng
	for _, g := range bs {
		if g.e <= off {
			continue
		}
		out = append(out, rng{max(g.s, off) - off, g.e - off})
	}
	return out
}
