package ingest

import (
	"strings"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/internal/fold"
)

// cell is one column of a table row's line: the byte range [s, e) of its
// text in the line, or, when from > 0, the cell of the same column from
// rows above (a cell merged down over several rows keeps its text in its
// first row).
type cell struct{ s, e, from int }

// colText is one column of a row as a reader found it: its own text, or a
// continuation of the cell to its left (merged across columns) or above
// (merged across rows, from rows up).
type colText struct {
	text string
	left bool
	from int
}

// cellSep joins the cells of a row in its line of text.
const cellSep = " | "

// rowLine builds the line of one table row: the cleaned texts of its own
// cells joined with " | ", and one cell per column (a merged cell repeats
// the range of the cell it continues). A row whose cells are all empty
// comes back with empty text, which readers drop.
func rowLine(cols []colText, table int, header bool) line {
	var b strings.Builder
	cells := make([]cell, len(cols))
	own := 0
	empty := true
	for i, c := range cols {
		switch {
		case c.from > 0:
			cells[i] = cell{from: c.from}
			continue
		case c.left && i > 0:
			cells[i] = cells[i-1]
			continue
		}
		t := cleanLine(line{text: c.text}).text
		if own > 0 {
			b.WriteString(cellSep)
		}
		own++
		cells[i] = cell{s: b.Len(), e: b.Len() + len(t)}
		b.WriteString(t)
		if t != "" {
			empty = false
		}
	}
	if empty {
		return line{}
	}
	return line{text: b.String(), row: true, cells: cells, table: table, header: header}
}

// headerWords name the columns of task and form tables: a row all of whose
// cells hold one of them (and are short) is a header row.
var headerWords = compile(`序号|编号|任务|内容|事项|措施|举措|单位|部门|时限|时间|要求|科目|情景|目标|备注|名称|项目|类别|责任|牵头|配合|协同|分工|标准|结果|检查|进度|阶段|地点|人员|职责|主体|方式|依据|指标|分值|频次`)

// isHeaderCell reports a cell that reads as a column label.
func isHeaderCell(t string) bool {
	t = strings.TrimRight(strings.TrimSpace(t), ":：")
	n := utf8.RuneCountInString(t)
	return n > 0 && n <= 12 && !cellPunct.in(t) && headerWords.MatchString(fold.String(t))
}

// isHeaderRow reports a row whose own cells all read as column labels.
func isHeaderRow(l line) bool {
	n := 0
	for _, c := range l.cells {
		if c.from > 0 || c.e == c.s {
			continue
		}
		if !isHeaderCell(l.text[c.s:c.e]) {
			return false
		}
		n++
	}
	return n >= 2
}

// A pipe-text row: cells separated by | (or ｜), written as Markdown
// tables or as text dumps of HTML tables: "| 1 | 任务 | 牵头单位 |",
// "信息索引号 | 012925369/2023-00568 | 发布时间 | 2023-06-14 | ||".
var (
	rePipeRule = compile(`^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$`)
)

// pipeCells splits a raw line into its cells when it is a pipe row: at
// least two separators, and either an outer bar or three cells. It
// returns nil otherwise.
func pipeCells(t string) []string {
	t = strings.ReplaceAll(t, "｜", "|")
	if strings.Count(t, "|") < 2 {
		return nil
	}
	outer := strings.HasPrefix(t, "|") || strings.HasSuffix(t, "|")
	parts := strings.Split(t, "|")
	if strings.HasPrefix(t, "|") {
		parts = parts[1:]
	}
	if strings.HasSuffix(t, "|") && len(parts) > 0 {
		parts = parts[:len(parts)-1]
	}
	if len(parts) < 2 || !outer && len(parts) < 3 {
		return nil
	}
	// Trailing empty cells of a dump (" | ||") are no columns.
	for len(parts) > 2 && strings.TrimSpace(parts[len(parts)-1]) == "" {
		parts = parts[:len(parts)-1]
	}
	return parts
}

// A tab row: cells separated by tabs, as text copied out of a word
// processor's or a spreadsheet's table ("序号\t工作任务\t牵头单位\t完成时限").
// Tabs also indent and align plain lines, so a run of tab rows is a table
// only when it opens with a row of column labels and each row below holds
// at least two cells of text.

