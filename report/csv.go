package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// utf8BOM makes Excel read a CSV file as UTF-8 rather than the locale's code page.
const utf8BOM = "\ufeff"

// WriteCSV writes the table as CSV: UTF-8 with a byte order mark (so that
// Excel opens it right), a header row, then one record per row. A cell that
// Excel would take for a formula (one starting with = + - @) gets a leading
// apostrophe, which Excel shows as text and hides.
func (t *Table) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(utf8BOM); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true // what Excel writes and expects
	if err := cw.Write(Headers()); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	for _, r := range t.Rows {
		cells := r.Cells()
		for i, c := range cells {
			cells[i] = defuse(c)
		}
		if err := cw.Write(cells); err != nil {
			return fmt.Errorf("write csv row %d: %w", r.No, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// defuse keeps a spreadsheet from evaluating a cell as a formula.
func defuse(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}
