package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/report"
	"github.com/dutymap/dutymap/workspace"
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
		t.Skipf("../shared/gold not found: %s is missing (the gold annotations live in ../shared beside the repo)", shared)
	}
	return shared
}

// stored is an obligation of the sample corpus with its document.
type stored struct {
	doc *corpus.Document
	o   *corpus.Obligation
}

// sampleCorpus makes a corpus of the samples (dutymap add --samples) and
// returns its directory and its obligations by ID.
func sampleCorpus(t *testing.T) (string, map[string]stored) {
	t.Helper()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "corpus")
	if err := testRun(ctx, []string{"add", "--samples", "--corpus", dir}, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	v, err := workspace.OpenView(ctx, dir, workspace.Options{Segmenter: testSeg})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	list, err := v.List()
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]stored{}
	for _, d := range list {
		p, err := v.Document(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i := range p.Obligations {
			all[p.Obligations[i].ID] = stored{doc: p.Doc, o: &p.Obligations[i]}
		}
	}
	if len(all) == 0 {
		t.Fatal("the sample corpus gave no obligations")
	}
	return dir, all
}

// goldUnits is what a gold file says of a document's units.
type goldUnits struct {
	Doc   string `json:"doc"`
	Part  int    `json:"part"`
	Meta  struct{ Issuer string }
	Units []struct {
		Anchor string   `json:"anchor"`
		Lead   []string `json:"lead"`
	} `json:"units"`
}

// squash removes white space.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// anchorKey normalises text as the scorer does: NFKC, no white space.
func anchorKey(s string) string { return squash(norm.NFKC.String(s)) }

// leadsCityEmergency reports whether a gold lead names the 应急管理局 of a
// 市: written 市应急局 or 市应急管理局, or bare in a 市's plan (the gold
// writes names as the document does). It reads the gold's names on its own
// terms, apart from the resolver under test.
func leadsCityEmergency(name, issuer string) bool {
	bare, withCity := strings.CutPrefix(name, "市")
	if bare != "应急局" && bare != "应急管理局" {
		return false
	}
	return withCity || strings.HasPrefix(issuer, "市") || strings.Contains(issuer, "市人民政府")
}

// TestDutiesRecall asks `dutymap duties 市应急管理局 --role lead` of the
// sample corpus and checks it against the gold: every duty the gold shows
// 市应急管理局 leading (by the anchor of its attribution) must be listed,
// recall at least 0.95.
func TestDutiesRecall(t *testing.T) {
	shared := sharedDir(t)
	dir, all := sampleCorpus(t)
	var out bytes.Buffer
	if err := testApp(&out).runDuties(context.Background(), dutiesOptions{corpus: corpusFlag{dir: dir}, role: "lead", json: true}, "市应急管理局"); err != nil {
		t.Fatal(err)
	}
	var list report.DutyList
	if err := json.Unmarshal(out.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, g := range list.Groups {
		for _, r := range g.Rows {
			listed[r.ID] = true
			if r.Role != "lead" {
				t.Errorf("%s listed with role %s under --role lead", r.ID, r.Role)
			}
		}
	}
	if len(listed) != list.Total {
		t.Errorf("total %d, but %d duties listed", list.Total, len(listed))
	}

	golds, err := filepath.Glob(filepath.Join(shared, "gold", "*.gold.json"))
	if err != nil || len(golds) == 0 {
		t.Fatalf("no gold files: %v", err)
	}
	want, found := 0, 0
	for _, gf := range golds {
		b, err := os.ReadFile(gf)
		if err != nil {
			t.Fatal(err)
		}
		var g goldUnits
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", gf, err)
		}
		part := max(g.Part, 1)
		for _, u := range g.Units {
			leads := false
			for _, n := range u.Lead {
				leads = leads || leadsCityEmergency(n, g.Meta.Issuer)
			}
			if !leads {
				continue
			}
			want++
			anchor := anchorKey(u.Anchor)
			hit := ""
			for id, s := range all {
				if filepath.Base(s.doc.Source) == g.Doc && s.doc.Part == part && strings.Contains(anchorKey(s.o.Text), anchor) {
					hit = id
					if listed[id] {
						break
					}
				}
			}
			switch {
			case hit == "":
				t.Logf("miss: no obligation of %s part %d holds %q", g.Doc, part, u.Anchor)
			case !listed[hit]:
				t.Logf("miss: %s (%q, lead %v as extracted) not listed", hit, u.Anchor, all[hit].o.Lead)
			default:
				found++
			}
		}
	}
	if want < 30 {
		t.Fatalf("the gold shows only %d duties led by 市应急管理局; the gold changed", want)
	}
	recall := float64(found) / float64(want)
	t.Logf("recall %.3f (%d of %d gold duties led by 市应急管理局), %d duties listed", recall, found, want, list.Total)
	if recall < 0.95 {
		t.Errorf("recall %.3f < 0.95", recall)
	}
}

// TestUnitsAndDuties lists the bodies of the sample corpus and asks for
// one of them by the name units shows: the duties found are those counted.
func TestUnitsAndDuties(t *testing.T) {
	dir, _ := sampleCorpus(t)
	var out bytes.Buffer
	if err := testApp(&out).runUnits(context.Background(), unitsOptions{corpus: corpusFlag{dir: dir}, json: true}); err != nil {
		t.Fatal(err)
	}
	var bodies []struct {
		Name                       string
		Lead, Support, Responsible int
	}
	dec := json.NewDecoder(&out)
	for dec.More() {
		var b struct {
			Name                       string
			Lead, Support, Responsible int
		}
		if err := dec.Decode(&b); err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, b)
	}
	byName := map[string]int{}
	for i, b := range bodies {
		byName[b.Name] = i
		if strings.Contains(b.Name, "应急局") || strings.Contains(b.Name, "安委办") {
			t.Errorf("units lists a short form, %s, not the standard name", b.Name)
		}
	}
	for _, name := range []string{"积翠镇应急管理站", "南安市应急管理局", "阆中市应急管理局", "市应急管理局", "市安全生产委员会办公室"} {
		if _, ok := byName[name]; !ok {
			t.Errorf("units does not list %s", name)
		}
	}
	i, ok := byName["南安市应急管理局"]
	if !ok {
		return
	}
	out.Reset()
	if err := testApp(&out).runDuties(context.Background(), dutiesOptions{corpus: corpusFlag{dir: dir}, role: "lead", json: true}, "南安市应急管理局"); err != nil {
		t.Fatal(err)
	}
	var list report.DutyList
	if err := json.Unmarshal(out.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	if list.Total != bodies[i].Lead {
		t.Errorf("duties 南安市应急管理局 --role lead lists %d, units counts %d", list.Total, bodies[i].Lead)
	}
	out.Reset()
	err := testApp(&out).runDuties(context.Background(), dutiesOptions{corpus: corpusFlag{dir: dir}, role: "chief"}, "市应急局")
	if err == nil || !strings.Contains(err.Error(), "--role chief") {
		t.Errorf("--role chief: %v", err)
	}
}
