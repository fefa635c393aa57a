package extract

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
)

// The fuzz targets fail only on a panic or a broken invariant: spans in
// range and on rune boundaries, raw words read back from their spans,
// values in their domains, the same output twice.

// fuzzSeeds are real phrasings of every construct, for all targets.
var fuzzSeeds = []string{
	cityPlan,
	"一、总体要求\n1.各村要每月至少召开一次会议（责任单位：镇应急站）。\n",
	"（一）动员部署（2023年5月下旬前）。镇政府制定方案。(牵头单位：",
	"年内至少开展1次;至少举办1次。。（（）))〔市应急局牵头〕",
	"\xff\xfe一、\n1.",
	"决定从即日起至农历年末，请各乡镇于11月20日前报县安委办。",
	"二〇二五年二月二十八日前，各乡镇将工作总结报县安委办。4月中旬至10月上旬开展巡查。",
	"各有关部门每月在10日、25日前报送，实行月检查月通报，双月调度一次，每年3月和9月各组织一次，每季度开展3次以上。",
	"会议时间：2018年11月13日（周二）上午9︰00。于5.12防灾减灾活动周期间组织演练。",
	"由县人民政府或县人民政府授权县安委办(县安监局)指定治理主体，县应急局协助县公安局开展检查",
	"责任单位：县应急局（牵头）、县公安局 (二)狠抓问题隐患整治",
	"市安委办抓统抓总抓协调、相关部门按分工负责",
	"成立以副市长为组长的督查组，负责组织领导。领导小组下设办公室，办公室设在县应急局，具体负责日常工作。",
	"应急管理局负责；可燃物；许可证；应当；务必；不得；严禁；“三个必须”",
	strings.Repeat("各乡镇要每月至少开展一次检查于6月底前报送", 40),
	"由市安监局牵头、市国土资源局配合，开展整治。汛期（5—10月）各镇、各有关部门要严格执行值班制度。二是各市州要加强巡查。",
	"县住建局是全县燃气行业主管部门，负责监管。各镇要储备物资，每个镇储备编织袋不少于5000条，报县防汛办备案。行政村设立劝导站。",
	"上半年以企业自查为主。第三季度由省厅组织抽查。6月10日前报送上半年检查情况。清明节前后（4月1日至4月10日）是祭祀用火高峰期。",
	"（二）预演阶段（5月25日）\n5月25日，组织各参演单位进行一次全要素预演。市安委办每月编发两期工作简报。",
}

// checkSpan fails when s is not a valid span of text on rune boundaries.
func checkSpan(t *testing.T, what string, s corpus.Span, text string) {
	t.Helper()
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		t.Fatalf("%s span %v out of range [0,%d]", what, s, len(text))
	}
	for _, i := range []int{s.Start, s.End} {
		if i < len(text) && !utf8.RuneStart(text[i]) && utf8.ValidString(text) {
			t.Fatalf("%s span %v not on a rune boundary", what, s)
		}
	}
}

var isoDate = regexp.MustCompile(`^(?:[0-9]{4}|-)-[0-9]{2}-[0-9]{2}$`)

func FuzzExtract(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	e := newTestExtractor(f)
	f.Fuzz(func(t *testing.T, text string) {
		doc := buildDoc("d-fuzz", 2024, text)
		doc.Passages = []corpus.Span{{Start: 0, End: len(text) / 2}}
		obs := e.Extract(doc)
		// Rune boundaries as ranging over the text sees them (a stray byte
		// of invalid UTF-8 is a rune of its own).
		boundary := map[int]bool{len(text): true}
		for i := range text {
			boundary[i] = true
		}
		for _, o := range obs {
			s := o.Span
			if s.Start < 0 || s.End > len(text) || s.Start > s.End {
				t.Fatalf("span %v out of range [0,%d]", s, len(text))
			}
			if !boundary[s.Start] || !boundary[s.End] {
				t.Fatalf("span %v not on rune boundaries", s)
			}
			if text[s.Start:s.End] != o.Text {
				t.Fatalf("span %v reads %q, text %q", s, text[s.Start:s.End], o.Text)
			}
			for _, x := range o.Frequencies {
				checkSpan(t, "frequency", x.Span, text)
				if text[x.Span.Start:x.Span.End] != x.Raw || x.Count <= 0 {
					t.Fatalf("frequency %+v reads %q", x, text[x.Span.Start:x.Span.End])
				}
			}
			for _, x := range o.Deadlines {
				checkSpan(t, "deadline", x.Span, text)
				if !isoDate.MatchString(x.Date) {
					t.Fatalf("deadline date %q", x.Date)
				}
			}
			if c := o.Modal; c != nil {
				checkSpan(t, "modal", c.Span, text)
				if text[c.Span.Start:c.Span.End] != c.Word || c.Rank < 1 || c.Rank > 4 {
					t.Fatalf("modal cue %+v", c)
				}
			}
			if a := o.Attribution; a != nil {
				checkSpan(t, "attribution", *a, text)
			}
			for _, n := range o.Units() {
				if n == "" {
					t.Fatal("empty unit name")
				}
			}
		}
		if again := e.Extract(doc); !reflect.DeepEqual(obs, again) {
			t.Fatal("Extract is not deterministic")
		}
	})
}

