package compare

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

// clone copies a Parsed deeply enough for its obligations to be mutated.
func clone(p corpus.Parsed, id string) corpus.Parsed {
	d := *p.Doc
	d.ID = id
	obls := make([]corpus.Obligation, len(p.Obligations))
	for i, o := range p.Obligations {
		o.Doc = id
		o.Path = append([]string(nil), o.Path...)
		o.Frequencies = append([]corpus.Frequency(nil), o.Frequencies...)
		o.Deadlines = append([]corpus.Deadline(nil), o.Deadlines...)
		obls[i] = o
	}
	return corpus.Parsed{Doc: &d, Obligations: obls}
}

// synonyms rewrite a sentence without changing its duty.
var synonyms = strings.NewReplacer(
	"开展", "组织实施", "严格", "从严", "查处", "查办", "整治", "治理", "推进", "推动",
	"建设", "建立", "健全", "完善", "排查", "摸排", "防范", "预防",
)

// mutation is a known change made to a copy of a document's obligations.
type mutation struct {
	kind Kind
	text string // the old text of the duty it changed
}

// mutate builds the new version of base: three duties deleted, two made
// monthly where they were quarterly (so the old version says 每季度),
// one deadline moved later, two sentences reworded, and the first two
// top-level sections swapped and renumbered. It returns the old version,
// the new one and the changes a diff must find.
func mutate(t *testing.T, base corpus.Parsed) (old, new corpus.Parsed, want []mutation, swapped [2]string) {
	t.Helper()
	old = clone(base, "d-old")
	new = clone(base, "d-new")
	n := len(base.Obligations)
	used := map[int]bool{}
	pick := func(from int, ok func(o *corpus.Obligation) bool) int {
		for k := 0; k < n; k++ {
			i := (from + k) % n
			if !used[i] && len([]rune(new.Obligations[i].Text)) >= 20 && ok(&new.Obligations[i]) {
				used[i] = true
				return i
			}
		}
		t.Fatalf("no obligation to mutate from %d", from)
		return -1
	}
	anyObl := func(*corpus.Obligation) bool { return true }

	// Two frequencies: the old version said 每季度 where the new says 每月;
	// where the seed has too few monthly duties, a sentence gets a 每月 clause.
	for k := 0; k < 2; k++ {
		i := -1
		for j, o := range new.Obligations {
			if !used[j] && strings.Count(o.Text, "每月") == 1 && j >= k*n/3 {
				i = j
				used[i] = true
				break
			}
		}
		if i < 0 {
			i = pick(k*n/3, anyObl)
			new.Obligations[i].Text = strings.TrimSuffix(new.Obligations[i].Text, "。") + "，每月调度一次。"
			old.Obligations[i].Text = new.Obligations[i].Text
		}
		month := corpus.Frequency{Raw: "每月", Period: corpus.PeriodMonth, Count: 1, Qualifier: corpus.AtLeast}
		quarter := corpus.Frequency{Raw: "每季度", Period: corpus.PeriodQuarter, Count: 1, Qualifier: corpus.AtLeast}
		new.Obligations[i].Frequencies = []corpus.Frequency{month}
		old.Obligations[i].Frequencies = []corpus.Frequency{quarter}
		old.Obligations[i].Text = strings.Replace(old.Obligations[i].Text, "每月", "每季度", 1)
		want = append(want, mutation{FrequencyTightened, old.Obligations[i].Text})
	}
	// One deadline: 4月底前 becomes 6月底前.
	{
		i := pick(n/2, anyObl)
		for _, v := range []struct {
			p     *corpus.Parsed
			raw   string
			month int
		}{{&old, "4月底前", 4}, {&new, "6月底前", 6}} {
			o := &v.p.Obligations[i]
			o.Text = strings.TrimSuffix(o.Text, "。") + "，" + v.raw + "完成。"
			o.Deadlines = []corpus.Deadline{{Raw: v.raw, Date: fmt.Sprintf("2023-%02d-30", v.month), Kind: corpus.By}}
		}
		want = append(want, mutation{DeadlineLater, old.Obligations[i].Text})
	}
	// Two rewordings.
	for k := 0; k < 2; k++ {
		i := pick(n/4+k*n/2, func(o *corpus.Obligation) bool {
			s := synonyms.Replace(o.Text)
			return len(DiffText(o.Text, s)) >= 5 && len(s) < 2*len(o.Text)
		})
		new.Obligations[i].Text = synonyms.Replace(new.Obligations[i].Text)
		want = append(want, mutation{Reworded, old.Obligations[i].Text})
	}
	// Three deletions, spread over the document.
	var del []int
	for k := 0; k < 3; k++ {
		i := pick(n/6+k*n/4, func(o *corpus.Obligation) bool { return len([]rune(o.Text)) >= 30 })
		del = append(del, i)
		want = append(want, mutation{Removed, old.Obligations[i].Text})
	}
	sort.Sort(sort.Reverse(sort.IntSlice(del)))
	for _, i := range del {
		new.Obligations = append(new.Obligations[:i], new.Obligations[i+1:]...)
	}
	// Swap the first two top-level sections and renumber them; duties
	// outside the outline (a preamble: no path) stay where they are.
	a, b := "", ""
	var pre, first, second, rest []corpus.Obligation
	for _, o := range new.Obligations {
		switch {
		case len(o.Path) == 0 && a == "":
			pre = append(pre, o)
		case len(o.Path) == 0:
			rest = append(rest, o)
		case a == "" || o.Path[0] == a:
			a = o.Path[0]
			first = append(first, o)
		case b == "" || o.Path[0] == b:
			b = o.Path[0]
			second = append(second, o)
		default:
			rest = append(rest, o)
		}
	}
	for i := range first {
		first[i].Path[0] = b
	}
	for i := range second {
		second[i].Path[0] = a
	}
	new.Obligations = append(append(append(pre, second...), first...), rest...)
	return old, new, want, [2]string{a, b}
}

