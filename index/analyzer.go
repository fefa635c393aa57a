package index

import (
	"bytes"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/dutymap/dutymap/segment"
)

// An obligation's text is cut by gse once, when its record is made: into
// its finest words (see subCache.leaves), lower-cased, each but the last
// followed by touchSep if it touches the next word in the text and by
// gapSep if space or punctuation stands between. The record carries that
// cut as a string, and two tokenizers that only split it feed the two
// indexed fields of the text:
//
//   - fieldWords, every word: a query word is found by its words, also
//     inside a longer word (安全 in 安全生产). It keeps frequencies for
//     ranking but no positions, which no query of it needs.
//   - fieldPairs, every two touching words as one term (安全␟生产), at the
//     ordinal position of the first word among the text's words: a long
//     word or a phrase is found as its pairs in a row. Pairs are far rarer
//     than words, so a phrase of the most common words (安全生产责任) stays
//     fast. Only this field keeps positions, and no offsets: a hit is
//     highlighted by cutting its text again (see marks).
//
// bleve's registry holds the two tokenizers; they need no segmenter, so an
// index opened from disk analyses with nothing bound to it.
const (
	wordsTokenizer = "dutymap_words"
	pairsTokenizer = "dutymap_pairs"
	wordsAnalyzer  = "dutymap_words"
	pairsAnalyzer  = "dutymap_pairs"
)

// touchSep and gapSep join the words of a cut; touchSep also joins the two
// words of a pair term. No word of a cut contains either (see cutText).
const (
	touchSep = '\x1f'
	gapSep   = '\x1e'
)

// pairSep is touchSep as a string, for building pair terms.
const pairSep = string(touchSep)

// bleve's registry is process-wide and filled at init time, as bleve's own
// analyzers are.
func init() {
	for name, tk := range map[string]analysis.Tokenizer{wordsTokenizer: wordsSplitter{}, pairsTokenizer: pairsSplitter{}} {
		if err := registry.RegisterTokenizer(name, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
			return tk, nil
		}); err != nil {
			panic(err) // a duplicate name is a programming error caught by every test
		}
	}
}

// wordsSplitter tokenizes a cut into its words. A token's Position is 1 +
// the word's ordinal in the cut; its offsets are into the cut.
type wordsSplitter struct{}

// Tokenize implements analysis.Tokenizer.
func (wordsSplitter) Tokenize(cut []byte) analysis.TokenStream {
	n := 1 + bytes.Count(cut, []byte{touchSep}) + bytes.Count(cut, []byte{gapSep})
	out := make(analysis.TokenStream, 0, n)
	backing := make([]analysis.Token, 0, n)
	eachWord(cut, func(i, start, end int, _ bool) {
		if start == end {
			return
		}
		backing = append(backing, analysis.Token{Start: start, End: end, Term: cut[start:end:end], Position: i + 1, Type: tokenType(cut[start])})
		out = append(out, &backing[len(backing)-1])
	})
	return out
}

// pairsSplitter tokenizes a cut into the pairs of its touching words. A
// pair's Position is 1 + the ordinal of its first word; its offsets are 0,
// which the index stores in a byte each.
type pairsSplitter struct{}

// Tokenize implements analysis.Tokenizer.
func (pairsSplitter) Tokenize(cut []byte) analysis.TokenStream {
	n := bytes.Count(cut, []byte{touchSep})
	out := make(analysis.TokenStream, 0, n)
	backing := make([]analysis.Token, 0, n)
	prevStart, prevTouches := 0, false
	eachWord(cut, func(i, start, end int, touchesNext bool) {
		if prevTouches && prevStart < start-1 && start < end {
			backing = append(backing, analysis.Token{Term: cut[prevStart:end:end], Position: i, Type: tokenType(cut[prevStart])})
			out = append(out, &backing[len(backing)-1])
		}
		prevStart, prevTouches = start, touchesNext
	})
	return out
}

// eachWord calls f with the ordinal, the offsets and the touch mark of
// each word of a cut.
func eachWord(cut []byte, f func(i, start, end int, touchesNext bool)) {
	i, start := 0, 0
	for at, c := range cut {
		if c == touchSep || c == gapSep {
			f(i, start, at, c == touchSep)
			i, start = i+1, at+1
		}
	}
	f(i, start, len(cut), false)
}

func tokenType(first byte) analysis.TokenType {
	if first < utf8.RuneSelf {
		return analysis.AlphaNumeric
	}
	return analysis.Ideographic
}

// cutText returns the cut of text (see the top of this file).
func (c *subCache) cutText(seg *segment.Segmenter, text string) string {
	toks := c.leaves(seg, spaceControls(text))
	var b strings.Builder
	b.Grow(len(text) + len(toks))
	for i, t := range toks {
		if i > 0 {
			if toks[i-1].End == t.Start {
				b.WriteByte(touchSep)
			} else {
				b.WriteByte(gapSep)
			}
		}
		b.WriteString(t.Text)
	}
	return strings.ToLower(b.String())
}

// spaceControls returns text with its control characters made spaces: a
// cut would take them for separators. Offsets into text stay valid, as a
// control character is one byte and never inside another character.
func spaceControls(text string) string {
	if !strings.ContainsFunc(text, func(r rune) bool { return r < ' ' }) {
		return text
	}
	b := []byte(text)
	for i, c := range b {
		if c < ' ' {
			b[i] = ' '
		}
	}
	return string(b)
}

// subCache remembers the finest words of the words of the normal cut: the
// same few thousand words (安全生产, 重大事故隐患 …) recur in every document,
// and cutting them again would cost a fifth of indexing. It stops growing
// at subCacheMax words.
type subCache struct {
	m sync.Map // word → []segment.Token, offsets relative to the word
	n atomic.Int64
}

const subCacheMax = 200000

// leaves returns the finest words of text, in order: the words of its
// normal cut, each of more than two characters cut again by gse's search
// mode given that word alone, down to words that cut no further
// (经营性自建房 → 经营, 性, 自建房 → 自, 建房). gse's search mode keeps a long
// word whole inside a sentence, so the finer words are found one word at a
// time; that also makes a word's finest words the same in any context.
func (c *subCache) leaves(seg *segment.Segmenter, text string) []segment.Token {
	toks := seg.Tokens(text, false)
	out := make([]segment.Token, 0, len(toks)+len(toks)/2)
	for _, t := range toks {
		if utf8.RuneCountInString(t.Text) <= 2 {
			out = append(out, t) // the common case: cuts no further
			continue
		}
		for _, l := range c.leavesOf(seg, t.Text) {
			out = append(out, segment.Token{Text: l.Text, Start: t.Start + l.Start, End: t.Start + l.End})
		}
	}
	return out
}

// leavesOf returns the finest words of one word, with offsets into it.
func (c *subCache) leavesOf(seg *segment.Segmenter, word string) []segment.Token {
	whole := []segment.Token{{Text: word, Start: 0, End: len(word)}}
	if utf8.RuneCountInString(word) <= 2 {
		return whole
	}
	if v, ok := c.m.Load(word); ok {
		return v.([]segment.Token)
	}
	subs := seg.Tokens(word, true)
	out := whole
	if len(subs) > 1 {
		out = nil
		for _, s := range subs {
			for _, l := range c.leavesOf(seg, s.Text) {
				out = append(out, segment.Token{Text: l.Text, Start: s.Start + l.Start, End: s.Start + l.End})
			}
		}
	}
	if c.n.Load() < subCacheMax {
		if _, loaded := c.m.LoadOrStore(word, out); !loaded {
			c.n.Add(1)
		}
	}
	return out
}
