package org

import (
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

func testResolver(t testing.TB) *Resolver {
	t.Helper()
	r, err := Standard()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// place builds a document of the gazetteer place chain given lowest first,
// as ingest makes one.
func placed(issuer string, chain ...corpus.Place) *corpus.Document {
	return &corpus.Document{Issuer: issuer, Level: chain[0].Level, Place: &chain[0], Region: chain}
}

var (
	shanxi    = corpus.Place{Code: "14", Name: "山西省", Level: corpus.LevelProvince}
	shuozhou  = corpus.Place{Code: "1406", Name: "朔州市", Level: corpus.LevelCity}
	shuocheng = corpus.Place{Code: "140602", Name: "朔城区", Level: corpus.LevelCounty}
	lvliang   = corpus.Place{Code: "1411", Name: "吕梁市", Level: corpus.LevelCity}
	fangshan  = corpus.Place{Code: "141128", Name: "方山县", Level: corpus.LevelCounty}
	jicui     = corpus.Place{Code: "141128105", Name: "积翠镇", Level: corpus.LevelTown}
	sichuan   = corpus.Place{Code: "51", Name: "四川省", Level: corpus.LevelProvince}
	nanchong  = corpus.Place{Code: "5113", Name: "南充市", Level: corpus.LevelCity}
	langzhong = corpus.Place{Code: "511381", Name: "阆中市", Level: corpus.LevelCounty}
	fujian    = corpus.Place{Code: "35", Name: "福建省", Level: corpus.LevelProvince}
	quanzhou  = corpus.Place{Code: "3505", Name: "泉州市", Level: corpus.LevelCity}
	nanan     = corpus.Place{Code: "350583", Name: "南安市", Level: corpus.LevelCounty}
)

// The documents the names below are read in: plans of a prefecture city,
// its district, a town, two county-level cities, a province, and plans whose
// place the publisher left out (市安全生产委员会 of a prefecture and of a
// county-level city, **镇).
var (
	cityDoc      = placed("朔州市人民政府", shuozhou, shanxi)
	districtDoc  = placed("朔城区人民政府", shuocheng, shuozhou, shanxi)
	townDoc      = placed("积翠镇人民政府", jicui, fangshan, lvliang, shanxi)
	langzhongDoc = placed("市安全生产委员会", langzhong, nanchong, sichuan)
	nananDoc     = placed("市安全生产委员会", nanan, quanzhou, fujian)
	provinceDoc  = placed("山西省人民政府", shanxi)
	anonCity     = &corpus.Document{Issuer: "市安全生产委员会", Level: corpus.LevelCity}
	anonCounty   = &corpus.Document{Issuer: "市安全生产委员会", Level: corpus.LevelCounty}
	anonTown     = &corpus.Document{Issuer: "**镇", Level: corpus.LevelTown}
)

// TestResolve reads real unit names, as plans of each kind write them, and
// checks the body each stands for, named in full.
func TestResolve(t *testing.T) {
	r := testResolver(t)
	tests := []struct {
		doc     *corpus.Document
		written string
		want    string
		level   corpus.Level
	}{
		// A prefecture city's plan.
		{cityDoc, "市应急局", "朔州市应急管理局", corpus.LevelCity},
		{cityDoc, "市应急管理局", "朔州市应急管理局", corpus.LevelCity},
		{cityDoc, "应急管理局", "朔州市应急管理局", corpus.LevelCity},
		{cityDoc, "朔州市应急管理局", "朔州市应急管理局", corpus.LevelCity},
		{cityDoc, "市安委办", "朔州市安全生产委员会办公室", corpus.LevelCity},
		{cityDoc, "市安委会办公室", "朔州市安全生产委员会办公室", corpus.LevelCity},
		{cityDoc, "安委办", "朔州市安全生产委员会办公室", corpus.LevelCity},
		{cityDoc, "市安委会", "朔州市安全生产委员会", corpus.LevelCity},
		{cityDoc, "市住建局", "朔州市住房和城乡建设局", corpus.LevelCity},
		{cityDoc, "市住房城乡建设局", "朔州市住房和城乡建设局", corpus.LevelCity},
		{cityDoc, "市市场监管局", "朔州市市场监督管理局", corpus.LevelCity},
		{cityDoc, "市场监管局", "朔州市市场监督管理局", corpus.LevelCity},
		{cityDoc, "市消防救援支队", "朔州市消防救援支队", corpus.LevelCity},
		{cityDoc, "市公安局交警支队", "朔州市公安局交通警察支队", corpus.LevelCity},
		{cityDoc, "市交警支队", "朔州市公安局交通警察支队", corpus.LevelCity},
		{cityDoc, "市委宣传部", "朔州市委宣传部", corpus.LevelCity},
		{cityDoc, "中共朔州市委组织部", "朔州市委组织部", corpus.LevelCity},
		{cityDoc, "市委编办", "朔州市委机构编制委员会办公室", corpus.LevelCity},
		{cityDoc, "市委网信办", "朔州市委网络安全和信息化委员会办公室", corpus.LevelCity},
		{cityDoc, "市发改委", "朔州市发展和改革委员会", corpus.LevelCity},
		{cityDoc, "市发展改革委", "朔州市发展和改革委员会", corpus.LevelCity},
		{cityDoc, "市人社局", "朔州市人力资源和社会保障局", corpus.LevelCity},
		{cityDoc, "市人力资源社会保障局", "朔州市人力资源和社会保障局", corpus.LevelCity},
		{cityDoc, "市卫健委", "朔州市卫生健康委员会", corpus.LevelCity},
		{cityDoc, "市工信局", "朔州市工业和信息化局", corpus.LevelCity},
		{cityDoc, "市文旅局", "朔州市文化和旅游局", corpus.LevelCity},
		{cityDoc, "市城管执法局", "朔州市城市管理综合行政执法局", corpus.LevelCity},
		{cityDoc, "市城市管理行政执法局", "朔州市城市管理综合行政执法局", corpus.LevelCity},
		{cityDoc, "市交通局", "朔州市交通运输局", corpus.LevelCity},
		{cityDoc, "市交通运输局等", "朔州市交通运输局", corpus.LevelCity},
		{cityDoc, "团市委", "朔州市团委", corpus.LevelCity},
		{cityDoc, "市总工会", "朔州市总工会", corpus.LevelCity},
		{cityDoc, "市检察院", "朔州市人民检察院", corpus.LevelCity},
		{cityDoc, "市财政局（国资委）", "朔州市财政局", corpus.LevelCity},
		{cityDoc, "市委党校(行政学院)", "朔州市委党校", corpus.LevelCity},
		{cityDoc, "市政府办", "朔州市人民政府办公室", corpus.LevelCity},
		{cityDoc, "市国资委", "朔州市国有资产监督管理委员会", corpus.LevelCity},
		{cityDoc, "市市政园林局", "朔州市市政园林局", corpus.LevelCity},
		{cityDoc, "市 应急局", "朔州市应急管理局", corpus.LevelCity},
		{cityDoc, "市民政局", "朔州市民政局", corpus.LevelCity},
		{cityDoc, "市纪委监委", "朔州市纪委监委", corpus.LevelCity},
		{cityDoc, "市政园林局", "朔州市市政园林局", corpus.LevelCity},
		{cityDoc, "大同市应急局", "大同市应急管理局", corpus.LevelCity},
		{cityDoc, "省应急厅", "山西省应急管理厅", corpus.LevelProvince},
		{cityDoc, "各县（市、区）应急管理局", "各县(市、区)应急管理局", corpus.LevelCounty},
		{cityDoc, "各县(市、区)", "各县(市、区)", corpus.LevelCounty},
		{cityDoc, "消防救援大队", "消防救援大队", corpus.LevelCounty},
		// Its district's plan.
		{districtDoc, "区应急管理局", "朔城区应急管理局", corpus.LevelCounty},
		{districtDoc, "应急局", "朔城区应急管理局", corpus.LevelCounty},
		{districtDoc, "市应急局", "朔州市应急管理局", corpus.LevelCity},
		{districtDoc, "区消防救援大队", "朔城区消防救援大队", corpus.LevelCounty},
		{districtDoc, "消防救援大队", "朔城区消防救援大队", corpus.LevelCounty},
		{districtDoc, "区委宣传部", "朔城区委宣传部", corpus.LevelCounty},
		{districtDoc, "交警大队", "朔城区公安局交通警察大队", corpus.LevelCounty},
		{districtDoc, "区教体局", "朔城区教育和体育局", corpus.LevelCounty},
		{districtDoc, "区政府", "朔城区人民政府", corpus.LevelCounty},
		{districtDoc, "各乡镇（街道）", "各乡镇(街道)", corpus.LevelTown},
		// A town's plan: a county body named bare is its county's.
		{townDoc, "镇政府", "积翠镇人民政府", corpus.LevelTown},
		{townDoc, "积翠镇人民政府", "积翠镇人民政府", corpus.LevelTown},
		{townDoc, "应急站", "积翠镇应急管理站", corpus.LevelTown},
		{townDoc, "镇应急站", "积翠镇应急管理站", corpus.LevelTown},
		{townDoc, "镇党委", "积翠镇委", corpus.LevelTown},
		{townDoc, "派出所", "积翠镇派出所", corpus.LevelTown},
		{townDoc, "镇纪委", "积翠镇纪委", corpus.LevelTown},
		{townDoc, "宣传部门", "积翠镇宣传部门", corpus.LevelTown},
		{townDoc, "县应急局", "方山县应急管理局", corpus.LevelCounty},
		{townDoc, "应急管理局", "方山县应急管理局", corpus.LevelCounty},
		{townDoc, "公安局", "方山县公安局", corpus.LevelCounty},
		{townDoc, "市应急局", "吕梁市应急管理局", corpus.LevelCity},
		{townDoc, "各村", "各村", corpus.LevelTown},
		// County-level cities: their 市 is their own, but a 支队 is the
		// prefecture's.
		{langzhongDoc, "应急管理局", "阆中市应急管理局", corpus.LevelCounty},
		{langzhongDoc, "市应急局", "阆中市应急管理局", corpus.LevelCounty},
		{langzhongDoc, "宣传部", "阆中市委宣传部", corpus.LevelCounty},
		{langzhongDoc, "公安局交警大队", "阆中市公安局交通警察大队", corpus.LevelCounty},
		{langzhongDoc, "商务和经济信息化局", "阆中市商务和经济信息化局", corpus.LevelCounty},
		{langzhongDoc, "教育科技和体育局", "阆中市教育科技和体育局", corpus.LevelCounty},
		{langzhongDoc, "发展和改革局", "阆中市发展和改革局", corpus.LevelCounty},
		{langzhongDoc, "市消防救援支队", "南充市消防救援支队", corpus.LevelCity},
		{langzhongDoc, "南充市应急管理局", "南充市应急管理局", corpus.LevelCity},
		{langzhongDoc, "朔州市应急管理局", "朔州市应急管理局", corpus.LevelCity},
		{nananDoc, "市应急局", "南安市应急管理局", corpus.LevelCounty},
		{nananDoc, "工信局", "南安市工业和信息化局", corpus.LevelCounty},
		{nananDoc, "市交警大队", "南安市公安局交通警察大队", corpus.LevelCounty},
		{nananDoc, "市财政局〈国资办〉", "南安市财政局", corpus.LevelCounty},
		{nananDoc, "泉州市应急管理局", "泉州市应急管理局", corpus.LevelCity},
		{nananDoc, "官桥镇", "官桥镇人民政府", corpus.LevelTown},
		{nananDoc, "xx海事局", "xx海事局", corpus.LevelUnknown},
		// A province's plan.
		{provinceDoc, "省应急管理厅", "山西省应急管理厅", corpus.LevelProvince},
		{provinceDoc, "应急管理厅", "山西省应急管理厅", corpus.LevelProvince},
		{provinceDoc, "省消防救援总队", "山西省消防救援总队", corpus.LevelProvince},
		{provinceDoc, "各市应急管理局", "各市应急管理局", corpus.LevelCity},
		// Plans whose place is left out keep the level and the word.
		{anonCity, "市应急局", "市应急管理局", corpus.LevelCity},
		{anonCity, "应急管理局", "市应急管理局", corpus.LevelCity},
		{anonCity, "市消防救援支队", "市消防救援支队", corpus.LevelCity},
		{anonCounty, "市应急局", "市应急管理局", corpus.LevelCounty},
		{anonCounty, "市消防救援大队", "市消防救援大队", corpus.LevelCounty},
		{anonCounty, "市消防救援支队", "市消防救援支队", corpus.LevelCity},
		{anonTown, "镇政府", "镇人民政府", corpus.LevelTown},
		{anonTown, "应急站", "镇应急管理站", corpus.LevelTown},
		{anonTown, "xx县应急管理局", "xx县应急管理局", corpus.LevelCounty},
		// Read without a document.
		{nil, "应急管理局", "应急管理局", corpus.LevelUnknown},
		{nil, "县应急局", "县应急管理局", corpus.LevelCounty},
	}
	for _, tt := range tests {
		b := r.Resolve(tt.written, tt.doc)
		issuer := "no document"
		if tt.doc != nil {
			issuer = tt.doc.Issuer + " " + string(tt.doc.Level)
		}
		if got := b.String(); got != tt.want {
			t.Errorf("in %s, %q is %q, want %q", issuer, tt.written, got, tt.want)
		}
		if b.Level() != tt.level {
			t.Errorf("in %s, %q (%s) is of level %q, want %q", issuer, tt.written, b, b.Level(), tt.level)
		}
	}
	if len(tests) < 60 {
		t.Errorf("only %d name pairs", len(tests))
	}
}

// TestKeys checks that every form of one body has its key, across the
// plans of its place and its parts, and that other bodies do not.
func TestKeys(t *testing.T) {
	r := testResolver(t)
	type named struct {
		doc     *corpus.Document
		written string
	}
	same := [][]named{
		{{cityDoc, "市应急局"}, {cityDoc, "应急管理局"}, {cityDoc, "朔州市应急管理局"},
			{districtDoc, "市应急局"}, {districtDoc, "朔州市应急局"}, {nil, "朔州市应急管理局"}},
		{{districtDoc, "区应急管理局"}, {districtDoc, "应急局"}, {cityDoc, "朔城区应急局"}},
		{{langzhongDoc, "应急管理局"}, {langzhongDoc, "市应急局"}},
		{{anonCity, "市应急局"}, {anonCity, "应急管理局"}},
		{{townDoc, "县公安局"}, {townDoc, "公安局"}, {cityDoc, "方山县公安局"}},
	}
	var keys []string
	for _, group := range same {
		want := r.Resolve(group[0].written, group[0].doc).Key()
		for _, n := range group[1:] {
			if got := r.Resolve(n.written, n.doc).Key(); got != want {
				t.Errorf("%q: key %s, want %s as for %q", n.written, got, want, group[0].written)
			}
		}
		keys = append(keys, want)
	}
	for i := range keys {
		for j := range i {
			if keys[i] == keys[j] {
				t.Errorf("bodies %q and %q share the key %s", same[i][0].written, same[j][0].written, keys[i])
			}
		}
	}
}

// TestPattern asks for bodies as a user names them and checks which of the
// names of real plans match.
func TestPattern(t *testing.T) {
	r := testResolver(t)
	type named struct {
		doc     *corpus.Document
		written string
	}
	all := []named{
		{cityDoc, "市应急局"}, {cityDoc, "各县(市、区)应急管理局"}, {districtDoc, "区应急管理局"},
		{districtDoc, "市应急局"}, {langzhongDoc, "应急管理局"}, {anonCity, "市应急局"},
		{anonCounty, "应急局"}, {townDoc, "县应急局"}, {townDoc, "应急站"}, {cityDoc, "市住建局"},
		{provinceDoc, "省应急管理厅"}, {townDoc, "各村"}, {districtDoc, "各乡镇(街道)"}, {cityDoc, "市纪委监委"},
	}
	tests := []struct {
		query string
		level corpus.Level
		want  []int // indexes into all
	}{
		{"市应急管理局", "", []int{0, 3, 4, 5, 6}},
		{"市应急局", corpus.LevelCity, []int{0, 3, 5}},
		{"市应急局", corpus.LevelCounty, []int{4, 6}},
		{"应急管理局", "", []int{0, 1, 2, 3, 4, 5, 6, 7}},
		{"应急管理局", corpus.LevelCounty, []int{1, 2, 4, 6, 7}},
		{"朔州市应急管理局", "", []int{0, 3}},
		{"朔城区应急管理局", "", []int{1, 2}},
		{"山西省朔州市朔城区应急局", "", []int{1, 2}},
		{"县应急局", "", []int{7}},
		{"方山县应急管理局", "", []int{7}},
		{"积翠镇应急站", "", []int{8}},
		{"住房城乡建设局", "", []int{9}},
		{"应急管理厅", "", []int{10}},
		{"纪委", "", []int{13}},
		{"朔城区人民政府", "", nil},
		{"", "", nil},
	}
	for _, tt := range tests {
		p := r.Pattern(tt.query)
		want := map[int]bool{}
		for _, i := range tt.want {
			want[i] = true
		}
		for i, n := range all {
			b := r.Resolve(n.written, n.doc)
			if got := p.Matches(b, tt.level); got != want[i] {
				t.Errorf("Pattern(%q) at level %q matches %q (%s in %s) = %v, want %v", tt.query, tt.level, n.written, b, n.doc.Issuer, got, want[i])
			}
		}
	}
}

// TestRoundTrip reads a body's full name back as a pattern: it must match
// the body, so that what dutymap units lists can be asked for.
func TestRoundTrip(t *testing.T) {
	r := testResolver(t)
	for _, n := range []struct {
		doc     *corpus.Document
		written string
	}{
		{cityDoc, "市应急局"}, {cityDoc, "各县（市、区）应急管理局"}, {districtDoc, "交警大队"},
		{townDoc, "应急站"}, {anonCity, "市应急局"}, {anonTown, "xx县应急管理局"}, {nananDoc, "xx海事局"},
		{langzhongDoc, "组织部"}, {cityDoc, "消防救援大队"}, {provinceDoc, "各市应急管理局"},
	} {
		b := r.Resolve(n.written, n.doc)
		if !r.Pattern(b.String()).Matches(b, "") {
			t.Errorf("%q (%s): Pattern(%q) does not match it", n.written, b.Key(), b.String())
		}
	}
}

func TestTable(t *testing.T) {
	bad := []string{
		"应急管理局\tcity,county\t应急局\n应急管理局\tcity\t\n", // listed twice
		"应急管理局\tcity\t应急局\n公安局\tcity\t应急局\n",       // a form of two bodies
		"应急管理局\tcity,village\t\n",                  // no such level
		"应急管理局\tcity\t应急局\t消防救援支队\n",               // also a body not listed
		"应急管理局\n",    // no levels
		"\tcity\t\n", // no name
		"应急管理局\tcity\t应急局\t应急管理局\textra\n", // too many fields
	}
	for _, src := range bad {
		if _, err := parseTable(src); err == nil {
			t.Errorf("parseTable(%q) accepted it", src)
		}
	}
	tab, err := parseTable(bodiesTSV)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(tab.byForm); n < 150 {
		t.Errorf("bodies.tsv has %d names and forms; the table lost lines", n)
	}
	for _, tt := range []struct{ in, want string }{
		{"应急局", "应急管理局"},
		{"发改委能源局", "发展和改革委员会能源局"},
		{"公安局治安管理支队", "公安局治安管理支队"},
		{"气象台", "气象台"},
	} {
		if got, _ := tab.lookup(tt.in); got != tt.want {
			t.Errorf("lookup(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