func TestDiffConstructedVariant(t *testing.T) {
	seg := testSegmenter(t)
	for _, name := range []string{"004_a5e2ad6881a36660.txt", "000_b8c2bae4e8864faf.txt"} {
		t.Run(name, func(t *testing.T) {
			base := seedParsed(t, name)
			old, new, want, swapped := mutate(t, base)
			r := Diff(seg, old, new)

			var got []mutation
			for _, e := range r.Entries {
				for _, c := range e.Changes {
					o := e.Old
					if o == nil {
						o = e.New
					}
					got = append(got, mutation{c.Kind, o.Text})
				}
			}
			key := func(m []mutation) []string {
				var s []string
				for _, x := range m {
					s = append(s, string(x.kind)+" "+x.text)
				}
				sort.Strings(s)
				return s
			}
			if g, w := strings.Join(key(got), "\n"), strings.Join(key(want), "\n"); g != w {
				t.Errorf("changes:\n got %s\nwant %s", g, w)
			}
			if len(r.Sections) != 1 || !(r.Sections[0].Old == swapped[0] || r.Sections[0].Old == swapped[1]) {
				t.Errorf("sections = %+v, want one of %v moved", r.Sections, swapped)
			}
			if r.Unchanged != len(new.Obligations)-5 {
				t.Errorf("unchanged = %d, want %d", r.Unchanged, len(new.Obligations)-5)
			}
		})
	}
}

func TestDiffMoveBetweenSections(t *testing.T) {
	seg := testSegmenter(t)
	base := seedParsed(t, "004_a5e2ad6881a36660.txt")
	old := clone(base, "d-old")
	new := clone(base, "d-new")
	// Take a duty out of its section and append it to the last section.
	i := len(new.Obligations) / 3
	o := new.Obligations[i]
	last := new.Obligations[len(new.Obligations)-1]
	o.Path = append([]string(nil), last.Path...)
	o.Heading = last.Heading
	new.Obligations = append(append(new.Obligations[:i:i], new.Obligations[i+1:]...), o)

	r := Diff(seg, old, new)
	if len(r.Entries) != 1 || !r.Entries[0].Has(Moved) || len(r.Entries[0].Changes) != 1 {
		t.Fatalf("entries = %s, want one moved duty", dump(r))
	}
	if r.Entries[0].Old.Text != base.Obligations[i].Text {
		t.Errorf("moved %q, want %q", r.Entries[0].Old.Text, base.Obligations[i].Text)
	}
	if len(r.Sections) != 0 {
		t.Errorf("sections = %+v, want none", r.Sections)
	}
}

