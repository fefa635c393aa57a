package extract

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// scanWords is the plain scan a wordList stands for: at each rune of s (as
// ranging over s sees runes, a stray byte one of its own), the longest
// word of the list there that ends by end.
func scanWords(l wordList, s string, end int) []hit {
	var out []hit
	for i := range s {
		best := -1
		for k := l.lo; k < l.hi; k++ {
			if w := l.v.words[k]; i+len(w) <= end && strings.HasPrefix(s[i:], w) && (best < 0 || len(w) > len(l.v.words[best])) {
				best = k
			}
		}
		if best >= 0 {
			out = append(out, hit{Start: i, End: i + len(l.v.words[best]), PatternID: best})
		}
	}
	return out
}

// testLists are word lists of the rules, for the tests below: lists that
// share an automaton and lists of their own.
var testLists = map[string]wordList{
	"modal":   modalWords,
	"action":  actionList,
	"sector":  sectorWords,
	"by":      byWords,
	"subject": subjectVerbs,
	"setUp":   setUpWords,
	"strong":  strongList,
	"quotes":  {v: quoteMarks, hi: len(quoteMarks.words)},
	// words that are prefixes, suffixes and infixes of each other: the
	// cases where the automaton's Find and FindAll report the match that
	// ends first, not the leftmost (abcd, bc in "abcd" → bc).
	"nested": newWordList("abcd", "bc", "b", "应", "应当", "当然", "急", "应急管理局", "管理"),
}

func TestWordList(t *testing.T) {
	tests := []struct {
		list, text string
		want       []string // the longest word at each offset where one starts, in order
		in         bool
	}{
		{"nested", "abcd", []string{"abcd", "bc"}, true},
		{"nested", "xabcbcd", []string{"bc", "bc"}, true},
		{"nested", "应当然应急管理局", []string{"应当", "当然", "应急管理局", "急", "管理"}, true},
		{"nested", "\xe5应\xff当", []string{"应"}, true}, // stray bytes around a word
		{"nested", "xyz", nil, false},
		{"modal", "各单位应当于6月底前报送，不得迟报，绝不能推诿", []string{"应当", "不得", "绝不能", "不能"}, true},
		{"modal", "应急管理局负责", []string{"应"}, true}, // a character, not yet a word: each asks gse
		{"action", "应急管理局", nil, false},           // shares the automaton with modal and sector words
		{"sector", "非煤矿山和油气长输管道", []string{"非煤矿山", "煤矿", "油气长输管道"}, true},
		{"setUp", "成立领导小组", []string{"成立"}, true},
		{"by", "由县应急局牵头负责", []string{"由"}, true}, // not 牵头, 负责: subject verbs of the same automaton
		{"quotes", "落实“三个必须”和《安全生产法》", []string{"“", "”", "《", "》"}, true},
		{"action", "", nil, false},
	}
	for _, tt := range tests {
		l := testLists[tt.list]
		var got []string
		for _, h := range l.starts(l.scan(tt.text), len(tt.text)) {
			if tt.text[h.Start:h.End] != l.word(h) {
				t.Fatalf("%s: hit %+v reads %q, word %q", tt.list, h, tt.text[h.Start:h.End], l.word(h))
			}
			got = append(got, l.word(h))
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s.starts(%q) = %q, want %q", tt.list, tt.text, got, tt.want)
		}
		if got := l.in(tt.text); got != tt.in {
			t.Errorf("%s.in(%q) = %v, want %v", tt.list, tt.text, got, tt.in)
		}
	}
}

func TestVocabularyIn(t *testing.T) {
	for _, tt := range []struct {
		v    *vocabulary
		text string
		want bool
	}{
		{festivalWords, "春节前完成", true},
		{festivalWords, "节前", false},
		{holidayWords, "五一放假安排", true},
		{personPosts, "由王雄同志担任组长", true},
		{personPosts, "任务", false},
		{periodicDuties, "实行月调度", true},
		{periodicDuties, "每月调查", false},
		{periodicDuties, "", false},
	} {
		if got := tt.v.in(tt.text); got != tt.want {
			t.Errorf("in(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func FuzzWordList(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("xabcdbcabcd应当然应急管理局")
	f.Fuzz(func(t *testing.T, s string) {
		for name, l := range testLists {
			want := scanWords(l, s, len(s))
			if got := l.starts(l.scan(s), len(s)); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
				t.Fatalf("%s.starts(%q) = %v, a scan finds %v", name, s, got, want)
			}
			if got := l.in(s); got != (len(want) > 0) {
				t.Fatalf("%s.in(%q) = %v, a scan finds %v", name, s, got, want)
			}
			if !l.v.in(s) && len(want) > 0 {
				t.Fatalf("%s: the automaton finds nothing in %q, a scan finds %v", name, s, want)
			}
			at := map[int]string{}
			for _, h := range want {
				at[h.Start] = l.word(h)
			}
			for i := range s {
				if got := l.at(s, i); got != at[i] {
					t.Fatalf("%s.at(%q, %d) = %q, want %q", name, s, i, got, at[i])
				}
			}
			for _, h := range l.scan(s) {
				if s[h.Start:h.End] != l.v.words[h.PatternID] || !utf8.RuneStart(s[h.Start]) {
					t.Fatalf("%s.scan(%q): hit %+v reads %q", name, s, h, s[h.Start:h.End])
				}
			}
			if n := len(s) / 2; n > 0 {
				// a prefix of a scanned text: the words that end in it
				if got, want := l.starts(l.scan(s), n), scanWords(l, s, n); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
					t.Fatalf("%s.starts(scan(%q), %d) = %v, want %v", name, s, n, got, want)
				}
			}
		}
	})
}
