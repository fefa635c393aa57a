package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/samples"
)

// cmpSampleFile writes a seed of the sample corpus into dir, edited by the
// replacer pairs, and returns its path.
func cmpSampleFile(t *testing.T, dir, seed, name string, edits ...string) string {
	t.Helper()
	data, err := fs.ReadFile(samples.FS(), seed)
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.NewReplacer(edits...).Replace(string(data)))
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDiffCommand(t *testing.T) {
	dir := t.TempDir()
	old := cmpSampleFile(t, dir, "004_a5e2ad6881a36660.txt", "2023.txt")
	new := cmpSampleFile(t, dir, "004_a5e2ad6881a36660.txt", "2024.txt",
		"安委会每月至少召开一次会议", "安委会每周至少召开一次会议", "推进安委办实体化运行。", "")
	page := filepath.Join(dir, "diff.html")

	var out bytes.Buffer
	opts := diffOptions{reportOptions{json: true, html: page, color: "auto"}}
	if err := testApp(&out).runDiff(context.Background(), opts, []string{old, new}); err != nil {
		t.Fatal(err)
	}
	var r compare.DiffReport
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("decode %s: %v", out.String(), err)
	}
	if r.Counts[compare.FrequencyTightened] != 1 || r.Counts[compare.Removed] != 1 || len(r.Entries) != 2 {
		t.Errorf("counts = %v, entries %d", r.Counts, len(r.Entries))
	}
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(html, []byte("<ins>周</ins>")) || !bytes.Contains(html, []byte("推进安委办实体化运行")) {
		t.Errorf("HTML page lacks the marked change or the removed duty")
	}

	out.Reset()
	opts = diffOptions{reportOptions{color: "never"}}
	if err := testApp(&out).runDiff(context.Background(), opts, []string{old, new}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "每{+周+}至少") || strings.Contains(out.String(), "\x1b[") {
		t.Errorf("text report:\n%s", out.String())
	}
}

func TestDiffCommandErrors(t *testing.T) {
	dir := t.TempDir()
	multi := cmpSampleFile(t, dir, "001_1f896dcc82d4bd9a.txt", "multi.txt")
	one := cmpSampleFile(t, dir, "004_a5e2ad6881a36660.txt", "one.txt")
	tests := []struct {
		args []string
		opts diffOptions
		want string
	}{
		{[]string{multi, one}, diffOptions{reportOptions{color: "auto"}}, "holds 7 documents"},
		{[]string{multi + "#9", one}, diffOptions{reportOptions{color: "auto"}}, "no document number 9"},
		{[]string{filepath.Join(dir, "missing.txt"), one}, diffOptions{reportOptions{color: "auto"}}, "no such file"},
		{[]string{one, one}, diffOptions{reportOptions{color: "pink"}}, "unknown --color"},
	}
	for _, tt := range tests {
		err := testApp(&bytes.Buffer{}).runDiff(context.Background(), tt.opts, tt.args)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("runDiff(%v) = %v, want %q", tt.args, err, tt.want)
		}
	}
	// One part of a file of several is a document of its own.
	var out bytes.Buffer
	if err := testApp(&out).runDiff(context.Background(), diffOptions{reportOptions{json: true, color: "auto"}}, []string{multi + "#1", multi + "#5"}); err != nil {
		t.Fatal(err)
	}
}

func TestCompareCommand(t *testing.T) {
	dir := t.TempDir()
	town := cmpSampleFile(t, dir, "000_b8c2bae4e8864faf.txt", "town.txt")
	city := cmpSampleFile(t, dir, "004_a5e2ad6881a36660.txt", "city.txt")
	page := filepath.Join(dir, "compare.html")

	var out bytes.Buffer
	opts := compareOptions{reportOptions{json: true, html: page, color: "auto"}}
	if err := testApp(&out).runCompare(context.Background(), opts, []string{town, city}); err != nil {
		t.Fatal(err)
	}
	var r compare.LevelReport
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("decode: %v", err)
	}
	if r.Lower.Level != corpus.LevelTown || len(r.Uppers) != 1 || r.Uppers[0].Level != corpus.LevelCity {
		t.Errorf("documents = %+v %+v", r.Lower, r.Uppers)
	}
	olds := map[string]bool{} // a sentence that binds several duties is several
	for _, d := range r.Duties {
		olds[d.Upper.ID] = true
	}
	if r.Total.Total != len(r.Duties) || len(olds) != r.Uppers[0].Obligations || r.Total.Coverage <= 0.2 || r.Total.Coverage >= 0.8 {
		t.Errorf("total = %+v", r.Total)
	}
	if _, err := os.Stat(page); err != nil {
		t.Error(err)
	}

	for _, args := range [][]string{{town, town}, {city, town}} {
		err := testApp(&bytes.Buffer{}).runCompare(context.Background(), compareOptions{reportOptions{color: "auto"}}, args)
		if err == nil || !strings.Contains(err.Error(), "cannot compare") {
			t.Errorf("runCompare(%v) = %v, want a refusal", args, err)
		}
	}
}

func TestCompareCommandFindsUppers(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "corpus")
	town := cmpSampleFile(t, dir, "000_b8c2bae4e8864faf.txt", "town.txt")
	files := []string{
		town,
		// The town's county and city, made from the city seed: the county plan
		// is the one the town plan cites; the city is found by place and year.
		cmpSampleFile(t, dir, "004_a5e2ad6881a36660.txt", "county.txt",
			"朔州市人民政府", "交城县人民政府", "朔政发〔2023〕1号", "交政发〔2024〕1号", "2023年", "2024年"),
		cmpSampleFile(t, dir, "004_a5e2ad6881a36660.txt", "city.txt", "朔州", "吕梁"),
		// Another city's plan: not the town's.
		cmpSampleFile(t, dir, "004_a5e2ad6881a36660.txt", "other.txt"),
	}
	var log bytes.Buffer
	if err := testRun(context.Background(), append([]string{"add", "--corpus", home}, files...), nil, &log, &log); err != nil {
		t.Fatalf("add: %v\n%s", err, log.String())
	}
	var out bytes.Buffer
	opts := compareOptions{reportOptions{corpus: corpusFlag{home}, json: true, color: "auto"}}
	if err := testApp(&out).runCompare(context.Background(), opts, []string{town}); err != nil {
		t.Fatal(err)
	}
	var r compare.LevelReport
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range r.Uppers {
		got = append(got, u.Issuer)
	}
	if strings.Join(got, ",") != "交城县人民政府,吕梁市人民政府" {
		t.Errorf("uppers = %v, want the county and the city of the town", got)
	}

	// A stored document can be named by its ID.
	out.Reset()
	if err := testApp(&out).runDiff(context.Background(), diffOptions{reportOptions{corpus: corpusFlag{home}, json: true, color: "auto"}}, []string{r.Lower.ID, town}); err != nil {
		t.Fatal(err)
	}
	var d compare.DiffReport
	if err := json.Unmarshal(out.Bytes(), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Entries) != 0 || d.Unchanged != r.Lower.Obligations {
		t.Errorf("stored vs file: %d entries, %d unchanged of %d", len(d.Entries), d.Unchanged, r.Lower.Obligations)
	}
}
