package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// DutySheetName is the name of the worksheet of a duty list workbook.
const DutySheetName = "职责清单"

// dutyBounds are the {min, max} widths of the duty list's columns, in
// characters (see DutyHeaders).
var dutyBounds = [][2]float64{{10, 12}, {6, 6}, {30, 70}, {12, 30}, {12, 30}, {10, 20}, {12, 24}, {16, 36}, {8, 16}}

// WriteText writes the list for a terminal: a heading with the number of
// duties, then each group with its duties, each with its document and item,
// the body's role, frequency, deadline and task.
func (l *DutyList) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s：%d 项职责\n", l.Unit, l.Total)
	n := 0
	for i := range l.Groups {
		g := &l.Groups[i]
		fmt.Fprintf(bw, "\n%s（%d 项）\n", g.Label, len(g.Rows))
		for _, r := range g.Rows {
			n++
			role := roleNames[r.Role]
			if role != "" {
				role = "[" + role + "：" + r.As + "] "
			}
			fmt.Fprintf(bw, "%3d. %s《%s》%s\n", n, role, r.Document, r.Path)
			fmt.Fprintf(bw, "     %s\n", r.Task)
			var facts []string
			for _, f := range [][2]string{{"频次", r.Frequency}, {"完成时限", r.Deadline}, {"牵头", strings.Join(r.Lead, "、")},
				{"配合", strings.Join(r.Support, "、")}, {"负责", strings.Join(r.Responsible, "、")}} {
				if f[1] != "" {
					facts = append(facts, f[0]+"："+f[1])
				}
			}
			if len(facts) > 0 {
				fmt.Fprintf(bw, "     %s\n", strings.Join(facts, "  "))
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write duties: %w", err)
	}
	return nil
}

// WriteCSV writes the list as CSV under DutyHeaders, one record per duty in
// the list's order: UTF-8 with a byte order mark, as WriteCSV of a Table.
func (l *DutyList) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(utf8BOM); err != nil {
		return fmt.Errorf("write duties csv: %w", err)
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	if err := cw.Write(DutyHeaders()); err != nil {
		return fmt.Errorf("write duties csv: %w", err)
	}
	for i := range l.Groups {
		for _, r := range l.Groups[i].Rows {
			cells := r.cells(&l.Groups[i])
			for j, c := range cells {
				cells[j] = defuse(c)
			}
			if err := cw.Write(cells); err != nil {
				return fmt.Errorf("write duties csv: %w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write duties csv: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write duties csv: %w", err)
	}
	return nil
}

// WriteXLSX writes the list as an Excel workbook with one sheet,
// DutySheetName, laid out as the task breakdown table is (frozen header
// with filters, fitted columns).
func (l *DutyList) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	err := f.SetSheetName("Sheet1", DutySheetName)
	if err == nil {
		err = f.SetDocProps(&excelize.DocProperties{Title: l.Unit + DutySheetName, Subject: DutySheetName, Creator: "dutymap", Language: "zh-CN"})
	}
	if err == nil {
		err = l.fillSheet(f, DutySheetName)
	}
	if err == nil {
		err = f.Write(w)
	}
	if err != nil {
		return fmt.Errorf("write duties xlsx: %w", err)
	}
	return nil
}

func (l *DutyList) fillSheet(f *excelize.File, sheet string) error {
	var rows [][]any
	for i := range l.Groups {
		for _, r := range l.Groups[i].Rows {
			cells := r.cells(&l.Groups[i])
			vals := make([]any, len(cells))
			for j, c := range cells {
				vals[j] = c
			}
			rows = append(rows, vals)
		}
	}
	return fillSheet(f, sheet, DutyHeaders(), rows, dutyBounds)
}
