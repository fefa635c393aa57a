package web

import (
	"io"
	"net/http"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/report"
)

// coveragePage is the data of the inspector's matrix.
type coveragePage struct {
	ID     string
	Report *compare.CoverageReport
	Lowers []lowerColumn
	Rows   []coverageRow
}

// lowerColumn is one lower document of the matrix, with its totals.
type lowerColumn struct {
	compare.DocInfo
	N     int // its column number, from 1
	Tally compare.Tally
}

// coverageRow is one upper duty across the lower documents.
type coverageRow struct {
	compare.CoverageRow
	URL   string
	Cells []coverageCell
}

// coverageCell is one verdict of the matrix, with what supports it.
type coverageCell struct {
	Verdict string
	Label   string
	Mark    string // ✓ ↑ ↓ ✗ ·
	Title   string // the lower words matched and the reasons, for a tooltip
	URL     string // the lower obligation that carries the duty
}

// verdictMarks are the one-character marks of the matrix, as `dutymap
// coverage` prints them.
var verdictMarks = map[compare.Verdict]string{
	compare.Carried: "✓", compare.Strengthened: "↑", compare.Weakened: "↓",
	compare.Missing: "✗", compare.NotExpected: "·",
}

func (s *Server) coverage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := checkID(id); err != nil {
		s.fail(w, r, err)
		return
	}
	cr, err := s.core.Coverage(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := coveragePage{ID: id, Report: cr}
	for k, l := range cr.Lowers {
		col := lowerColumn{DocInfo: l, N: k + 1}
		if k < len(cr.Totals) {
			col.Tally = cr.Totals[k]
		}
		p.Lowers = append(p.Lowers, col)
	}
	for _, row := range cr.Rows {
		v := coverageRow{CoverageRow: row, URL: obligationURL(cr.Upper.ID, row.Upper.ID)}
		for k, c := range row.Cells {
			cell := coverageCell{Verdict: string(c.Verdict), Label: kindName(string(c.Verdict)), Mark: verdictMarks[c.Verdict], Title: report.CellText(c)}
			if len(c.Lower) > 0 && k < len(cr.Lowers) {
				cell.URL = obligationURL(cr.Lowers[k].ID, c.Lower[0])
			}
			v.Cells = append(v.Cells, cell)
		}
		p.Rows = append(p.Rows, v)
	}
	s.render(w, r, http.StatusOK, "coverage", "覆盖矩阵："+cr.Upper.Name(), "docs", p)
}

// coverageExport answers /doc/{id}/coverage/{format}: the matrix as a
// workbook (one row per duty, one column per lower document) or JSON.
func (s *Server) coverageExport(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := checkID(id); err != nil {
		s.fail(w, r, err)
		return
	}
	format := r.PathValue("format")
	if format != "xlsx" && format != "json" {
		s.fail(w, r, badInput(http.StatusNotFound, "不支持导出为 %q：可选 xlsx、json", format))
		return
	}
	cr, err := s.core.Coverage(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name := fileSafe(cr.Upper.Name()) + "-覆盖矩阵"
	if format == "json" {
		s.download(w, r, name+".json", "application/json; charset=utf-8", func(w io.Writer) error { return report.WriteCoverageJSON(w, cr) })
		return
	}
	s.download(w, r, name+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", func(w io.Writer) error { return report.WriteCoverageXLSX(w, cr) })
}
