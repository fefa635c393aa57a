package compare

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
)

func TestQuotes(t *testing.T) {
	tests := []struct {
		text string
		want string
	}{
		{"企业必须做到应急救援“五到位”。", "[五到位]"},
		{"坚持“五不为过”，做到“五个必须”", "[五不为过 五个必须]"},
		{"推广“互联网+执法”系统", "[互联网+执法]"},
		{"“一”字", "[]"},               // too short to be a slogan
		{"“未闭合的引号", "[]"},            // no closing mark
		{"「双报告」和\"三违\"", "[双报告 三违]"}, // other quotation marks
	}
	for _, tt := range tests {
		if got := fmt.Sprint(quotes(tt.text)); got != tt.want {
			t.Errorf("quotes(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
}

func TestFeatures(t *testing.T) {
	seg := testSegmenter(t)
	text := "进一步加强经营性自建房安全管理，落实“双报告”。"
	b := tokenFeatures(text, seg.Tokens(text, true))
	tests := []struct {
		feature string
		want    float64
	}{
		{"进一步", boilerplateWeight},
		{"加强", boilerplateWeight},
		{"经营性自建房", 1},
		{"自建", subwordWeight},
		{"“双报告”", quoteWeight},
		{"，", 0}, // punctuation is not a word
	}
	for _, tt := range tests {
		if got := b[tt.feature]; got != tt.want {
			t.Errorf("weight of %q = %v, want %v (features %v)", tt.feature, got, tt.want, b)
		}
	}
	if _, ok := b["的"]; ok {
		t.Error("function word kept")
	}
}

// TestBoilerplate checks that boilerplate cannot make two duties alike:
// two sentences that share only their boilerplate score far below two
// that share their content.
func TestBoilerplate(t *testing.T) {
	seg := testSegmenter(t)
	m := newModel()
	var obls []corpus.Obligation
	for _, text := range []string{"进一步加强深入推动落实矿山安全监管。", "进一步加强深入推动落实校园食品卫生。", "矿山安全监管要严格。"} {
		obls = append(obls, corpus.Obligation{Text: text})
	}
	s := newCutter(seg).oblBags(m, obls).items(m)
	if a, b := dot(s[0].own, s[1].own), dot(s[0].own, s[2].own); a >= b/2 {
		t.Errorf("boilerplate twins score %.3f, content twins %.3f", a, b)
	}
}

// FuzzQuotes checks that every slogan found is quoted in the text and of
// slogan length.
func FuzzQuotes(f *testing.F) {
	f.Add("做到“五到位”和“双报告”")
	f.Add("“”“\"「」")
	f.Fuzz(func(t *testing.T, s string) {
		for _, q := range quotes(s) {
			if n := utf8.RuneCountInString(q); n < 2 || n > 12 || !strings.Contains(s, q) {
				t.Fatalf("quote %q of %q", q, s)
			}
		}
	})
}
