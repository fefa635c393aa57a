package ingest

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Bounds on what a data table may be: a cell holding more text than this
// holds an article (a layout table), and spans are capped so that a bad
// colspan cannot blow a row up.
const (
	maxCellRunes = 600
	maxSpan      = 64
	maxColumns   = 256
)

// htmlCell is one <td>/<th> as read: its text, spans and kind.
type htmlCell struct {
	text             string
	colspan, rowspan int
	th               bool
}

// dataTable reads a <table> that holds data (at least two columns, no
// nested table, no cell long enough to hold an article, not mostly links)
// as row lines and returns nil for a layout table. Rows of <th> cells or inside <thead>
// are header rows; merged cells (colspan, rowspan) repeat their cell.
func dataTable(t *html.Node, tables *int) []line {
	var rows [][]htmlCell
	var heads []bool
	wide := 0
	ok := true
	links, runes := 0, 0
	var walk func(n *html.Node, head bool)
	walk = func(n *html.Node, head bool) {
		for c := n.FirstChild; c != nil && ok; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Thead:
				walk(c, true)
			case atom.Tbody, atom.Tfoot:
				walk(c, head)
			case atom.Tr:
				row, allTH, l, n := readRow(c)
				if row == nil {
					ok = false
					return
				}
				links += l
				runes += n
				rows = append(rows, row)
				heads = append(heads, head || allTH)
				w := 0
				for _, x := range row {
					w += x.colspan
				}
				wide = max(wide, w)
			}
		}
	}
	walk(t, false)
	// A table of links is navigation, read (and dropped) as layout.
	if !ok || len(rows) == 0 || wide < 2 || wide > maxColumns || links*2 >= runes {
		return nil
	}
	// Lay the cells out on a grid: pending[c] counts the rows a cell
	// above still covers in column c.
	pending := make([]int, wide)
	pendFrom := make([]int, wide) // rows since that cell's own row
	*tables++
	id := *tables
	var out []line
	header := true
	for k, row := range rows {
		cols := make([]colText, wide)
		filled := make([]bool, wide)
		for c := range wide {
			if pending[c] > 0 {
				pending[c]--
				pendFrom[c]++
				cols[c] = colText{from: pendFrom[c]}
				filled[c] = true
			}
		}
		c := 0
		for _, x := range row {
			for c < wide && filled[c] {
				c++
			}
			if c >= wide {
				break
			}
			for s := 0; s < x.colspan && c+s < wide; s++ {
				if s == 0 {
					cols[c] = colText{text: x.text}
				} else {
					cols[c+s] = colText{left: true}
				}
				filled[c+s] = true
				if x.rowspan > 1 {
					pending[c+s] = x.rowspan - 1
					pendFrom[c+s] = 0
				}
			}
			c += x.colspan
		}
		l := rowLine(cols, id, heads[k] && header)
		if !heads[k] {
			header = false
		}
		if l.text == "" {
			// An empty row: cells merged down from it would point at
			// nothing, so cut their runs.
			for c := range pending {
				pending[c] = 0
			}
			continue
		}
		out = append(out, l)
	}
	if len(out) > 0 && !out[0].header && isHeaderRow(out[0]) {
		out[0].header = true
	}
	return out
}

// readRow reads the cells of a <tr>; nil when one holds a nested table or
// an article's worth of text. allTH reports a row of <th> cells only;
// links and runes count the row's link text and all its text.
func readRow(tr *html.Node) (row []htmlCell, allTH bool, links, runes int) {
	allTH = true
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Td && c.DataAtom != atom.Th {
			continue
		}
		text, l, ok := cellText(c)
		if !ok {
			return nil, false, 0, 0
		}
		links += l
		runes += utf8.RuneCountInString(strings.TrimSpace(text))
		x := htmlCell{text: text, colspan: spanAttr(c, "colspan"), rowspan: spanAttr(c, "rowspan"), th: c.DataAtom == atom.Th}
		if !x.th {
			allTH = false
		}
		row = append(row, x)
	}
	if len(row) == 0 {
		return []htmlCell{}, false, links, runes
	}
	return row, allTH, links, runes
}

// spanAttr reads a colspan or rowspan attribute, 1 when absent or bad.
func spanAttr(n *html.Node, key string) int {
	v, err := strconv.Atoi(strings.TrimSpace(attr(n, key)))
	if err != nil || v < 1 {
		return 1
	}
	return min(v, maxSpan)
}

// cellText returns the text of a cell on one line (blocks and <br> inside
// it become spaces) and how many of its runes are link text; ok is false
// for a cell holding a table or too much text to be a data cell.
func cellText(td *html.Node) (text string, links int, ok bool) {
	var b strings.Builder
	for d := range td.Descendants() {
		switch d.Type {
		case html.ElementNode:
			if d.DataAtom == atom.Table {
				return "", 0, false
			}
			if isBlock(d.DataAtom) {
				b.WriteByte(' ')
			}
		case html.TextNode:
			b.WriteString(d.Data)
			for p := d.Parent; p != nil && p != td; p = p.Parent {
				if p.DataAtom == atom.A {
					links += utf8.RuneCountInString(strings.TrimSpace(d.Data))
					break
				}
			}
		}
		if b.Len() > 4*maxCellRunes && utf8.RuneCountInString(b.String()) > maxCellRunes {
			return "", 0, false
		}
	}
	return b.String(), links, true
}
