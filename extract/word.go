package extract

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// wordList is a list of words a rule looks for, matched as gse words: 应
// is found in 各单位应于, not in 应急管理局 nor 相应. Candidates are found by
// their first rune and confirmed by cutting a few runes around them, so a
// sentence is not cut into words as a whole.
type wordList struct {
	byFirst map[rune][]string // the words by their first rune, longest first (应当 before 应)
	quoted  bool              // also match inside quotes
}

func newWordList(words ...string) wordList {
	l := wordList{byFirst: map[rune][]string{}}
	sorted := append([]string(nil), words...)
	sort.SliceStable(sorted, func(i, j int) bool { return len(sorted[i]) > len(sorted[j]) })
	for _, w := range sorted {
		r, _ := utf8.DecodeRuneInString(w)
		l.byFirst[r] = append(l.byFirst[r], w)
	}
	return l
}

// at returns the longest word of l that s holds at byte offset i, or "".
func (l wordList) at(s string, i int) string {
	r, _ := utf8.DecodeRuneInString(s[i:])
	for _, w := range l.byFirst[r] {
		if strings.HasPrefix(s[i:], w) {
			return w
		}
	}
	return ""
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

// eachWord calls fn for the words of l in s that isWord confirms, outside
// quotes unless l matches inside them.
func eachWord(s string, l wordList, isWord func(i, j int) bool, fn func(i, j int, w string) bool) {
	quoted := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '“', '《', '「', '『':
			quoted++
		case '”', '》', '」', '』':
			if quoted > 0 {
				quoted--
			}
		}
		if quoted > 0 && !l.quoted {
			i += size
			continue
		}
		if w := l.at(s, i); w != "" && isWord(i, i+len(w)) {
			if !fn(i, i+len(w), w) {
				return
			}
			i += len(w)
			continue
		}
		i += size
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
