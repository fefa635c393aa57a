package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/report"
)

// TestCoverageCommand stores the constructed 吕梁市 and 交城县 plans and town
// seed 000 (a town of 交城县), with city seed 004 of another place, and
// lays the city plan out against the documents under it.
func TestCoverageCommand(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "corpus")
	city := filepath.Join("..", "..", "compare", "testdata", "lvliang_city_2024.txt")
	files := []string{city, filepath.Join("..", "..", "compare", "testdata", "jiaocheng_county_2024.txt"),
		cmpSampleFile(t, dir, "000_b8c2bae4e8864faf.txt", "town.txt"), cmpSampleFile(t, dir, "004_a5e2ad6881a36660.txt", "other.txt")}
	var log bytes.Buffer
	if err := testRun(context.Background(), append([]string{"add", "--corpus", home}, files...), nil, &log, &log); err != nil {
		t.Fatalf("add: %v\n%s", err, log.String())
	}
	var out bytes.Buffer
	if err := testApp(&out).runCoverage(context.Background(), coverageOptions{corpus: corpusFlag{dir: home}, json: true}, []string{city}); err != nil {
		t.Fatal(err)
	}
	var r compare.CoverageReport
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("decode %s: %v", out.String(), err)
	}
	var names []string
	for _, l := range r.Lowers {
		names = append(names, l.Issuer)
	}
	if strings.Join(names, ",") != "交城县人民政府,水峪贯镇人民政府" || len(r.Rows) == 0 || len(r.Rows[0].Cells) != 2 {
		t.Fatalf("lowers %v, %d rows", names, len(r.Rows))
	}
	if r.Totals[0].ExpectedCoverage <= r.Totals[1].ExpectedCoverage {
		t.Errorf("the county covers %v, the town %v", r.Totals[0].ExpectedCoverage, r.Totals[1].ExpectedCoverage)
	}

	book := filepath.Join(dir, "覆盖矩阵.xlsx")
	out.Reset()
	if err := testApp(&out).runCoverage(context.Background(), coverageOptions{corpus: corpusFlag{dir: home}, xlsx: book}, []string{city}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(report.CoverageSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(r.Rows)+3 || rows[0][4] != r.Lowers[0].Name() || !strings.Contains(out.String(), "lower documents") {
		t.Errorf("%d rows, header %q; %s", len(rows), rows[0], out.String())
	}

	out.Reset()
	if err := testApp(&out).runCoverage(context.Background(), coverageOptions{corpus: corpusFlag{dir: home}}, []string{city}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "交城县人民政府") || !strings.Contains(out.String(), "✗") {
		t.Errorf("text:\n%s", out.String())
	}
}

func TestCoverageCommandErrors(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "corpus")
	anon := cmpSampleFile(t, dir, "003_7fa65165f7cec2ac.txt", "anon.txt")
	city := cmpSampleFile(t, dir, "004_a5e2ad6881a36660.txt", "city.txt")
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	if err := testRun(context.Background(), []string{"add", "--corpus", home, anon}, nil, &log, &log); err != nil {
		t.Fatalf("add: %v\n%s", err, log.String())
	}
	tests := []struct {
		opts coverageOptions
		arg  string
		want string
	}{
		{coverageOptions{corpus: corpusFlag{dir: home}, json: true, xlsx: "x.xlsx"}, city, "exclusive"},
		{coverageOptions{corpus: corpusFlag{dir: home}}, city, "no lower-level document"},
		{coverageOptions{corpus: corpusFlag{dir: home}}, anon, "is unknown"},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		if err := testApp(&out).runCoverage(context.Background(), tt.opts, []string{tt.arg}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("runCoverage(%+v, %s) = %v, want %q", tt.opts, filepath.Base(tt.arg), err, tt.want)
		}
	}
}
