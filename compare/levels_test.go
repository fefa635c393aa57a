package compare

import (
	"errors"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

// find returns the obligation of p whose text holds anchor (compared
// without spaces and width differences).
func find(t *testing.T, p corpus.Parsed, anchor string) *corpus.Obligation {
	t.Helper()
	a := normalize(anchor)
	for i := range p.Obligations {
		if strings.Contains(normalize(p.Obligations[i].Text), a) {
			return &p.Obligations[i]
		}
	}
	t.Fatalf("%s: no obligation holds %q", p.Doc.Source, anchor)
	return nil
}

// TestLevelsSeedPairs checks town seed 000 against city seed 004 on duties
// found by reading both: each pair is the same duty in the two plans.
func TestLevelsSeedPairs(t *testing.T) {
	seg := testSegmenter(t)
	town := seedParsed(t, "000_b8c2bae4e8864faf.txt")
	city := seedParsed(t, "004_a5e2ad6881a36660.txt")
	town.Doc.Level, city.Doc.Level = corpus.LevelTown, corpus.LevelCity
	r, err := Levels(seg, town, []corpus.Parsed{city, city})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Uppers) != 1 {
		t.Errorf("%d uppers, want the city plan once", len(r.Uppers))
	}
	duty := map[*corpus.Obligation]*Duty{}
	for i := range r.Duties {
		duty[r.Duties[i].Upper] = &r.Duties[i]
	}
	pairs := []struct {
		upper string   // anchor in the city plan
		lower []string // anchors in the town plan, any of which may carry it
	}{
		{"安委会每月至少召开一次会议", []string{"每月至少召开一次党政专题会议"}},
		// The town's sentence also carries the leaders' monthly visits.
		{"党政领导干部每月至少深入一线调研指导", []string{"定期深入一线检查指导"}},
		{"依法做到安全责任、投入、培训、管理和应急救援", []string{"企业必须做到安全责任、投入"}},
		{"经营性自建房必须具有房屋安全合格证明", []string{"经营性自建房新改扩建", "自建房转为经营用途"}},
		{"自觉杜绝“三违”行为", []string{"常态化开展反“三违”活动"}},
		{"从主要负责人到一线从业人员的安全生产责任清单", []string{"从主要负责人到一线从业人员的全员安全生产责任制"}},
		{"持续开展农用车违法载人专项整治", []string{"深化农用车违法载人专项整治"}},
		{"坚持“四不放过”原则，严格事故调查处理，从严责任追究，及时公开", []string{"坚持“四不放过”原则，严格事故调查处理，从严责任追究。"}},
		{"严厉查处野外违法违规用火行为", []string{"严查野外违法用火行为"}},
		{"各级人民政府年内至少组织开展一次综合性演练", []string{"年内至少开展一次全镇范围内综合性应急演练"}},
		{"开展安全宣传“五进”", []string{"深入开展安全宣传“五进”"}},
		{"酒驾醉驾、无证驾驶、逆向行驶", []string{"加大酒驾醉驾、无证驾驶等违法行为整治力度"}},
		{"推进消防物联网远程监控系统", []string{"消防物联网监控系统预警中心"}},
		{"企业职工“双报告”", []string{"企业要向监管部门和企业职工“双报告”"}},
		{"要建立并严格落实安全风险会商研判机制", []string{"完善并严格落实安全风险会商研判机制"}},
		{"开展公路工程安全专项治理", []string{"公路工程等施工安全专项治理"}},
		{"冶金工贸、民爆物品、文化旅游", []string{"文化旅游、环保、农机、森林防火等行业领域"}},
	}
	for _, p := range pairs {
		d := duty[find(t, city, p.upper)]
		if d == nil {
			t.Fatalf("no duty for %q", p.upper)
		}
		ok := false
		for _, want := range p.lower {
			w := find(t, town, want)
			for _, l := range d.Lower {
				ok = ok || l == w
			}
		}
		if !ok {
			var got []string
			for _, l := range d.Lower {
				got = append(got, l.Text)
			}
			t.Errorf("%q: %s, lower %q; want one of %q", p.upper, d.Verdict, got, p.lower)
		}
		if d.Verdict == Missing {
			t.Errorf("%q is missing", p.upper)
		}
	}
	// Duties of one plan that the other does not have.
	for _, a := range []string{"推进应县GNSS观测站", "推进洗储煤企业第一责任人责任落实", "煤与瓦斯突出矿井具备保护层开采条件"} {
		if d := duty[find(t, city, a)]; d.Verdict != Missing {
			t.Errorf("%q: %s by %q, want missing", a, d.Verdict, d.Lower[0].Text)
		}
	}
	local := map[*corpus.Obligation]bool{}
	for _, l := range r.Local {
		local[l] = true
	}
	for _, a := range []string{"推行“无视频不作业”", "制定尾矿库闭库销号计划和销号清单"} {
		if !local[find(t, town, a)] {
			t.Errorf("%q is not local", a)
		}
	}
	if r.Total.Total != len(city.Obligations) || r.Total.Coverage <= 0 || r.Total.Coverage >= 1 {
		t.Errorf("total = %+v", r.Total)
	}
	n := 0
	for _, s := range r.Sections {
		n += s.Total
	}
	if n != r.Total.Total {
		t.Errorf("sections count %d duties, want %d", n, r.Total.Total)
	}
}

