package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
)

// maxSentence bounds the bytes of one sentence. A run of text without
// sentence marks (a flattened table, a scanned page) is cut at the last
// clause mark before this length, else right at it, so that every rule
// reads a bounded string and extraction stays linear in the text's size.
const maxSentence = 1500

// sentences returns the sentences of span: each ends after 。！？!? (outside
// brackets) or at a line end that is not a wrap, runs on through an
// attribution bracket that follows its 。, and is at most maxSentence bytes
// (plus the bracket it ends in). A line end in rows (the edges of table
// rows) is never a wrap.
func sentences(text string, span corpus.Span, br brackets, rows map[int]bool) []corpus.Span {
	var out []corpus.Span
	start := span.Start
	lastMark := -1 // just after the last clause mark of the current sentence
	emit := func(end int) {
		if s := trimSpan(text, corpus.Span{Start: start, End: end}); s.Len() > 0 {
			out = append(out, s)
		}
		start, lastMark = end, -1
	}
	for i := span.Start; i < span.End; {
		if i-start >= maxSentence {
			cut := i
			if lastMark > start+maxSentence/3 {
				cut = lastMark
			}
			emit(cut)
			continue
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		if j, ok := br.over(i, r, span.End); ok {
			i = j
			continue
		}
		switch {
		case r == '。' || r == '！' || r == '？' || r == '!' || r == '?':
			end := sentenceEnd(text, i+w, span, br)
			emit(end)
			i = end
		case r == '\n':
			if rows[i] || rows[i+w] || !isWrap(text, i, span) {
				emit(i)
			}
			i += w
		case r == '，' || r == '；' || r == ',' || r == ';' || r == '、' || r == ' ':
			i += w
			lastMark = i
		default:
			i += w
		}
	}
	emit(span.End)
	return out
}

// sentenceEnd returns where a sentence whose mark ends at end really ends:
// after a closing quote, and after an attribution bracket that follows the
// mark (…工作。(市安委办牵头,各有关部门按职责分工落实)) with its own 。.
func sentenceEnd(text string, end int, span corpus.Span, br brackets) int {
	for end < span.End {
		q, qw := utf8.DecodeRuneInString(text[end:])
		if q != '”' && q != '"' && q != '’' {
			break
		}
		end += qw
	}
	k := skipSpace(text, end, span.End)
	if strings.Contains(text[end:k], "\n") {
		return end // a bracket on a line of its own is an attribution line
	}
	if j, ok := br.close[k]; ok && j <= span.End && br.attribution(text, k) != nil {
		end = j
		if m := skipSpace(text, end, span.End); m < span.End && strings.HasPrefix(text[m:], "。") {
			end = m + len("。")
		}
	}
	return end
}

// isWrap reports whether the line break at i joins two parts of one
// sentence (a layout wrap: no sentence mark before it, text after it)
// rather than ending a paragraph. A heading on a line of its own was taken
// off the scope before (readHeading), so that text on the next line is not
// joined to it.
func isWrap(text string, i int, span corpus.Span) bool {
	before := strings.TrimRight(text[max(span.Start, i-16):i], " \t\r\u3000")
	j := skipSpace(text, i, span.End)
	if before == "" || j >= span.End {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(before)
	n, _ := utf8.DecodeRuneInString(text[j:])
	return (isLetter(p) || strings.ContainsRune("）)〕】》”’、，,", p)) && (isLetter(n) || strings.ContainsRune("“‘《（(", n))
}

func isLetter(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// skipSpace returns the offset of the first non-space rune at or after i.
func skipSpace(text string, i, end int) int {
	for i < end {
		r, w := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += w
	}
	return i
}

func runeLenAt(text string, i int) int {
	_, w := utf8.DecodeRuneInString(text[i:])
	return w
}

func runeLenBefore(text string, j int) int {
	_, w := utf8.DecodeLastRuneInString(text[:j])
	return w
}

// splitTopSpan splits span at the runes of seps outside brackets; each part
// keeps its separator.
func splitTopSpan(text string, span corpus.Span, seps string, br brackets) []corpus.Span {
	var out []corpus.Span
	start := span.Start
	for i := span.Start; i < span.End; {
		r, w := utf8.DecodeRuneInString(text[i:])
		if j, ok := br.over(i, r, span.End); ok {
			i = j
			continue
		}
		i += w
		if isSep(seps, r) {
			out = append(out, corpus.Span{Start: start, End: i})
			start = i
		}
	}
	if start < span.End {
		out = append(out, corpus.Span{Start: start, End: span.End})
	}
	return out
}

// trimSpan trims spaces and stray Markdown emphasis from both ends of s.
func trimSpan(text string, s corpus.Span) corpus.Span {
	for s.Start < s.End {
		r, w := utf8.DecodeRuneInString(text[s.Start:])
		if !unicode.IsSpace(r) && r != '*' {
			break
		}
		s.Start += w
	}
	for s.End > s.Start {
		r, w := utf8.DecodeLastRuneInString(text[:s.End])
		if !unicode.IsSpace(r) && r != '*' {
			break
		}
		s.End -= w
	}
	return s
}

// brackets maps the opening brackets (（(〔【〈《 …) of a span that have a
// matching close to the offset just after the close, and back. Unmatched
// brackets are left out, so that a stray （ cannot swallow the rest of the
// text.
type brackets struct {
	close map[int]int // opening bracket → just after its close
	open  map[int]int // just after a close → its opening bracket
	attrs map[int]*attribution
}

// over returns where the bracket pair that opens at i ends, when r, the
// rune at i, opens one that closes by end. Only an opening bracket is
// looked up: close holds no other offset.
func (br brackets) over(i int, r rune, end int) (int, bool) {
	if !isOpener(r) && r != '《' {
		return 0, false
	}
	j, ok := br.close[i]
	return j, ok && j <= end
}

// isSep reports whether r is one of the runes of seps (a few).
func isSep(seps string, r rune) bool {
	for _, c := range seps {
		if c == r {
			return true
		}
	}
	return false
}

// attribution returns the attribution of the bracket that opens at o, or
// nil when it is none; each bracket is parsed once.
func (br brackets) attribution(text string, o int) *attribution {
	if a, ok := br.attrs[o]; ok {
		return a
	}
	var res *attribution
	if r, _ := utf8.DecodeRuneInString(text[o:]); r == '《' {
		br.attrs[o] = nil
		return nil // a title, not an attribution
	}
	if c, ok := br.close[o]; ok && anyOf(text[o:c], unitEndRunes) {
		if u, isAttr := parseAttribution(text[o+runeLenAt(text, o) : c-runeLenBefore(text, c)]); isAttr {
			res = &attribution{units: u, span: corpus.Span{Start: o, End: c}}
		}
	}
	br.attrs[o] = res
	return res
}

// maxBracket bounds the bytes of a bracket pair: a longer one is taken for
// a stray bracket, so that one cannot swallow a page.
const maxBracket = 1200

// matchBrackets finds the bracket pairs of span; a pair may not run over
// a blank line nor be longer than maxBracket.
func matchBrackets(text string, span corpus.Span) brackets {
	br := brackets{close: map[int]int{}, open: map[int]int{}, attrs: map[int]*attribution{}}
	var stack []int
	for i := span.Start; i < span.End; {
		r, w := utf8.DecodeRuneInString(text[i:])
		switch {
		case isOpener(r) || r == '《':
			stack = append(stack, i)
			if len(stack) > 64 {
				stack = stack[1:] // nesting that deep is no text's
			}
		case isCloser(r) || r == '》':
			if len(stack) > 0 {
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if i+w-o <= maxBracket {
					br.close[o] = i + w
					br.open[i+w] = o
				}
			}
		case r == '\n' && len(stack) > 0 && strings.HasPrefix(strings.TrimLeft(text[i+w:min(span.End, i+w+8)], " \t"), "\n"):
			stack = stack[:0]
		}
		i += w
	}
	return br
}

// trailingAttribution returns the attribution bracket that ends part
// (before its closing 。；, or after its 。), or nil.
func trailingAttribution(text string, part corpus.Span, br brackets) *attribution {
	s := trimSpan(text, part)
	end := s.End
	for end > s.Start {
		r, w := utf8.DecodeLastRuneInString(text[:end])
		if !strings.ContainsRune("。；;.，,", r) && !unicode.IsSpace(r) {
			break
		}
		end -= w
	}
	o, ok := br.open[end]
	if !ok || o < s.Start {
		return nil
	}
	return br.attribution(text, o)
}
