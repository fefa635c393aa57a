package extract

import (
	"slices"
	"unicode/utf8"
)

// wordList is a list of words a rule looks for, matched as gse words: 应
// is found in 各单位应于, not in 应急管理局 nor 相应. Candidates are found
// as characters, all in one pass over a text, and confirmed by cutting a
// few runes around them, so a sentence is not cut into words as a whole.
//
// The list's words are v.words[lo:hi]: lists that rules read in the same
// text share one automaton (sharedLists), so that the text is scanned once
// for all of them and each takes its own words from the hits.
type wordList struct {
	v      *vocabulary
	lo, hi int
	quoted bool // also match inside quotes
}

func newWordList(words ...string) wordList {
	return wordList{v: newVocabulary(words...), hi: len(words)}
}

// sharedLists returns a wordList of each of lists, all found by one
// automaton.
func sharedLists(lists ...[]string) []wordList {
	var words []string
	for _, l := range lists {
		words = append(words, l...)
	}
	v := newVocabulary(words...)
	out := make([]wordList, len(lists))
	lo := 0
	for i, l := range lists {
		out[i] = wordList{v: v, lo: lo, hi: lo + len(l)}
		lo += len(l)
	}
	return out
}

// scan returns the occurrences in s of the words of l's automaton: l's
// and those of the lists that share it.
func (l wordList) scan(s string) []hit { return l.v.all(s) }

// own reports whether hit h is of a word of l.
func (l wordList) own(h hit) bool { return l.lo <= h.PatternID && h.PatternID < l.hi }

// word returns the word of hit h.
func (l wordList) word(h hit) string { return l.v.words[h.PatternID] }

// starts returns, from hits (a scan of a text), for each offset where a
// word of l ends by end starts the longest word of l there, in order of
// offset: the words of the text's first end bytes.
func (l wordList) starts(hits []hit, end int) []hit {
	var out []hit
	for _, h := range hits {
		if l.own(h) && h.End <= end {
			out = append(out, h)
		}
	}
	if len(out) < 2 {
		return out
	}
	slices.SortFunc(out, func(a, b hit) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	longest := out[:1]
	for _, h := range out[1:] {
		if h.Start != longest[len(longest)-1].Start {
			longest = append(longest, h)
		}
	}
	return longest
}

// in reports whether s holds a word of l, as characters.
func (l wordList) in(s string) bool { return l.any(l.scan(s), len(s)) }

// any reports whether hits (a scan of a text) hold a word of l that ends
// by end.
func (l wordList) any(hits []hit, end int) bool {
	for _, h := range hits {
		if l.own(h) && h.End <= end {
			return true
		}
	}
	return false
}

// at returns the longest word of l that s holds at byte offset i, or "".
func (l wordList) at(s string, i int) string {
	best := ""
	for _, h := range l.scan(s[i:min(len(s), i+l.v.maxLen)]) {
		if h.Start == 0 && l.own(h) && h.End > len(best) {
			best = l.word(h)
		}
	}
	return best
}

// wordWindow is how many runes on either side of a candidate are cut with
// it to tell whether it is a word of its own.
const wordWindow = 4

// each calls fn with the offsets of every word of l in s that gse cuts as
// a word of its own, in order, until fn returns false. Words inside quotes
// (“三个必须”) and book titles are skipped: they are named, not used.
// Each candidate is confirmed by cutting the runes around it.
func (e *Extractor) each(s string, l wordList, fn func(i, j int, w string) bool) {
	e.eachIn(s, l, l.scan(s), fn)
}

// eachIn is each with the scan of s by l's automaton made already.
func (e *Extractor) eachIn(s string, l wordList, scan []hit, fn func(i, j int, w string) bool) {
	eachWord(s, l, scan, func(i, j int) bool { return e.isWord(s, i, j) }, fn)
}

// quoteMarks open and close quotes and book titles, in pairs: an even
// index opens, the next closes; quoteOpeners are the opening ones.
var (
	quoteMarks   = newVocabulary("“", "”", "《", "》", "「", "」", "『", "』")
	quoteOpeners = newRuneSet("“《「『")
)

// eachWord calls fn for the words of l in s that isWord confirms, outside
// quotes unless l matches inside them; scan is the scan by l's automaton of
// s or of a text that s opens. At each offset only the longest word there
// is tried; after a confirmed word the search goes on at its end.
func eachWord(s string, l wordList, scan []hit, isWord func(i, j int) bool, fn func(i, j int, w string) bool) {
	hits := l.starts(scan, len(s))
	if len(hits) == 0 {
		return
	}
	var marks []hit
	if before := s[:hits[len(hits)-1].Start]; !l.quoted && anyOf(before, quoteOpeners) {
		marks = quoteMarks.all(before) // without an opening mark, nothing is quoted
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
		if !fn(h.Start, h.End, l.word(h)) {
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
	for _, t := range e.tokens(s[lo:hi]) {
		if t.Start+lo == i {
			return t.End+lo <= j
		}
		if t.Start+lo > i {
			break
		}
	}
	return false
}