// tabCells splits a raw line at its tabs, spaces at its ends trimmed; nil
// when no tab stands between text.
func tabCells(raw string) []string {
	t := strings.Trim(raw, " \r\u3000")
	if !strings.Contains(strings.Trim(t, "\t"), "\t") {
		return nil
	}
	return strings.Split(t, "\t")
}

// ownCells returns the cells of cs that hold text.
func ownCells(cs []string) []string {
	var out []string
	for _, c := range cs {
		if strings.TrimSpace(c) != "" {
			out = append(out, c)
		}
	}
	return out
}

// tabRow fits the cells of a row below a header of width columns: a row
// with more cells than the header had tabs for alignment, so its empty
// cells go (from the right) until it fits; an empty cell that remains is
// one merged down from the row above, or left blank.
func tabRow(cs []string, width int) []string {
	for i := len(cs) - 1; i >= 0 && len(cs) > width; i-- {
		if strings.TrimSpace(cs[i]) == "" {
			cs = append(cs[:i], cs[i+1:]...)
		}
	}
	return cs
}

// textTables turns the raw lines of plain text into lines (textLines),
// reading runs of tab rows under a header row as tables; next numbers the
// tables of the file.
func textTables(raw []string, next *int) []line {
	var out []line
	done := 0 // raw lines before done are in out
	for i := 0; i < len(raw); i++ {
		cs := tabCells(raw[i])
		if cs == nil {
			continue
		}
		head := ownCells(cs)
		if len(head) < 2 || !allHeaderCells(head) {
			continue
		}
		rows := [][]string{head}
		n := i + 1
		for ; n < len(raw); n++ {
			cs := tabCells(raw[n])
			if len(ownCells(cs)) < 2 {
				break
			}
			rows = append(rows, tabRow(cs, len(head)))
		}
		if len(rows) < 2 {
			continue
		}
		out = append(out, textLines(raw[done:i])...)
		out = append(out, tableLines(rows, 1, next)...)
		done, i = n, n-1
	}
	if done == 0 {
		return textLines(raw)
	}
	return append(out, textLines(raw[done:])...)
}

// allHeaderCells reports whether every cell reads as a column label.
func allHeaderCells(cs []string) bool {
	for _, c := range cs {
		if !isHeaderCell(c) {
			return false
		}
	}
	return true
}

// bars separate the cells of pipe rows.
var bars = newRuneSet("|｜")

// pipeTables finds the tables of plain text and Markdown: runs of pipe
// rows (a Markdown rule row |---| marks the rows above it as the header),
// and the two dump layouts that put one cell on each line — each line
// ending with " |" (the number of columns is the number of header cells
// that open the run), or rows whose first cell stands alone and whose
// other cells follow on lines opened by "|" (a bare "|" ends the row).
// Rows become row lines; next numbers the tables of the file.
func pipeTables(ls []line, next *int) []line {
	var out []line // a copy, made when the first table is found
	for i := 0; i < len(ls); {
		n, rows := 0, []line(nil)
		// Every run opens with a line holding a bar, or a line before
		// one opened by a bar.
		if bars.in(ls[i].text) || i+1 < len(ls) && strings.HasPrefix(ls[i+1].text, "|") {
			if n, rows = pipeRun(ls[i:], next); n == 0 {
				if n, rows = trailingRun(ls[i:], next); n == 0 {
					n, rows = leadingRun(ls[i:], next)
				}
			}
		}
		if n == 0 {
			if out != nil {
				out = append(out, ls[i])
			}
			i++
			continue
		}
		if out == nil {
			out = append(make([]line, 0, len(ls)), ls[:i]...)
		}
		out = append(out, rows...)
		i += n
	}
	if out == nil {
		return ls
	}
	return out
}

// pipeRun reads a run of pipe rows at the start of ls.
func pipeRun(ls []line, next *int) (int, []line) {
	var rows [][]string
	header := 0
	n := 0
	for n < len(ls) {
		t := ls[n].text
		if rePipeRule.MatchString(t) && strings.Contains(t, "|") {
			if len(rows) > 0 && header == 0 {
				header = len(rows)
			}
			n++
			continue
		}
		cs := pipeCells(t)
		if cs == nil {
			break
		}
		rows = append(rows, cs)
		n++
	}
	if len(rows) == 0 {
		return 0, nil
	}
	return n, tableLines(rows, header, next)
}

