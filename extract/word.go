package extract

import (
	"unicode/utf8"
)

// wordList is a list of words a rule looks for, matched as gse words: 应
// is found in 各单位应于, not in 应急管理局 nor 相应. Candidates are found
// as characters, all in one pass over a text, and confirmed by cutting a
// few runes around them, so a sentence is not cut into words as a whole.
type wordList struct {
	*vocabulary
	quoted bool // also match inside quotes
}

func newWordList(words ...string) wordList {
	return wordList{vocabulary: newVocabulary(words...)}
}

// wordWindow is how many runes on either side of a candidate are cut with
// it to tell whether it is a word of its own.
const wordWindow = 4

// each calls fn with the offsets of every word of l in s that gse cuts as
// a word of its own, in order, until fn returns false. Words inside quotes
// (“三个必须”) and book titles are skipped: they are named, not used.
// Each candidate is confirmed by cutting the runes around it.
func (e *Extractor) each(s string, l wordList, fn func(i, j int, w string) bool) {
	eachWord(s, l, func(i, j int) bool { return e.isWord(s, i, j) }, fn)
}

// quoteMarks open and close quotes and book titles, in pairs: an even
// index opens, the next closes.
var quoteMarks = newVocabulary("“", "”", "《", "》", "「", "」", "『", "』")

// eachWord calls fn for the words of l in s that isWord confirms, outside
// quotes unless l matches inside them. At each offset only the longest word
// there is tried; after a confirmed word the search goes on at its end.
func eachWord(s string, l wordList, isWord func(i, j int) bool, fn func(i, j int, w string) bool) {
	hits := l.starts(s)
	if len(hits) == 0 {
		return
	}
	var marks []hit
	if !l.quoted {
		marks = quoteMarks.all(s[:hits[len(hits)-1].Start])
	}
	quoted, next, m := 0, 0, 0
	for _, h := range hits {
		if h.Start < next {
			continue // inside the word confirmed last
		}
		for ; m < len(marks) && marks[m].Start < h.Start; m++ {
			if marks[m].PatternID%2 == 0 {
				quoted++
			} else if quoted > 0 {
				quoted--
			}
		}
		if quoted > 0 || !isWord(h.Start, h.End) {
			continue
		}
		if !fn(h.Start, h.End, l.words[h.PatternID]) {
			return
		}
		next = h.End
	}
}

// isWord reports whether s[i:j] is a word of its own as gse cuts the runes
// around it (会同 in 中队会同, not 会 of 委员会; 负责 but not 负责人).
func (e *Extractor) isWord(s string, i, j int) bool {
	if utf8.RuneCountInString(s[i:j]) >= 4 {
		return true // 为牵头单位, 全面负责: no word runs across these
	}
	lo := i
	for n := 0; n < wordWindow && lo > 0; n++ {
		_, w := utf8.DecodeLastRuneInString(s[:lo])
		lo -= w
	}
	hi := j
	for n := 0; n < wordWindow && hi < len(s); n++ {
		_, w := utf8.DecodeRuneInString(s[hi:])
		hi += w
	}
	for _, t := range e.seg.Tokens(s[lo:hi], false) {
		if t.Start+lo == i {
			return t.End+lo <= j
		}
		if t.Start+lo > i {
			break
		}
	}
	return false
}
