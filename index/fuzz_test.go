package index

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzTokenize checks the tokenizer's invariants on any text: tokens lie
// inside the input (on rune boundaries, if it is valid UTF-8), their terms are the input's bytes
// (a pair's with the separator),
// positions are 1 + the rune offset of the start, and the same text cuts
// the same way twice.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"市、县安委会每月至少召开一次会议", "经营性自建房", "安全生产 abc 123", "", "\xff\xfe", "（牵头责任单位：市应急局）"} {
		f.Add(s)
	}
	tk := NewTokenizer(seg(f))
	f.Fuzz(func(t *testing.T, s string) {
		in := []byte(s)
		ts := tk.Tokenize(in)
		for _, x := range ts {
			if x.Start < 0 || x.End > len(in) || x.Start >= x.End {
				t.Fatalf("token %v out of range of %q", x, s)
			}
			if utf8.Valid(in) && (!utf8.RuneStart(in[x.Start]) || x.End < len(in) && !utf8.RuneStart(in[x.End])) {
				t.Fatalf("token %v not on rune boundaries of %q", x, s)
			}
			term := strings.Replace(string(x.Term), pairSep, "", 1) // a pair is two touching words
			if term != strings.ToLower(s[x.Start:x.End]) && term != s[x.Start:x.End] {
				t.Fatalf("token %v term is not its text %q", x, s[x.Start:x.End])
			}
			if want := utf8.RuneCount(in[:x.Start]) + 1; x.Position != want {
				t.Fatalf("token %v position, want %d", x, want)
			}
		}
		if again := tk.Tokenize([]byte(s)); !reflect.DeepEqual(again, ts) {
			t.Fatalf("%q cuts differently the second time", s)
		}
	})
}

// FuzzSearch checks that any query text parses and runs, and that every hit's
// highlights lie inside its text.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"每月 会议", `"召开一次会议"`, `“自建房`, `"" "`, "安全生产 AND OR", "\xff", "（一）"} {
		f.Add(s)
	}
	ix, err := Open(filepath.Join(f.TempDir(), "index"), seg(f), nil)
	if err != nil {
		f.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Add(context.Background(), handDocs()...); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ix.Search(context.Background(), Query{Text: s, Facets: true})
		if err != nil {
			t.Fatalf("Search(%q): %v", s, err)
		}
		for _, h := range r.Hits {
			for _, m := range h.Matches {
				if m.Start < 0 || m.End > len(h.Text) || m.Start >= m.End {
					t.Fatalf("match %v outside %q", m, h.Text)
				}
			}
			if got := h.Fragment("", "", 10); !utf8.ValidString(got) && utf8.ValidString(h.Text) {
				t.Fatalf("fragment %q of %q is not valid UTF-8", got, h.Text)
			}
		}
	})
}
