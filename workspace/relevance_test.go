package workspace

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/index"
)

// sampleObligations returns every obligation of the shared sample corpus
// by ID, with its document.
func sampleObligations(t *testing.T, w *Workspace) map[string]stored {
	t.Helper()
	docs, err := w.List()
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]stored{}
	for _, d := range docs {
		p, err := w.Document(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i := range p.Obligations {
			all[p.Obligations[i].ID] = stored{doc: p.Doc, o: &p.Obligations[i]}
		}
	}
	if len(all) == 0 {
		t.Fatal("the sample corpus gave no obligations")
	}
	return all
}

type stored struct {
	doc *corpus.Document
	o   *corpus.Obligation
}

// squash removes white space, as the layout of the sources puts it where
// the text has none.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// hasUnit reports whether one of names, as written in doc, names the body
// unit asks for: the same normal form, or the same but for a leading 市 in
// a 市's plan, where a bare 应急管理局 is the 市应急管理局 (issue 14).
func hasUnit(doc *corpus.Document, names []string, unit string) bool {
	want := corpus.NormalizeUnit(unit)
	ownCity := strings.HasPrefix(doc.Issuer, "市") || (doc.Place != nil && strings.HasSuffix(doc.Place.Name, "市"))
	for _, n := range names {
		got := corpus.NormalizeUnit(n)
		if got == want || (ownCity && !strings.HasPrefix(got, "市") && "市"+got == want) {
			return true
		}
	}
	return false
}

func hasPeriod(o *corpus.Obligation, p corpus.Period) bool {
	for _, f := range o.Frequencies {
		if f.Period == p {
			return true
		}
	}
	return false
}

func textHas(words ...string) func(stored) bool {
	return func(s stored) bool {
		for _, w := range words {
			if !strings.Contains(strings.ToLower(squash(s.o.Text)), strings.ToLower(w)) {
				return false
			}
		}
		return true
	}
}

func and(fs ...func(stored) bool) func(stored) bool {
	return func(s stored) bool {
		for _, f := range fs {
			if !f(s) {
				return false
			}
		}
		return true
	}
}

