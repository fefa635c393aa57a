package workspace

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/org"
	"github.com/dutymap/dutymap/report"
)

// levelCorpus returns a corpus of a city plan, the county plan that cites
// it, the sample town plan that cites the county's, and two versions of a
// county notice; with the IDs of those documents by name.
func levelCorpus(t *testing.T) (*Workspace, map[string]string) {
	t.Helper()
	w := openTest(t)
	ids := map[string]string{}
	add := func(name string, data []byte) {
		t.Helper()
		res, err := w.Add(context.Background(), name, data)
		if err != nil {
			t.Fatal(err)
		}
		ids[name] = res.Docs[0]
	}
	for _, name := range []string{"lvliang_city_2024.txt", "jiaocheng_county_2024.txt"} {
		data, err := os.ReadFile(filepath.Join("..", "compare", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		add(name, data)
	}
	add("town.txt", seed(t, seedTown))
	notice := "交城县应急管理局关于开展消防安全检查的通知\n\n各乡镇：\n\n一、检查安排\n\n（一）各乡镇要%s开展一次消防安全检查。（牵头单位：县应急局）\n\n交城县应急管理局\n2024年%d月1日\n"
	add("notice-1.txt", []byte(strings.Replace(strings.Replace(notice, "%s", "每季度", 1), "%d", "3", 1)))
	add("notice-2.txt", []byte(strings.Replace(strings.Replace(notice, "%s", "每月", 1), "%d", "5", 1)))
	return w, ids
}

func TestRelated(t *testing.T) {
	w, ids := levelCorpus(t)
	city, county, town := ids["lvliang_city_2024.txt"], ids["jiaocheng_county_2024.txt"], ids["town.txt"]
	read := func(id string) *Links {
		t.Helper()
		p, err := w.Document(id)
		if err != nil {
			t.Fatal(err)
		}
		l, err := Related(w, p.Doc)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	has := func(fs []string, id string) bool {
		for _, f := range fs {
			if f == id {
				return true
			}
		}
		return false
	}
	townLinks := read(town)
	var ups []string
	for _, u := range townLinks.Uppers {
		ups = append(ups, u.Doc.ID)
	}
	if !has(ups, county) || !has(townLinks.Cited, county) || len(townLinks.Lowers) != 0 {
		t.Errorf("town plan: uppers %v, cited %v, lowers %d; want the county plan above it, cited, and nothing below", ups, townLinks.Cited, len(townLinks.Lowers))
	}
	countyLinks := read(county)
	var lows []string
	for _, l := range countyLinks.Lowers {
		lows = append(lows, l.Doc.ID)
	}
	if !has(lows, town) || !has(countyLinks.Cited, city) {
		t.Errorf("county plan: lowers %v, cited %v; want the town plan below and the city plan cited", lows, countyLinks.Cited)
	}
	n1, n2 := read(ids["notice-1.txt"]), read(ids["notice-2.txt"])
	if n2.Previous == nil || n2.Previous.ID != ids["notice-1.txt"] || n1.Next == nil || n1.Next.ID != ids["notice-2.txt"] || n2.Next != nil {
		t.Errorf("versions: the second's previous %v, the first's next %v, the second's next %v", n2.Previous, n1.Next, n2.Next)
	}
}

func TestLowersAndCoverage(t *testing.T) {
	w, ids := levelCorpus(t)
	p, err := w.Document(ids["lvliang_city_2024.txt"])
	if err != nil {
		t.Fatal(err)
	}
	lowers, err := Lowers(w, p.Doc)
	if err != nil {
		t.Fatal(err)
	}
	cr, err := w.Coverage(context.Background(), p, lowers)
	if err != nil {
		t.Fatal(err)
	}
	if len(cr.Lowers) != len(lowers) || len(cr.Lowers) == 0 || len(cr.Rows) < len(p.Obligations) {
		t.Errorf("matrix of %d rows × %d lowers for a plan of %d duties and %d lowers", len(cr.Rows), len(cr.Lowers), len(p.Obligations), len(lowers))
	}
	town, err := w.Document(ids["town.txt"])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Lowers(w, town.Doc); !errors.Is(err, ErrNoLowers) {
		t.Errorf("lowers of a town plan: %v, want ErrNoLowers", err)
	}
}

func TestDutiesAndTable(t *testing.T) {
	w, _ := levelCorpus(t)
	ctx := context.Background()
	lead, err := Duties(ctx, w, "县应急局", "lead", report.DutyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(lead) == 0 {
		t.Fatal("no duties led by 县应急局")
	}
	for _, d := range lead {
		if d.Role != org.Lead {
			t.Errorf("%s: role %s, want lead", d.Obligation.ID, d.Role)
		}
	}
	any, err := Duties(ctx, w, "县应急局", "", report.DutyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(any) < len(lead) {
		t.Errorf("%d duties in any role, fewer than the %d led", len(any), len(lead))
	}
	if _, err := Duties(ctx, w, " ", "", report.DutyFilter{}); !errors.Is(err, ErrNoUnit) {
		t.Errorf("a name of no body: %v, want ErrNoUnit", err)
	}
	if _, err := Duties(ctx, w, "县应急局", "boss", report.DutyFilter{}); err == nil {
		t.Error("role boss accepted")
	}

	q := index.Query{Text: "消防安全检查", Limit: 50}
	res, err := w.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := SearchTable(ctx, w, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != len(res.Hits) || len(tab.Rows) == 0 {
		t.Fatalf("table of %d rows for %d hits", len(tab.Rows), len(res.Hits))
	}
	for i, r := range tab.Rows {
		if r.ID != res.Hits[i].ID {
			t.Errorf("row %d is %s, hit %s", i+1, r.ID, res.Hits[i].ID)
		}
	}

	bodies, err := w.Bodies(ctx, index.Query{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, b := range bodies {
		found = found || (b.Name == "交城县应急管理局" && b.Lead > 0)
	}
	if !found {
		t.Errorf("bodies %v lack 交城县应急管理局 as a lead", bodies)
	}
}
