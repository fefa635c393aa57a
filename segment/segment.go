package segment

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// general is the most frequent part of gse's simplified-Chinese dictionary,
// written by internal/gendict. The full dictionary costs ~2 s and ~370 MB to
// load; this subset loads in ~0.15 s.
//
//go:embed dict/general.txt
var general string

// domain lists the bodies, short forms and policy terms of safety-work
// documents (安委办, 双重预防机制 …), one "word freq pos" a line.
//
//go:embed dict/domain.txt
var domain string

// Token is a word of a text with its byte offsets.
type Token struct {
	Text  string
	Start int
	End   int
}

// Segmenter cuts text into words. The zero value is not usable; call New.
type Segmenter struct {
	seg gse.Segmenter
}

// New loads the embedded dictionaries and returns a Segmenter.
func New() (*Segmenter, error) {
	s := &Segmenter{}
	s.seg.SkipLog = true
	if err := s.seg.LoadDictStr(general + domain); err != nil {
		return nil, fmt.Errorf("segment: load dictionary: %w", err)
	}
	return s, nil
}

// Cut returns the words of text in order, without HMM guessing of unknown
// words, so the same text always gives the same words.
func (s *Segmenter) Cut(text string) []string {
	return s.seg.Cut(text)
}

// Tokens returns the words of text with their byte offsets. In search mode a
// long word is cut into its shortest dictionary words (安全生产 → 安全, 生产),
// so that an index and its queries cut alike and 安全生产 matches 安全.
// Spaces and punctuation are dropped.
func (s *Segmenter) Tokens(text string, search bool) []Token {
	segs := s.seg.ModeSegment([]byte(text), search)
	out := make([]Token, 0, len(segs))
	for _, sg := range segs {
		w := text[sg.Start():sg.End()]
		if !isWord(w) {
			continue
		}
		out = append(out, Token{Text: w, Start: sg.Start(), End: sg.End()})
	}
	return out
}

// isWord reports whether w holds a letter or digit.
func isWord(w string) bool {
	return strings.IndexFunc(w, func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}) >= 0 && utf8.ValidString(w)
}
