package compare

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
)

// TestCutParts lists real phrasings and the duties they hold: a clause
// that acts with words of its own starts a duty; premises (对…的, 按照…),
// clauses of result with a deadline (年底前完成…), labels (地震灾害：) and
// attribution brackets do not.
func TestCutParts(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"市、县（市、区）安委会每月至少召开一次会议，分析安全形势，解决重大问题。", []string{"市、县（市、区）安委会每月至少召开一次会议，分析安全形势，解决重大问题"}},
		{"负有安全生产监管职责的部门要编制并落实年度监督检查计划，推广应用“互联网+执法”系统。",
			[]string{"负有安全生产监管职责的部门要编制并落实年度监督检查计划", "推广应用“互联网+执法”系统"}},
		{"对非法生产经营建设的有关单位和责任人，依法从严从重处罚。", []string{"对非法生产经营建设的有关单位和责任人，依法从严从重处罚"}},
		{"对重大隐患挂牌督办，今年计划对道路交通安全隐患进行整治。", []string{"对重大隐患挂牌督办", "今年计划对道路交通安全隐患进行整治"}},
		{"加强经营性自建房安全隐患排查整治，年底前完成整治销号。（牵头单位：市住建局）", []string{"加强经营性自建房安全隐患排查整治，年底前完成整治销号"}},
		{"地震灾害：推进应急避难场所和地震易发区房屋设施加固工程建设。", []string{"推进应急避难场所和地震易发区房屋设施加固工程建设"}},
		{"企业主要负责人是本单位安全生产第一责任人，必须严格履行法定职责。", []string{"企业主要负责人是本单位安全生产第一责任人，必须严格履行法定职责"}},
		{"加强基层消防等应急力量建设，每个村和居委会要确定消防安全网格员。", []string{"加强基层消防等应急力量建设", "每个村和居委会要确定消防安全网格员"}},
	}
	seg := testSegmenter(t)
	for _, tt := range tests {
		doc := &corpus.Document{ID: "d-t", Level: corpus.LevelCity, Text: tt.text}
		o := corpus.Obligation{Text: tt.text, Span: corpus.Span{End: len(tt.text)}}
		if i := strings.Index(tt.text, "年底前"); i >= 0 {
			o.Deadlines = []corpus.Deadline{{Raw: "年底前", Date: "2024-12-31", Span: corpus.Span{Start: i, End: i + len("年底前")}}}
		}
		if i := strings.Index(tt.text, "今年"); i >= 0 {
			o.Deadlines = []corpus.Deadline{{Raw: "今年", Date: "2024-12-31", Span: corpus.Span{Start: i, End: i + len("今年")}}}
		}
		if i := strings.Index(tt.text, "每月至少召开一次"); i >= 0 {
			o.Frequencies = []corpus.Frequency{{Raw: "每月至少召开一次", Period: corpus.PeriodMonth, Count: 1, Span: corpus.Span{Start: i, End: i + len("每月至少召开一次")}}}
		}
		parts, _ := cutParts(seg, corpus.Parsed{Doc: doc, Obligations: []corpus.Obligation{o}}, true)
		var got []string
		for _, p := range parts {
			got = append(got, tt.text[p.start:p.end])
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

// TestScope checks to whom upper duties are addressed: the city itself
// (市级, 市应急局, a named county or firm, its own name) or the levels below.
func TestScope(t *testing.T) {
	city := &corpus.Document{ID: "d-c", Level: corpus.LevelCity, Place: &corpus.Place{Code: "1406", Name: "朔州市", Level: corpus.LevelCity}}
	tests := []struct {
		text       string
		own, lower bool
	}{
		{"完成市应急救援队搬迁工作", true, false},
		{"推进市级应急管理培训教育基地建设", true, false},
		{"推进应县GNSS观测站建设", true, false},
		{"推进中煤平朔公司国家级危险化学品救援队伍建设", true, false},
		{"编制完成《朔州市突发事件总体应急预案》", true, false},
		{"市、县两级安委会每月至少召开一次会议", false, true},
		{"各县（市、区）要在6月底前完成县级综合性应急救援队伍组建", false, true},
		{"落实属地管理责任和行业监管责任", false, true},
		{"推进应急避难场所和地震易发区房屋设施加固工程建设", false, false},
		{"加强市场监管", false, false},
	}
	seg := testSegmenter(t)
	sc := newScoper(city)
	for _, tt := range tests {
		s := sc.of(tt.text, 0, len(tt.text), seg.Tokens(tt.text, true))
		if s.own != tt.own || s.lower != tt.lower {
			t.Errorf("%s: own %v lower %v, want %v %v", tt.text, s.own, s.lower, tt.own, tt.lower)
		}
	}
}

// FuzzCutParts cuts any text as one obligation into parts: it fails only
// when the parts run out of the text, off rune boundaries or out of order,
// or differ between two runs.
func FuzzCutParts(f *testing.F) {
	for _, s := range []string{
		"市、县（市、区）安委会每月至少召开一次会议，分析安全形势，解决重大问题。",
		"地震灾害：推进应急避难场所和地震易发区房屋设施加固工程建设。推进应县GNSS观测站建设。",
		"对存在违法生产经营建设行为和存在重大事故隐患的单位，依法责令停产停业整顿；（牵头单位：市应急局；配合单位：市公安局）",
		"“”（（：：，，对的的。", "非煤矿山", "",
	} {
		f.Add(s)
	}
	seg := testSegmenter(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		doc := &corpus.Document{ID: "d-f", Level: corpus.LevelCity, Text: text, Place: &corpus.Place{Code: "1411", Name: "吕梁市"}}
		p := corpus.Parsed{Doc: doc, Obligations: []corpus.Obligation{{Text: text, Span: corpus.Span{End: len(text)}, Heading: "煤矿"}}}
		parts, extra := cutParts(seg, p, true)
		end := 0
		for _, pt := range parts {
			if pt.start < end || pt.end > len(text) || pt.start > pt.end || !utf8.ValidString(text[pt.start:pt.end]) {
				t.Fatalf("part [%d, %d) of %q after %d", pt.start, pt.end, text, end)
			}
			end = pt.end
		}
		again, extra2 := cutParts(seg, p, true)
		if !reflect.DeepEqual(parts, again) || !reflect.DeepEqual(extra, extra2) {
			t.Fatalf("two cuts of %q differ", text)
		}
	})
}
