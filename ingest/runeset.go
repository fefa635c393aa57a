package ingest

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// wordSet is a set of short strings searched for in text byte by byte:
// a byte that opens none of them, or whose next byte continues none of
// them, is passed over with table lookups. strings.IndexAny decodes every
// rune of the text and looks it up in its set (it has a fast path for
// ASCII sets only), and strings.Index over Chinese text stops at nearly
// every byte when the word opens with a common lead byte (市 and 各 both
// open with 0xE5), so a few words are faster found this way.
//
// A set of runes (newRuneSet) answers as strings.IndexAny and
// strings.ContainsAny do, also on invalid UTF-8: a rune's encoding never
// starts on a continuation byte, and where the text holds it the rune is
// what a decoder reads there.
type wordSet struct {
	lead    [256]bool // first bytes of the words
	second  [256]bool // second bytes of the words of two bytes or more
	oneByte [256]bool // the words of one byte
	words   []string
}

// newWordSet returns the set of words (none of them empty).
func newWordSet(words ...string) *wordSet {
	s := &wordSet{words: words}
	for _, w := range words {
		s.lead[w[0]] = true
		if len(w) == 1 {
			s.oneByte[w[0]] = true
		} else {
			s.second[w[1]] = true
		}
	}
	return s
}

// newRuneSet returns the set of the runes of chars.
func newRuneSet(chars string) *wordSet {
	var words []string
	for _, r := range chars {
		words = append(words, string(r))
	}
	return newWordSet(words...)
}

// at returns the length of a word that opens t[i:], 0 if none does.
func (s *wordSet) at(t string, i int) int {
	c := t[i]
	if !s.lead[c] {
		return 0
	}
	if s.oneByte[c] {
		return 1
	}
	if i+1 >= len(t) || !s.second[t[i+1]] {
		return 0
	}
	for _, w := range s.words {
		if w[0] == c && strings.HasPrefix(t[i:], w) {
			return len(w)
		}
	}
	return 0
}

// index returns the offset of the first word in t, -1 if none.
func (s *wordSet) index(t string) int {
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !s.lead[c] {
			continue
		}
		// The tests of at, the first ones inline: most lead bytes of
		// Chinese text are followed by a byte no word continues with.
		if s.oneByte[c] {
			return i
		}
		if i+1 < len(t) && s.second[t[i+1]] && s.at(t, i) > 0 {
			return i
		}
	}
	return -1
}

// lastIndex returns the offset of the last word in t, -1 if none.
func (s *wordSet) lastIndex(t string) int {
	for i := len(t) - 1; i >= 0; i-- {
		if s.lead[t[i]] && s.at(t, i) > 0 {
			return i
		}
	}
	return -1
}

// in reports whether t holds a word.
func (s *wordSet) in(t string) bool { return s.index(t) >= 0 }

// has reports whether the set holds the rune r.
func (s *wordSet) has(r rune) bool {
	if r < 0 || !utf8.ValidRune(r) {
		return false
	}
	return slices.Contains(s.words, string(r))
}

// atLeastRunes reports whether s holds n runes or more, counting no
// further than n (a long line is settled by its length in bytes).
func atLeastRunes(s string, n int) bool {
	if len(s) >= n*utf8.UTFMax {
		return true
	}
	k := 0
	for range s {
		if k++; k >= n {
			return true
		}
	}
	return k >= n
}

// spaces are the spaces splitSpaced cuts a one-line dump at.
var spaces = newRuneSet(" \u3000")

// colons end the labels of metadata fields.
var colons = newRuneSet(":：")

// The punctuation sets lines are tested for.
var (
	sentenceEnds = newRuneSet("。！？；")          // a sentence ends (hasSentence)
	fullStops    = newRuneSet("。！？")           // an item's lead phrase ends
	clausePunct  = newRuneSet("。，,；;！？：:")     // no title holds these
	partPunct    = newRuneSet("。；，,：:！？")      // no title of a part holds these
	namePunct    = newRuneSet("，。；：！？,;:!?《》") // no name of a body holds these
	listPunct    = newRuneSet("，。；：、！？,;:")    // no signature line holds these
	cellPunct    = newRuneSet("。；;，,")         // no column label holds these
	commas       = newRuneSet("，,")
	commasColons = newRuneSet("，,：:")
)
