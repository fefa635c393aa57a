package report

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/org"
)

func resolver(t *testing.T) *org.Resolver {
	t.Helper()
	r, err := org.Standard()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// cityPlans are two plans of 朔州市 and one of its district, naming the
// city's 应急管理局 in the forms plans use.
func cityPlans() []corpus.Parsed {
	shanxi := corpus.Place{Code: "14", Name: "山西省", Level: corpus.LevelProvince}
	shuozhou := corpus.Place{Code: "1406", Name: "朔州市", Level: corpus.LevelCity}
	district := corpus.Place{Code: "140602", Name: "朔城区", Level: corpus.LevelCounty}
	plan := func(id string, year int, chain ...corpus.Place) *corpus.Document {
		return &corpus.Document{ID: id, Title: id + "工作要点", Source: id + ".txt", Issuer: chain[0].Name + "人民政府",
			Level: chain[0].Level, PlanYear: year, Place: &chain[0], Region: chain}
	}
	due := func(raw, date string) []corpus.Deadline {
		return []corpus.Deadline{{Raw: raw, Date: date, Kind: corpus.By}}
	}
	monthly := []corpus.Frequency{{Raw: "每月", Period: corpus.PeriodMonth, Count: 1}}
	yearly := []corpus.Frequency{{Raw: "每年", Period: corpus.PeriodYear, Count: 1}}
	plans := []corpus.Parsed{
		{Doc: plan("d-2024", 2024, shuozhou, shanxi), Obligations: []corpus.Obligation{
			{ID: "d-2024/o-1", Text: "开展燃气安全专项整治，6月底前完成排查。（牵头单位：市应急局）", Lead: []string{"市应急局"}, Deadlines: due("6月底前", "2024-06-30")},
			{ID: "d-2024/o-2", Text: "每月召开一次安委会办公室会议。（牵头单位：市安委办，配合单位：市应急管理局）", Lead: []string{"市安委办"}, Support: []string{"市应急管理局"}, Frequencies: monthly},
			{ID: "d-2024/o-3", Text: "4月底前制定年度执法计划。", Responsible: []string{"应急管理局"}, Deadlines: due("4月底前", "2024-04-30")},
			{ID: "d-2024/o-4", Text: "加强应急救援队伍建设。", Lead: []string{"市应急局"}, Support: []string{"市消防救援支队"}},
			{ID: "d-2024/o-5", Text: "每年组织一次综合演练，每月开展一次检查。", Lead: []string{"市应急管理局"}, Frequencies: append(yearly, monthly...)},
			{ID: "d-2024/o-6", Text: "xx年9月底前完成评估。", Lead: []string{"市应急局"}, Deadlines: due("9月底前", "--09-30")},
			{ID: "d-2024/o-7", Text: "推进住建领域专项整治。", Lead: []string{"市住建局"}},
		}},
		{Doc: plan("d-2023", 2023, shuozhou, shanxi), Obligations: []corpus.Obligation{
			{ID: "d-2023/o-1", Text: "6月底前完成排查。", Lead: []string{"市应急局"}, Deadlines: due("6月底前", "2023-06-30")},
		}},
		{Doc: plan("d-district", 2024, district, shuozhou, shanxi), Obligations: []corpus.Obligation{
			{ID: "d-district/o-1", Text: "配合市应急局开展检查。", Lead: []string{"区应急局"}, Support: []string{"市应急局"}},
		}},
	}
	bracket(&plans[0].Obligations[0], "（牵头单位：市应急局）")
	bracket(&plans[0].Obligations[1], "（牵头单位：市安委办，配合单位：市应急管理局）")
	return plans
}

func ids(ds []Duty) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Obligation.ID)
	}
	return out
}

func TestSelectDuties(t *testing.T) {
	r := resolver(t)
	docs := cityPlans()
	tests := []struct {
		unit string
		f    DutyFilter
		want string
	}{
		{"市应急管理局", DutyFilter{}, "d-2024/o-1 d-2024/o-2 d-2024/o-3 d-2024/o-4 d-2024/o-5 d-2024/o-6 d-2023/o-1 d-district/o-1"},
		{"市应急局", DutyFilter{Role: org.Lead}, "d-2024/o-1 d-2024/o-4 d-2024/o-5 d-2024/o-6 d-2023/o-1"},
		{"朔州市应急管理局", DutyFilter{Role: org.Support}, "d-2024/o-2 d-district/o-1"},
		{"应急管理局", DutyFilter{Role: org.Lead, Level: corpus.LevelCounty}, "d-district/o-1"},
		{"市应急局", DutyFilter{Year: 2023}, "d-2023/o-1"},
		{"市应急局", DutyFilter{DueBefore: "2024-06-30"}, "d-2024/o-1 d-2024/o-3 d-2023/o-1"},
		{"市应急局", DutyFilter{DueBefore: "2024-12-31", Year: 2024}, "d-2024/o-1 d-2024/o-3 d-2024/o-6"},
		{"区应急管理局", DutyFilter{}, "d-district/o-1"},
		{"市公安局", DutyFilter{}, ""},
	}
	for _, tt := range tests {
		got := strings.Join(ids(SelectDuties(r, r.Pattern(tt.unit), tt.f, docs)), " ")
		if got != tt.want {
			t.Errorf("SelectDuties(%s, %+v) = %s, want %s", tt.unit, tt.f, got, tt.want)
		}
	}
	if n := len(SelectDuties(r, org.Pattern{}, DutyFilter{Year: 2024}, docs)); n != 8 {
		t.Errorf("the zero pattern selects %d duties of 2024, want all 8", n)
	}
	d := SelectDuties(r, r.Pattern("市应急局"), DutyFilter{}, docs)[1]
	if d.Role != org.Support || d.As != "市应急管理局" {
		t.Errorf("d-2024/o-2: role %s as %s, want support as 市应急管理局", d.Role, d.As)
	}
}

