package index

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

// unitDocs name one body, 应急管理局, in the forms real plans use: a city
// plan's 市应急局 and bare 应急管理局, a district plan's 区应急管理局 and its
// city's 市应急局, a county-level city's bare 应急管理局, a city plan's
// 各县(市、区)应急管理局 and a town plan's 应急站.
func unitDocs() []corpus.Parsed {
	shanxi := corpus.Place{Code: "14", Name: "山西省", Level: corpus.LevelProvince}
	shuozhou := corpus.Place{Code: "1406", Name: "朔州市", Level: corpus.LevelCity}
	shuocheng := corpus.Place{Code: "140602", Name: "朔城区", Level: corpus.LevelCounty}
	langzhong := corpus.Place{Code: "511381", Name: "阆中市", Level: corpus.LevelCounty}
	doc := func(id, issuer string, level corpus.Level, chain ...corpus.Place) *corpus.Document {
		d := &corpus.Document{ID: id, Issuer: issuer, Level: level, PlanYear: 2024, Region: chain}
		if len(chain) > 0 {
			d.Place = &chain[0]
		}
		return d
	}
	ob := func(id string, lead, support, responsible []string) corpus.Obligation {
		return corpus.Obligation{ID: id, Doc: id[:len(id)-4], Text: "开展安全生产专项整治。", Lead: lead, Support: support, Responsible: responsible}
	}
	one := func(s string) []string { return []string{s} }
	return []corpus.Parsed{
		{Doc: doc("d-sz", "朔州市人民政府", corpus.LevelCity, shuozhou, shanxi), Obligations: []corpus.Obligation{
			ob("d-sz/o-1", one("市应急局"), nil, nil),
			ob("d-sz/o-2", one("应急管理局"), one("市公安局"), nil),
			ob("d-sz/o-3", one("市住建局"), one("市应急管理局"), nil),
			ob("d-sz/o-4", one("各县(市、区)应急管理局"), nil, nil),
		}},
		{Doc: doc("d-sc", "朔城区人民政府", corpus.LevelCounty, shuocheng, shuozhou, shanxi), Obligations: []corpus.Obligation{
			ob("d-sc/o-1", one("区应急管理局"), nil, nil),
			ob("d-sc/o-2", one("市应急局"), nil, nil),
		}},
		{Doc: doc("d-lz", "市安全生产委员会", corpus.LevelCounty, langzhong,
			corpus.Place{Code: "5113", Name: "南充市", Level: corpus.LevelCity},
			corpus.Place{Code: "51", Name: "四川省", Level: corpus.LevelProvince}), Obligations: []corpus.Obligation{
			ob("d-lz/o-1", []string{"宣传部", "应急管理局"}, nil, nil),
		}},
		{Doc: doc("d-tn", "**镇", corpus.LevelTown), Obligations: []corpus.Obligation{
			ob("d-tn/o-1", nil, nil, one("应急站")),
		}},
	}
}

func TestSearchUnitForms(t *testing.T) {
	ix, err := Open(filepath.Join(t.TempDir(), "index"), seg(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Add(context.Background(), unitDocs()...); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"every 市's 应急管理局", Query{Lead: "市应急管理局"},
			[]string{"d-lz/o-1", "d-sc/o-2", "d-sz/o-1", "d-sz/o-2"}},
		{"the short form asks the same", Query{Lead: "市应急局"},
			[]string{"d-lz/o-1", "d-sc/o-2", "d-sz/o-1", "d-sz/o-2"}},
		{"a bare name at every level", Query{Lead: "应急管理局"},
			[]string{"d-lz/o-1", "d-sc/o-1", "d-sc/o-2", "d-sz/o-1", "d-sz/o-2", "d-sz/o-4"}},
		{"level narrows the body and the document", Query{Lead: "应急管理局", Level: "county"},
			[]string{"d-lz/o-1", "d-sc/o-1"}},
		{"a place name asks for that body", Query{Lead: "朔州市应急管理局"},
			[]string{"d-sc/o-2", "d-sz/o-1", "d-sz/o-2"}},
		{"a district's body and the plurals that cover it", Query{Lead: "朔城区应急局"},
			[]string{"d-sc/o-1", "d-sz/o-4"}},
		{"a county-level city", Query{Lead: "阆中市应急管理局"}, []string{"d-lz/o-1"}},
		{"support only", Query{Support: "市应急局"}, []string{"d-sz/o-3"}},
		{"any role", Query{Unit: "朔州市应急管理局"}, []string{"d-sc/o-2", "d-sz/o-1", "d-sz/o-2", "d-sz/o-3"}},
		{"a party department", Query{Lead: "阆中市委宣传部"}, []string{"d-lz/o-1"}},
		{"a town's station", Query{Unit: "镇应急站"}, []string{"d-tn/o-1"}},
		{"another body", Query{Lead: "市公安局"}, nil},
		{"and that body as support", Query{Support: "朔州市公安局"}, []string{"d-sz/o-2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ix.Search(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(r); !slices.Equal(got, tt.want) {
				t.Errorf("Search(%+v) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}

	bodies, err := ix.Bodies(context.Background(), Query{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]BodyCount{
		"朔州市应急管理局": {Name: "朔州市应急管理局", Lead: 3, Support: 1},
		"阆中市应急管理局": {Name: "阆中市应急管理局", Lead: 1},
		"朔城区应急管理局": {Name: "朔城区应急管理局", Lead: 1},
		"镇应急管理站":   {Name: "镇应急管理站", Responsible: 1},
	}
	got := map[string]BodyCount{}
	for _, b := range bodies {
		got[b.Name] = b
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("Bodies: %s counted %+v, want %+v", name, got[name], w)
		}
	}
	if bodies[0].Name != "朔州市应急管理局" {
		t.Errorf("Bodies: first %s, want the most often named, 朔州市应急管理局", bodies[0].Name)
	}
	county, err := ix.Bodies(context.Background(), Query{Level: "county"})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range county {
		if b.Name == "镇应急管理站" || b.Name == "朔州市住房和城乡建设局" {
			t.Errorf("Bodies of county plans counts %s", b.Name)
		}
	}
}
