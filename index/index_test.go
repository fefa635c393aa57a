package index

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/segment"
)

// testSegmenter builds the segmenter once for all tests of the package.
var testSegmenter = sync.OnceValues(segment.New)

func seg(t testing.TB) *segment.Segmenter {
	t.Helper()
	s, err := testSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// handDocs are small documents written like the seeds, with their
// obligations filled in by hand, so that the index can be tested apart from
// ingest and extract.
func handDocs() []corpus.Parsed {
	city := &corpus.Document{ID: "d-city", Source: "city.txt", Title: "朔州市人民政府关于做好2023年安全生产工作的通知",
		Issuer: "朔州市人民政府", DocNumber: "朔政发〔2023〕1号", Level: corpus.LevelCity, Date: "2023-01-20", PlanYear: 2023,
		Place:  &corpus.Place{Code: "140600", Name: "朔州市", Level: corpus.LevelCity},
		Region: []corpus.Place{{Code: "140000", Name: "山西省", Level: corpus.LevelProvince}}}
	town := &corpus.Document{ID: "d-town", Source: "town.txt", Title: "水峪贯镇人民政府关于做好2024年安全生产工作的方案",
		Issuer: "水峪贯镇人民政府", DocNumber: "水政发〔2024〕1号", Level: corpus.LevelTown, Date: "2024-03-05", PlanYear: 2024}
	return []corpus.Parsed{
		{Doc: city, Obligations: []corpus.Obligation{
			{ID: "d-city/o-1", Doc: "d-city", Path: []string{"一", "（二）"},
				Text: "市、县安委会每月至少召开一次会议，分析研判安全生产形势。（牵头责任单位：市安委办，协同责任单位：市委组织部、市委宣传部）",
				Lead: []string{"市安委办"}, Support: []string{"市委组织部", "市委宣传部"},
				Frequencies: []corpus.Frequency{{Raw: "每月至少召开一次", Period: corpus.PeriodMonth, Count: 1, Qualifier: corpus.AtLeast}},
				Modality:    corpus.Must},
			{ID: "d-city/o-2", Doc: "d-city", Path: []string{"二", "（三）"},
				Text:      "深化经营性自建房安全专项整治，6月底前完成排查。（牵头责任单位：市住建局）",
				Lead:      []string{"市住建局"},
				Deadlines: []corpus.Deadline{{Raw: "6月底前", Date: "2023-06-30", Kind: corpus.By}},
				Sectors:   []string{"建筑施工"}, Modality: corpus.Must},
			{ID: "d-city/o-3", Doc: "d-city", Path: []string{"三"},
				Text:      "开展燃气安全专项整治，4月底前制定工作清单。（牵头责任单位：市应急局）",
				Lead:      []string{"市应急局"},
				Deadlines: []corpus.Deadline{{Raw: "4月底前", Date: "2023-04-30", Kind: corpus.By}},
				Sectors:   []string{"燃气"}, Modality: corpus.Must},
		}},
		{Doc: town, Obligations: []corpus.Obligation{
			{ID: "d-town/o-1", Doc: "d-town", Path: []string{"一", "（一）"},
				Text:        "党政主要领导要坚持每月至少召开一次党政专题会议，分析安全形势。",
				Actors:      []string{"党政主要领导"},
				Frequencies: []corpus.Frequency{{Raw: "每月至少召开一次", Period: corpus.PeriodMonth, Count: 1, Qualifier: corpus.AtLeast}},
				Modality:    corpus.Must},
			{ID: "d-town/o-2", Doc: "d-town", Path: []string{"二"},
				Text:        "年内至少开展一次全镇范围内综合性应急演练。",
				Responsible: []string{"应急站"},
				Frequencies: []corpus.Frequency{{Raw: "年内至少开展一次", Period: corpus.PeriodYear, Count: 1, Qualifier: corpus.AtLeast}},
				Modality:    corpus.Must},
		}},
	}
}

func openHand(t *testing.T) *Index {
	t.Helper()
	ix, err := Open(filepath.Join(t.TempDir(), "index"), seg(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Add(context.Background(), handDocs()...); err != nil {
		t.Fatal(err)
	}
	return ix
}

func ids(r *Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	slices.Sort(out)
	return out
}

func TestSearch(t *testing.T) {
	ix := openHand(t)
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"two words", Query{Text: "每月 会议"}, []string{"d-city/o-1", "d-town/o-1"}},
		{"long word finds its parts", Query{Text: "安全生产"}, []string{"d-city/o-1"}},
		{"part finds the long word", Query{Text: "自建房"}, []string{"d-city/o-2"}},
		{"phrase", Query{Text: `"召开一次会议"`}, []string{"d-city/o-1"}},
		{"phrase not in a row", Query{Text: `"召开会议"`}, nil},
		{"phrase across punctuation", Query{Text: `"会议，分析研判"`}, []string{"d-city/o-1"}},
		{"punctuation of a phrase stands for any", Query{Text: `"会议、分析研判"`}, []string{"d-city/o-1"}},
		{"phrase without the text's punctuation", Query{Text: `"会议分析研判"`}, nil},
		{"phrase of words standing alone", Query{Text: `"市、县"`}, []string{"d-city/o-1"}},
		{"long word of many words", Query{Text: "经营性自建房"}, []string{"d-city/o-2"}},
		{"words of a long word in another order", Query{Text: `"自建房经营性"`}, nil},
		{"words not in a row", Query{Text: "召开 会议"}, []string{"d-city/o-1", "d-town/o-1"}},
		{"month at city level", Query{Period: "month", Level: "city"}, []string{"d-city/o-1"}},
		{"lead", Query{Lead: "市应急局"}, []string{"d-city/o-3"}},
		{"support is a unit", Query{Unit: "市委宣传部"}, []string{"d-city/o-1"}},
		{"support is not lead", Query{Lead: "市委宣传部"}, nil},
		{"due before", Query{DueBefore: "2023-05-31"}, []string{"d-city/o-3"}},
		{"due before, later", Query{DueBefore: "2023-06-30"}, []string{"d-city/o-2", "d-city/o-3"}},
		{"year", Query{Year: 2024}, []string{"d-town/o-1", "d-town/o-2"}},
		{"sector", Query{Sector: "燃气"}, []string{"d-city/o-3"}},
		{"issuer", Query{Issuer: "水峪贯镇人民政府", Period: "year"}, []string{"d-town/o-2"}},
		{"doc number", Query{DocNumber: "朔政发〔2023〕1号", Sector: "燃气"}, []string{"d-city/o-3"}},
		{"region", Query{Region: "140600"}, []string{"d-city/o-1", "d-city/o-2", "d-city/o-3"}},
		{"words and filter", Query{Text: "专项整治", Lead: "市住建局"}, []string{"d-city/o-2"}},
		{"punctuation only", Query{Text: "，。"}, nil},
		{"everything", Query{}, []string{"d-city/o-1", "d-city/o-2", "d-city/o-3", "d-town/o-1", "d-town/o-2"}},
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
}

// TestFiltersDoNotScore checks that hits are ranked by their text alone:
// a search with filters scores each hit (a number, never NaN, which JSON
// cannot carry) in the order of the same text without them, and a search
// of filters alone scores nothing.
func TestFiltersDoNotScore(t *testing.T) {
	ix := openHand(t)
	ctx := context.Background()
	scores := func(q Query) ([]string, []float64) {
		t.Helper()
		r, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		var s []float64
		for _, h := range r.Hits {
			ids, s = append(ids, h.ID), append(s, h.Score)
		}
		return ids, s
	}
	textIDs, _ := scores(Query{Text: "安全 会议"})
	for _, q := range []Query{
		{Text: "安全 会议", Level: "city"},
		{Text: "安全 会议", Period: "month", Year: 2024},
		{Text: "安全 会议", Lead: "市安委办"},
		{Text: "安全", DueBefore: "2024-12-31"},
		{Text: "安全", Issuer: "朔州市"},
	} {
		ids, s := scores(q)
		if len(ids) == 0 {
			t.Errorf("Search(%+v) found nothing", q)
		}
		for i := range s {
			if math.IsNaN(s[i]) || s[i] <= 0 {
				t.Errorf("Search(%+v): %s scored %v", q, ids[i], s[i])
			}
		}
		if q.Text == "安全 会议" {
			want := slices.DeleteFunc(slices.Clone(textIDs), func(id string) bool { return !slices.Contains(ids, id) })
			if !slices.Equal(ids, want) {
				t.Errorf("Search(%+v) ranks %v, want the text's order %v", q, ids, want)
			}
		}
	}
	ids, s := scores(Query{Level: "town", Period: "month"})
	if len(ids) == 0 || slices.ContainsFunc(s, func(f float64) bool { return f != 0 }) {
		t.Errorf("filters alone found %v scored %v, want hits scored 0", ids, s)
	}
}

func TestSearchHighlightAndFacets(t *testing.T) {
	ix := openHand(t)
	r, err := ix.Search(context.Background(), Query{Text: "每月 会议", Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range r.Hits {
		hl := h.Highlight("【", "】")
		if !strings.Contains(hl, "【每月】") || !strings.Contains(hl, "会议】") {
			t.Errorf("%s: highlight %q lacks the matched words", h.ID, hl)
		}
		if h.Title == "" || h.Path == "" || len(h.Frequency) == 0 {
			t.Errorf("%s: hit lacks title, path or frequency: %+v", h.ID, h)
		}
	}
	levels := map[string]int{}
	for _, f := range r.Facets {
		if f.Field == FieldLevel {
			for _, t := range f.Terms {
				levels[t.Term] = t.Count
			}
		}
	}
	if levels["city"] != 1 || levels["town"] != 1 {
		t.Errorf("level facet = %v, want city 1 and town 1", levels)
	}
}

// TestHighlight checks that a hit marks what its query matched, word by
// word: a part inside a longer word, a phrase across punctuation, and no
// word where its characters are only part of another word.
func TestHighlight(t *testing.T) {
	ix := openHand(t)
	tests := []struct {
		q    string
		id   string
		want string
	}{
		{"自建房", "d-city/o-2", "深化经营性【自建房】安全专项整治，6月底前完成排查。（牵头责任单位：市住建局）"},
		{"安全", "d-city/o-3", "开展燃气【安全】专项整治，4月底前制定工作清单。（牵头责任单位：市应急局）"},
		{`"会议，分析研判"`, "d-city/o-1", "市、县安委会每月至少召开一次【会议】，【分析研判】安全生产形势。（牵头责任单位：市安委办，协同责任单位：市委组织部、市委宣传部）"},
		{"每月 会议", "d-town/o-1", "党政主要领导要坚持【每月】至少召开一次党政专题【会议】，分析安全形势。"},
		// 应急 is one word: the 应 of the query is not inside it.
		{"应急演练 应", "d-town/o-2", ""},
		{"应急演练", "d-town/o-2", "年内至少开展一次全镇范围内综合性【应急演练】。"},
	}
	for _, tt := range tests {
		r, err := ix.Search(context.Background(), Query{Text: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, h := range r.Hits {
			if h.ID == tt.id {
				got = h.Highlight("【", "】")
			}
		}
		if got != tt.want {
			t.Errorf("Search(%q): %s highlighted %q, want %q", tt.q, tt.id, got, tt.want)
		}
	}
}

func TestAddReplacesAndDelete(t *testing.T) {
	ix := openHand(t)
	ctx := context.Background()
	docs := handDocs()
	city := docs[0]
	city.Obligations = city.Obligations[:1] // the new parse has fewer obligations
	if err := ix.Add(ctx, city); err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(); n != 3 {
		t.Errorf("after re-adding the city document with 1 obligation: %d obligations, want 3", n)
	}
	if err := ix.Delete("d-town"); err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(); n != 1 {
		t.Errorf("after deleting the town document: %d obligations, want 1", n)
	}
	if ok, _ := ix.Has("d-town"); ok {
		t.Error("Has(d-town) after Delete")
	}
	if ok, _ := ix.Has("d-city"); !ok {
		t.Error("!Has(d-city)")
	}
}

func TestReopen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(dir, seg(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(context.Background(), handDocs()...); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ro, err := Open(dir, seg(t), &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	r, err := ro.Search(context.Background(), Query{Text: "自建房"})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(r); !slices.Equal(got, []string{"d-city/o-2"}) {
		t.Errorf("after reopening, 自建房 finds %v", got)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "none"), seg(t), &Options{ReadOnly: true}); err == nil {
		t.Error("read-only Open of a missing index succeeded")
	}
}