// tableLines turns the cell texts of a table's rows into row lines, all
// of the width of the widest row (missing cells are empty). header rows
// are flagged; with none given, a first row of column labels is the header.
func tableLines(rows [][]string, header int, next *int) []line {
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	*next++
	id := *next
	out := make([]line, 0, len(rows))
	for k, r := range rows {
		cols := make([]colText, width)
		for i := range cols {
			if i < len(r) {
				cols[i].text = r[i]
			}
		}
		l := rowLine(cols, id, k < header)
		if l.text == "" {
			continue
		}
		if header == 0 && len(out) == 0 && isHeaderRow(l) {
			l.header = true
		}
		out = append(out, l)
	}
	return out
}

// trailingRun reads the dump layout whose lines are cells each ending in
// " |": the leading cells that read as column labels give the width.
func trailingRun(ls []line, next *int) (int, []line) {
	n := 0
	for n < len(ls) && strings.HasSuffix(ls[n].text, "|") && strings.Count(ls[n].text, "|") == 1 {
		n++
	}
	if n < 4 {
		return 0, nil
	}
	cellText := func(i int) string { return strings.TrimSpace(strings.TrimSuffix(ls[i].text, "|")) }
	width := 0
	for width < n && isHeaderCell(cellText(width)) {
		width++
	}
	if width < 2 || n < 2*width {
		return 0, nil
	}
	full := n / width * width
	var rows [][]string
	for i := 0; i < full; i += width {
		r := make([]string, width)
		for k := range r {
			r[k] = cellText(i + k)
		}
		rows = append(rows, r)
	}
	out := tableLines(rows, 1, next)
	// Cells past the last full row are text, not a row.
	for i := full; i < n; i++ {
		if t := cellText(i); t != "" {
			out = append(out, line{text: t})
		}
	}
	return n, out
}

// leadingRun reads the dump layout whose rows open with a line of their
// own (the first cell) followed by lines opened by "|" (the other cells);
// a line that is only "|", or a cell line ending in "|", ends the row. It
// needs two rows at least.
func leadingRun(ls []line, next *int) (int, []line) {
	var rows [][]string
	n := 0
	for n+1 < len(ls) && !strings.HasPrefix(ls[n].text, "|") && strings.HasPrefix(ls[n+1].text, "|") {
		r := []string{ls[n].text}
		k := n + 1
		for k < len(ls) && strings.HasPrefix(ls[k].text, "|") {
			c := strings.TrimSpace(ls[k].text[1:])
			k++
			if c == "" {
				break // a bare bar ends the row
			}
			end := strings.HasSuffix(c, "|")
			c = strings.TrimSpace(strings.TrimSuffix(c, "|"))
			r = append(r, c)
			if end {
				break
			}
		}
		rows = append(rows, r)
		n = k
	}
	if len(rows) < 2 {
		return 0, nil
	}
	return n, tableLines(rows, 0, next)
}

// buildTables collects the row lines of a document into its Tables: runs
// of consecutive rows of the same source table; rows of a page metadata
// block are metadata, no table. off[i] is the offset of
// line i in the text.
func buildTables(ls []line, off []int) []corpus.Table {
	var out []corpus.Table
	for i := 0; i < len(ls); {
		if !ls[i].row || ls[i].aside || len(ls[i].cells) == 0 {
			i++
			continue
		}
		j := i + 1
		for j < len(ls) && ls[j].row && !ls[j].aside && ls[j].table == ls[i].table && len(ls[j].cells) == len(ls[i].cells) {
			j++
		}
		t := corpus.Table{Rows: make([]corpus.Row, 0, j-i)}
		for k := i; k < j; k++ {
			l := ls[k]
			r := corpus.Row{
				Span:  corpus.Span{Start: off[k], End: off[k] + len(l.text)},
				Cells: make([]corpus.Span, len(l.cells)),
			}
			for c, x := range l.cells {
				switch {
				case x.from > 0 && k-i >= x.from:
					r.Cells[c] = t.Rows[k-i-x.from].Cells[c]
				case x.from > 0:
					// The row it continues is not in this document.
					r.Cells[c] = corpus.Span{Start: r.Span.Start, End: r.Span.Start}
				default:
					r.Cells[c] = corpus.Span{Start: off[k] + x.s, End: off[k] + x.e}
				}
			}
			if l.header && k-i == t.Header {
				t.Header++
			}
			t.Rows = append(t.Rows, r)
		}
		t.Span = corpus.Span{Start: t.Rows[0].Span.Start, End: t.Rows[len(t.Rows)-1].Span.End}
		out = append(out, t)
		i = j
	}
	return out
}
