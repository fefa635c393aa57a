package workspace

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/index"
)

// TestCheckQuery refuses the filters that could only find nothing, naming
// what would do, and turns a place's name or code into the index's code.
func TestCheckQuery(t *testing.T) {
	w := sampleCorpus(t)
	for _, tt := range []struct {
		q      index.Query
		region string // of the checked query
		errs   []string
	}{
		{q: index.Query{Sector: "燃气", Level: "town", Period: "month", Modality: "must", Limit: 5}},
		{q: index.Query{Region: "山西省"}, region: "14"},
		{q: index.Query{Region: "140000"}, region: "14"},
		{q: index.Query{Region: "140600"}, region: "1406"},
		{q: index.Query{Region: " 交城县 "}, region: "141122"},
		{q: index.Query{Region: "141122103000"}, region: "141122103"},
		{q: index.Query{Issuer: "朔州市"}},
		{q: index.Query{Issuer: "市安全生产委员会"}},
		{q: index.Query{Sector: "gas"}, errs: []string{`sector "gas": want one of`, "燃气"}},
		{q: index.Query{Region: "官桥镇"}, errs: []string{`region "官桥镇":`, "divisions are named so", " < "}},
		{q: index.Query{Region: "山西"}, errs: []string{`region "山西": no division is named so`}},
		{q: index.Query{Region: "999999"}, errs: []string{`region "999999": no division has this code`}},
		{q: index.Query{Issuer: "北京市"}, errs: []string{`issuer "北京市": no document`, "朔州市人民政府"}},
		{q: index.Query{Level: "village", Period: "monthly", Modality: "shall", DueBefore: "6月底"},
			errs: []string{`level "village": want one of town, county, city, province, national`, `period "monthly"`, `modality "shall"`, `due-before "6月底"`}},
		{q: index.Query{Limit: -1, Offset: -2, Year: 24}, errs: []string{`limit "-1"`, `offset "-2"`, `year "24"`}},
	} {
		got, err := CheckQuery(w, tt.q)
		if len(tt.errs) == 0 {
			if err != nil || got.Region != tt.region {
				t.Errorf("CheckQuery(%+v) = region %q, %v; want region %q", tt.q, got.Region, err, tt.region)
			}
			continue
		}
		var qe *index.QueryError
		if err == nil || !errors.As(err, &qe) {
			t.Errorf("CheckQuery(%+v): %v; want a QueryError", tt.q, err)
			continue
		}
		for _, want := range tt.errs {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("CheckQuery(%+v): %q lacks %q", tt.q, err, want)
			}
		}
	}
}

// TestRegionAndIssuerFind searches the samples by a province and by an
// issuer's start: the province finds its towns' and cities' plans, the
// issuer's start every plan it issued.
func TestRegionAndIssuerFind(t *testing.T) {
	w := sampleCorpus(t)
	ctx := context.Background()
	search := func(q index.Query) *index.Result {
		t.Helper()
		q, err := CheckQuery(w, q)
		if err != nil {
			t.Fatal(err)
		}
		q.Facets = true
		res, err := w.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	levels := func(res *index.Result) map[string]int {
		out := map[string]int{}
		for _, f := range res.Facets {
			if f.Field == index.FieldLevel {
				for _, tm := range f.Terms {
					out[tm.Term] = tm.Count
				}
			}
		}
		return out
	}
	shanxi := levels(search(index.Query{Region: "山西省"}))
	if shanxi["town"] == 0 || shanxi["city"] == 0 {
		t.Errorf("--region 山西省 finds %v; want the 交城县 town plan and the 朔州市 plan", shanxi)
	}
	county := levels(search(index.Query{Region: "交城县"}))
	if county["town"] == 0 || county["city"] != 0 {
		t.Errorf("--region 交城县 finds %v; want its town's plan alone", county)
	}
	res := search(index.Query{Issuer: "朔州市", Limit: 1000})
	if res.Total == 0 {
		t.Fatal("--issuer 朔州市 finds nothing")
	}
	for _, h := range res.Hits {
		if !strings.HasPrefix(h.Issuer, "朔州市") {
			t.Errorf("--issuer 朔州市 found a hit of %q", h.Issuer)
		}
	}
}

func TestCut(t *testing.T) {
	hits := func(n int) []index.Hit { return make([]index.Hit, n) }
	for _, tt := range []struct {
		q    index.Query
		res  index.Result
		want string
	}{
		{index.Query{Limit: 10}, index.Result{Total: 3, Hits: hits(3)}, ""},
		{index.Query{}, index.Result{Total: 0}, ""},
		{index.Query{Limit: 1000}, index.Result{Total: 1364, Hits: hits(1000)}, "result cut at 1000 of 1364 obligations"},
		{index.Query{Limit: 10, Offset: 10}, index.Result{Total: 25, Hits: hits(10)}, "obligations 11–20 of 25"},
		{index.Query{Limit: 10, Offset: 20}, index.Result{Total: 25, Hits: hits(5)}, "obligations 21–25 of 25"},
		{index.Query{Limit: 10, Offset: 30}, index.Result{Total: 25}, "no obligations from 31 on, of 25"},
	} {
		if got := Cut(tt.q, &tt.res); got != tt.want {
			t.Errorf("Cut(%+v, %d of %d) = %q, want %q", tt.q, len(tt.res.Hits), tt.res.Total, got, tt.want)
		}
	}
}

// TestSearchTasks tabulates a search and says when the table is cut.
func TestSearchTasks(t *testing.T) {
	w := sampleCorpus(t)
	ctx := context.Background()
	tab, cut, err := SearchTasks(ctx, w, index.Query{Text: "检查", Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	res, _ := w.Search(ctx, index.Query{Text: "检查", Limit: 5})
	if len(tab.Rows) != 5 || cut != Cut(index.Query{Limit: 5}, res) || !strings.HasPrefix(cut, "result cut at 5 of ") {
		t.Errorf("%d rows, cut %q; want 5 rows of %d, said so", len(tab.Rows), cut, res.Total)
	}
	for i, r := range tab.Rows {
		if r.ID != res.Hits[i].ID {
			t.Errorf("row %d is %s, hit %d is %s", i+1, r.ID, i+1, res.Hits[i].ID)
		}
	}
	if _, _, err := SearchTasks(ctx, w, index.Query{Sector: "gas"}); err == nil {
		t.Error("an unknown sector was searched")
	}
}
