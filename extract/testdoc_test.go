package extract

import (
	"regexp"
	"strings"

	"github.com/dutymap/dutymap/corpus"
)

// markerRes recognise the numbering of test documents' items, outermost
// style first. This is a test fixture builder, not ingest's outline parser:
// it handles the simple layouts the tests below are written in.
var markerRes = []struct {
	marker corpus.Marker
	re     *regexp.Regexp
}{
	{corpus.MarkerChinese, regexp.MustCompile(`^([一二三四五六七八九十]+)、`)},
	{corpus.MarkerParenChinese, regexp.MustCompile(`^([（(][一二三四五六七八九十]+[）)])`)},
	{corpus.MarkerArabic, regexp.MustCompile(`^([0-9]+)[.、，]`)},
	{corpus.MarkerParenArabic, regexp.MustCompile(`^([（(][0-9]+[）)])`)},
}

// buildDoc makes a Document of text: every line that starts with a number
// opens an item, nested by the order in which numbering styles first appear;
// an item's lead runs to its first 。 (or the end of its line).
func buildDoc(id string, planYear int, text string) *corpus.Document {
	d := &corpus.Document{ID: id, Text: text, PlanYear: planYear, Body: corpus.Span{Start: 0, End: len(text)}}
	depthOf := map[corpus.Marker]int{}
	var stack []*corpus.Block
	closeTo := func(depth, at int) {
		for len(stack) >= depth && len(stack) > 0 {
			b := stack[len(stack)-1]
			b.Span.End = at
			if len(b.Children) == 0 {
				b.Body.End = at
			}
			stack = stack[:len(stack)-1]
		}
	}
	off := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		trimmed := strings.TrimLeft(line, " \t\u3000")
		lineStart := off + len(line) - len(trimmed)
		off += len(line)
		for _, m := range markerRes {
			loc := m.re.FindStringSubmatchIndex(trimmed)
			if loc == nil {
				continue
			}
			if _, ok := depthOf[m.marker]; !ok {
				depthOf[m.marker] = len(depthOf) + 1
			}
			depth := depthOf[m.marker]
			closeTo(depth, lineStart)
			b := &corpus.Block{Number: trimmed[loc[2]:loc[3]], Marker: m.marker, Depth: depth,
				Span: corpus.Span{Start: lineStart}}
			bodyStart := lineStart + loc[1]
			lineEnd := lineStart + len(strings.TrimRight(trimmed, "\n"))
			leadEnd := lineEnd
			if i := strings.Index(text[bodyStart:lineEnd], "。"); i >= 0 {
				leadEnd = bodyStart + i
			}
			b.Lead = corpus.Span{Start: bodyStart, End: leadEnd}
			b.Body = corpus.Span{Start: bodyStart, End: len(text)}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				if len(parent.Children) == 0 {
					parent.Body.End = lineStart
				}
				parent.Children = append(parent.Children, b)
			} else {
				d.Outline = append(d.Outline, b)
			}
			stack = append(stack, b)
			break
		}
	}
	closeTo(1, len(text))
	return d
}
