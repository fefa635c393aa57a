package segment

import (
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	text := "市安委会每月至少召开一次会议，经营性自建房安全隐患排查整治。"
	var words []string
	for _, tk := range s.Tokens(text, false) {
		if text[tk.Start:tk.End] != tk.Text {
			t.Fatalf("token %q has offsets [%d,%d) reading %q", tk.Text, tk.Start, tk.End, text[tk.Start:tk.End])
		}
		words = append(words, tk.Text)
	}
	got := strings.Join(words, "/")
	for _, w := range []string{"安委会", "每月", "经营性自建房"} {
		if !strings.Contains("/"+got+"/", "/"+w+"/") {
			t.Errorf("Tokens(%q) = %s, want the word %s", text, got, w)
		}
	}
	if strings.Contains(got, "，") {
		t.Errorf("Tokens kept punctuation: %s", got)
	}
	search := s.Tokens("安全生产", true)
	var sw []string
	for _, tk := range search {
		sw = append(sw, tk.Text)
	}
	if j := strings.Join(sw, "/"); j != "安全/生产" {
		t.Errorf("search-mode Tokens(安全生产) = %s, want 安全/生产", j)
	}
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}
