package ingest_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

// docGolden is the golden form of a Document of testdata/docs: metadata,
// outline, tables as cell texts and passages as their text.
type docGolden struct {
	compactDoc
	Charset  string     `json:"charset"`
	Format   string     `json:"format"`
	Tables   []tableOut `json:"tables,omitempty"`
	Passages []string   `json:"passages,omitempty"`
}

type tableOut struct {
	Header int        `json:"header"`
	Rows   [][]string `json:"rows"`
}

func golden(d *corpus.Document) docGolden {
	g := docGolden{compactDoc: compact(d), Charset: d.Charset, Format: d.Format}
	for _, t := range d.Tables {
		to := tableOut{Header: t.Header}
		for _, r := range t.Rows {
			var cells []string
			for _, c := range r.Cells {
				cells = append(cells, d.Slice(c))
			}
			to.Rows = append(to.Rows, cells)
		}
		g.Tables = append(g.Tables, to)
	}
	for _, p := range d.Passages {
		g.Passages = append(g.Passages, d.Slice(p))
	}
	return g
}

// testDocs returns the documents written for these tests (testdata/docs)
// and a .docx with a table built here, by file name.
func testDocs(t testing.TB) map[string][]byte {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", "docs", "*"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, n := range names {
		if strings.HasSuffix(n, ".golden.json") {
			continue
		}
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(n)] = b
	}
	out["docx_table.docx"] = tableDOCX(t)
	out["docx_meta_table.docx"] = metaDOCX(t)
	return out
}

// metaDOCX builds a Word copy of a county bureau's notice as a site
// serves it: its metadata as a two-column table (label, value; a label
// with layout spaces) before the title, and a basis that cites a list of
// titles.
func metaDOCX(t testing.TB) []byte {
	p := func(s string) string { return `<w:p><w:r><w:t xml:space="preserve">` + s + `</w:t></w:r></w:p>` }
	row := func(label, value string) string {
		return `<w:tr><w:tc>` + p(label) + `</w:tc><w:tc>` + p(value) + `</w:tc></w:tr>`
	}
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		`<w:tbl>` + row("索引号", "002650031/2024-00087") + row("发文单位", "磐安县应急管理局") + row("文　　号", "磐应急〔2024〕21号") +
		row("成文时间", "2024年5月8日") + row("发布日期", "2024年5月10日") + `</w:tbl>` +
		`<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>磐安县应急管理局关于开展2024年安全生产月活动的通知</w:t></w:r></w:p>` +
		p("各乡镇人民政府、街道办事处，县安委会各成员单位：") +
		p("按照《金华市安全生产月活动方案》、《磐安县安全生产“十四五”规划》及《磐安县重大事故隐患判定标准》要求，结合我县实际，现就开展2024年安全生产月活动通知如下：") +
		p("一、活动时间") +
		p("2024年6月1日至6月30日。") +
		p("二、主要活动") +
		p("（一）各乡镇（街道）要在6月10日前组织一次应急演练。") +
		p("（二）县级各部门要每周开展一次执法检查。") +
		p("磐安县应急管理局") + p("2024年5月8日") +
		`</w:body></w:document>`
	return zipFiles(t, map[string]string{"word/document.xml": doc})
}

// tableDOCX builds a Word notice of a county-level city's office with a
// task table: a header row marked w:tblHeader, a cell merged down
// (w:vMerge) and one spanning two columns (w:gridSpan).
func tableDOCX(t testing.TB) []byte {
	p := func(s string) string { return `<w:p><w:r><w:t xml:space="preserve">` + s + `</w:t></w:r></w:p>` }
	tc := func(s, props string) string { return `<w:tc><w:tcPr>` + props + `</w:tcPr>` + p(s) + `</w:tc>` }
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		`<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>临海市人民政府办公室关于印发临海市2024年森林防火工作任务清单的通知</w:t></w:r></w:p>` +
		p("临政办发〔2024〕9号") +
		p("各镇人民政府、街道办事处，市政府直属各单位：") +
		p("现将《临海市2024年森林防火工作任务清单》印发给你们，请认真贯彻执行。") +
		`<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>` + tc("序号", "") + tc("工作任务", "") + tc("牵头单位", "") + tc("配合单位", "") + tc("完成时限", "") + `</w:tr>` +
		`<w:tr>` + tc("1", "") + tc("开展森林火灾隐患排查，每月一次。", "") + tc("市林业局", `<w:vMerge w:val="restart"/>`) + tc("各镇（街道）", "") + tc("长期坚持", "") + `</w:tr>` +
		`<w:tr>` + tc("2", "") + tc("清理林区可燃物", "") + tc("", `<w:vMerge/>`) + tc("市消防救援大队", "") + tc("3月底前", "") + `</w:tr>` +
		`<w:tr>` + tc("3", "") + tc("组织森林防火宣传月活动", "") + tc("市委宣传部、市林业局", `<w:gridSpan w:val="2"/>`) + tc("4月30日前", "") + `</w:tr>` +
		`</w:tbl>` +
		p("临海市人民政府办公室") + p("2024年2月6日") +
		`</w:body></w:document>`
	return zipFiles(t, map[string]string{"word/document.xml": doc})
}

// TestDocuments compares what Parse reads from documents written for
// these tests — a cover notice with its plan, government pages with
// metadata tables (in the article, beside it, as a definition list, as
// "label | value" lines, as labels over their values, as a .docx table),
// a one-line dump, a traditional-character repost, a regulation in
// articles, task tables as pipe text, tab-separated text, HTML and .docx, GB18030 text and a
// hard-wrapped PDF dump — with their hand-checked
// golden files (testdata/docs/NAME.golden.json; rewrite with -update and
// check the diff by hand).
func TestDocuments(t *testing.T) {
	for name, data := range testDocs(t) {
		t.Run(name, func(t *testing.T) {
			docs := mustParse(t, name, data)
			var gs []docGolden
			for _, d := range docs {
				checkDoc(t, d)
				gs = append(gs, golden(d))
			}
			got, err := json.MarshalIndent(gs, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "docs", strings.TrimSuffix(name, filepath.Ext(name))+".golden.json")
			if *update {
				if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
				t.Errorf("%s differs from the Document; run go test ./ingest -update and review the diff\n%s", path, got)
			}
		})
	}
}
