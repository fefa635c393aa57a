package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/samples"
)

func TestInspectSamples(t *testing.T) {
	var out, errb bytes.Buffer
	if err := testRun(context.Background(), []string{"inspect"}, nil, &out, &errb); err != nil {
		t.Fatalf("inspect: %v\n%s", err, errb.String())
	}
	s := out.String()
	for _, want := range []string{
		"title:      水峪贯镇人民政府关于做好2024年安全生产工作的方案",
		"level:      county  阆中市 < 南充市 < 四川省 (511381)",
		"part 7 of 7",
		"    一 压实安全责任，统筹发展和安全\n      (一) 严格落实党政领导责任\n",
		"references: 《交城县人民政府关于做好2024年安全生产工作的通知》（交政发〔2024〕1号）",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestInspectJSON(t *testing.T) {
	var out, errb bytes.Buffer
	if err := testRun(context.Background(), []string{"inspect", "--json"}, nil, &out, &errb); err != nil {
		t.Fatalf("inspect --json: %v\n%s", err, errb.String())
	}
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var rec struct {
			ID      string       `json:"id"`
			Source  string       `json:"source"`
			Part    int          `json:"part"`
			Title   string       `json:"title"`
			Level   corpus.Level `json:"level"`
			Length  int          `json:"length"`
			Body    corpus.Span  `json:"body"`
			Outline []struct {
				Number string      `json:"number"`
				Lead   string      `json:"lead"`
				Span   corpus.Span `json:"span"`
			} `json:"outline"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		n++
		if rec.ID == "" || rec.Title == "" || rec.Level == "" || len(rec.Outline) == 0 {
			t.Errorf("%s part %d: incomplete record %+v", rec.Source, rec.Part, rec)
		}
		for _, b := range rec.Outline {
			if b.Span.Start < rec.Body.Start || b.Span.End > rec.Body.End || rec.Body.End > rec.Length {
				t.Errorf("%s part %d: block %s span %v outside body %v", rec.Source, rec.Part, b.Number, b.Span, rec.Body)
			}
		}
	}
	if n != 11 {
		t.Errorf("%d documents, want 11", n)
	}
}

func TestInspectBadFile(t *testing.T) {
	dir := t.TempDir()
	seed, err := samples.FS().Open("003_7fa65165f7cec2ac.txt")
	if err != nil {
		t.Fatal(err)
	}
	var data bytes.Buffer
	if _, err := data.ReadFrom(seed); err != nil {
		t.Fatal(err)
	}
	seed.Close()
	good := filepath.Join(dir, "a-good.txt")
	bad := filepath.Join(dir, "b-empty.txt")
	if err := os.WriteFile(good, data.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	err = testRun(context.Background(), []string{"inspect", dir}, nil, &out, &errb)
	if err == nil || !strings.Contains(err.Error(), "1 of 2 files failed") {
		t.Errorf("error %v, want 1 of 2 files failed", err)
	}
	if !strings.Contains(errb.String(), "b-empty.txt") || !strings.Contains(errb.String(), "empty file") {
		t.Errorf("stderr does not name the bad file and problem: %q", errb.String())
	}
	if !strings.Contains(out.String(), "**镇2024年安全生产工作要点") {
		t.Errorf("the good file was not printed:\n%s", out.String())
	}
}
