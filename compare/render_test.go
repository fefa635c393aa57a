package compare

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

// renderPair is a small old/new pair with one change of each common kind.
func renderPair() (old, new corpus.Parsed) {
	mk := func(id string, obls ...corpus.Obligation) corpus.Parsed {
		for i := range obls {
			obls[i].Doc = id
			obls[i].ID = id + "/o-" + string(rune('1'+i))
		}
		return corpus.Parsed{Doc: &corpus.Document{ID: id, Title: "朔州市人民政府关于做好安全生产工作的通知<" + id + ">",
			Level: corpus.LevelCity, PlanYear: 2024, Text: "一、压实安全责任",
			Outline: []*corpus.Block{{Number: "一", Lead: corpus.Span{Start: len("一、"), End: len("一、压实安全责任")}}}}, Obligations: obls}
	}
	o := func(path, text string, f func(*corpus.Obligation)) corpus.Obligation {
		ob := corpus.Obligation{Path: strings.Fields(path), Text: text, Modality: corpus.Must}
		if f != nil {
			f(&ob)
		}
		return ob
	}
	old = mk("d-2023",
		o("一 （一）", "安委会每季度至少召开一次会议，分析安全形势。", func(ob *corpus.Obligation) {
			ob.Frequencies = []corpus.Frequency{{Raw: "每季度至少召开一次", Period: corpus.PeriodQuarter, Count: 1}}
		}),
		o("一 （一）", "企业应当做到安全责任、投入、培训、管理和应急救援“五到位”。", func(ob *corpus.Obligation) { ob.Modality = corpus.Should }),
		o("一 （二）", "推进安委办实体化运行。", nil),
		o("二 （三）", "6月底前完成隐患排查整治<script>。", func(ob *corpus.Obligation) {
			ob.Deadlines = []corpus.Deadline{{Raw: "6月底前", Date: "2024-06-30"}}
			ob.Lead = []string{"市应急局"}
		}),
	)
	new = mk("d-2024",
		o("一 （一）", "安委会每月至少召开一次会议，分析安全形势。", func(ob *corpus.Obligation) {
			ob.Frequencies = []corpus.Frequency{{Raw: "每月至少召开一次", Period: corpus.PeriodMonth, Count: 1}}
		}),
		o("一 （一）", "企业必须做到安全责任、投入、培训、管理和应急救援“五到位”。", nil),
		o("二 （三）", "4月底前完成隐患排查整治<script>。", func(ob *corpus.Obligation) {
			ob.Deadlines = []corpus.Deadline{{Raw: "4月底前", Date: "2024-04-30"}}
			ob.Lead = []string{"市应急局"}
			ob.Support = []string{"市公安局"}
		}),
		o("二 （四）", "推行“无视频不作业”。", nil),
	)
	return old, new
}

func TestRenderDiff(t *testing.T) {
	old, new := renderPair()
	r := Diff(testSegmenter(t), old, new)
	for _, tt := range []struct {
		name   string
		render func(*bytes.Buffer) error
	}{
		{"diff.txt", func(b *bytes.Buffer) error { return r.WriteText(b, false) }},
		{"diff.color.txt", func(b *bytes.Buffer) error { return r.WriteText(b, true) }},
		{"diff.html", func(b *bytes.Buffer) error { return r.WriteHTML(b) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.render(&b); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(b.String(), "<script>") && strings.HasSuffix(tt.name, ".html") {
				t.Error("HTML page does not escape the text")
			}
			golden(t, tt.name, b.Bytes())
		})
	}
}

func TestRenderLevels(t *testing.T) {
	upper, lower := renderPair()
	lower.Doc.Level, lower.Doc.Title = corpus.LevelTown, "镇方案"
	r, err := Levels(testSegmenter(t), lower, []corpus.Parsed{upper})
	if err != nil {
		t.Fatal(err)
	}
	var txt, html bytes.Buffer
	if err := r.WriteText(&txt, false); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	golden(t, "levels.txt", txt.Bytes())
	golden(t, "levels.html", html.Bytes())
}
