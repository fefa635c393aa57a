package index

import (
	"fmt"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/dutymap/dutymap/segment"
)

// TokenizerType is the name under which the gse tokenizer is registered in
// bleve's registry; AnalyzerName is the analyzer the text field uses.
const (
	TokenizerType = "dutymap_gse"
	AnalyzerName  = "dutymap_zh"
)

// bleve's registry is process-wide and filled at init time, as bleve's own
// analyzers are. What is registered is only a constructor: it builds an
// unbound Tokenizer, and Open binds the Segmenter it was handed to the
// instance that the index's mapping built. So the segmenter is built once by
// the caller and passed in, never kept in a package variable.
func init() {
	if err := registry.RegisterTokenizer(TokenizerType, newTokenizer); err != nil {
		panic(err) // a duplicate name is a programming error caught by every test
	}
}

func newTokenizer(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
	return &Tokenizer{}, nil
}

// pairSep joins two adjacent words into a pair term; no word contains it.
const pairSep = "\x1f"

// Tokenizer is a bleve tokenizer that cuts Chinese text with gse into its
// finest words (see leaves: 安全生产 gives 安全 and 生产) and emits each word
// and each pair of adjacent words (安全␟生产). A token's Position is 1 + the
// rune offset of its start.
//
// Any string is then found as the pairs of its finest words at the right
// distances (see textQuery): 安全生产 as the term 安全␟生产, and 安全 alone
// inside it. Pairs are far rarer than words, so phrases of the most common
// words (安全生产责任) stay fast, which phrase queries over the words
// themselves do not.
//
// A Tokenizer made by the registry is unbound and emits nothing until
// Bind gives it a Segmenter; Open does this.
type Tokenizer struct {
	seg atomic.Pointer[segment.Segmenter]
	sub subCache
}

// NewTokenizer returns a Tokenizer bound to seg.
func NewTokenizer(seg *segment.Segmenter) *Tokenizer {
	t := &Tokenizer{}
	t.Bind(seg)
	return t
}

// Bind sets the Segmenter the tokenizer cuts with.
func (t *Tokenizer) Bind(seg *segment.Segmenter) { t.seg.Store(seg) }

// Tokenize implements analysis.Tokenizer.
func (t *Tokenizer) Tokenize(input []byte) analysis.TokenStream {
	seg := t.seg.Load()
	if seg == nil {
		return nil
	}
	return toStream(input, t.sub.leaves(seg, string(input)))
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

// toStream adapts gse words (byte offsets into input, in order) to bleve
// tokens with rune positions, adding a pair token for every two words that
// touch.
func toStream(input []byte, toks []segment.Token) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, 2*len(toks))
	// One array backs every token and one buffer every pair term, rather
	// than an allocation each.
	backing := make([]analysis.Token, 0, 2*len(toks))
	pairs := make([]byte, 0, 2*len(input)+len(toks)*len(pairSep))
	runes, at := 0, 0
	for i, tk := range toks {
		runes += utf8.RuneCount(input[at:tk.Start])
		at = tk.Start
		typ := analysis.Ideographic
		if r, _ := utf8.DecodeRune(input[tk.Start:]); r < utf8.RuneSelf {
			typ = analysis.AlphaNumeric
		}
		backing = append(backing, analysis.Token{
			Start: tk.Start, End: tk.End, Term: input[tk.Start:tk.End], Position: runes + 1, Type: typ,
		})
		out = append(out, &backing[len(backing)-1])
		if i+1 < len(toks) && toks[i+1].Start == tk.End {
			next := toks[i+1]
			from := len(pairs)
			pairs = append(append(append(pairs, input[tk.Start:tk.End]...), pairSep...), input[next.Start:next.End]...)
			backing = append(backing, analysis.Token{
				Start: tk.Start, End: next.End, Term: pairs[from:len(pairs):len(pairs)], Position: runes + 1, Type: typ,
			})
			out = append(out, &backing[len(backing)-1])
		}
	}
	return out
}

// bindAnalyzer binds seg to the Tokenizer inside the named analyzer of an
// index mapping's cache.
func bindAnalyzer(a analysis.Analyzer, seg *segment.Segmenter) error {
	da, ok := a.(*analysis.DefaultAnalyzer)
	if !ok {
		return fmt.Errorf("analyzer %s is a %T, want *analysis.DefaultAnalyzer", AnalyzerName, a)
	}
	tk, ok := da.Tokenizer.(*Tokenizer)
	if !ok {
		return fmt.Errorf("analyzer %s has tokenizer %T, want the gse tokenizer", AnalyzerName, da.Tokenizer)
	}
	tk.Bind(seg)
	return nil
}
