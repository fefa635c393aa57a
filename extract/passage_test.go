package extract

import (
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

// TestPassages reads the preamble and closing text that ingest marks as
// passages: report deadlines, named bodies and modal words bind there; a
// purpose clause or a slogan does not.
func TestPassages(t *testing.T) {
	e := newTestExtractor(t)
	pre := "为深刻吸取事故教训，全面加强安全生产工作，结合我县实际，制定本方案。决定从即日起至2024年10月底开展专项整治。请各乡镇于3月15日前将实施方案报县安委办。\n"
	item := "一、工作任务\n县应急局要加强执法检查。\n"
	post := "各乡镇要高度重视，确保取得实效。坚持人民至上、生命至上。\n"
	text := pre + item + post
	top := &corpus.Block{Number: "一", Marker: corpus.MarkerChinese, Depth: 1,
		Span: corpus.Span{Start: len(pre), End: len(pre) + len(item)},
		Lead: corpus.Span{Start: len(pre) + len("一、"), End: len(pre) + len("一、工作任务")},
		Body: corpus.Span{Start: len(pre) + len("一、"), End: len(pre) + len(item)}}
	doc := &corpus.Document{ID: "d-p", Text: text, PlanYear: 2024, Outline: []*corpus.Block{top},
		Body:     corpus.Span{Start: 0, End: len(text)},
		Passages: []corpus.Span{{Start: 0, End: len(pre)}, {Start: len(pre) + len(item), End: len(text)}}}
	obs := e.Extract(doc)
	if o := find(obs, "即日起至2024年10月底"); o == nil || len(o.Deadlines) != 1 || o.Deadlines[0].Date != "2024-10-31" || len(o.Path) != 0 {
		t.Errorf("preamble deadline: %+v", o)
	}
	if o := find(obs, "请各乡镇于3月15日前"); o == nil || unitsOf(o) != "L[] S[] R[各乡镇]" || o.Deadlines[0].Date != "2024-03-15" {
		t.Errorf("preamble 请X: %+v", o)
	}
	if o := find(obs, "各乡镇要高度重视"); o == nil || unitsOf(o) != "L[] S[] R[各乡镇]" {
		t.Errorf("closing text: %+v", o)
	}
	for _, s := range []string{"为深刻吸取事故教训", "坚持人民至上"} {
		if find(obs, s) != nil {
			t.Errorf("%q taken as an obligation", s)
		}
	}
	if o := find(obs, "县应急局要加强执法检查"); o == nil || strings.Join(o.Path, "/") != "一" {
		t.Errorf("item: %+v", o)
	}
	for i := 1; i < len(obs); i++ {
		if obs[i].Span.Start < obs[i-1].Span.Start {
			t.Errorf("obligations out of reading order: %q before %q", obs[i-1].Text, obs[i].Text)
		}
	}
}

// TestFoldedText matches rules on Document.Fold and gives names as Text
// writes them.
func TestFoldedText(t *testing.T) {
	e := newTestExtractor(t)
	text := "縣應急局要會同縣公安局開展聯合執法，6月底前完成。"
	fold := "县应急局要会同县公安局开展联合执法，6月底前完成。"
	doc := &corpus.Document{ID: "d-f", Text: text, Fold: fold, PlanYear: 2024}
	obs := e.Extract(doc)
	if len(obs) != 1 {
		t.Fatalf("got %d obligations", len(obs))
	}
	o := obs[0]
	if unitsOf(&o) != "L[縣應急局] S[縣公安局] R[]" || o.Text != text || len(o.Deadlines) != 1 || o.Deadlines[0].Raw != "6月底前" {
		t.Errorf("folded: %s %q %+v", unitsOf(&o), o.Text, o.Deadlines)
	}
	if o.Modal == nil || o.Modal.Word != "要" || text[o.Modal.Span.Start:o.Modal.Span.End] != "要" {
		t.Errorf("modal cue %+v", o.Modal)
	}
}

// TestGroupAttribution gives an attribution line after the last of a
// group of sub-items to the whole group.
func TestGroupAttribution(t *testing.T) {
	e := newTestExtractor(t)
	text := "1.完善应急预案体系\n（1）加强应急预案管理，规范预案编制。\n（2）推进预案演练，完善演练制度。\n（责任单位：市直各有关单位、各县人民政府）\n2.健全应急管理体制\n（1）推进基层应急管理机构建设。\n"
	doc := buildDoc("d-g", 2024, text)
	obs := e.Extract(doc)
	for _, a := range []string{"加强应急预案管理", "推进预案演练"} {
		o := find(obs, a)
		if o == nil || unitsOf(o) != "L[] S[] R[市直各有关单位|各县人民政府]" {
			t.Errorf("%q: %+v", a, o)
			continue
		}
		if o.Attribution == nil || !strings.Contains(text[o.Attribution.Start:o.Attribution.End], "责任单位") {
			t.Errorf("%q: attribution span %+v", a, o.Attribution)
		}
	}
	if o := find(obs, "推进基层应急管理机构建设"); o == nil || len(o.Units()) != 0 {
		t.Errorf("the next group took the attribution: %+v", o)
	}
	if find(obs, "（责任单位") != nil {
		t.Error("the attribution line is an obligation of its own")
	}
}
