package extract

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// scanWords is the plain scan a vocabulary stands for: at each rune of s
// (as ranging over s sees runes, a stray byte one of its own), the longest
// word there.
func scanWords(v *vocabulary, s string) []hit {
	var out []hit
	for i := range s {
		best := -1
		for k, w := range v.words {
			if strings.HasPrefix(s[i:], w) && (best < 0 || len(w) > len(v.words[best])) {
				best = k
			}
		}
		if best >= 0 {
			out = append(out, hit{Start: i, End: i + len(v.words[best]), PatternID: best})
		}
	}
	return out
}

// testVocabularies are the vocabularies of the rules, for the tests below.
var testVocabularies = map[string]*vocabulary{
	"modal":   modalWords.vocabulary,
	"action":  actionList.vocabulary,
	"subject": subjectVerbs.vocabulary,
	"sector":  sectorWords,
	"quotes":  quoteMarks,
	// words that are prefixes, suffixes and infixes of each other: the
	// cases where the automaton's Find and FindAll report the match that
	// ends first, not the leftmost (abcd, bc in "abcd" → bc).
	"nested": newVocabulary("abcd", "bc", "b", "应", "应当", "当然", "急", "应急管理局", "管理"),
}

func TestVocabulary(t *testing.T) {
	tests := []struct {
		vocab, text string
		want        []string // the longest word at each offset where one starts, in order
		in          bool
	}{
		{"nested", "abcd", []string{"abcd", "bc"}, true},
		{"nested", "xabcbcd", []string{"bc", "bc"}, true},
		{"nested", "应当然应急管理局", []string{"应当", "当然", "应急管理局", "急", "管理"}, true},
		{"nested", "\xe5应\xff当", []string{"应"}, true}, // stray bytes around a word
		{"nested", "xyz", nil, false},
		{"modal", "各单位应当于6月底前报送，不得迟报，绝不能推诿", []string{"应当", "不得", "绝不能", "不能"}, true},
		{"sector", "非煤矿山和油气长输管道", []string{"非煤矿山", "煤矿", "油气长输管道"}, true},
		{"quotes", "落实“三个必须”和《安全生产法》", []string{"“", "”", "《", "》"}, true},
		{"action", "", nil, false},
	}
	for _, tt := range tests {
		v := testVocabularies[tt.vocab]
		var got []string
		for _, h := range v.starts(tt.text) {
			if tt.text[h.Start:h.End] != v.words[h.PatternID] {
				t.Fatalf("%s: hit %+v reads %q, word %q", tt.vocab, h, tt.text[h.Start:h.End], v.words[h.PatternID])
			}
			got = append(got, v.words[h.PatternID])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s.starts(%q) = %q, want %q", tt.vocab, tt.text, got, tt.want)
		}
		if got := v.in(tt.text); got != tt.in {
			t.Errorf("%s.in(%q) = %v, want %v", tt.vocab, tt.text, got, tt.in)
		}
	}
}

func FuzzVocabulary(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("xabcdbcabcd应当然应急管理局")
	f.Fuzz(func(t *testing.T, s string) {
		for name, v := range testVocabularies {
			want := scanWords(v, s)
			if got := v.starts(s); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
				t.Fatalf("%s.starts(%q) = %v, a scan finds %v", name, s, got, want)
			}
			if got := v.in(s); got != (len(want) > 0) {
				t.Fatalf("%s.in(%q) = %v, a scan finds %v", name, s, got, want)
			}
			at := map[int]string{}
			for _, h := range want {
				at[h.Start] = v.words[h.PatternID]
			}
			for i := range s {
				if got := v.at(s, i); got != at[i] {
					t.Fatalf("%s.at(%q, %d) = %q, want %q", name, s, i, got, at[i])
				}
			}
			n := 0
			for _, h := range v.all(s) {
				if s[h.Start:h.End] != v.words[h.PatternID] || !utf8.RuneStart(s[h.Start]) {
					t.Fatalf("%s.all(%q): hit %+v reads %q", name, s, h, s[h.Start:h.End])
				}
				n++
			}
			if n < len(want) {
				t.Fatalf("%s.all(%q) found %d, fewer than the %d longest", name, s, n, len(want))
			}
		}
	})
}
