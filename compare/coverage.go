package compare

import (
	"bufio"
	"fmt"
	"io"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/segment"
)

// CoverageReport is the inspector's matrix: the duties of one upper-level
// document, one row each, against the lower-level documents under it, one
// column each, with the verdict of every cell and coverage per lower
// document and per duty. Each cell is what Levels says of that lower
// document against this upper one alone.
type CoverageReport struct {
	Upper  DocInfo       `json:"upper"`
	Lowers []DocInfo     `json:"lowers"`
	Rows   []CoverageRow `json:"rows"`
	// Totals are the tallies of each lower document over the rows, in the
	// order of Lowers.
	Totals []Tally `json:"totals"`
}

// CoverageRow is one duty of the upper document across the lower ones.
type CoverageRow struct {
	Upper     *corpus.Obligation `json:"upper"`
	Text      string             `json:"text"` // the duty's words in Upper.Text
	Expected  bool               `json:"expected"`
	Addressed bool               `json:"addressed,omitempty"`
	// Cells hold what each lower document made of the duty, in the order
	// of the report's Lowers.
	Cells []Cell `json:"cells"`
	// Tally counts the cells' verdicts: its coverage is the share of the
	// lower documents that carried or strengthened the duty.
	Tally Tally `json:"tally"`
}

// Cell is what one lower document made of one upper duty.
type Cell struct {
	Verdict Verdict  `json:"verdict"`
	Lower   []string `json:"lower,omitempty"`   // IDs of the lower obligations that carry it
	Matched []string `json:"matched,omitempty"` // their words that do, in the same order
	Reasons []Reason `json:"reasons,omitempty"`
}

// Coverage checks each of lowers against upper (as Levels does for one
// lower document and one upper) and lays the verdicts out as a matrix. A
// lower document given twice counts once. It returns a *LevelError, and no
// report, when a lower document fails Check against upper.
func Coverage(seg *segment.Segmenter, upper corpus.Parsed, lowers []corpus.Parsed) (*CoverageReport, error) {
	seen := map[string]bool{}
	var distinct []corpus.Parsed
	for _, l := range lowers {
		if err := Check(l.Doc, upper.Doc); err != nil {
			return nil, err
		}
		if !seen[l.Doc.ID] {
			seen[l.Doc.ID] = true
			distinct = append(distinct, l)
		}
	}
	los := make([]*levelDoc, len(distinct))
	forEach(len(distinct), func(i int) { los[i] = prepareLevel(seg, distinct[i], true) })
	topics := false
	for _, lo := range los {
		topics = topics || lo.sectors
	}
	up := prepareLevel(seg, upper, topics)
	prs := make([]pairResult, len(los))
	forEach(len(los), func(i int) { prs[i] = comparePair(up, los[i]) })

	r := &CoverageReport{Upper: docInfo(upper), Totals: make([]Tally, len(los))}
	for _, l := range distinct {
		r.Lowers = append(r.Lowers, docInfo(l))
	}
	r.Rows = make([]CoverageRow, len(up.parts))
	for i := range r.Rows {
		row := &r.Rows[i]
		for k, pr := range prs {
			d := &pr.duties[i]
			if k == 0 {
				row.Upper, row.Text, row.Expected, row.Addressed = d.Upper, d.Text, d.Expected, d.Addressed
			}
			c := Cell{Verdict: d.Verdict, Matched: d.Matched, Reasons: d.Reasons}
			for _, l := range d.Lower {
				c.Lower = append(c.Lower, l.ID)
			}
			row.Cells = append(row.Cells, c)
			row.Tally.add(d.Verdict)
			r.Totals[k].add(d.Verdict)
		}
	}
	return r, nil
}

// WriteText writes the matrix for a terminal: coverage per lower document,
// then each duty with its coverage and one mark per lower document (✓
// carried, ↑ strengthened, ↓ weakened, ✗ missing, · not expected below).
func (r *CoverageReport) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "upper: %s (%s, %d duties)\n\n", r.Upper.Name(), levelName(r.Upper.Level), len(r.Rows))
	for k, l := range r.Lowers {
		t := r.Totals[k]
		fmt.Fprintf(bw, "  [%d] %6s, %6s expected  %s (%s)\n", k+1, pct(t.Coverage), pct(t.ExpectedCoverage), l.Name(), levelName(l.Level))
	}
	fmt.Fprintln(bw)
	for _, row := range r.Rows {
		marks := make([]rune, len(row.Cells))
		for k, c := range row.Cells {
			marks[k] = verdictRune(c.Verdict)
		}
		cov := "     —"
		if row.Expected {
			cov = fmt.Sprintf("%6s", pct(row.Tally.Coverage))
		}
		fmt.Fprintf(bw, "%s  %s  [%s] %s\n", string(marks), cov, pathOf(row.Upper), clip(row.Text, 60))
	}
	return bw.Flush()
}

func verdictRune(v Verdict) rune {
	switch v {
	case Carried:
		return '✓'
	case Strengthened:
		return '↑'
	case Weakened:
		return '↓'
	case Missing:
		return '✗'
	}
	return '·'
}
