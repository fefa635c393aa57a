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

// TestLevelsSeedPairs checks town seed 000 against city seed 004 (given
// twice) for what the truth file does not: an upper document counts once,
// the town's own duties are local, the city's own projects are not
// expected below, and the tallies add up. The verdicts themselves are
// measured by TestLevelsTruth.
func TestLevelsSeedPairs(t *testing.T) {
	seg := testSegmenter(t)
	town := seedParsed(t, "000_b8c2bae4e8864faf.txt")
	city := seedParsed(t, "004_a5e2ad6881a36660.txt")
	r, err := Levels(seg, town, []corpus.Parsed{city, city})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Uppers) != 1 {
		t.Errorf("%d uppers, want the city plan once", len(r.Uppers))
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
	for _, a := range []string{"推进应县GNSS观测站", "完成市应急救援队搬迁工作", "推进市级应急管理培训教育基地建设"} {
		if d := dutyAt(r, a); d == nil || d.Verdict != NotExpected || d.Expected {
			t.Errorf("%q: %+v, want not expected below", a, d)
		}
	}
	if d := dutyAt(r, "各级人民政府年内至少组织开展一次综合性演练"); d == nil || !d.Addressed || !d.Expected {
		t.Errorf("各级人民政府…: %+v, want addressed to the lower levels", d)
	}
	n, covered := 0, 0
	for _, d := range r.Duties {
		if d.Expected {
			n++
			if d.Verdict == Carried || d.Verdict == Strengthened {
				covered++
			}
		}
	}
	if r.Total.Expected != n || r.Total.ExpectedCoverage != round(float64(covered)/float64(n)) || r.Total.Coverage >= r.Total.ExpectedCoverage {
		t.Errorf("total = %+v; %d expected, %d covered", r.Total, n, covered)
	}
	sum := 0
	for _, s := range r.Sections {
		sum += s.Total
	}
	if sum != r.Total.Total || r.Total.Total != len(r.Duties) {
		t.Errorf("sections count %d duties, total %d, %d duties", sum, r.Total.Total, len(r.Duties))
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
		Deadlines:   []corpus.Deadline{{Raw: "6月底前", Date: "2023-06-30"}},
		Lead:        []string{"市应急局"}, Support: []string{"市公安局"}}
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
		{"may", func(o *corpus.Obligation) { o.Modality = corpus.May }, Weakened},
		{"要 to 必须", func(o *corpus.Obligation) {
			o.Modality, o.Modal = corpus.Must, &corpus.Cue{Word: "必须", Rank: 4}
		}, Strengthened},
		{"must but later", func(o *corpus.Obligation) {
			o.Modality = corpus.Must
			o.Deadlines[0].Date = "2024-09-30"
		}, Weakened},
		{"same bodies a level down", func(o *corpus.Obligation) {
			o.Lead, o.Support = []string{"县应急管理局"}, []string{"交城县公安局"}
		}, Carried},
		{"one more unit", func(o *corpus.Obligation) { o.Support = []string{"县公安局", "县住建局"} }, Strengthened},
		{"one unit dropped", func(o *corpus.Obligation) { o.Support = nil }, Weakened},
		{"no units named", func(o *corpus.Obligation) { o.Lead, o.Support = nil, nil }, Carried},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo := base
			lo.Frequencies = append([]corpus.Frequency(nil), base.Frequencies...)
			lo.Deadlines = []corpus.Deadline{{Raw: "6月底前", Date: "2024-06-30"}} // the lower plan is for 2024
			tt.edit(&lo)
			up := base
			up.Modal = &corpus.Cue{Word: "应", Rank: 2}
			if tt.name == "要 to 必须" {
				up.Modality, up.Modal = corpus.Must, &corpus.Cue{Word: "要", Rank: 3}
			}
			var rs []Reason
			for _, c := range dutyChanges(wholePart(&up), wholePart(&lo), attributed(&up), attributed(&lo),
				[]string{"吕梁市"}, []string{"交城县", "吕梁市"}, 2023, 2024) {
				rs = append(rs, reasonOf(c))
			}
			if got := verdict(rs); got != tt.want {
				t.Errorf("verdict = %s (%v), want %s", got, rs, tt.want)
			}
		})
	}
}
