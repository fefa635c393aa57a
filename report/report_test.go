package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/samples"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// seedDoc returns a document made of item 2 of seed 001's first work plan, and
// its obligations as the SCHEMA.md contract and the gold annotations give them.
func seedDoc(t *testing.T) (*corpus.Document, []corpus.Obligation) {
	t.Helper()
	raw, err := fs.ReadFile(samples.FS(), "001_1f896dcc82d4bd9a.txt")
	if err != nil {
		t.Fatal(err)
	}
	const head = "2.推动各级党委政府落实安全生产属地责任。"
	i := strings.Index(string(raw), head)
	if i < 0 {
		t.Fatal("seed 001 no longer holds item 2")
	}
	text := string(raw[i:])
	text = text[:strings.Index(text, "\n")]
	sentences := []string{
		"制定市安委会负责同志年度“工作责任清单”,把履责情况纳入述职考核、安全生产巡查内容,推动落实《地方党政领导干部安全生产责任制规定》(责任单位:市安委办)。",
		"推动各级政府主要负责人每季度至少组织研究 1次安全生产和消防突出问题,定期研判重大安全风险,主动协调跨区域跨部门安全生产和消防工作(责任单位:市安委办)。",
	}
	doc := &corpus.Document{
		ID: "d-3f9a0c11deadbeef", Source: "001_1f896dcc82d4bd9a.txt", Part: 1, Format: "txt", Charset: "utf-8",
		Title: "市安全生产委员会2024年工作要点一", Issuer: "市安全生产委员会", Level: corpus.LevelCity, PlanYear: 2024,
		Text: text,
	}
	var obs []corpus.Obligation
	for n, s := range sentences {
		at := strings.Index(text, s)
		if at < 0 {
			t.Fatalf("seed 001 item 2 lacks %q", s)
		}
		obs = append(obs, corpus.Obligation{
			ID: doc.ID + "/o-" + string(rune('1'+n)), Doc: doc.ID, Path: []string{"一", "2"},
			Heading: "推动各级党委政府落实安全生产属地责任", Text: s,
			Span:        corpus.Span{Start: at, End: at + len(s)},
			Attribution: &corpus.Span{Start: at + strings.Index(s, "(责任单位"), End: at + len(s) - len("。")},
			Responsible: []string{"市安委办"}, Modality: corpus.Must,
		})
	}
	obs[1].Frequencies = []corpus.Frequency{{Raw: "每季度至少组织研究 1次", Period: corpus.PeriodQuarter, Count: 1, Qualifier: corpus.AtLeast}}
	obs[0].Deadlines = []corpus.Deadline{{Raw: "4月底前", Date: "2024-04-30", Kind: corpus.By}}
	return doc, obs
}

