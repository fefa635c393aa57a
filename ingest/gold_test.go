package ingest_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/ingest"
	"github.com/dutymap/dutymap/internal/testset"
)

// goldRefs and docRefs key the references of a gold file and of a parsed
// document as the scorer does: by number where there is one, else by title.
func goldRefs(g testset.File) map[string]bool {
	keys := map[string]bool{}
	for _, r := range g.Meta.References {
		key := r.Title
		if r.Number != nil {
			key = *r.Number
		}
		keys[testset.Canon(key)] = true
	}
	return keys
}

func docRefs(d *corpus.Document) map[string]bool {
	keys := map[string]bool{}
	for _, r := range d.References {
		key := r.Title
		if r.Number != "" {
			key = r.Number
		}
		keys[testset.Canon(key)] = true
	}
	return keys
}

// TestGoldMeta checks every metadata field of every gold document against
// what Parse reads from the seed (../shared/gold, ../shared/seeds).
func TestGoldMeta(t *testing.T) {
	shared := testset.Shared(t, "")
	golds, err := testset.Load(filepath.Join(shared, "gold"))
	if err != nil {
		t.Fatal(err)
	}
	parsed := map[string][]*corpus.Document{}
	for _, g := range golds {
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
		name := filepath.Base(g.Path)
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
				if testset.Canon(w) != testset.Canon(got) {
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
			want, got := goldRefs(g), docRefs(d)
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
