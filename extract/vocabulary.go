package extract

import (
	"unsafe"

	"github.com/coregx/ahocorasick"
)

// vocabulary is a fixed list of words found in a text in one pass, by an
// Aho–Corasick automaton (github.com/coregx/ahocorasick), for the word
// lists that rules would otherwise try on a text one entry at a time.
// Words are found as characters (byte strings): an occurrence of a word
// written in UTF-8 starts at a rune boundary of any text, valid or not,
// since its first byte is no continuation byte.
//
// Only the automaton's overlapping search and its Find and FindAt built
// for the longest match are used, Find only to tell whether there is a
// match: in v0.3.1 Find and FindAll do not report the leftmost match (abcd,
// bc in "abcd" → bc; a, bcd in "a bcd" → bcd), and IsMatch searches the
// rest of the text for each first byte of the words again wherever a
// partial match fails, which costs the square of a text's length.
// TestVocabulary and FuzzVocabulary hold it to a plain scan.
type vocabulary struct {
	words  []string
	ac     *ahocorasick.Automaton
	maxLen int // bytes of the longest word
}

// newVocabulary builds the vocabulary of words. It panics on an empty
// list or an empty word, as regexp.MustCompile does on a bad pattern:
// vocabularies are built once, from lists written in the source.
func newVocabulary(words ...string) *vocabulary {
	v := &vocabulary{words: words}
	ac, err := ahocorasick.NewBuilder().SetMatchKind(ahocorasick.LeftmostLongest).AddStrings(words).Build()
	if err != nil {
		panic("extract: vocabulary: " + err.Error())
	}
	v.ac = ac
	for _, w := range words {
		v.maxLen = max(v.maxLen, len(w))
	}
	return v
}

// hit is an occurrence of a word of a vocabulary: Start and End are byte
// offsets into the text searched, PatternID the word's index.
type hit = ahocorasick.Match

// bytesOf returns the bytes of s without a copy. The automaton only reads
// its haystack, and no slice of it is kept.
func bytesOf(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// in reports whether s holds one of the words.
func (v *vocabulary) in(s string) bool {
	if s == "" {
		return false
	}
	_, found := v.ac.Find(bytesOf(s), 0)
	return found
}

// all returns every occurrence of the words in s, overlapping ones too, in
// order of their ends.
func (v *vocabulary) all(s string) []hit {
	if s == "" {
		return nil
	}
	return v.ac.FindAllOverlapping(bytesOf(s))
}
