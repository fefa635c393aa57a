package compare

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

// TestCoverage lays the constructed city plan out against the county plan
// under it and two town plans, and checks that every cell says what
// Levels says of that lower document alone, and that the tallies add up.
func TestCoverage(t *testing.T) {
	seg := testSegmenter(t)
	city := loadTruthDoc(t, "testdata/lvliang_city_2024.txt")
	lowers := []corpus.Parsed{
		loadTruthDoc(t, "testdata/jiaocheng_county_2024.txt"),
		loadTruthDoc(t, "samples/000_b8c2bae4e8864faf.txt"),
		loadTruthDoc(t, "samples/003_7fa65165f7cec2ac.txt"),
	}
	r, err := Coverage(seg, city, append(lowers, lowers[0]))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Lowers) != 3 || len(r.Totals) != 3 {
		t.Fatalf("%d lowers, %d totals; want 3 (the county once)", len(r.Lowers), len(r.Totals))
	}
	for k, lower := range lowers {
		lr, err := Levels(seg, lower, []corpus.Parsed{city})
		if err != nil {
			t.Fatal(err)
		}
		if len(lr.Duties) != len(r.Rows) {
			t.Fatalf("%s: %d duties, %d rows", lower.Doc.Title, len(lr.Duties), len(r.Rows))
		}
		for i, d := range lr.Duties {
			c := r.Rows[i].Cells[k]
			if c.Verdict != d.Verdict || d.ReasonText() != (&Duty{Reasons: c.Reasons}).ReasonText() || len(c.Lower) != len(d.Lower) {
				t.Errorf("%s, %q: cell %s %v, Levels %s %v", lower.Doc.Title, d.Text, c.Verdict, c.Reasons, d.Verdict, d.Reasons)
			}
		}
		if r.Totals[k] != lr.Total {
			t.Errorf("%s: total %+v, Levels %+v", lower.Doc.Title, r.Totals[k], lr.Total)
		}
	}
	// The county carries more of the city's duties than the towns of
	// other places do; the city's own projects are expected of nobody.
	if !(r.Totals[0].ExpectedCoverage > r.Totals[1].ExpectedCoverage && r.Totals[1].ExpectedCoverage > r.Totals[2].ExpectedCoverage) {
		t.Errorf("coverage county %v, town 000 %v, town 003 %v", r.Totals[0].ExpectedCoverage, r.Totals[1].ExpectedCoverage, r.Totals[2].ExpectedCoverage)
	}
	for _, row := range r.Rows {
		if n := row.Tally.Total; n != 3 {
			t.Errorf("%q: %d cells counted", row.Text, n)
		}
		if strings.Contains(row.Text, "市应急局要完成市综合应急救援支队营房搬迁") && (row.Expected || row.Tally.NotExpected != 3) {
			t.Errorf("%q expected below: %+v", row.Text, row.Tally)
		}
	}
	var buf bytes.Buffer
	if err := r.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "↓") || !strings.Contains(buf.String(), "交城县人民政府") {
		t.Errorf("text:\n%s", buf.String())
	}
	if _, err := Coverage(seg, lowers[1], []corpus.Parsed{city}); err == nil {
		t.Error("a town's coverage by a city was not refused")
	}
}