func TestNewDutyList(t *testing.T) {
	r := resolver(t)
	l := NewDutyList("市应急局", SelectDuties(r, r.Pattern("市应急局"), DutyFilter{Year: 2024}, cityPlans()))
	var got []string
	for _, g := range l.Groups {
		got = append(got, g.Label+":"+strings.Join(ids(g.Duties), ","))
	}
	want := []string{
		"2024-04-30:d-2024/o-3", "2024-06-30:d-2024/o-1", "2024-09-30:d-2024/o-6",
		"每月:d-2024/o-2,d-2024/o-5", "无时限:d-2024/o-4,d-district/o-1",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("groups\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if l.Total != 7 {
		t.Errorf("total %d, want 7", l.Total)
	}
	row := l.Groups[0].Rows[0]
	if row.Task != "4月底前制定年度执法计划。" || row.Deadline != "4月底前（2024-04-30）" || row.Role != org.Responsible ||
		row.Document != "d-2024工作要点" || len(row.Responsible) != 1 {
		t.Errorf("first row %+v", row)
	}
	if NewDutyList("x", nil).Groups == nil {
		t.Error("an empty list has nil groups (JSON null)")
	}
}

func TestDutyListWriters(t *testing.T) {
	r := resolver(t)
	l := NewDutyList("市应急局", SelectDuties(r, r.Pattern("市应急局"), DutyFilter{Year: 2024}, cityPlans()))

	var text bytes.Buffer
	if err := l.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "duties.txt")
	if *update {
		if err := os.WriteFile(golden, text.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if text.String() != string(want) {
		t.Errorf("the text list differs from %s (run go test -update and review the diff)", golden)
	}

	var c bytes.Buffer
	if err := l.WriteCSV(&c); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(c.String(), utf8BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+l.Total || strings.Join(recs[0], ",") != strings.Join(DutyHeaders(), ",") {
		t.Errorf("csv: %d records, header %v", len(recs), recs[0])
	}
	if got := strings.Join(recs[1][:4], "|"); got != "2024-04-30|负责|4月底前制定年度执法计划。|应急管理局" {
		t.Errorf("csv first row %s", got)
	}

	var x bytes.Buffer
	if err := l.WriteXLSX(&x); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(DutySheetName)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+l.Total || rows[4][0] != "每月" || rows[4][1] != "配合" {
		t.Errorf("xlsx rows %v", rows)
	}
}

func TestByLeadSheets(t *testing.T) {
	r := resolver(t)
	p := cityPlans()[0]
	lists := ByLead(r, p.Doc, p.Obligations)
	var got []string
	for _, l := range lists {
		got = append(got, l.Unit+":"+strings.Join(ids(flatten(l)), ","))
	}
	want := "朔州市应急管理局:d-2024/o-3,d-2024/o-1,d-2024/o-6,d-2024/o-5,d-2024/o-4 朔州市住房和城乡建设局:d-2024/o-7 朔州市安全生产委员会办公室:d-2024/o-2"
	if strings.Join(got, " ") != want {
		t.Errorf("ByLead:\n%s\nwant\n%s", strings.Join(got, " "), want)
	}

	rep := New("d-2024.txt", p.Doc, p.Obligations, stamp)
	var buf bytes.Buffer
	if err := rep.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sheets := strings.Join(f.GetSheetList(), " ")
	if sheets != SheetName+" 朔州市应急管理局 朔州市住房和城乡建设局 朔州市安全生产委员会办公室" {
		t.Errorf("sheets %s", sheets)
	}
	rows, err := f.GetRows("朔州市应急管理局")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || rows[1][0] != "2024-04-30" || rows[1][1] != "负责" {
		t.Errorf("sheet 朔州市应急管理局: %v", rows)
	}
}

func flatten(l *DutyList) []Duty {
	var out []Duty
	for _, g := range l.Groups {
		out = append(out, g.Duties...)
	}
	return out
}

func TestSheetName(t *testing.T) {
	used := map[string]bool{SheetName: true}
	long := strings.Repeat("应", 40)
	for _, tt := range []struct{ in, want string }{
		{"朔州市应急管理局", "朔州市应急管理局"},
		{"朔州市应急管理局", "朔州市应急管理局(2)"},
		{SheetName, SheetName + "(2)"},
		{"市委[办]/政府办", "市委_办__政府办"},
		{long, strings.Repeat("应", 31)},
		{long, strings.Repeat("应", 28) + "(2)"},
		{"''", "单位"},
	} {
		if got := sheetName(tt.in, used); got != tt.want {
			t.Errorf("sheetName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
