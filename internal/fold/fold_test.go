package fold

import (
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"
)

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"蕪湖市安全生產目標管理考核辦法", "芜湖市安全生产目标管理考核办法"},
		{"第一條 為進一步加強全市安全生產工作", "第一条 为进一步加强全市安全生产工作"},
		{"晉政發〔2023〕1號", "晋政发〔2023〕1号"},
		{"建立健全我鎮網格化管理防溺水工作長效機製", "建立健全我镇网格化管理防溺水工作长效机制"},
		{"關于", "关于"},
		// Already simplified text and ASCII stay as they are.
		{"水峪贯镇人民政府关于做好2024年安全生产工作的方案", "水峪贯镇人民政府关于做好2024年安全生产工作的方案"},
		{"abc, 1.5; x|y", "abc, 1.5; x|y"},
		// Full-width ASCII would change length: it stays.
		{"（一）１２：３０，ＡＢ", "（一）１２：３０，ＡＢ"},
		// Compatibility forms of the same length fold.
		{"﹝2024﹞", "〔2024〕"},
		{"⼀⼆三", "一二三"},
		{"\uF900", "岂"}, // 豈 as a compatibility ideograph, then simplified
		// Invalid bytes are kept.
		{"鎮\xff鄉", "镇\xff乡"},
	}
	for _, tt := range tests {
		got := String(tt.in)
		if got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if len(got) != len(tt.in) {
			t.Errorf("String(%q): length %d, want %d", tt.in, len(got), len(tt.in))
		}
	}
}

func TestRune(t *testing.T) {
	for from, to := range map[rune]rune{'們': '们', '條': '条', '号': '号', 'A': 'A', '𠀋': '𠀋'} {
		if got := Rune(from); got != to {
			t.Errorf("Rune(%q) = %q, want %q", from, got, to)
		}
	}
}

// TestTableKeepsLength checks the whole table: every mapping keeps the
// encoded length, so spans stay valid.
func TestTableKeepsLength(t *testing.T) {
	tb := tables()
	n := 0
	for r := rune(0x80); r < 0x10000; r++ {
		if f := tb.fold(r); f != r {
			n++
			if utf8.RuneLen(f) != utf8.RuneLen(r) || !utf8.ValidRune(f) {
				t.Fatalf("%U folds to %U of another length", r, f)
			}
		}
	}
	for from, to := range tb.astral {
		if utf8.RuneLen(from) != utf8.RuneLen(to) {
			t.Fatalf("%U folds to %U of another length", from, to)
		}
	}
	if n < 2500 {
		t.Errorf("only %d runes fold; the OpenCC dictionary was not read", n)
	}
}

func TestNoCopy(t *testing.T) {
	s := strings.Repeat("安全生产", 100)
	if got := String(s); unsafe.StringData(got) != unsafe.StringData(s) {
		t.Error("unchanged text must come back as it is")
	}
}

// foldRunes is String rune by rune, the oracle FuzzString holds it to.
func foldRunes(s string) string {
	b := []byte(s)
	for i, r := range s {
		if f := Rune(r); f != r && r != utf8.RuneError {
			utf8.EncodeRune(b[i:], f)
		}
	}
	return string(b)
}

// FuzzString checks the contract on any bytes: same length, same rune
// boundaries, idempotent, and the runes folded one by one.
func FuzzString(f *testing.F) {
	for _, s := range []string{"蕪湖市安全生產", "第一條", "﹝2024﹞號", "abc", "\xff\xfe鎮", "\xe0\x80\x80\xed\xa0\x80\xef\xbf\xbd𠀋"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := String(s)
		if len(got) != len(s) {
			t.Fatalf("length %d, want %d", len(got), len(s))
		}
		for i := 0; i < len(s); i++ {
			if utf8.RuneStart(s[i]) != utf8.RuneStart(got[i]) {
				t.Fatalf("rune boundary moved at %d", i)
			}
		}
		if again := String(s); again != got {
			t.Fatal("not deterministic")
		}
		if want := foldRunes(s); got != want {
			t.Fatalf("String(%q) = %q, want %q", s, got, want)
		}
	})
}

func BenchmarkString(b *testing.B) {
	s := strings.Repeat("為進一步加強全市安全生產工作，落實安全生產責任。", 4000)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		String(s)
	}
}
