package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/org"
)

// stamp is the DTSTAMP of the golden calendar.
var stamp = time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)

// calendarDuties are duties of a town plan signed in March 2024, written as
// real plans write them: a deadline, a phase of months, a recurring
// meeting, a quarterly check, a yearly drill, and a duty with no time.
func calendarDuties() []Duty {
	town := corpus.Place{Code: "141122103", Name: "水峪贯镇", Level: corpus.LevelTown}
	doc := &corpus.Document{ID: "d-town", Source: "town.txt", Title: "水峪贯镇人民政府关于做好2024年安全生产工作的方案",
		Issuer: "水峪贯镇人民政府", Level: corpus.LevelTown, Date: "2024-03-05", PlanYear: 2024, Place: &town, Region: []corpus.Place{town}}
	obs := []corpus.Obligation{
		{ID: "d-town/o-1", Path: []string{"一", "（一）"}, Text: "4月底前制定安全生产责任清单，明确各站所职责。（责任单位：应急站）",
			Responsible: []string{"应急站"}, Deadlines: []corpus.Deadline{{Raw: "4月底前", Date: "2024-04-30", Kind: corpus.By}}},
		{ID: "d-town/o-2", Path: []string{"二"}, Text: "5-10月份，开展汛期地质灾害隐患排查。", Lead: []string{"国土所"}, Support: []string{"各村"},
			Deadlines: []corpus.Deadline{{Raw: "5-10月份", Date: "2024-10-31", Kind: corpus.Range}}},
		{ID: "d-town/o-3", Path: []string{"三", "1"}, Text: "党政主要领导每月至少召开一次安全生产专题会议，分析研判安全形势。",
			Actors: []string{"党政主要领导"}, Frequencies: []corpus.Frequency{{Raw: "每月至少召开一次", Period: corpus.PeriodMonth, Count: 1, Qualifier: corpus.AtLeast}}},
		{ID: "d-town/o-4", Path: []string{"三", "2"}, Text: "每季度对辖区企业开展一次全覆盖检查，每月两次调度重点企业。",
			Responsible: []string{"应急站"},
			Frequencies: []corpus.Frequency{{Raw: "每季度", Period: corpus.PeriodQuarter, Count: 1, Qualifier: corpus.Exactly},
				{Raw: "每月两次", Period: corpus.PeriodMonth, Count: 2, Qualifier: corpus.Exactly}}},
		{ID: "d-town/o-5", Path: []string{"四"}, Text: "年内至少开展一次全镇综合性应急演练。", Responsible: []string{"应急站"},
			Frequencies: []corpus.Frequency{{Raw: "年内至少开展一次", Period: corpus.PeriodYear, Count: 1, Qualifier: corpus.AtLeast}}},
		{ID: "d-town/o-6", Path: []string{"五"}, Text: "加强安全生产宣传教育。", Responsible: []string{"应急站"}},
	}
	bracket(&obs[0], "（责任单位：应急站）")
	var out []Duty
	for i := range obs {
		out = append(out, Duty{Doc: doc, Obligation: &obs[i], Role: org.Responsible, As: "应急站"})
	}
	return out
}

