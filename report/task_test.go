package report

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/extract"
	"github.com/dutymap/dutymap/ingest"
	"github.com/dutymap/dutymap/segment"
)

// taskPlan is a county plan of our own whose items close with the
// attribution brackets seen in real plans: after the 。 and before it,
// with a body's name that holds brackets of its own, with a space before
// the 。; and an aside in brackets that names no unit.
const taskPlan = `某县2024年安全生产工作要点

一、压实安全生产责任
1.每季度组织一次安全生产综合督查(责任单位:县安委办)。
2.将安全生产纳入干部教育培训内容(牵头责任单位:县安委办,协同责任单位:县委组织部、县委党校(行政学院))。
3.强化安全生产考核巡查（牵头单位：县安委办；配合单位：县委组织部） 。
4.要开展燃气安全专项整治。（牵头单位：县住建局；配合单位：县市场监管局）
5.各乡镇要落实《安全生产约谈办法》（试行）相关规定，每月开展一次检查。
`

// TestTaskText reads taskPlan with ingest and extract and checks the task
// of each row: the bracket extract found is gone, the rest as written.
func TestTaskText(t *testing.T) {
	seg, err := segment.New()
	if err != nil {
		t.Fatal(err)
	}
	docs, err := ingest.Parse("plan.txt", []byte(taskPlan))
	if err != nil {
		t.Fatal(err)
	}
	obs := extract.New(seg).Extract(docs[0])
	want := []struct{ start, task string }{
		{"每季度组织", "每季度组织一次安全生产综合督查。"},
		{"将安全生产纳入", "将安全生产纳入干部教育培训内容。"},
		{"强化安全生产", "强化安全生产考核巡查。"},
		{"要开展燃气", "要开展燃气安全专项整治。"},
		{"各乡镇要", "各乡镇要落实《安全生产约谈办法》（试行）相关规定，每月开展一次检查。"},
	}
	tab := NewTable(docs[0], obs)
	for _, w := range want {
		found := false
		for _, r := range tab.Rows {
			if strings.HasPrefix(r.Task, w.start) {
				found = true
				if r.Task != w.task {
					t.Errorf("task %q, want %q", r.Task, w.task)
				}
			}
		}
		if !found {
			t.Errorf("no row starts with %q; rows: %+v", w.start, tab.Rows)
		}
	}
	for _, r := range tab.Rows[:4] {
		if len(r.Lead) == 0 {
			t.Errorf("row %q has no lead unit: the attribution was not found", r.Task)
		}
	}
}

// FuzzTaskText: stripping the attribution span never panics, never grows
// the text, and keeps valid UTF-8 valid, whatever the spans say.
func FuzzTaskText(f *testing.F) {
	f.Add("每季度组织一次安全生产综合督查(责任单位:市安委办)。", 10, 45, 90, 120)
	f.Add("强化考核巡查。（牵头单位：市安委办）", 0, 21, 0, 54)
	f.Add("（）", 3, 6, 0, 6)
	f.Fuzz(func(t *testing.T, text string, as, ae, ss, se int) {
		o := &corpus.Obligation{Text: text, Span: corpus.Span{Start: ss, End: se}, Attribution: &corpus.Span{Start: as, End: ae}}
		got := taskText(o)
		if len(got) > len(strings.TrimSpace(text)) {
			t.Errorf("taskText(%q) = %q grew", text, got)
		}
		if utf8.ValidString(text) && !utf8.ValidString(got) {
			t.Errorf("taskText(%q) = %q is not UTF-8", text, got)
		}
	})
}

// bracket sets o's spans as extract gives them in a document that holds
// o's text alone: its text the whole, its attribution the bracket given.
func bracket(o *corpus.Obligation, b string) {
	at := strings.Index(o.Text, b)
	if at < 0 {
		panic("no " + b + " in " + o.Text)
	}
	o.Span = corpus.Span{Start: 0, End: len(o.Text)}
	o.Attribution = &corpus.Span{Start: at, End: at + len(b)}
}
