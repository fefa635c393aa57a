package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is one paragraph of a source after format-specific decoding: its
// text, whether it was a heading (Markdown #, HTML h1–h6, Word heading
// style) and the byte ranges of text that were bold.
type line struct {
	text    string
	fold    string // text folded for matching (internal/fold), same length
	heading bool
	row     bool // a table row: never joined to its neighbours
	bold    []rng
	cells   []cell // a row's columns
	table   int    // a row's table, numbered from 1 in the file
	header  bool   // a header row
	aside   bool   // metadata, a signature block or an attachment list: no provisions
	cut     bool   // site clutter (a breadcrumb, a menu) stood before it: not adjacent to the line before
	// gaps are the byte offsets in text where a wide run of layout space
	// (two spaces or more, or an ideographic space) between Chinese
	// characters was removed: where a signature line sets two names apart.
	gaps []int
}

// rng is a half-open byte range [s, e) in a line's text.
type rng struct{ s, e int }

// lineBuilder accumulates the text of one line with its bold ranges.
type lineBuilder struct {
	b       strings.Builder
	bold    []rng
	heading bool
}

func (lb *lineBuilder) write(s string, bold bool) {
	if s == "" {
		return
	}
	start := lb.b.Len()
	lb.b.WriteString(s)
	if !bold {
		return
	}
	if n := len(lb.bold); n > 0 && lb.bold[n-1].e == start {
		lb.bold[n-1].e = lb.b.Len()
		return
	}
	lb.bold = append(lb.bold, rng{start, lb.b.Len()})
}

// flush appends the cleaned line to out (unless it is blank) and resets lb.
func (lb *lineBuilder) flush(out []line) []line {
	l := cleanLine(line{text: lb.b.String(), heading: lb.heading, bold: lb.bold})
	lb.b.Reset()
	lb.bold = nil
	lb.heading = false
	if l.text == "" {
		return out
	}
	return append(out, l)
}

// lineSeps are the separators splitRawLines cuts at.
var lineSeps = [...]string{"\n", "\r", "\f", "\v", "\u0085", "\u2028", "\u2029"}

// splitRawLines splits decoded text into lines on \n, \r\n, \r, form
// feeds, vertical tabs and the Unicode line, paragraph and next-line
// separators. The lines share s's memory. Each kind of separator is found
// with strings.Index, which is faster than testing every byte; the
// earliest one found cuts the line.
func splitRawLines(s string) []string {
	out := make([]string, 0, strings.Count(s, "\n")+1)
	var next [len(lineSeps)]int // the next separator of each kind at or after start
	find := func(k, from int) int {
		if i := strings.Index(s[from:], lineSeps[k]); i >= 0 {
			return from + i
		}
		return len(s)
	}
	for k := range lineSeps {
		next[k] = find(k, 0)
	}
	start := 0
	for {
		k := 0
		for j := 1; j < len(next); j++ {
			if next[j] < next[k] {
				k = j
			}
		}
		p := next[k]
		if p == len(s) {
			break
		}
		sep := len(lineSeps[k])
		if lineSeps[k] == "\r" && p+1 < len(s) && s[p+1] == '\n' {
			sep = 2
		}
		out = append(out, s[start:p])
		start = p + sep
		for j := range next {
			if next[j] < start {
				next[j] = find(j, start)
			}
		}
	}
	return append(out, s[start:])
}

// textLines turns plain text into cleaned, non-blank lines; a line that
// holds a whole document is first cut where its spaces stand for lost
// line breaks. raw is the text split by splitRawLines.
func textLines(raw []string) []line {
	out := make([]line, 0, len(raw))
	for _, r := range raw {
		for _, p := range splitSpaced(r) {
			if l := cleanLine(line{text: p}); l.text != "" {
				out = append(out, l)
			}
		}
	}
	return out
}

// cleanBytes marks the bytes that open a sequence cleanLine changes (see
// needsCleaning): ASCII space and controls, and the lead bytes of the
// Unicode spaces, separators and replacement characters it removes.
var cleanBytes = func() (t [256]bool) {
	for c := range 0x21 {
		t[c] = true
	}
	for _, c := range []byte{0xC2, 0xE1, 0xE2, 0xE3, 0xEF} {
		t[c] = true
	}
	return t
}()

