package ingest

import "unicode/utf8"

// runeSet is a set of runes searched for in text byte by byte: a byte
// that opens none of its members is passed over with one table lookup,
// where strings.IndexAny decodes every rune of the text and looks it up
// in the set (it has a fast path for ASCII sets only). The answers are
// those of strings.IndexAny and strings.ContainsAny, also on invalid
// UTF-8: a member's encoding never starts on a continuation byte.
type runeSet struct {
	lead  [256]bool // ASCII members and the first bytes of the others
	runes []rune    // the members of more than one byte
}

// newRuneSet returns the set of the runes of chars.
func newRuneSet(chars string) *runeSet {
	s := &runeSet{}
	for _, r := range chars {
		var b [utf8.UTFMax]byte
		utf8.EncodeRune(b[:], r)
		s.lead[b[0]] = true
		if r >= utf8.RuneSelf {
			s.runes = append(s.runes, r)
		}
	}
	return s
}

// index returns the offset of the first member in t, -1 if none.
func (s *runeSet) index(t string) int {
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !s.lead[c] {
			continue
		}
		if c < utf8.RuneSelf {
			return i
		}
		if r, size := utf8.DecodeRuneInString(t[i:]); size > 1 && s.has(r) {
			return i
		}
	}
	return -1
}

// lastIndex returns the offset of the last member in t, -1 if none.
func (s *runeSet) lastIndex(t string) int {
	for i := len(t) - 1; i >= 0; i-- {
		c := t[i]
		if !s.lead[c] {
			continue
		}
		if c < utf8.RuneSelf {
			return i
		}
		if r, size := utf8.DecodeRuneInString(t[i:]); size > 1 && s.has(r) {
			return i
		}
	}
	return -1
}

// in reports whether t holds a member.
func (s *runeSet) in(t string) bool { return s.index(t) >= 0 }

// has reports whether r is a member.
func (s *runeSet) has(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && s.lead[r]
	}
	for _, m := range s.runes {
		if r == m {
			return true
		}
	}
	return false
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