func TestPathText(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"一", "（一）"}, "一、（一）"},
		{[]string{"二", "3", "(2)"}, "二、3.(2)"},
		{[]string{"①"}, "①"},
		{[]string{"2", "2.2"}, "2.2"},
		{[]string{"3", "3.1", "3.1.2", "（1）"}, "3.1.2 （1）"},
		{[]string{"5"}, "5."},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := PathText(tt.in); got != tt.want {
			t.Errorf("PathText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFrequencyAndDeadlineText(t *testing.T) {
	fs := []corpus.Frequency{
		{Raw: "每月至少召开一次", Period: corpus.PeriodMonth, Count: 1, Qualifier: corpus.AtLeast},
		{Period: corpus.PeriodQuarter, Count: 2, Qualifier: corpus.AtLeast},
		{Period: corpus.PeriodYear, Count: 6, Qualifier: corpus.Exactly},
	}
	if got, want := frequencyText(fs), "每月至少召开一次；每季度至少2次；每年6次"; got != want {
		t.Errorf("frequencyText = %q, want %q", got, want)
	}
	ds := []corpus.Deadline{
		{Raw: "4月底前", Date: "2024-04-30", Kind: corpus.By},
		{Raw: "xx年底前", Kind: corpus.By, Month: 12, Day: 31},
		{Date: "2023-11-30", Kind: corpus.Range},
	}
	if got, want := deadlineText(ds), "4月底前（2024-04-30）；xx年底前；2023-11-30"; got != want {
		t.Errorf("deadlineText = %q, want %q", got, want)
	}
}

func TestNewTable(t *testing.T) {
	doc, obs := seedDoc(t)
	obs[1].Lead, obs[1].Support = []string{"市安委办"}, []string{"市委编办", "市应急局"}
	tab := NewTable(doc, obs)
	if len(tab.Rows) != len(obs) {
		t.Fatalf("%d rows for %d obligations", len(tab.Rows), len(obs))
	}
	for i, r := range tab.Rows {
		if r.No != i+1 || r.ID != obs[i].ID || r.Doc != doc.ID {
			t.Errorf("row %d: no %d id %s doc %s", i, r.No, r.ID, r.Doc)
		}
		if !strings.Contains(doc.Text, strings.TrimSuffix(r.Task, "。")) {
			t.Errorf("row %d: task %q is not in the document's text", i, r.Task)
		}
		if strings.Contains(r.Task, "责任单位") {
			t.Errorf("row %d: task keeps its unit bracket: %q", i, r.Task)
		}
		if r.Source != "《市安全生产委员会2024年工作要点一》一、2." {
			t.Errorf("row %d: source %q", i, r.Source)
		}
	}
	// Responsible units stand in for the lead when no lead is named.
	if got := strings.Join(tab.Rows[0].Lead, "、"); got != "市安委办" {
		t.Errorf("row 1 lead = %q, want the responsible unit", got)
	}
	if got := tab.Rows[1].Cells()[3]; got != "市委编办、市应急局" {
		t.Errorf("row 2 support cell = %q", got)
	}
	// Adding more rows numbers on.
	tab.Add(nil, obs[0])
	if r := tab.Rows[2]; r.No != 3 || r.Source != "一、2." {
		t.Errorf("added row: no %d source %q", r.No, r.Source)
	}
}

func TestWriteXLSX(t *testing.T) {
	doc, obs := seedDoc(t)
	tab := NewTable(doc, obs)
	var buf bytes.Buffer
	if err := tab.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(SheetName)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(obs)+1 {
		t.Fatalf("%d rows, want header + %d", len(rows), len(obs))
	}
	if got := strings.Join(rows[0], "|"); got != strings.Join(Headers(), "|") {
		t.Errorf("header row = %s", got)
	}
	for i, o := range obs {
		want := tab.Rows[i].Cells()
		if strings.Join(rows[i+1], "|") != strings.Join(want, "|") {
			t.Errorf("row %d = %q, want %q", i+1, rows[i+1], want)
		}
		if rows[i+1][2] != strings.Join(o.Responsible, "、") {
			t.Errorf("row %d lead = %q, want %q", i+1, rows[i+1][2], o.Responsible)
		}
	}
	if rows[2][4] != "每季度至少组织研究 1次" || rows[1][5] != "4月底前（2024-04-30）" {
		t.Errorf("frequency %q, deadline %q", rows[2][4], rows[1][5])
	}
	panes, err := f.GetPanes(SheetName)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("header row is not frozen: %+v", panes)
	}
	found := false
	filters := f.GetDefinedName()
	for _, dn := range filters {
		if dn.Name == "_xlnm._FilterDatabase" && strings.Contains(dn.RefersTo, "$A$1:$G$3") {
			found = true
		}
	}
	if !found {
		t.Errorf("no autofilter over A1:G3 in %+v", filters)
	}
	for col, lo := range map[string]float64{"A": 6, "B": 30, "G": 16} {
		w, err := f.GetColWidth(SheetName, col)
		if err != nil || w < lo {
			t.Errorf("column %s width %v (%v), want ≥ %v", col, w, err, lo)
		}
	}
}