func TestCalendarGolden(t *testing.T) {
	cal := NewCalendar("水峪贯镇应急管理站 2024", calendarDuties())
	if cal.Skipped != 1 {
		t.Errorf("skipped %d duties, want 1 (the one with no time)", cal.Skipped)
	}
	var buf bytes.Buffer
	if err := cal.WriteICS(&buf, stamp); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "duties.ics")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if buf.String() != string(want) {
		t.Errorf("the calendar differs from %s (run go test -update and review the diff)", golden)
	}
	for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets, RFC 5545 folds at 75: %q", len(line), line)
		}
	}

	// An independent parser reads the same events back.
	parsed, err := goical.NewDecoder(bytes.NewReader(buf.Bytes())).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot parse it: %v", err)
	}
	var again bytes.Buffer
	if err := goical.NewEncoder(&again).Encode(parsed); err != nil {
		t.Errorf("go-ical finds it invalid: %v", err)
	}
	events := parsed.Events()
	want6 := []struct {
		start, end string // DTSTART, and the last day (DTEND less one)
		rule       string
		occurs     int // occurrences within 2024
		summary    string
	}{
		{"2024-04-30", "2024-04-30", "", 1, "4月底前制定安全生产责任清单"},
		{"2024-05-01", "2024-10-31", "", 1, "5-10月份"},
		{"2024-03-01", "2024-03-01", "FREQ=MONTHLY;UNTIL=20241231", 10, "党政主要领导每月至少召开一次安全生产专题会议"},
		{"2024-01-01", "2024-01-01", "FREQ=MONTHLY;INTERVAL=3;UNTIL=20241231", 4, "每季度对辖区企业开展一次全覆盖检查"},
		{"2024-03-01", "2024-03-01", "FREQ=MONTHLY;UNTIL=20241231", 10, "（每月2次）每季度对辖区企业"},
		{"2024-01-01", "2024-01-01", "FREQ=YEARLY;UNTIL=20241231", 1, "年内至少开展一次全镇综合性应急演练"},
	}
	if len(events) != len(want6) {
		t.Fatalf("%d events, want %d", len(events), len(want6))
	}
	uids := map[string]bool{}
	for i, e := range events {
		w := want6[i]
		uid, _ := e.Props.Text(goical.PropUID)
		if uids[uid] || !strings.HasSuffix(uid, "@dutymap") {
			t.Errorf("event %d: UID %q repeated or not dutymap's", i, uid)
		}
		uids[uid] = true
		start, err := e.DateTimeStart(time.UTC)
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		end, err := e.DateTimeEnd(time.UTC)
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		if got := start.Format(time.DateOnly); got != w.start {
			t.Errorf("event %d starts %s, want %s", i, got, w.start)
		}
		if got := end.AddDate(0, 0, -1).Format(time.DateOnly); got != w.end {
			t.Errorf("event %d ends %s, want %s", i, got, w.end)
		}
		if e.Props.Get(goical.PropDateTimeStart).ValueType() != goical.ValueDate {
			t.Errorf("event %d is not an all-day event", i)
		}
		rule := ""
		if p := e.Props.Get(goical.PropRecurrenceRule); p != nil {
			rule = p.Value
		}
		if rule != w.rule {
			t.Errorf("event %d recurs %q, want %q", i, rule, w.rule)
		}
		set, err := e.RecurrenceSet(time.UTC)
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		occurs := 1
		if set != nil {
			occurs = len(set.Between(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), true))
		}
		if occurs != w.occurs {
			t.Errorf("event %d occurs %d times in 2024, want %d", i, occurs, w.occurs)
		}
		sum, _ := e.Props.Text(goical.PropSummary)
		if !strings.HasPrefix(sum, w.summary) {
			t.Errorf("event %d summary %q, want it to start %q", i, sum, w.summary)
		}
		desc, _ := e.Props.Text(goical.PropDescription)
		if !strings.Contains(desc, "文件：《水峪贯镇人民政府关于做好2024年安全生产工作的方案》") {
			t.Errorf("event %d description names no document: %q", i, desc)
		}
	}
}

// TestCalendarUIDs checks that an event keeps its UID when the duty is
// exported again from another version of its document (a new ID, its
// units or deadline changed) and changes it for another duty, place or year.
func TestCalendarUIDs(t *testing.T) {
	first := NewCalendar("", calendarDuties()).Events[0].UID
	d := calendarDuties()[0]
	doc, o := *d.Doc, *d.Obligation
	doc.ID = "d-town-v2"
	o.Text = "4月底前制定安全生产责任清单，明确各站所职责。（责任单位：镇应急站、镇安监站）"
	bracket(&o, "（责任单位：镇应急站、镇安监站）")
	o.Deadlines = []corpus.Deadline{{Raw: "5月底前", Date: "2024-05-31", Kind: corpus.By}}
	if got := NewCalendar("", []Duty{{Doc: &doc, Obligation: &o}}).Events[0].UID; got != first {
		t.Errorf("the same duty re-exported got UID %s, want %s", got, first)
	}
	other := doc
	other.PlanYear = 2025
	elsewhere := doc
	elsewhere.Place = &corpus.Place{Code: "141122100", Name: "天宁镇", Level: corpus.LevelTown}
	reworded := o
	reworded.Text = "6月底前制定安全生产责任清单。"
	for name, dd := range map[string]Duty{
		"next year": {Doc: &other, Obligation: &o}, "another town": {Doc: &elsewhere, Obligation: &o},
		"another duty": {Doc: &doc, Obligation: &reworded},
	} {
		if NewCalendar("", []Duty{dd}).Events[0].UID == first {
			t.Errorf("%s: same UID as the original duty", name)
		}
	}
}

