package ingest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/ingest"
)

// sharedDir finds ../shared beside the module root, or skips the test.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("module root not found")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "gold")); err != nil {
		t.Skipf("skipping: %s is missing (the gold annotations live in ../shared beside the repo)", shared)
	}
	return shared
}

type goldMeta struct {
	Issuer     *string `json:"issuer"`
	DocNumber  *string `json:"doc_number"`
	Level      *string `json:"level"`
	Title      *string `json:"title"`
	Date       *string `json:"date"`
	PlanYear   *int    `json:"plan_year"`
	References []struct {
		Title  string  `json:"title"`
		Number *string `json:"number"`
	} `json:"references"`
}

type goldFile struct {
	Doc  string   `json:"doc"`
	Part int      `json:"part"`
	Meta goldMeta `json:"meta"`
}

// canon compares as the scorer does: NFKC, no white space.
func canon(s string) string {
	return strings.Join(strings.Fields(norm.NFKC.String(s)), "")
}

// TestGoldMeta checks every metadata field of every gold document against
// what Parse reads from the seed (../shared/gold, ../shared/seeds).
func TestGoldMeta(t *testing.T) {
	shared := sharedDir(t)
	golds, err := filepath.Glob(filepath.Join(shared, "gold", "*.gold.json"))
	if err != nil || len(golds) == 0 {
		t.Fatalf("no gold files in %s: %v", shared, err)
	}
	parsed := map[string][]*corpus.Document{}
	for _, gf := range golds {
		raw, err := os.ReadFile(gf)
		if err != nil {
			t.Fatal(err)
		}
		var g goldFile
		if err := json.Unmarshal(raw, &g); err != nil {
			t.Fatalf("%s: %v", gf, err)
		}
		if g.Part == 0 {
			g.Part = 1
		}
		docs, ok := parsed[g.Doc]
		if !ok {
			data, err := os.ReadFile(filepath.Join(shared, "seeds", g.Doc))
			if err != nil {
				t.Fatal(err)
			}
			docs, err = ingest.Parse(g.Doc, data)
			if err != nil {
				t.Fatalf("Parse(%s): %v", g.Doc, err)
			}
			parsed[g.Doc] = docs
		}
		name := filepath.Base(gf)
		t.Run(name, func(t *testing.T) {
			if g.Part > len(docs) {
				t.Fatalf("part %d wanted, %s gave %d documents", g.Part, g.Doc, len(docs))
			}
			d := docs[g.Part-1]
			check := func(field string, want *string, got string) {
				t.Helper()
				w := ""
				if want != nil {
					w = *want
				}
				if canon(w) != canon(got) {
					t.Errorf("%s = %q, want %q", field, got, w)
				}
			}
			check("issuer", g.Meta.Issuer, d.Issuer)
			check("doc_number", g.Meta.DocNumber, d.DocNumber)
			check("level", g.Meta.Level, string(d.Level))
			check("title", g.Meta.Title, d.Title)
			check("date", g.Meta.Date, d.Date)
			wantYear := 0
			if g.Meta.PlanYear != nil {
				wantYear = *g.Meta.PlanYear
			}
			if d.PlanYear != wantYear {
				t.Errorf("plan_year = %d, want %d", d.PlanYear, wantYear)
			}
			want := map[string]bool{}
			for _, r := range g.Meta.References {
				key := r.Title
				if r.Number != nil {
					key = *r.Number
				}
				want[canon(key)] = true
			}
			got := map[string]bool{}
			for _, r := range d.References {
				key := r.Title
				if r.Number != "" {
					key = r.Number
				}
				got[canon(key)] = true
			}
			for k := range want {
				if !got[k] {
					t.Errorf("missing reference %q (got %+v)", k, d.References)
				}
			}
			for k := range got {
				if !want[k] {
					t.Errorf("unexpected reference %q", k)
				}
			}
		})
	}
	if n := len(parsed["001_1f896dcc82d4bd9a.txt"]); n != 7 {
		t.Errorf("seed 001 gave %d documents, want 7", n)
	}
}