func TestDiffFacts(t *testing.T) {
	seg := testSegmenter(t)
	const text = "市、县（市、区）安委会每月至少召开一次会议，分析安全形势，解决重大问题。"
	ob := func(f func(o *corpus.Obligation)) corpus.Obligation {
		o := corpus.Obligation{Path: []string{"一", "（二）"}, Heading: "严格党政领导责任", Text: text,
			Frequencies: []corpus.Frequency{{Raw: "每月至少召开一次", Period: corpus.PeriodMonth, Count: 1, Qualifier: corpus.AtLeast}},
			Modality:    corpus.Must, Lead: []string{"市安委办"}}
		if f != nil {
			f(&o)
		}
		return o
	}
	tests := []struct {
		name string
		new  corpus.Obligation
		want []Kind
	}{
		{"same", ob(nil), nil},
		{"spacing only", ob(func(o *corpus.Obligation) { o.Text = strings.ReplaceAll(text, "，", " ，") }), nil},
		{"quarterly", ob(func(o *corpus.Obligation) {
			o.Text = strings.Replace(text, "每月", "每季度", 1)
			o.Frequencies = []corpus.Frequency{{Raw: "每季度至少召开一次", Period: corpus.PeriodQuarter, Count: 1}}
		}), []Kind{FrequencyLoosened}},
		{"weekly", ob(func(o *corpus.Obligation) {
			o.Text = strings.Replace(text, "每月", "每周", 1)
			o.Frequencies = []corpus.Frequency{{Raw: "每周至少召开一次", Period: corpus.PeriodWeek, Count: 1}}
		}), []Kind{FrequencyTightened}},
		{"deadline added", ob(func(o *corpus.Obligation) {
			o.Text = strings.Replace(text, "解决", "4月底前解决", 1)
			o.Deadlines = []corpus.Deadline{{Raw: "4月底前", Date: "2024-04-30", Kind: corpus.By}}
		}), []Kind{DeadlineAdded}},
		{"units", ob(func(o *corpus.Obligation) {
			o.Lead = []string{"市安委会办公室"} // the same body, written out
			o.Support = []string{"市应急局"}
		}), []Kind{UnitsChanged}},
		{"modality", ob(func(o *corpus.Obligation) {
			o.Text = strings.Replace(text, "安委会", "安委会必须", 1)
			o.Modality = corpus.MustNot
		}), []Kind{ModalityChanged}},
		{"should", ob(func(o *corpus.Obligation) { o.Modality = corpus.Should }), []Kind{ModalityLooser}},
		{"reworded", ob(func(o *corpus.Obligation) {
			o.Text = strings.Replace(text, "解决重大问题", "研究解决突出问题", 1)
		}), []Kind{Reworded}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &corpus.Document{ID: "d-x", PlanYear: 2024}
			r := Diff(seg, corpus.Parsed{Doc: doc, Obligations: []corpus.Obligation{ob(nil)}},
				corpus.Parsed{Doc: doc, Obligations: []corpus.Obligation{tt.new}})
			var got []Kind
			for _, e := range r.Entries {
				for _, c := range e.Changes {
					got = append(got, c.Kind)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("changes = %v, want %v", got, tt.want)
			}
		})
	}
}

// dump renders a report's entries for a failure message.
func dump(r *DiffReport) string {
	var b strings.Builder
	for _, e := range r.Entries {
		var ks []string
		for _, c := range e.Changes {
			ks = append(ks, c.String())
		}
		o := e.Old
		if o == nil {
			o = e.New
		}
		fmt.Fprintf(&b, "\n  %s: %s", strings.Join(ks, "; "), o.Text)
	}
	return b.String()
}

// TestDiffModality checks that a change of modal cue is a modality change
// with its direction (要 → 必须, 应 → 必须 and 可 → 应 are stricter), and
// only that: the cue, cut out by its span, is no rewording.
func TestDiffModality(t *testing.T) {
	seg := testSegmenter(t)
	ob := func(word string, rank int, m corpus.Modality) corpus.Obligation {
		text := "企业" + word + "建立完善安全风险防控体系。"
		o := corpus.Obligation{Path: []string{"二", "（七）"}, Text: text, Span: corpus.Span{Start: 0, End: len(text)}, Modality: m}
		if word != "" {
			o.Modal = &corpus.Cue{Word: word, Span: corpus.Span{Start: len("企业"), End: len("企业" + word)}, Rank: rank}
		}
		return o
	}
	tests := []struct {
		name     string
		old, new corpus.Obligation
		want     string
	}{
		{"要 → 必须", ob("要", 3, corpus.Must), ob("必须", 4, corpus.Must), "[modality_stricter 要→必须]"},
		{"应 → 必须", ob("应", 2, corpus.Should), ob("必须", 4, corpus.Must), "[modality_stricter 应→必须]"},
		{"可 → 应", ob("可", 1, corpus.May), ob("应", 2, corpus.Should), "[modality_stricter 可→应]"},
		{"必须 → 要", ob("必须", 4, corpus.Must), ob("要", 3, corpus.Must), "[modality_looser 必须→要]"},
		{"bare imperative → 必须", ob("", 0, corpus.Must), ob("必须", 4, corpus.Must), "[modality_stricter →必须]"},
		{"必须 → 务必", ob("必须", 4, corpus.Must), ob("务必", 4, corpus.Must), "[]"},
		{"必须 → 不得", ob("必须", 4, corpus.Must), ob("不得", 4, corpus.MustNot), "[modality_changed 必须→不得]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &corpus.Document{ID: "d-x", PlanYear: 2024}
			r := Diff(seg, corpus.Parsed{Doc: doc, Obligations: []corpus.Obligation{tt.old}}, corpus.Parsed{Doc: doc, Obligations: []corpus.Obligation{tt.new}})
			var got []string
			for _, e := range r.Entries {
				for _, c := range e.Changes {
					got = append(got, string(c.Kind)+" "+c.From+"→"+c.To)
				}
			}
			if fmt.Sprint(got) != tt.want {
				t.Errorf("changes %v, want %s", got, tt.want)
			}
		})
	}
}
