package compare

import (
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
	for _, s := range []string{"扩大应急救援物资储备规模，增加储备品种和数量。", "推进消防物联网远程监控系统和安全监测预警中心建设"} {
		edit(s, strings.NewReplacer("扩大", "扩充", "增加", "丰富", "推进", "推动", "建设", "建立").Replace(s))
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