func TestCheck(t *testing.T) {
	doc := func(id string, l corpus.Level) *corpus.Document {
		return &corpus.Document{ID: id, Level: l, Title: id}
	}
	tests := []struct {
		name         string
		lower, upper *corpus.Document
		ok           bool
	}{
		{"town under city", doc("a", corpus.LevelTown), doc("b", corpus.LevelCity), true},
		{"county under province", doc("a", corpus.LevelCounty), doc("b", corpus.LevelProvince), true},
		{"itself", doc("a", corpus.LevelTown), doc("a", corpus.LevelCity), false},
		{"same level", doc("a", corpus.LevelCounty), doc("b", corpus.LevelCounty), false},
		{"upside down", doc("a", corpus.LevelCity), doc("b", corpus.LevelTown), false},
		{"unknown upper", doc("a", corpus.LevelTown), doc("b", corpus.LevelUnknown), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check(tt.lower, tt.upper)
			var le *LevelError
			if tt.ok != (err == nil) || (err != nil && !errors.As(err, &le)) {
				t.Errorf("Check = %v, want ok=%v", err, tt.ok)
			}
		})
	}
	seg := testSegmenter(t)
	p := corpus.Parsed{Doc: doc("a", corpus.LevelTown)}
	if _, err := Levels(seg, p, []corpus.Parsed{p}); err == nil || !strings.Contains(err.Error(), "same document") {
		t.Errorf("Levels with itself: %v", err)
	}
}

func TestVerdict(t *testing.T) {
	base := corpus.Obligation{Text: "每月至少召开一次会议", Modality: corpus.Should,
		Frequencies: []corpus.Frequency{{Raw: "每月", Period: corpus.PeriodMonth, Count: 1}},
		Deadlines:   []corpus.Deadline{{Raw: "6月底前", Date: "2023-06-30"}}}
	tests := []struct {
		name string
		edit func(o *corpus.Obligation)
		want Verdict
	}{
		{"same", func(*corpus.Obligation) {}, Carried},
		{"weekly", func(o *corpus.Obligation) { o.Frequencies[0].Period = corpus.PeriodWeek }, Strengthened},
		{"quarterly", func(o *corpus.Obligation) { o.Frequencies[0].Period = corpus.PeriodQuarter }, Weakened},
		{"no frequency", func(o *corpus.Obligation) { o.Frequencies = nil }, Weakened},
		{"earlier next year", func(o *corpus.Obligation) { o.Deadlines[0].Date = "2024-04-30" }, Strengthened},
		{"later", func(o *corpus.Obligation) { o.Deadlines[0].Date = "2024-09-30" }, Weakened},
		{"no deadline", func(o *corpus.Obligation) { o.Deadlines = nil }, Weakened},
		{"must", func(o *corpus.Obligation) { o.Modality = corpus.Must }, Strengthened},
		{"must but later", func(o *corpus.Obligation) {
			o.Modality = corpus.Must
			o.Deadlines[0].Date = "2024-09-30"
		}, Weakened},
		{"units named", func(o *corpus.Obligation) { o.Lead = []string{"镇应急办"} }, Strengthened},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo := base
			lo.Frequencies = append([]corpus.Frequency(nil), base.Frequencies...)
			lo.Deadlines = []corpus.Deadline{{Raw: "6月底前", Date: "2024-06-30"}} // the lower plan is for 2024
			tt.edit(&lo)
			up := base
			if got := verdict(levelChanges(&up, &lo, 2023, 2024)); got != tt.want {
				t.Errorf("verdict = %s, want %s", got, tt.want)
			}
		})
	}
}