func TestWriteCSV(t *testing.T) {
	doc, obs := seedDoc(t)
	tab := NewTable(doc, obs)
	var buf bytes.Buffer
	if err := tab.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if !bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("no UTF-8 byte order mark: % x", data[:3])
	}
	recs, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(obs)+1 || strings.Join(recs[0], ",") != strings.Join(Headers(), ",") {
		t.Fatalf("records %q", recs)
	}
	for i := range obs {
		if strings.Join(recs[i+1], "|") != strings.Join(tab.Rows[i].Cells(), "|") {
			t.Errorf("record %d = %q", i+1, recs[i+1])
		}
	}
}

func testReport(t *testing.T) *Report {
	doc, obs := seedDoc(t)
	r := New("inbox/001_1f896dcc82d4bd9a.txt", doc, obs, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
	r.Changes = &Section{
		Against: DocRef{ID: "d-0001", Title: "市安全生产委员会2023年工作要点一", Level: corpus.LevelCity, PlanYear: 2023},
		Items: []Item{
			{Kind: "frequency_tightened", Old: "每半年至少组织研究1次", New: obs[1].Text, NewID: obs[1].ID, Detail: "每半年 → 每季度"},
			{Kind: "added", New: obs[0].Text, NewID: obs[0].ID},
		},
	}
	r.Upper = []Section{{Against: DocRef{ID: "d-0002", Title: "省安委会2024年工作要点", Level: corpus.LevelProvince}, Reason: "cited: 省安委〔2024〕1号", Items: []Item{{Kind: "missing", Old: "每月调度<重点>工作"}}}}
	return r
}

func TestWriteHTMLGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := testReport(t).WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, bad := range []string{"<script", "<link", "src=\"http", "<重点>"} {
		if strings.Contains(got, bad) {
			t.Errorf("report.html holds %q: not self-contained or not escaped", bad)
		}
	}
	golden := filepath.Join("testdata", "report.html")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("report.html differs from %s (run go test -update and review the diff)", golden)
	}
}

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out", DirName("inbox/方案.docx", "d-3f9a0c11dead-2"))
	if filepath.Base(dir) != "方案-3f9a0c11dead-2" {
		t.Errorf("DirName = %s", filepath.Base(dir))
	}
	r := testReport(t)
	for round := 0; round < 2; round++ { // the second round replaces the first folder
		if err := Write(dir, r); err != nil {
			t.Fatal(err)
		}
		ents, err := os.ReadDir(filepath.Dir(dir))
		if err != nil {
			t.Fatal(err)
		}
		if len(ents) != 1 {
			t.Errorf("round %d: out holds %d entries, want the report folder only", round, len(ents))
		}
		var names []string
		ents, _ = os.ReadDir(dir)
		for _, e := range ents {
			names = append(names, e.Name())
		}
		if strings.Join(names, " ") != "report.html report.json report.xlsx" {
			t.Errorf("round %d: folder holds %v", round, names)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, JSONFile))
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back.Document.ID != r.Document.ID || len(back.Obligations) != 2 || len(back.Table.Rows) != 2 ||
		back.Changes.Count("frequency_tightened") != 1 || back.Upper[0].Items[0].Kind != "missing" {
		t.Errorf("report.json reads back as %+v", back)
	}
}

func TestRemoveTemps(t *testing.T) {
	out := t.TempDir()
	dir := filepath.Join(out, "plan-3f9a")
	if err := Write(dir, testReport(t)); err != nil {
		t.Fatal(err)
	}
	// What a Write killed mid-way leaves: a temporary folder, or the old one moved aside.
	for _, p := range []string{".plan-3f9a.tmp-123", ".plan-3f9a.tmp-456.old"} {
		if err := os.MkdirAll(filepath.Join(out, p), 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(out, p, JSONFile), []byte("{"), 0o644)
	}
	if err := RemoveTemps(out); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(out)
	if len(ents) != 1 || ents[0].Name() != "plan-3f9a" {
		t.Errorf("out holds %v", ents)
	}
}

func TestDefuse(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+1", "'+1"}, {"-每月一次", "'-每月一次"}, {"@x", "'@x"},
		{"每月至少召开一次", "每月至少召开一次"}, {"", ""}, {"1", "1"},
	}
	for _, tt := range tests {
		if got := defuse(tt.in); got != tt.want {
			t.Errorf("defuse(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
