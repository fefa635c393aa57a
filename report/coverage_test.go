package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/corpus"
)

// coverageReport is a matrix of two duties against two lower documents,
// as compare.Coverage makes it; one task text would be a formula.
func coverageReport() *compare.CoverageReport {
	up := []corpus.Obligation{
		{ID: "d-city/o-1", Path: []string{"五", "（十七）"}, Text: "各县（市、区）每半年至少组织一次综合应急演练。"},
		{ID: "d-city/o-2", Path: []string{"五", "（十六）"}, Text: "=HYPERLINK(\"http://x\")市应急局要完成市综合应急救援支队营房搬迁。"},
	}
	weak := compare.Reason{Label: compare.LabelFrequency, Change: compare.Change{Kind: compare.FrequencyLoosened, From: "每半年至少组织一次", To: "每年至少组织一次"}}
	return &compare.CoverageReport{
		Upper:  compare.DocInfo{ID: "d-city", Title: "吕梁市人民政府关于做好2024年安全生产工作的通知", Level: corpus.LevelCity},
		Lowers: []compare.DocInfo{{ID: "d-jc", Title: "交城县方案"}, {ID: "d-ws", Title: "文水县方案"}},
		Rows: []compare.CoverageRow{
			{Upper: &up[0], Text: up[0].Text, Expected: true, Addressed: true, Cells: []compare.Cell{
				{Verdict: compare.Weakened, Lower: []string{"d-jc/o-29"}, Matched: []string{"县政府每年至少组织一次综合应急演练。"}, Reasons: []compare.Reason{weak}},
				{Verdict: compare.Missing},
			}, Tally: compare.Tally{Total: 2, Weakened: 1, Missing: 1, Expected: 2}},
			{Upper: &up[1], Text: up[1].Text, Cells: []compare.Cell{{Verdict: compare.NotExpected}, {Verdict: compare.NotExpected}},
				Tally: compare.Tally{Total: 2, NotExpected: 2}},
		},
		Totals: []compare.Tally{{Total: 2, Weakened: 1, NotExpected: 1, Expected: 1}, {Total: 2, Missing: 1, NotExpected: 1, Expected: 1}},
	}
}

func TestWriteCoverageXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCoverageXLSX(&buf, coverageReport()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, ",") != CoverageSheet+","+MatchSheet {
		t.Errorf("sheets %v", got)
	}
	rows, err := f.GetRows(CoverageSheet)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"序号", "上级任务", "出处", "是否要求下级落实", "交城县方案", "文水县方案", "覆盖率"},
		{"1", "各县（市、区）每半年至少组织一次综合应急演练。", "《吕梁市人民政府关于做好2024年安全生产工作的通知》五、（十七）", "是",
			"减弱：频次 每半年至少组织一次 → 每年至少组织一次", "缺失", "0.0%"},
		{"2", "=HYPERLINK(\"http://x\")市应急局要完成市综合应急救援支队营房搬迁。", "《吕梁市人民政府关于做好2024年安全生产工作的通知》五、（十六）", "否（本级任务）",
			"无需下级落实", "无需下级落实", "—"},
		{"", "覆盖率（全部任务）", "", "", "0.0%", "0.0%"},
		{"", "覆盖率（要求下级落实的任务）", "", "", "0.0%", "0.0%"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows: %q", len(rows), rows)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, rows[i], want[i])
		}
	}
	// A task that starts with = is text, not a formula.
	if formula, _ := f.GetCellFormula(CoverageSheet, "B3"); formula != "" {
		t.Errorf("B3 holds the formula %q", formula)
	}
	// Cells are coloured by verdict.
	for cell, v := range map[string]compare.Verdict{"E2": compare.Weakened, "F2": compare.Missing, "E3": compare.NotExpected} {
		id, err := f.GetCellStyle(CoverageSheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Fill.Color) != 1 || st.Fill.Color[0] != verdictFills[v] {
			t.Errorf("%s filled %v, want %s", cell, st.Fill.Color, verdictFills[v])
		}
	}
	matches, err := f.GetRows(MatchSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(matches) != 2 || matches[1][2] != "交城县方案" || matches[1][4] != "县政府每年至少组织一次综合应急演练。" {
		t.Errorf("matches %q", matches)
	}
}

func TestWriteCoverageJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCoverageJSON(&buf, coverageReport()); err != nil {
		t.Fatal(err)
	}
	var back compare.CoverageReport
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Rows) != 2 || back.Rows[0].Cells[0].Verdict != compare.Weakened || back.Rows[0].Cells[0].Reasons[0].Label != "频次" ||
		back.Rows[1].Expected || back.Totals[1].Missing != 1 {
		t.Errorf("round trip: %+v", back)
	}
}
