// Package width takes text and hands out its display width in columns:
// two for East Asian wide and full-width characters (汉字, ，), one for the
// rest. Terminal tables, Excel column widths and ingest's line-wrap
// detection all measure with it.
package width

import (
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Of returns the number of columns s takes in a monospaced display: runes
// of East Asian width Wide or Fullwidth count two, every other printable
// rune one. Ambiguous-width runes (“ ” …) count one, as most terminals
// set for Chinese show them.
func Of(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		p, size := width.LookupString(s[i:])
		switch p.Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
		i += size
	}
	return n
}

// Truncate returns s cut to at most cols columns, ending in "…" when it
// was cut. A cols below 1 gives "".
func Truncate(s string, cols int) string {
	if Of(s) <= cols {
		return s
	}
	if cols < 1 {
		return ""
	}
	n := 0
	for i, r := range s {
		w := Of(string(r))
		if n+w > cols-1 {
			return s[:i] + "…"
		}
		n += w
	}
	return s
}
