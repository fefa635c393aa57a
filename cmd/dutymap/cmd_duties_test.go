package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/internal/testset"
	"github.com/dutymap/dutymap/workspace"
)

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
	gold := testset.Shared(t, "gold")
	dir, all := sampleCorpus(t)
	var out bytes.Buffer
	if err := testApp(&out).runDuties(context.Background(), dutiesOptions{corpus: corpusFlag{dir: dir}, role: "lead", json: true}, "市应急管理局"); err != nil {
		t.Fatal(err)
	}
	var list workspace.DutiesJSON
	if err := json.Unmarshal(out.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, g := range list.Groups {
		for _, r := range g.Duties {
			listed[r.ID] = true
			if r.Role != "lead" {
				t.Errorf("%s listed with role %s under --role lead", r.ID, r.Role)
			}
		}
	}
	if len(listed) != list.Total {
		t.Errorf("total %d, but %d duties listed", list.Total, len(listed))
	}

	golds, err := testset.Load(gold)
	if err != nil {
		t.Fatal(err)
	}
	want, found := 0, 0
	for _, g := range golds {
		issuer := ""
		if g.Meta.Issuer != nil {
			issuer = *g.Meta.Issuer
		}
		for _, u := range g.Units {
			leads := false
			for _, n := range u.Lead {
				leads = leads || leadsCityEmergency(n, issuer)
			}
			if !leads {
				continue
			}
			want++
			anchor := testset.Canon(u.Anchor)
			hit := ""
			for id, s := range all {
				if filepath.Base(s.doc.Source) == g.Doc && s.doc.Part == g.Part && strings.Contains(testset.Canon(s.o.Text), anchor) {
					hit = id
					if listed[id] {
						break
					}
				}
			}
			switch {
			case hit == "":
				t.Logf("miss: no obligation of %s part %d holds %q", g.Doc, g.Part, u.Anchor)
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
	var list workspace.DutiesJSON
	if err := json.Unmarshal(out.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	if list.Total != bodies[i].Lead {
		t.Errorf("duties 南安市应急管理局 --role lead lists %d, units counts %d", list.Total, bodies[i].Lead)
	}
	out.Reset()
	err := testApp(&out).runDuties(context.Background(), dutiesOptions{corpus: corpusFlag{dir: dir}, role: "chief"}, "市应急局")
	var qe *index.QueryError
	if !errors.As(err, &qe) || qe.Field != "role" || !strings.Contains(err.Error(), "want lead, support, responsible or any") {
		t.Errorf("--role chief: %v", err)
	}
}
