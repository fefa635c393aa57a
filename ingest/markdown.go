package ingest

import (
	"strings"
)

// markdownLines turns Markdown into lines: ATX headings (# …) become
// heading lines, **bold** and __bold__ become bold ranges, and the markers
// of lists, block quotes, links, emphasis and rules are dropped, so none of
// them is left in the text.
// raw is the text split by splitRawLines.
func markdownLines(raw []string) []line {
	out := make([]line, 0, len(raw)/2+1)
	var lb lineBuilder
	for _, r := range raw {
		t := strings.TrimLeft(r, " \t\u3000")
		if isRule(t) {
			continue
		}
		for strings.HasPrefix(t, ">") { // block quote
			t = strings.TrimLeft(t[1:], " ")
		}
		if h := atxLevel(t); h > 0 {
			t = strings.TrimRight(strings.TrimSpace(t[h:]), "#")
			lb.heading = true
		} else if len(t) > 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ' {
			t = t[2:] // list item
		}
		writeInline(&lb, t)
		out = lb.flush(out)
	}
	return out
}

// atxLevel returns the level of a Markdown ATX heading ("## x" → 2), 0 if
// t is none.
func atxLevel(t string) int {
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(t) && t[n] != ' ' && t[n] != '\t') {
		return 0
	}
	return n
}

// isRule reports a thematic break: three or more of - * _ and nothing else.
func isRule(t string) bool {
	t = strings.TrimSpace(t)
	if len(t) < 3 {
		return false
	}
	c := t[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	n := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case c:
			n++
		case ' ':
		default:
			return false
		}
	}
	return n >= 3
}

// writeInline writes Markdown inline text to lb: strong emphasis toggles
// bold, single * and _ emphasis markers, backslash escapes and link
// syntax are removed.
func writeInline(lb *lineBuilder, t string) {
	bold := false
	var seg strings.Builder
	emit := func() {
		lb.write(seg.String(), bold)
		seg.Reset()
	}
	for i := 0; i < len(t); {
		c := t[i]
		switch {
		case c == '\\' && i+1 < len(t) && strings.IndexByte("\\`*_{}[]()#+-.!", t[i+1]) >= 0:
			seg.WriteByte(t[i+1])
			i += 2
		case (c == '*' || c == '_') && i+1 < len(t) && t[i+1] == c:
			// ** or __ toggles bold, only if a closing marker follows when opening.
			if bold || strings.Contains(t[i+2:], t[i:i+2]) {
				emit()
				bold = !bold
			} else {
				seg.WriteString(t[i : i+2])
			}
			i += 2
		case c == '*' && i+1 < len(t) && t[i+1] != ' ' && strings.IndexByte(t[i+1:], '*') > 0:
			i++ // opening single emphasis marker: drop
		case c == '*' && i > 0 && t[i-1] != ' ':
			i++ // closing single emphasis marker: drop
		case c == '[':
			// [text](url) → text
			if j := strings.Index(t[i:], "]("); j > 0 {
				if k := strings.IndexByte(t[i+j:], ')'); k > 0 {
					seg.WriteString(t[i+1 : i+j])
					i += j + k + 1
					continue
				}
			}
			seg.WriteByte(c)
			i++
		default:
			seg.WriteByte(c)
			i++
		}
	}
	emit()
}

// looksMarkdown reports whether plain text uses Markdown markup: at least
// two ATX headings in its first MiB. Bold markers alone do not count:
// anonymised documents write names as ** (**镇), which is not emphasis.
// raw is s split by splitRawLines, read as it is when s is no longer
// than a MiB.
func looksMarkdown(s string, raw []string) bool {
	if len(s) > 1<<20 {
		raw = splitRawLines(s[:1<<20])
	}
	headings := 0
	for _, r := range raw {
		t := strings.TrimLeft(r, " \t")
		if h := atxLevel(t); h > 0 && len(strings.TrimSpace(t)) > h+1 {
			headings++
			if headings >= 2 {
				return true
			}
		}
	}
	return false
}
