package index

import (
	"fmt"
	"sort"
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

// Tokenizer is a bleve tokenizer that cuts Chinese text with gse. It emits
// the words of the normal cut and the finer words inside them (安全生产
// gives 安全生产, 安全 and 生产; see cutAll), so that a query for a long word
// and one for its parts both find the text. A token's Position is 1 + the rune offset of its
// first character: overlapping words share positions consistently, and a
// phrase query built with the same rule (see phraseSlots) matches whatever
// way the text was cut around it.
//
// A Tokenizer made by the registry is unbound and emits nothing until
// Bind gives it a Segmenter; Open does this.
type Tokenizer struct {
	seg atomic.Pointer[segment.Segmenter]
	sub subCache
}

// subCache remembers how long words cut finer: the same few thousand
// words (安全生产, 重大事故隐患 …) recur in every document, and cutting them
// again costs a fifth of indexing. It stops growing at subCacheMax words.
type subCache struct {
	m sync.Map // word → []segment.Token, offsets relative to the word
	n atomic.Int64
}

const subCacheMax = 200000

func (c *subCache) cut(seg *segment.Segmenter, word string) []segment.Token {
	if v, ok := c.m.Load(word); ok {
		return v.([]segment.Token)
	}
	var out []segment.Token
	for _, s := range seg.Tokens(word, true) {
		if s.End-s.Start != len(word) {
			out = append(out, s)
		}
	}
	if c.n.Load() < subCacheMax {
		if _, loaded := c.m.LoadOrStore(word, out); !loaded {
			c.n.Add(1)
		}
	}
	return out
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
	return toStream(input, t.sub.cutAll(seg, string(input)))
}

// cutAll returns the words of text at every level: the words of the
// normal cut, and inside each word of more than two characters the words
// gse's search mode cuts it into when given that word alone, down to words
// that cut no further (经营性自建房 → 经营, 性, 自建房 → 自, 建房). gse's search
// mode keeps a long word whole inside a sentence, so the finer words are
// found one word at a time. Tokens are ordered by start, then by end.
func (c *subCache) cutAll(seg *segment.Segmenter, text string) []segment.Token {
	toks := seg.Tokens(text, false)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if utf8.RuneCountInString(t.Text) <= 2 {
			continue
		}
		for _, s := range c.cut(seg, t.Text) {
			sub := segment.Token{Text: s.Text, Start: t.Start + s.Start, End: t.Start + s.End}
			if !hasSpan(toks, sub) {
				toks = append(toks, sub)
			}
		}
	}
	sort.SliceStable(toks, func(i, j int) bool {
		if toks[i].Start != toks[j].Start {
			return toks[i].Start < toks[j].Start
		}
		return toks[i].End < toks[j].End
	})
	return toks
}

func hasSpan(toks []segment.Token, t segment.Token) bool {
	for _, p := range toks {
		if p.Start == t.Start && p.End == t.End {
			return true
		}
	}
	return false
}

// leaves returns the tokens of an ordered cutAll result that hold no other
// token: the finest cut of the text.
func leaves(toks []segment.Token) []segment.Token {
	var out []segment.Token
	for i, t := range toks {
		leaf := true
		for j, u := range toks {
			if i != j && t.Start <= u.Start && u.End <= t.End {
				leaf = false
				break
			}
		}
		if leaf {
			out = append(out, t)
		}
	}
	return out
}

// toStream adapts gse tokens (byte offsets into input) to bleve tokens with
// rune positions.
func toStream(input []byte, toks []segment.Token) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(toks))
	runes, at := 0, 0
	for _, tk := range toks {
		runes += utf8.RuneCount(input[at:tk.Start])
		at = tk.Start
		typ := analysis.Ideographic
		if r, _ := utf8.DecodeRune(input[tk.Start:]); r < utf8.RuneSelf {
			typ = analysis.AlphaNumeric
		}
		out = append(out, &analysis.Token{
			Start:    tk.Start,
			End:      tk.End,
			Term:     input[tk.Start:tk.End],
			Position: runes + 1,
			Type:     typ,
		})
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
