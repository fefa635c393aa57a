package compare

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// join rebuilds the old and new texts from a diff.
func join(es []Edit) (old, new string) {
	var o, n strings.Builder
	for _, e := range es {
		if e.Op != Insert {
			o.WriteString(e.Text)
		}
		if e.Op != Delete {
			n.WriteString(e.Text)
		}
	}
	return o.String(), n.String()
}

func TestDiffText(t *testing.T) {
	tests := []struct {
		old, new string
		want     string
	}{
		{"", "", "[]"},
		{"每月", "每月", "[{= 每月}]"},
		{"", "每月", "[{+ 每月}]"},
		{"每月", "", "[{- 每月}]"},
		{"每季度至少召开一次", "每月至少召开一次", "[{= 每} {- 季度} {+ 月} {= 至少召开一次}]"},
		{"6月底前完成", "4月底前完成", "[{- 6} {+ 4} {= 月底前完成}]"},
		// A one-rune island between two changes joins them.
		{"加强安全管理", "强化风险管控", "[{- 加强安全管理} {+ 强化风险管控}]"},
		{"要落实责任", "必须落实责任", "[{- 要} {+ 必须} {= 落实责任}]"},
		{"推进煤矿防治水管理，严格落实", "推动煤矿防治水管理，从严落实", "[{= 推} {- 进} {+ 动} {= 煤矿防治水管理，} {- 严格} {+ 从严} {= 落实}]"},
	}
	for _, tt := range tests {
		t.Run(tt.old+"→"+tt.new, func(t *testing.T) {
			es := DiffText(tt.old, tt.new)
			if got := fmt.Sprint(es); got != tt.want && !(tt.want == "[]" && len(es) == 0) {
				t.Errorf("DiffText = %s, want %s", got, tt.want)
			}
			if o, n := join(es); o != tt.old || n != tt.new {
				t.Errorf("joined to %q, %q", o, n)
			}
		})
	}
}

func TestMarks(t *testing.T) {
	old, new := Marks(DiffText("安委会每季度至少召开一次会议", "安委会每月至少召开一次专题会议"))
	if fmt.Sprint(old) != "[{4 6}]" || fmt.Sprint(new) != "[{4 5} {11 13}]" {
		t.Errorf("Marks = %v %v", old, new)
	}
}

// TestDiffTextFarApart checks that texts too far apart for an edit script
// come back as replaced whole, and still rebuild.
func TestDiffTextFarApart(t *testing.T) {
	a := strings.Repeat("安全生产责任", 300)
	b := strings.Repeat("应急救援队伍", 300)
	es := DiffText(a, b)
	if len(es) != 2 || es[0].Op != Delete || es[1].Op != Insert {
		t.Errorf("DiffText of far-apart texts = %d runs", len(es))
	}
	if o, n := join(es); o != a || n != b {
		t.Error("far-apart diff does not rebuild the texts")
	}
	// Close texts of the same length still get a fine diff.
	c := strings.Replace(a, "责任", "职责", 1)
	if es := DiffText(a, c); len(es) != 4 {
		t.Errorf("one change in a long text gave %d runs", len(es))
	}
}

// FuzzDiffText checks that a diff rebuilds both texts, has no empty runs,
// and that its marks lie inside the texts.
func FuzzDiffText(f *testing.F) {
	f.Add("每季度至少召开一次会议", "每月至少召开一次专题会议")
	f.Add("", "x")
	f.Add("abcabba", "cbabac")
	f.Add("加强安全管理", "强化风险管控")
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return
		}
		es := DiffText(a, b)
		if o, n := join(es); o != a || n != b {
			t.Fatalf("joined to %q, %q", o, n)
		}
		for _, e := range es {
			if e.Text == "" {
				t.Fatalf("empty run in %v", es)
			}
		}
		mo, mn := Marks(es)
		for _, r := range mo {
			if r.Start >= r.End || r.End > utf8.RuneCountInString(a) {
				t.Fatalf("old mark %v out of range", r)
			}
		}
		for _, r := range mn {
			if r.Start >= r.End || r.End > utf8.RuneCountInString(b) {
				t.Fatalf("new mark %v out of range", r)
			}
		}
	})
}
