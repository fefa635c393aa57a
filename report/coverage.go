package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/internal/width"
)

// The sheets of the coverage workbook.
const (
	CoverageSheet = "覆盖矩阵" // one row per upper duty, one column per lower document
	MatchSheet    = "对应条款" // the lower words that carry each duty
)

// verdictFills colours a matrix cell by its verdict.
var verdictFills = map[compare.Verdict]string{
	compare.Carried:      "C6EFCE",
	compare.Strengthened: "A9D08E",
	compare.Weakened:     "FFEB9C",
	compare.Missing:      "FFC7CE",
	compare.NotExpected:  "EDEDED",
}

// CoverageHeaders returns the column titles of the coverage matrix: 序号,
// 上级任务, 出处 and 是否要求下级落实, one column per lower document (its
// name), then 覆盖率.
func CoverageHeaders(r *compare.CoverageReport) []string {
	h := []string{"序号", "上级任务", "出处", "是否要求下级落实"}
	for _, l := range r.Lowers {
		h = append(h, l.Name())
	}
	return append(h, "覆盖率")
}

// CellText is what the matrix shows for a cell: the verdict's label, and
// its reasons after a colon (减弱：频次 每月 → 每季度).
func CellText(c compare.Cell) string {
	s := KindLabel(string(c.Verdict))
	var rs []string
	for _, r := range c.Reasons {
		rs = append(rs, r.String())
	}
	if len(rs) > 0 {
		s += "：" + strings.Join(rs, "；")
	}
	return s
}

// WriteCoverageJSON writes the matrix as indented JSON.
func WriteCoverageJSON(w io.Writer, r *compare.CoverageReport) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write coverage json: %w", err)
	}
	return nil
}

// WriteCoverageXLSX writes the inspector's matrix as an Excel workbook. The
// sheet CoverageSheet has one row per duty of the upper document (序号,
// 上级任务, 出处, whether it is expected below), one column per lower
// document with each cell's verdict and reasons, coloured by verdict, the
// share of lower documents that carried each duty, and two closing rows
// with each lower document's coverage over all duties and over those
// expected below. The sheet MatchSheet lists, for every cell a lower duty
// carries, the words of that duty. Every cell holds text or a number, never
// a formula, whatever the documents say.
func WriteCoverageXLSX(w io.Writer, r *compare.CoverageReport) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := fillCoverage(f, r); err != nil {
		return fmt.Errorf("write coverage xlsx: %w", err)
	}
	if err := fillMatches(f, r); err != nil {
		return fmt.Errorf("write coverage xlsx: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write coverage xlsx: %w", err)
	}
	return nil
}

// sheetWriter writes text cells and keeps each column's widest cell.
type sheetWriter struct {
	f      *excelize.File
	sheet  string
	widths []float64
}

func (s *sheetWriter) text(col, row int, v string) error {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	for len(s.widths) < col {
		s.widths = append(s.widths, 0)
	}
	s.widths[col-1] = max(s.widths[col-1], float64(width.Of(v)))
	// SetCellStr stores text as text: a task that starts with = is shown,
	// not evaluated.
	return s.f.SetCellStr(s.sheet, cell, v)
}

func (s *sheetWriter) number(col, row int, v float64) error {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	return s.f.SetCellFloat(s.sheet, cell, v, 3, 64)
}

func (s *sheetWriter) style(col, row, style int) error {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	return s.f.SetCellStyle(s.sheet, cell, cell, style)
}

// fit sets each column's width to its widest cell within [lo, hi]
// characters, the first columns' bounds given, the others' the last.
func (s *sheetWriter) fit(bounds ...[2]float64) error {
	for i, w := range s.widths {
		b := bounds[min(i, len(bounds)-1)]
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := s.f.SetColWidth(s.sheet, col, col, min(max(w+2, b[0]), b[1])); err != nil {
			return err
		}
	}
	return nil
}

