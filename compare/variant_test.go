package compare

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/extract"
	"github.com/dutymap/dutymap/ingest"
	"github.com/dutymap/dutymap/samples"
)

// parseText runs ingest and extract on a text.
func parseText(t *testing.T, name, text string) corpus.Parsed {
	t.Helper()
	docs, err := ingest.Parse(name, []byte(text))
	if err != nil || len(docs) != 1 {
		t.Fatalf("ingest %s: %d documents, %v", name, len(docs), err)
	}
	return corpus.Parsed{Doc: docs[0], Obligations: extract.New(testSegmenter(t)).Extract(docs[0])}
}

// TestDiffTextVariant edits the text of city seed 004 the way a revision
// does and checks that the diff of the two parsed versions reports exactly
// those edits.
func TestDiffTextVariant(t *testing.T) {
	data, err := fs.ReadFile(samples.FS(), "004_a5e2ad6881a36660.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	edit := func(from, to string) {
		t.Helper()
		if strings.Count(text, from) != 1 {
			t.Fatalf("%q occurs %d times", from, strings.Count(text, from))
		}
		text = strings.Replace(text, from, to, 1)
	}
	type change struct {
		kind   Kind
		anchor string // in the old text of the duty
	}
	var want []change
	// Three duties deleted.
	for _, s := range []string{"推进安委办实体化运行。", "深化液化石油气安全整治。", "做好冻融期、汛期等重点时段防范。"} {
		edit(s, "")
		want = append(want, change{Removed, s})
	}
	// Two frequencies loosened.
	edit("安委会每月至少召开一次会议", "安委会每季度至少召开一次会议")
	edit("每月至少召开一次会议研究本行业", "每季度至少召开一次会议研究本行业")
	want = append(want, change{FrequencyLoosened, "安委会每月至少召开一次会议"}, change{FrequencyLoosened, "每月至少召开一次会议研究本行业"})
	// One deadline brought forward.
	edit("年内分类分批完成高层公共建筑", "9月底前分类分批完成高层公共建筑")
	want = append(want, change{DeadlineEarlier, "分类分批完成高层公共建筑"})
	// Two sentences reworded with synonyms.
	for _, s := range []string{"做好震情监视跟踪研判，开展地震烈度速报和预警信息服务试运行。", "推进消防物联网远程监控系统和安全监测预警中心建设"} {
		edit(s, strings.NewReplacer("做好", "加强", "开展", "推动", "推进", "推动", "建设", "建立").Replace(s))
		want = append(want, change{Reworded, s})
	}
	// Sections 五 (items 二十一–二十四) and 六 (二十五–二十七) swapped and
	// renumbered, as an editor would.
	i5 := strings.Index(text, "五、夯实基层基础建设")
	i6 := strings.Index(text, "六、完善应急准备")
	i7 := strings.Index(text, "七、强化考核督查")
	if i5 < 0 || i6 < i5 || i7 < i6 {
		t.Fatal("sections not found")
	}
	five, six := text[i5:i6], text[i6:i7]
	renumber := func(s string, from, to []string) string {
		for i := range from {
			s = strings.Replace(s, "（"+from[i]+"）", "（#"+to[i]+"）", 1)
		}
		return strings.ReplaceAll(s, "（#", "（")
	}
	six = renumber(six, []string{"二十五", "二十六", "二十七"}, []string{"二十一", "二十二", "二十三"})
	five = renumber(five, []string{"二十一", "二十二", "二十三", "二十四"}, []string{"二十四", "二十五", "二十六", "二十七"})
	text = text[:i5] + "五" + strings.TrimPrefix(six, "六") + "六" + strings.TrimPrefix(five, "五") + text[i7:]

	old := seedParsed(t, "004_a5e2ad6881a36660.txt")
	new := parseText(t, "004-revised.txt", text)
	r := Diff(testSegmenter(t), old, new)

	var got []string
	for _, e := range r.Entries {
		for _, c := range e.Changes {
			o := e.Old
			if o == nil {
				o = e.New
			}
			got = append(got, string(c.Kind)+" "+o.Text)
		}
	}
	sort.Strings(got)
	matched := make([]bool, len(got))
	for _, w := range want {
		found := false
		for i, g := range got {
			if !matched[i] && strings.HasPrefix(g, string(w.kind)+" ") && strings.Contains(normalize(g), normalize(w.anchor)) {
				matched[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("missing %s %q", w.kind, w.anchor)
		}
	}
	for i, g := range got {
		if !matched[i] {
			t.Errorf("unexpected %s", g)
		}
	}
	if len(r.Sections) != 1 {
		t.Errorf("sections = %+v, want one section moved", r.Sections)
	}
}

// TestDiffTextMove moves a sentence of city seed 004 into another section
// and checks that the diff reports that move and nothing else.
func TestDiffTextMove(t *testing.T) {
	data, err := fs.ReadFile(samples.FS(), "004_a5e2ad6881a36660.txt")
	if err != nil {
		t.Fatal(err)
	}
	const moving = "深化“一盔一带”安全守护行动。"
	const after = "严肃追责问责。"
	text := string(data)
	if strings.Count(text, moving) != 1 || strings.Count(text, after) != 1 {
		t.Fatal("anchors not found once")
	}
	text = strings.Replace(text, moving, "", 1)
	text = strings.Replace(text, after, after+moving, 1)

	old := seedParsed(t, "004_a5e2ad6881a36660.txt")
	new := parseText(t, "004-moved.txt", text)
	r := Diff(testSegmenter(t), old, new)
	if len(r.Entries) != 1 || len(r.Entries[0].Changes) != 1 || !r.Entries[0].Has(Moved) {
		t.Fatalf("entries: %s\nwant one moved duty", dump(r))
	}
	if e := r.Entries[0]; !strings.Contains(e.New.Text, "一盔一带") || e.Old.Path[0] == e.New.Path[0] {
		t.Errorf("moved %q from %v to %v", e.New.Text, e.Old.Path, e.New.Path)
	}
	if len(r.Sections) != 0 {
		t.Errorf("sections = %+v, want none", r.Sections)
	}
}

// seedText returns the text of a seed of the sample corpus.
func seedText(t *testing.T, name string) string {
	t.Helper()
	data, err := fs.ReadFile(samples.FS(), name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// replaceOnce replaces the one occurrence of from in s.
func replaceOnce(t *testing.T, s, from, to string) string {
	t.Helper()
	if n := strings.Count(s, from); n != 1 {
		t.Fatalf("%q occurs %d times", from, n)
	}
	return strings.Replace(s, from, to, 1)
}

// TestDiffTextEdits edits city seed 004 the way revisions do and checks
// that the diff reports each edit as what it is, and nothing else.
func TestDiffTextEdits(t *testing.T) {
	const seed = "004_a5e2ad6881a36660.txt"
	base := seedText(t, seed)
	// Items （二）, （三） and （四） of section 一, each up to the next.
	item := func(from, to string) string {
		i, j := strings.Index(base, from), strings.Index(base, to)
		if i < 0 || j < i {
			t.Fatalf("no item from %q to %q", from, to)
		}
		return base[i:j]
	}
	item2, item3, item4 := item("（二）严格党政领导责任", "（三）压实部门监管责任"), item("（三）压实部门监管责任", "（四）突出企业主体责任"), item("（四）突出企业主体责任", "（五）完善全员安全责任")
	type want struct {
		kind   Kind
		anchor string // in the old text of the duty
		from   string // the change's From, "" for any
		to     string
	}
	tests := []struct {
		name     string
		edit     func(string) string
		entries  []want
		sections []string // moved sections, as Old → New
	}{
		{
			name: "a duty moved within its item",
			edit: func(s string) string {
				s = replaceOnce(t, s, "推进安委办实体化运行。", "")
				return replaceOnce(t, s, "（二）严格党政领导责任。", "（二）严格党政领导责任。推进安委办实体化运行。")
			},
			// The duty that left its place among the item's duties is moved;
			// the others keep their order.
			entries: []want{{Moved, "推进安委办实体化运行", "一 （二） [3]", "一 （二） [1]"}},
		},
		{
			name: "two items swapped and renumbered",
			edit: func(s string) string {
				a := strings.Replace(item3, "（三）", "（四）", 1)
				b := strings.Replace(item4, "（四）", "（三）", 1)
				s = replaceOnce(t, s, item3, "\x00")
				s = replaceOnce(t, s, item4, a)
				return strings.Replace(s, "\x00", b, 1)
			},
			// One of the two moved, whichever; their duties did not.
			sections: []string{"一 （三） → 一 （四）|一 （四） → 一 （三）"},
		},
		{
			name: "an item deleted and the next ones renumbered",
			edit: func(s string) string {
				s = replaceOnce(t, s, item2, "")
				for _, n := range [][2]string{{"（三）压实", "（二）压实"}, {"（四）突出", "（三）突出"}, {"（五）完善全员", "（四）完善全员"}} {
					s = replaceOnce(t, s, n[0], n[1])
				}
				return s
			},
			entries: []want{
				{Removed, "坚持党政同责、一岗双责", "", ""}, {Removed, "安委会每月至少召开一次会议", "", ""},
				{Removed, "推进安委办实体化运行", "", ""}, {Removed, "党政领导干部每月至少深入一线", "", ""},
			},
		},
		{
			name: "要 to 必须",
			edit: func(s string) string {
				return replaceOnce(t, s, "企业要建立完善安全风险防控体系", "企业必须建立完善安全风险防控体系")
			},
			entries: []want{{ModalityStricter, "企业要建立完善安全风险防控体系", "要", "必须"}},
		},
	}
	old := seedParsed(t, seed)
	seg := testSegmenter(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			new := parseText(t, "004-edited.txt", tt.edit(base))
			r := Diff(seg, old, new)
			var got []string
			for _, e := range r.Entries {
				for _, c := range e.Changes {
					o := e.Old
					if o == nil {
						o = e.New
					}
					got = append(got, fmt.Sprintf("%s %s→%s %s", c.Kind, c.From, c.To, o.Text))
				}
			}
			used := make([]bool, len(got))
			for _, w := range tt.entries {
				found := false
				for i, g := range got {
					if !used[i] && strings.HasPrefix(g, string(w.kind)+" ") && strings.Contains(g, w.anchor) &&
						(w.from == "" || strings.HasPrefix(g, fmt.Sprintf("%s %s→%s ", w.kind, w.from, w.to))) {
						used[i], found = true, true
						break
					}
				}
				if !found {
					t.Errorf("missing %s %q (%s → %s)", w.kind, w.anchor, w.from, w.to)
				}
			}
			for i, g := range got {
				if !used[i] {
					t.Errorf("unexpected %s", g)
				}
			}
			var secs []string
			for _, s := range r.Sections {
				secs = append(secs, s.Old+" → "+s.New)
			}
			if len(secs) != len(tt.sections) {
				t.Errorf("sections %v, want %v", secs, tt.sections)
			}
			for i := range secs {
				if i < len(tt.sections) && !strings.Contains("|"+tt.sections[i]+"|", "|"+secs[i]+"|") {
					t.Errorf("section %s moved, want %s", secs[i], tt.sections[i])
				}
			}
		})
	}
}
