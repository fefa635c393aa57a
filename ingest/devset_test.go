package ingest_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dutymap/dutymap/ingest"
	"github.com/dutymap/dutymap/internal/testset"
)

// metaScore counts, per meta field, matches and misses as
// ../shared/tools/score does: fields whose gold is null are not counted;
// references are matched by number, else title.
type metaScore map[string]*[3]int // tp, fp, fn

func (m metaScore) add(field string, tp, fp, fn int) {
	if m[field] == nil {
		m[field] = &[3]int{}
	}
	m[field][0] += tp
	m[field][1] += fp
	m[field][2] += fn
}

func (m metaScore) f1(field string) float64 {
	c := m[field]
	if c == nil || c[0] == 0 {
		return 0
	}
	p := float64(c[0]) / float64(c[0]+c[1])
	r := float64(c[0]) / float64(c[0]+c[2])
	return 2 * p * r / (p + r)
}

// scoreMeta parses the texts of textDir named by the gold files of
// goldDir and scores their metadata.
func scoreMeta(t *testing.T, goldDir, textDir string) metaScore {
	golds, err := testset.Load(goldDir)
	if err != nil {
		t.Fatal(err)
	}
	m := metaScore{}
	for _, g := range golds {
		data, err := os.ReadFile(filepath.Join(textDir, g.Doc))
		if err != nil {
			t.Fatal(err)
		}
		docs, err := ingest.Parse(g.Doc, data)
		if err != nil {
			t.Fatalf("Parse(%s): %v", g.Doc, err)
		}
		if g.Part > len(docs) {
			t.Errorf("%s: part %d wanted, %d documents", g.Doc, g.Part, len(docs))
			continue
		}
		d := docs[g.Part-1]
		str := func(field string, want *string, got string) {
			if want == nil {
				return
			}
			switch {
			case testset.Canon(*want) == testset.Canon(got):
				m.add(field, 1, 0, 0)
			case got == "":
				m.add(field, 0, 0, 1)
				t.Logf("%s: %s = none, want %q", g.Doc, field, *want)
			default:
				m.add(field, 0, 1, 1)
				t.Logf("%s: %s = %q, want %q", g.Doc, field, got, *want)
			}
		}
		str("issuer", g.Meta.Issuer, d.Issuer)
		str("doc_number", g.Meta.DocNumber, d.DocNumber)
		str("level", g.Meta.Level, string(d.Level))
		str("title", g.Meta.Title, d.Title)
		str("date", g.Meta.Date, d.Date)
		if g.Meta.PlanYear != nil {
			switch {
			case *g.Meta.PlanYear == d.PlanYear:
				m.add("plan_year", 1, 0, 0)
			case d.PlanYear == 0:
				m.add("plan_year", 0, 0, 1)
			default:
				m.add("plan_year", 0, 1, 1)
			}
		}
		want, got := goldRefs(g), docRefs(d)
		for k := range want {
			if got[k] {
				m.add("references", 1, 0, 0)
			} else {
				m.add("references", 0, 0, 1)
				t.Logf("%s: missing reference %q", g.Doc, k)
			}
		}
		for k := range got {
			if !want[k] {
				m.add("references", 0, 1, 0)
				t.Logf("%s: extra reference %q", g.Doc, k)
			}
		}
	}
	return m
}

// metaFloors are the meta F1 figures ingest reached on every set; a change
// that lowers one fails. (Targets: dev set ≥ 0.95, seeds ≥ 0.97.)
var metaFloors = map[string]float64{
	"issuer": 1, "doc_number": 1, "level": 1, "title": 1, "date": 1, "plan_year": 1, "references": 1,
}

// setFloors lower a floor of metaFloors for one set, with the reason.
var setFloors = map[string]map[string]float64{
	// One title nested in a cited title (《…〈X〉…》) is a reference under
	// the dev set's gold, and not under this set's: 25 tp, 1 fp.
	"unseen2": {"references": 0.980},
}

// unseen and unseen2 … unseen7 hold documents written for dutymap by
// sessions that never saw its code, with their gold (README.md in each);
// they ship with the repository, so they are scored even where ../shared
// is missing.
var (
	unseen  = filepath.Join("..", "testdata", "unseen")
	unseen2 = filepath.Join("..", "testdata", "unseen2")
	unseen3 = filepath.Join("..", "testdata", "unseen3")
	unseen4 = filepath.Join("..", "testdata", "unseen4")
	unseen5 = filepath.Join("..", "testdata", "unseen5")
	unseen6 = filepath.Join("..", "testdata", "unseen6")
	unseen7 = filepath.Join("..", "testdata", "unseen7")
)

// TestMetaScores scores the metadata of the seeds (../shared/gold), of
// the dev set of real documents (../shared/devset) and of the unseen
// sets field by field with the scorer's rules and holds every F1 at its floor.
func TestMetaScores(t *testing.T) {
	shared := filepath.Join("..", "..", "shared") // beside the repository; sets missing are skipped
	for _, set := range []struct{ name, gold, text string }{
		{"seeds", filepath.Join(shared, "gold"), filepath.Join(shared, "seeds")},
		{"devset", filepath.Join(shared, "devset"), filepath.Join(shared, "devset")},
		{"unseen", unseen, unseen},
		{"unseen2", unseen2, unseen2},
		{"unseen3", unseen3, unseen3},
		{"unseen4", unseen4, unseen4},
		{"unseen5", unseen5, unseen5},
		{"unseen6", unseen6, unseen6},
		{"unseen7", unseen7, unseen7},
	} {
		t.Run(set.name, func(t *testing.T) {
			if _, err := os.Stat(set.gold); err != nil {
				t.Skipf("skipping: %s not found: %v", set.gold, err)
			}
			m := scoreMeta(t, set.gold, set.text)
			for field, floor := range metaFloors {
				if f, ok := setFloors[set.name][field]; ok {
					floor = f
				}
				if m[field] == nil {
					t.Errorf("%s: no gold value for meta.%s", set.name, field)
					continue
				}
				if f := m.f1(field); f < floor-1e-9 {
					t.Errorf("%s meta.%s F1 %.3f, below %.3f (tp/fp/fn %v)", set.name, field, f, floor, *m[field])
				}
			}
		})
	}
}