// TestCalendarRepeatedSentence gives a sentence written twice in one plan
// two events, with the same two UIDs on every export.
func TestCalendarRepeatedSentence(t *testing.T) {
	d := calendarDuties()[0]
	twice := func() []string {
		var out []string
		for _, e := range NewCalendar("", []Duty{d, d}).Events {
			out = append(out, e.UID)
		}
		return out
	}
	a, b := twice(), twice()
	if len(a) != 2 || a[0] == a[1] || a[0] != b[0] || a[1] != b[1] {
		t.Errorf("UIDs %v then %v", a, b)
	}
}

func TestRRule(t *testing.T) {
	tests := []struct {
		period corpus.Period
		count  int
		rule   string
		exact  bool
	}{
		{corpus.PeriodMonth, 1, "FREQ=MONTHLY", true},
		{corpus.PeriodQuarter, 1, "FREQ=MONTHLY;INTERVAL=3", true},
		{corpus.PeriodHalfYear, 1, "FREQ=MONTHLY;INTERVAL=6", true},
		{corpus.PeriodYear, 1, "FREQ=YEARLY", true},
		{corpus.PeriodWeek, 1, "FREQ=WEEKLY", true},
		{corpus.PeriodDay, 1, "FREQ=DAILY", true},
		{corpus.PeriodYear, 4, "FREQ=MONTHLY;INTERVAL=3", true},     // 年内不少于4次
		{corpus.PeriodYear, 6, "FREQ=MONTHLY;INTERVAL=2", true},     // 每两月
		{corpus.PeriodYear, 26, "FREQ=WEEKLY;INTERVAL=2", true},     // 每两周
		{corpus.PeriodHalfYear, 3, "FREQ=MONTHLY;INTERVAL=2", true}, // 每半年3次
		{corpus.PeriodMonth, 3, "FREQ=MONTHLY", false},              // 每旬
		{corpus.PeriodWeek, 2, "FREQ=WEEKLY", false},
		{corpus.PeriodYear, 5, "FREQ=YEARLY", false},
		{corpus.PeriodDay, 2, "FREQ=DAILY", false},
	}
	for _, tt := range tests {
		rule, exact := rrule(corpus.Frequency{Period: tt.period, Count: tt.count})
		if rule != tt.rule || exact != tt.exact {
			t.Errorf("rrule(%s ×%d) = %q, %v; want %q, %v", tt.period, tt.count, rule, exact, tt.rule, tt.exact)
		}
	}
}

func TestRangeStart(t *testing.T) {
	end := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct{ raw, end, want string }{
		{"2023年8-11月", "2023-11-30", "2023-08-01"},
		{"5-10月份", "2024-10-31", "2024-05-01"},
		{"5月—10月", "2024-10-31", "2024-05-01"},
		{"3月1日至6月30日", "2024-06-30", "2024-03-01"},
		{"4月15日-5月底", "2024-05-31", "2024-04-15"},
		{"2023年12月", "2023-12-31", "2023-12-01"},
		{"11月-次年2月", "2025-02-28", "2025-02-01"},
		{"2月30日-3月", "2024-03-31", "2024-03-01"},
		{"", "2024-06-30", "2024-06-01"},
	}
	for _, tt := range tests {
		if got := rangeStart(tt.raw, end(tt.end)).Format(time.DateOnly); got != tt.want {
			t.Errorf("rangeStart(%q, %s) = %s, want %s", tt.raw, tt.end, got, tt.want)
		}
	}
}

// FuzzRangeStart fails only on a panic or a start after the end.
func FuzzRangeStart(f *testing.F) {
	for _, s := range []string{"2023年8-11月", "5-10月份", "3月1日至6月30日", "2023年12月", "99-1月", "0月0日-", "12月31日至"} {
		f.Add(s)
	}
	end := time.Date(2024, 10, 31, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, raw string) {
		if got := rangeStart(raw, end); got.After(end) || got.Year() < 1000 {
			t.Fatalf("rangeStart(%q) = %s, after the end %s", raw, got, end)
		}
	})
}
