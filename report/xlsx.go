package report

import (
	"fmt"
	"io"

	"github.com/dutymap/dutymap/internal/width"
	"github.com/xuri/excelize/v2"
)

// SheetName is the name of the worksheet that holds the task breakdown table.
const SheetName = "任务分解表"

// WriteXLSX writes the table as an Excel workbook with one sheet, SheetName:
// a bold header row that stays in view (frozen) and carries filters, one row
// per obligation, lead and supporting units in their own columns, and column
// widths fitted to the text.
func (t *Table) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := t.fillXLSX(f); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

func (t *Table) fillXLSX(f *excelize.File) error {
	const sheet = SheetName
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: t.Title, Subject: SheetName, Creator: "dutymap", Language: "zh-CN"}); err != nil {
		return err
	}
	// Each column's width in characters is fitted to its widest cell within
	// these bounds {min, max}; text wraps inside the maximum.
	bounds := [][2]float64{{6, 6}, {30, 80}, {12, 30}, {12, 36}, {10, 24}, {12, 28}, {16, 48}}
	rows := make([][]any, len(t.Rows))
	for i, r := range t.Rows {
		cells := r.Cells()
		rows[i] = make([]any, len(cells))
		for j, c := range cells {
			rows[i][j] = c
		}
		rows[i][0] = r.No // a number, so that the column sorts as numbers
	}
	return fillSheet(f, sheet, Headers(), rows, bounds)
}

// fillSheet writes a table into sheet: a bold header row that stays in view
// (frozen) and carries filters, then rows, each column's width fitted to
// its widest cell within bounds[i] = {min, max} characters (text wraps
// inside the maximum).
func fillSheet(f *excelize.File, sheet string, head []string, rows [][]any, bounds [][2]float64) error {
	if err := f.SetSheetRow(sheet, "A1", &head); err != nil {
		return err
	}
	// Width in characters: measure the widest cell of each column.
	widths := make([]float64, len(head))
	for i, h := range head {
		widths[i] = float64(width.Of(h))
	}
	for i, vals := range rows {
		for j, v := range vals {
			if c, ok := v.(string); ok {
				widths[j] = max(widths[j], float64(width.Of(c)))
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
			return err
		}
	}
	for i, wd := range widths {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, col, col, min(max(wd+2, bounds[i][0]), bounds[i][1])); err != nil {
			return err
		}
	}
	last, err := excelize.CoordinatesToCellName(len(head), len(rows)+1)
	if err != nil {
		return err
	}
	headStyle, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    borders(),
	})
	if err != nil {
		return err
	}
	bodyStyle, err := f.NewStyle(&excelize.Style{
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		Border:    borders(),
	})
	if err != nil {
		return err
	}
	lastHead, _ := excelize.CoordinatesToCellName(len(head), 1)
	if err := f.SetCellStyle(sheet, "A1", lastHead, headStyle); err != nil {
		return err
	}
	if len(rows) > 0 {
		if err := f.SetCellStyle(sheet, "A2", last, bodyStyle); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	return f.AutoFilter(sheet, "A1:"+last, nil)
}

func borders() []excelize.Border {
	var bs []excelize.Border
	for _, side := range []string{"left", "top", "right", "bottom"} {
		bs = append(bs, excelize.Border{Type: side, Color: "A6A6A6", Style: 1})
	}
	return bs
}