func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		span := corpus.Span{Start: 0, End: len(text)}
		prev := 0
		for _, s := range sentences(text, span, matchBrackets(text, span), nil) {
			checkSpan(t, "sentence", s, text)
			if s.Start < prev {
				t.Fatalf("sentence %v before the end of the last, %d", s, prev)
			}
			if s.Len() > maxSentence+maxBracket+16 {
				t.Fatalf("sentence of %d bytes", s.Len())
			}
			prev = s.End
		}
	})
}

func FuzzDeadlines(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 2024)
	}
	f.Fuzz(func(t *testing.T, s string, year int) {
		for _, d := range findDeadlines(s, planYear(year%3000)) {
			checkSpan(t, "deadline", d.Span, s)
			if s[d.Span.Start:d.Span.End] != d.Raw {
				t.Fatalf("deadline %+v reads %q", d, s[d.Span.Start:d.Span.End])
			}
			if !isoDate.MatchString(d.Date) || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31 {
				t.Fatalf("deadline %+v", d)
			}
			if d.Kind != corpus.By && d.Kind != corpus.On && d.Kind != corpus.Range {
				t.Fatalf("deadline kind %q", d.Kind)
			}
		}
	})
}

func FuzzFrequencies(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, x := range findFrequencies(s) {
			checkSpan(t, "frequency", x.Span, s)
			if s[x.Span.Start:x.Span.End] != x.Raw || x.Count <= 0 || x.Period.PerYear() == 0 {
				t.Fatalf("frequency %+v", x)
			}
			if x.Qualifier != corpus.AtLeast && x.Qualifier != corpus.Exactly && x.Qualifier != corpus.AtMost {
				t.Fatalf("qualifier %q", x.Qualifier)
			}
		}
	})
}

func FuzzAttribution(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, ok := parseAttribution(s)
		if ok == u.empty() {
			t.Fatalf("parseAttribution(%q): ok %v with units %+v", s, ok, u)
		}
		for _, n := range u.all() {
			if n == "" || !utf8.ValidString(n) && utf8.ValidString(s) {
				t.Fatalf("name %q", n)
			}
		}
	})
}

func FuzzSubject(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	e := newTestExtractor(f)
	f.Fuzz(func(t *testing.T, s string) {
		u, actors := e.subject(s)
		for _, n := range append(u.all(), actors...) {
			if n == "" {
				t.Fatalf("subject(%q): empty name", s)
			}
		}
		_ = e.established(s)
		_ = e.weakSubject(s)
	})
}

func FuzzModal(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	e := newTestExtractor(f)
	f.Fuzz(func(t *testing.T, s string) {
		cue, m := e.modal(s)
		if m.Strength() == 0 {
			t.Fatalf("modality %q", m)
		}
		if cue != nil {
			checkSpan(t, "cue", cue.Span, s)
			if s[cue.Span.Start:cue.Span.End] != cue.Word {
				t.Fatalf("cue %+v reads %q", cue, s[cue.Span.Start:cue.Span.End])
			}
		}
	})
}

func FuzzTable(f *testing.F) {
	f.Add("序号|工作任务|牵头单位|责任单位|完成时限\n1|开展排查|县住建局|县市场监管局、各乡镇|2025年6月底前\n一、隐患排查|<|<|<|<", 1)
	f.Add("姓名|电话\n县应急局要每日报送|12345", 1)
	f.Add("|\n||", 0)
	e := newTestExtractor(f)
	f.Fuzz(func(t *testing.T, grid string, header int) {
		var rows [][]string
		for _, l := range strings.Split(grid, "\n") {
			rows = append(rows, strings.Split(l, "|"))
		}
		doc := tableDoc("表", header%4, rows...)
		for _, o := range e.Extract(doc) {
			checkSpan(t, "obligation", o.Span, doc.Text)
			for _, d := range o.Deadlines {
				checkSpan(t, "deadline", d.Span, doc.Text)
			}
		}
	})
}

func FuzzTargetsAndSectors(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, x := range findTargets(s) {
			checkSpan(t, "target", x.Span, s)
			if s[x.Span.Start:x.Span.End] != x.Raw {
				t.Fatalf("target %+v", x)
			}
		}
		if sectorsOf(s) == nil {
			t.Fatal("sectorsOf gave nil")
		}
	})
}