func fillCoverage(f *excelize.File, r *compare.CoverageReport) error {
	if err := f.SetSheetName("Sheet1", CoverageSheet); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: r.Upper.Name(), Subject: CoverageSheet, Creator: "dutymap", Language: "zh-CN"}); err != nil {
		return err
	}
	s := &sheetWriter{f: f, sheet: CoverageSheet}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Border: borders()})
	if err != nil {
		return err
	}
	body, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: borders()})
	if err != nil {
		return err
	}
	fills := map[compare.Verdict]int{}
	for v, c := range verdictFills {
		if fills[v], err = f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}},
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: borders()}); err != nil {
			return err
		}
	}
	headers := CoverageHeaders(r)
	for i, h := range headers {
		if err := s.text(i+1, 1, h); err != nil {
			return err
		}
		if err := s.style(i+1, 1, head); err != nil {
			return err
		}
	}
	last := len(headers)
	for i, row := range r.Rows {
		y := i + 2
		expected := "否（本级任务）"
		if row.Expected {
			expected = "是"
		}
		if err := s.number(1, y, float64(i+1)); err != nil {
			return err
		}
		for col, v := range []string{row.Text, source(r.Upper.Name(), row.Upper.Path), expected} {
			if err := s.text(col+2, y, v); err != nil {
				return err
			}
		}
		for col := 1; col <= 4; col++ {
			if err := s.style(col, y, body); err != nil {
				return err
			}
		}
		for k, c := range row.Cells {
			if err := s.text(5+k, y, CellText(c)); err != nil {
				return err
			}
			if err := s.style(5+k, y, fills[c.Verdict]); err != nil {
				return err
			}
		}
		if row.Expected {
			err = s.text(last, y, pctText(row.Tally.Coverage))
		} else {
			err = s.text(last, y, "—")
		}
		if err != nil {
			return err
		}
		if err := s.style(last, y, body); err != nil {
			return err
		}
	}
	// Coverage of each lower document: over all duties, and over those
	// expected below.
	for j, t := range [][2]string{{"覆盖率（全部任务）", "raw"}, {"覆盖率（要求下级落实的任务）", "expected"}} {
		y := len(r.Rows) + 2 + j
		if err := s.text(2, y, t[0]); err != nil {
			return err
		}
		for k, tot := range r.Totals {
			v := tot.Coverage
			if t[1] == "expected" {
				v = tot.ExpectedCoverage
			}
			if err := s.text(5+k, y, pctText(v)); err != nil {
				return err
			}
		}
		for col := 1; col <= last; col++ {
			if err := s.style(col, y, head); err != nil {
				return err
			}
		}
	}
	if err := s.fit([2]float64{6, 6}, [2]float64{30, 60}, [2]float64{12, 30}, [2]float64{10, 16}, [2]float64{14, 28}); err != nil {
		return err
	}
	if err := f.SetPanes(CoverageSheet, &excelize.Panes{
		Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "C2", ActiveCell: "C2", Pane: "bottomRight"}},
	}); err != nil {
		return err
	}
	end, err := excelize.CoordinatesToCellName(last, len(r.Rows)+1)
	if err != nil {
		return err
	}
	return f.AutoFilter(CoverageSheet, "A1:"+end, nil)
}

func fillMatches(f *excelize.File, r *compare.CoverageReport) error {
	if _, err := f.NewSheet(MatchSheet); err != nil {
		return err
	}
	s := &sheetWriter{f: f, sheet: MatchSheet}
	for i, h := range []string{"序号", "上级任务", "下级文件", "结论", "下级对应条款"} {
		if err := s.text(i+1, 1, h); err != nil {
			return err
		}
	}
	y := 2
	for i, row := range r.Rows {
		for k, c := range row.Cells {
			if len(c.Matched) == 0 {
				continue
			}
			if err := s.number(1, y, float64(i+1)); err != nil {
				return err
			}
			for col, v := range []string{row.Text, r.Lowers[k].Name(), CellText(c), strings.Join(c.Matched, "\n")} {
				if err := s.text(col+2, y, v); err != nil {
					return err
				}
			}
			y++
		}
	}
	return s.fit([2]float64{6, 6}, [2]float64{30, 60}, [2]float64{14, 30}, [2]float64{10, 30}, [2]float64{30, 60})
}

// source names a duty's place: 《title》 and its item path.
func source(title string, path []string) string {
	return "《" + title + "》" + pathText(path)
}

func pctText(x float64) string { return fmt.Sprintf("%.1f%%", x*100) }
