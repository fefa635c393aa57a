package corpus

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRecords(t *testing.T) {
	text := strings.Repeat("安全生产abc，", 200) + "各村要每月至少召开一次会议。"
	d := &Document{ID: "d-1", Source: "x.txt", Text: text, Title: "关于做好安全生产工作的通知"}
	start := strings.Index(text, "各村")
	obs := []Obligation{{ID: "d-1/o-1", Doc: "d-1", Text: text[start:], Span: Span{Start: start, End: len(text)},
		Lead: []string{"市安委办"}, Responsible: []string{"市安委会办公室"},
		Modal:       &Cue{Word: "要", Span: Span{Start: start + len("各村"), End: start + len("各村要")}, Rank: 3},
		Frequencies: []Frequency{{Raw: "每月至少召开一次", Period: PeriodMonth, Count: 1, Qualifier: AtLeast, Span: Span{Start: start + len("各村要"), End: start + len("各村要每月至少召开一次")}}}}}
	dr, ors := NewRecords(d, obs)
	b, err := json.Marshal(dr)
	if err != nil {
		t.Fatal(err)
	}
	js := string(b)
	for _, want := range []string{`"type":"document"`, `"level":null`, `"date":null`, `"plan_year":null`, `"doc_number":null`, `"addressees":[]`, `"references":[]`, `"part":1`} {
		if !strings.Contains(js, want) {
			t.Errorf("document record lacks %s: %s", want, js)
		}
	}
	o := ors[0]
	if o.Start != utf8.RuneCountInString(text[:start]) || o.End != utf8.RuneCountInString(text) {
		t.Errorf("rune offsets %d-%d", o.Start, o.End)
	}
	if f := o.Frequencies[0]; f.Start != o.Start+3 || f.End != o.Start+11 {
		t.Errorf("frequency rune offsets %d-%d", f.Start, f.End)
	}
	if len(o.Units) != 1 {
		t.Errorf("市安委办 and 市安委会办公室 normalise to %v, want one", o.Units)
	}
	if m := o.Modal; m == nil || m.Cue != "要" || m.Start != o.Start+2 || m.End != o.Start+3 || m.Rank != 3 {
		t.Errorf("modal record %+v", o.Modal)
	}
	b, _ = json.Marshal(o)
	for _, want := range []string{`"support":[]`, `"actors":[]`, `"deadlines":[]`, `"sectors":[]`, `"targets":[]`, `"path":[]`, `"attribution":null`, `"modal":{"cue":"要"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("obligation record lacks %s: %s", want, b)
		}
	}
	sp := Span{Start: start, End: start + len("各村")}
	obs[0].Attribution = &sp
	if _, ors := NewRecords(d, obs); ors[0].Attribution == nil || *ors[0].Attribution != (SpanRecord{Start: o.Start, End: o.Start + 2}) {
		t.Errorf("attribution record %+v", ors[0].Attribution)
	}
	idx := newRuneIndex(text)
	for i := 0; i <= len(text); i += 7 {
		if utf8.RuneStart(text[min(i, len(text)-1)]) || i == len(text) {
			if got, want := idx.RuneOffset(i), d.RuneOffset(i); got != want {
				t.Fatalf("RuneOffset(%d) = %d, want %d", i, got, want)
			}
		}
	}
}
