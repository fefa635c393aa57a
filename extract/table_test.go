package extract

import (
	"strconv"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

// tableDoc builds a Document whose text is lines of cells joined by " | "
// (as ingest writes table rows) after a heading line, with a Table over
// them; the first header rows are the header.
func tableDoc(heading string, header int, rows ...[]string) *corpus.Document {
	var b strings.Builder
	b.WriteString(heading + "\n")
	t := corpus.Table{Header: header}
	t.Span.Start = b.Len()
	for _, cells := range rows {
		r := corpus.Row{Span: corpus.Span{Start: b.Len()}}
		var prev corpus.Span
		for i, c := range cells {
			if c == "<" { // merged with the cell to its left
				r.Cells = append(r.Cells, prev)
				continue
			}
			if i > 0 {
				b.WriteString(" | ")
			}
			prev = corpus.Span{Start: b.Len(), End: b.Len() + len(c)}
			b.WriteString(c)
			r.Cells = append(r.Cells, prev)
		}
		r.Span.End = b.Len()
		b.WriteString("\n")
		t.Rows = append(t.Rows, r)
	}
	t.Span.End = b.Len()
	text := b.String()
	return &corpus.Document{ID: "d-table", Text: text, PlanYear: 2025, Body: corpus.Span{Start: 0, End: len(text)}, Tables: []corpus.Table{t}}
}

func TestTaskTable(t *testing.T) {
	e := newTestExtractor(t)
	doc := tableDoc("各单位要对照分工抓好落实。", 1,
		[]string{"序号", "工作任务", "牵头单位", "责任单位", "完成时限"},
		[]string{"一、隐患排查", "<", "<", "<", "<"},
		[]string{"1", "开展燃气安全隐患排查", "县住建局", "县市场监管局、各乡镇", "2025年6月底前"},
		[]string{"2", "组织消防安全宣传", "县消防救援大队", "县委宣传部（牵头）、县教育局", "每季度"},
		[]string{"3", "落实企业全员安全生产责任制", "县应急局", "各有关部门", "长期坚持"},
		[]string{"4", "开展防汛演练", "县水利局", "各乡镇", "5月份"},
	)
	obs := e.Extract(doc)
	tests := []struct {
		anchor, units, heading, facts string
	}{
		{"开展燃气安全隐患排查", "L[县住建局] S[县市场监管局|各乡镇] R[]", "开展燃气安全隐患排查", "2025-06-30/by"},
		{"组织消防安全宣传", "L[县消防救援大队|县委宣传部] S[县教育局] R[]", "组织消防安全宣传", "quarter/1"},
		{"落实企业全员安全生产责任制", "L[县应急局] S[各有关部门] R[]", "落实企业全员安全生产责任制", ""},
		{"开展防汛演练", "L[县水利局] S[各乡镇] R[]", "开展防汛演练", "2025-05-31/range"},
	}
	for _, tt := range tests {
		o := find(obs, tt.anchor)
		if o == nil {
			t.Errorf("no obligation holds %q", tt.anchor)
			continue
		}
		if got := unitsOf(o); got != tt.units {
			t.Errorf("%q: units %s, want %s", tt.anchor, got, tt.units)
		}
		if o.Heading != tt.heading {
			t.Errorf("%q: heading %q, want %q", tt.anchor, o.Heading, tt.heading)
		}
		var facts []string
		for _, d := range o.Deadlines {
			facts = append(facts, d.Date+"/"+string(d.Kind))
		}
		for _, f := range o.Frequencies {
			facts = append(facts, string(f.Period)+"/"+strconv.Itoa(f.Count))
		}
		if got := strings.Join(facts, " "); got != tt.facts {
			t.Errorf("%q: facts %q, want %q", tt.anchor, got, tt.facts)
		}
		if !strings.HasPrefix(o.Text, doc.Text[o.Span.Start:o.Span.End]) || !strings.Contains(o.Text, " | ") {
			t.Errorf("%q: text %q is not its row line", tt.anchor, o.Text)
		}
	}
	for _, o := range obs {
		if strings.Contains(o.Text, "序号") || o.Text == "一、隐患排查" {
			t.Errorf("header or group row taken for an obligation: %q", o.Text)
		}
	}
	if o := find(obs, "各单位要对照分工"); o == nil {
		t.Error("the text before the table was not read")
	}
}

// TestNotTaskTable leaves a table whose header names no task columns to
// the sentence rules.
func TestNotTaskTable(t *testing.T) {
	e := newTestExtractor(t)
	doc := tableDoc("通讯录", 1,
		[]string{"姓名", "电话"},
		[]string{"县应急局要每日报送值班信息", "12345"},
	)
	obs := e.Extract(doc)
	if o := find(obs, "县应急局要每日报送值班信息"); o == nil || unitsOf(o) != "L[] S[] R[县应急局]" {
		t.Errorf("row of a table that is no task table: %+v", o)
	}
}