// TestRelevance asks the questions analysts ask of the sample corpus. For
// each, every hit must have the property the question names (each); where
// the question is answered by the extracted facts alone (filters), the hits
// must be exactly the obligations that have it (exact); and the clauses
// known to answer it must be among the hits (find, pieces of their text).
func TestRelevance(t *testing.T) {
	ix := sampleCorpus(t)
	all := sampleObligations(t, ix)

	level := func(l corpus.Level) func(stored) bool { return func(s stored) bool { return s.doc.Level == l } }
	period := func(p corpus.Period) func(stored) bool { return func(s stored) bool { return hasPeriod(s.o, p) } }
	lead := func(u string) func(stored) bool { return func(s stored) bool { return hasUnit(s.doc, s.o.Lead, u) } }
	unit := func(u string) func(stored) bool { return func(s stored) bool { return hasUnit(s.doc, s.o.Units(), u) } }
	sector := func(x string) func(stored) bool {
		return func(s stored) bool { return slices.Contains(s.o.Sectors, x) }
	}
	dueBy := func(date string) func(stored) bool {
		return func(s stored) bool {
			for _, d := range s.o.Deadlines {
				full := d.Date
				if strings.HasPrefix(full, "--") && s.doc.PlanYear > 0 {
					full = strings.TrimPrefix(full, "-")
					full = strings.TrimPrefix(full, "-")
					full = strconv.Itoa(s.doc.PlanYear) + "-" + full
				}
				if len(full) == 10 && full <= date {
					return true
				}
			}
			return false
		}
	}
	questions := []struct {
		name  string
		q     index.Query
		each  func(stored) bool
		exact bool
		find  []string
		// levels the hits must span, for questions across the levels
		levels []corpus.Level
		none   bool // no obligation answers it
	}{
		{name: "which plans require a monthly meeting", q: index.Query{Text: "每月 会议"},
			each: textHas("每月", "会议"),
			find: []string{"每月至少召开一次党政专题会议", "安委会每月至少召开一次会议"}},
		{name: "monthly duties of city plans", q: index.Query{Period: "month", Level: "city"},
			each: and(period(corpus.PeriodMonth), level(corpus.LevelCity)), exact: true,
			find: []string{"党政领导干部每月至少深入一线调研指导一次安全生产工作"}},
		{name: "what 市应急局 leads", q: index.Query{Lead: "市应急局"},
			each: lead("市应急局"), exact: true,
			find: []string{"推进事故调查报告库建设", "切实履行安全生产举报核查工作职责"}},
		{name: "市应急管理局 is 市应急局", q: index.Query{Lead: "市应急管理局"},
			each: lead("市应急局"), exact: true},
		{name: "self-built houses across the levels", q: index.Query{Text: "自建房"},
			each: textHas("自建房"), levels: []corpus.Level{corpus.LevelTown, corpus.LevelCounty, corpus.LevelCity},
			find: []string{"经营性自建房新改扩建必须依法办理审批手续", "加快推进经营性自建房分类整治"}},
		{name: "self-built houses in town plans", q: index.Query{Text: "自建房", Level: "town"},
			each: and(textHas("自建房"), level(corpus.LevelTown)),
			find: []string{"自建房转为经营用途的"}},
		{name: "long word finds the text", q: index.Query{Text: "安全生产"},
			each: textHas("安全生产")},
		{name: "its parts find it too", q: index.Query{Text: "安全 生产"},
			each: textHas("安全", "生产"), find: []string{"加大安全生产考核权重"}},
		{name: "quoted phrase", q: index.Query{Text: `"召开一次会议"`},
			each: textHas("召开一次会议"), find: []string{"每月至少召开一次会议研究本行业安全生产工作"}},
		{name: "yearly drills in town plans", q: index.Query{Text: "应急演练", Level: "town"},
			each: and(textHas("演练"), level(corpus.LevelTown)),
			find: []string{"年内至少开展一次全镇范围内综合性应急演练"}},
		{name: "quarterly duties", q: index.Query{Period: "quarter"},
			each: period(corpus.PeriodQuarter), exact: true,
			find: []string{"每季度召开一次安全培训会议"}},
		{name: "yearly duties of town plans", q: index.Query{Period: "year", Level: "town"},
			each: and(period(corpus.PeriodYear), level(corpus.LevelTown)), exact: true},
		{name: "due by the end of June 2024", q: index.Query{DueBefore: "2024-06-30"},
			each: dueBy("2024-06-30"), exact: true},
		{name: "plans for 2023", q: index.Query{Year: 2023},
			each: func(s stored) bool { return s.doc.PlanYear == 2023 }, exact: true},
		{name: "issued by 朔州市人民政府", q: index.Query{Issuer: "朔州市人民政府"},
			each: func(s stored) bool { return s.doc.Issuer == "朔州市人民政府" }, exact: true},
		{name: "anything 市安委办 has a hand in", q: index.Query{Unit: "市安委办"},
			each: unit("市安委办"), exact: true},
		{name: "what 市安委办 leads in 2024", q: index.Query{Lead: "市安委办", Year: 2024},
			each: and(lead("市安委办"), func(s stored) bool { return s.doc.PlanYear == 2024 }), exact: true,
			find: []string{"强化基层安全生产监管力量建设"}},
		{name: "fire safety duties", q: index.Query{Sector: "消防"},
			each: sector("消防"), exact: true},
		{name: "gas in city plans", q: index.Query{Text: "燃气", Level: "city"},
			each: and(textHas("燃气"), level(corpus.LevelCity))},
		{name: "hidden dangers to check in town plans", q: index.Query{Text: "隐患 排查", Level: "town"},
			each: and(textHas("隐患", "排查"), level(corpus.LevelTown))},
		{name: "dual prevention", q: index.Query{Text: "双重预防机制"},
			each: textHas("双重预防机制"), find: []string{"推进双重预防机制数字化系统实战化运用"}},
		{name: "what is forbidden", q: index.Query{Modality: "must_not"},
			each: func(s stored) bool { return s.o.Modality == corpus.MustNot }, exact: true},
		{name: "county safety committee meetings", q: index.Query{Text: "安委会 会议", Level: "county"},
			each: and(textHas("安委会", "会议"), level(corpus.LevelCounty))},
		{name: "words that are not there", q: index.Query{Text: "量子计算"},
			each: func(stored) bool { return false }, none: true},
	}
	for _, qq := range questions {
		t.Run(qq.name, func(t *testing.T) {
			q := qq.q
			q.Limit = len(all) + 1
			q.Facets = true
			res, err := ix.Search(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			levels := map[corpus.Level]bool{}
			for _, h := range res.Hits {
				s, ok := all[h.ID]
				if !ok {
					t.Fatalf("hit %s is not a stored obligation", h.ID)
				}
				got[h.ID] = true
				levels[s.doc.Level] = true
				if !qq.each(s) {
					t.Errorf("hit %s does not answer the question: %s", h.ID, s.o.Text)
				}
				if q.Text != "" && len(h.Matches) == 0 {
					t.Errorf("hit %s has nothing highlighted", h.ID)
				}
			}
			if res.Total == 0 && !qq.none {
				t.Error("no hits")
			}
			if int(res.Total) != len(res.Hits) {
				t.Errorf("total %d, but %d hits returned with limit %d", res.Total, len(res.Hits), q.Limit)
			}
			if qq.exact {
				for id, s := range all {
					if qq.each(s) && !got[id] {
						t.Errorf("missing %s: %s", id, s.o.Text)
					}
				}
			}
			for _, a := range qq.find {
				found := false
				for id := range got {
					if strings.Contains(squash(all[id].o.Text), squash(a)) {
						found = true
					}
				}
				if !found {
					t.Errorf("the clause %q is not among the %d hits", a, len(got))
				}
			}
			for _, l := range qq.levels {
				if !levels[l] {
					t.Errorf("no hit from a %s plan", l)
				}
			}
			// Facet counts add up to the hits that have the field.
			for _, f := range res.Facets {
				if f.Field != index.FieldLevel {
					continue
				}
				n := f.Missing
				for _, term := range f.Terms {
					n += term.Count
				}
				if n != int(res.Total) {
					t.Errorf("level facet counts %d hits of %d", n, res.Total)
				}
			}
		})
	}
}
