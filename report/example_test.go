package report_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/report"
)

// A document and one obligation as dutymap extract finds them in seed 001.
func example() (*corpus.Document, []corpus.Obligation) {
	doc := &corpus.Document{ID: "d-89b60e396344-1", Title: "市安全生产委员会2024年工作要点一", Level: corpus.LevelCity, PlanYear: 2024}
	obs := []corpus.Obligation{{
		ID: doc.ID + "/o-9", Doc: doc.ID, Path: []string{"一", "4"},
		Text:      "对新业态新领域可能带来的安全风险,及时提请明确主责部门(牵头责任单位:市安委办,协同责任单位:市委编办)。",
		Lead:      []string{"市安委办"},
		Support:   []string{"市委编办"},
		Deadlines: []corpus.Deadline{{Raw: "4月底前", Date: "2024-04-30", Kind: corpus.By}},
	}}
	return doc, obs
}

func ExampleTable_WriteCSV() {
	doc, obs := example()
	tab := report.NewTable(doc, obs)
	var buf bytes.Buffer
	if err := tab.WriteCSV(&buf); err != nil {
		fmt.Println(err)
	}
	csv, bom := strings.CutPrefix(buf.String(), "\ufeff")
	fmt.Println("byte order mark:", bom)
	fmt.Print(strings.ReplaceAll(csv, "\r\n", "\n"))
	// Output:
	// byte order mark: true
	// 序号,工作任务,牵头单位,配合单位,频次,完成时限,出处
	// 1,"对新业态新领域可能带来的安全风险,及时提请明确主责部门。",市安委办,市委编办,,4月底前（2024-04-30）,《市安全生产委员会2024年工作要点一》一、4.
}

func ExampleTable_WriteXLSX() {
	doc, obs := example()
	name := filepath.Join(os.TempDir(), "任务分解表-example.xlsx")
	defer os.Remove(name)
	f, err := os.Create(name)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	if err := report.NewTable(doc, obs).WriteXLSX(f); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("sheet", report.SheetName, "columns", report.Headers())
	// Output: sheet 任务分解表 columns [序号 工作任务 牵头单位 配合单位 频次 完成时限 出处]
}

func ExampleWrite() {
	doc, obs := example()
	r := report.New("inbox/要点.txt", doc, obs, time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC))
	r.Changes = &report.Section{
		Against: report.DocRef{ID: "d-0f0e", Title: "市安全生产委员会2023年工作要点一"},
		Items:   []report.Item{{Kind: "deadline_earlier", Old: "6月底前提请明确主责部门。", New: obs[0].Text, Detail: "6月底前 → 4月底前"}},
	}
	out, err := os.MkdirTemp("", "outbox")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(out)
	dir := filepath.Join(out, report.DirName(r.Source, doc.ID))
	if err := report.Write(dir, r); err != nil {
		fmt.Println(err)
		return
	}
	ents, _ := os.ReadDir(dir)
	fmt.Println(filepath.Base(dir))
	for _, e := range ents {
		fmt.Println(" ", e.Name())
	}
	// Output:
	// 要点-89b60e396344-1
	//   report.html
	//   report.json
	//   report.xlsx
}

func ExampleWriteCoverageJSON() {
	up := corpus.Obligation{ID: "d-city/o-1", Path: []string{"二", "（六）"}, Text: "全面推行“双随机、一公开”监管。"}
	r := &compare.CoverageReport{
		Upper:  compare.DocInfo{ID: "d-city", Title: "市方案"},
		Lowers: []compare.DocInfo{{ID: "d-a", Title: "甲县方案"}},
		Rows: []compare.CoverageRow{{Upper: &up, Text: up.Text, Expected: true,
			Cells: []compare.Cell{{Verdict: compare.Carried, Lower: []string{"d-a/o-12"}, Matched: []string{"全面推行“双随机、一公开”监管。"}}},
			Tally: compare.Tally{Total: 1, Carried: 1, Coverage: 1, Expected: 1, ExpectedCoverage: 1}}},
		Totals: []compare.Tally{{Total: 1, Carried: 1, Coverage: 1, Expected: 1, ExpectedCoverage: 1}},
	}
	fmt.Println(report.CellText(r.Rows[0].Cells[0]), report.CoverageHeaders(r))
	var buf bytes.Buffer
	if err := report.WriteCoverageJSON(&buf, r); err != nil {
		fmt.Println(err)
	}
	fmt.Println(strings.Contains(buf.String(), `"verdict": "carried"`))
	// Output:
	// 已落实 [序号 上级任务 出处 是否要求下级落实 甲县方案 覆盖率]
	// true
}

func ExampleWriteCoverageXLSX() {
	up := corpus.Obligation{ID: "d-city/o-1", Path: []string{"五", "（十七）"}, Text: "各县（市、区）每半年至少组织一次综合应急演练。"}
	loosened := compare.Reason{Label: compare.LabelFrequency, Change: compare.Change{Kind: compare.FrequencyLoosened, From: "每半年至少组织一次", To: "每年至少组织一次"}}
	r := &compare.CoverageReport{
		Upper:  compare.DocInfo{ID: "d-city", Title: "市方案"},
		Lowers: []compare.DocInfo{{ID: "d-a", Title: "甲县方案"}},
		Rows: []compare.CoverageRow{{Upper: &up, Text: up.Text, Expected: true,
			Cells: []compare.Cell{{Verdict: compare.Weakened, Reasons: []compare.Reason{loosened}}},
			Tally: compare.Tally{Total: 1, Weakened: 1, Expected: 1}}},
		Totals: []compare.Tally{{Total: 1, Weakened: 1, Expected: 1}},
	}
	var buf bytes.Buffer
	if err := report.WriteCoverageXLSX(&buf, r); err != nil {
		fmt.Println(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	rows, _ := f.GetRows(report.CoverageSheet)
	for _, row := range rows {
		fmt.Println(strings.Join(row, " | "))
	}
	// Output:
	// 序号 | 上级任务 | 出处 | 是否要求下级落实 | 甲县方案 | 覆盖率
	// 1 | 各县（市、区）每半年至少组织一次综合应急演练。 | 《市方案》五、（十七） | 是 | 减弱：频次 每半年至少组织一次 → 每年至少组织一次 | 0.0%
	//  | 覆盖率（全部任务） |  |  | 0.0%
	//  | 覆盖率（要求下级落实的任务） |  |  | 0.0%
}