// needsCleaning reports whether s holds a byte sequence cleanLine changes:
// ASCII space and controls, U+0085, U+00A0, U+1680, U+180E, U+2000–U+200D,
// U+2028/2029, U+202F, U+205F, U+2060, U+3000, U+FEFF and U+FFFD. It looks
// at bytes, which is faster than decoding runes, and passes over the bytes
// that open none of them with one table lookup.
func needsCleaning(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !cleanBytes[c] {
			continue // most bytes of Chinese text
		}
		switch {
		case c < 0x21:
			return true
		case c == 0xC2:
			if i+1 < len(s) && (s[i+1] == 0x85 || s[i+1] == 0xA0) {
				return true
			}
		case c == 0xE1:
			if i+2 < len(s) && (s[i+1] == 0x9A && s[i+2] == 0x80 || s[i+1] == 0xA0 && s[i+2] == 0x8E) {
				return true
			}
		case c == 0xE2:
			if i+2 < len(s) {
				b1, b2 := s[i+1], s[i+2]
				if b1 == 0x80 && (b2 <= 0x8D || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) || b1 == 0x81 && (b2 == 0x9F || b2 == 0xA0) {
					return true
				}
			}
		case c == 0xE3:
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x80 {
				return true
			}
		case c == 0xEF:
			if i+2 < len(s) && (s[i+1] == 0xBB && s[i+2] == 0xBF || s[i+1] == 0xBF && s[i+2] == 0xBD) {
				return true
			}
		}
	}
	return false
}

// isSpace reports whether r is layout space: ASCII and Unicode spaces,
// ideographic space, and the zero-width characters copy-paste leaves.
func isSpace(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return unicode.IsSpace(r)
}

// isCJK reports whether r is a Han character or CJK/full-width punctuation
// (the characters between which Chinese typesetting puts no spaces).
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) ||
		(r >= 0x3000 && r <= 0x303f) || // CJK symbols and punctuation
		(r >= 0xff01 && r <= 0xff60) || // full-width forms
		(r >= 0x2010 && r <= 0x2027 && r != 0x2022) || // dashes, quotes, ellipsis
		(r >= 0x2460 && r <= 0x24ff) // circled numbers
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// cleanLine trims layout space and removes the spaces that break up
// Chinese text: between two CJK characters and between a CJK character and
// a digit ("2024 年" → "2024年", "10 月底前", "组织开展 1 次"). Other spaces
// (between Latin words, after "1.") stay, collapsed to one. Bold ranges
// follow the text.
func cleanLine(l line) line {
	if len(l.bold) == 0 {
		// Trimming the ends is slicing; most lines need nothing else.
		l.text = strings.TrimFunc(l.text, func(r rune) bool { return isSpace(r) || r < 0x20 || r == utf8.RuneError })
	}
	s := l.text
	if !needsCleaning(s) {
		return l
	}
	var b strings.Builder
	b.Grow(len(s))
	// off maps old byte offsets to new ones, built only when needed.
	var off []int
	if len(l.bold) > 0 {
		off = make([]int, len(s)+1)
	}
	var prev rune // last rune written, 0 at start
	pendingSpace := false
	// The space after the number of a decimal heading (1 总则) is kept:
	// it is what tells the heading from a number glued to a word.
	keep := -1
	if lead := strings.TrimLeftFunc(s, isSpace); lead != "" && isDigit(rune(lead[0])) {
		if m, ok := decimalHeading(lead); ok {
			keep = len(s) - len(lead) + len(m.number)
		}
	}
	prevEnd := 0 // where the last rune written ends in s
	spaces, wide := 0, false
	for i, r := range s {
		if off != nil {
			off[i] = b.Len()
		}
		if isSpace(r) || r < 0x20 || r == utf8.RuneError {
			pendingSpace = prev != 0
			spaces++
			wide = wide || r == '\u3000'
			continue
		}
		if pendingSpace {
			pendingSpace = false
			drop := (isCJK(prev) && (isCJK(r) || isDigit(r)) || isDigit(prev) && isCJK(r)) && prevEnd != keep
			if drop && (spaces >= 2 || wide) && unicode.Is(unicode.Han, prev) && unicode.Is(unicode.Han, r) {
				l.gaps = append(l.gaps, b.Len())
			}
			if !drop {
				b.WriteByte(' ')
				if off != nil {
					off[i] = b.Len()
				}
			}
		}
		b.WriteRune(r)
		prev = r
		prevEnd = i + utf8.RuneLen(r)
		spaces, wide = 0, false
	}
	if off != nil {
		// Fill in the continuation bytes of multi-byte runes.
		last := 0
		for i := range off {
			if i < len(s) && !utf8.RuneStart(s[i]) {
				off[i] = last
				continue
			}
			if i == len(s) {
				off[i] = b.Len()
			}
			last = off[i]
		}
		var bold []rng
		for _, g := range l.bold {
			ns, ne := off[g.s], off[g.e]
			// Trim spaces the new text keeps at the edges of the range.
			t := b.String()
			for ns < ne && t[ns] == ' ' {
				ns++
			}
			for ne > ns && t[ne-1] == ' ' {
				ne--
			}
			if ns < ne {
				bold = append(bold, rng{ns, ne})
			}
		}
		l.bold = bold
	}
	l.text = b.String()
	return l
}
