package ingest

import (
	"regexp"
	"regexp/syntax"
	"unicode/utf8"
)

// openScan runs an expression whose matches open with one of a few runes
// (根据|依据|按照 …, 全|我|本) only where one of them stands: the runes are
// found byte by byte (runeSet) and the expression, anchored, is tried
// there. Go's regexp has no such prefilter for an alternation of words,
// so it steps its machine through every position of a long text. The
// matches are those of the expression itself: the leftmost start is the
// first place the anchored expression matches, and at a given start the
// anchored and the unanchored expression choose the same match.
type openScan struct {
	re    *regexp.Regexp
	at    *regexp.Regexp // re anchored at the start; nil when re opens with no short list of runes
	first *runeSet
}

// maxOpenRunes bounds the runes an openScan looks for; an expression that
// may open with more is run as it is.
const maxOpenRunes = 32

// newOpenScan prepares re; it never fails (a pattern without a short list
// of opening runes is simply run as it is). re must not match the empty
// string.
func newOpenScan(re *regexp.Regexp) *openScan {
	o := &openScan{re: re}
	p, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return o
	}
	rs, ok := firstRunes(p.Simplify())
	if !ok || len(rs) == 0 || len(rs) > maxOpenRunes {
		return o
	}
	o.at = regexp.MustCompile(`^(?:` + re.String() + `)`)
	o.first = newRuneSet(string(rs))
	return o
}

// firstRunes returns the runes every match of p opens with, ok false when
// they are no short list: a match that may be empty or open with a wide
// class, a case-folded literal, or an assertion.
func firstRunes(p *syntax.Regexp) ([]rune, bool) {
	switch p.Op {
	case syntax.OpLiteral:
		if len(p.Rune) == 0 || p.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return p.Rune[:1], true
	case syntax.OpCharClass:
		var rs []rune
		for i := 0; i+1 < len(p.Rune); i += 2 {
			for r := p.Rune[i]; r <= p.Rune[i+1]; r++ {
				if len(rs) == maxOpenRunes {
					return nil, false
				}
				rs = append(rs, r)
			}
		}
		return rs, len(rs) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return firstRunes(p.Sub[0])
	case syntax.OpRepeat:
		if p.Min < 1 {
			return nil, false
		}
		return firstRunes(p.Sub[0])
	case syntax.OpConcat:
		if len(p.Sub) == 0 {
			return nil, false
		}
		return firstRunes(p.Sub[0])
	case syntax.OpAlternate:
		var rs []rune
		for _, s := range p.Sub {
			sub, ok := firstRunes(s)
			if !ok {
				return nil, false
			}
			rs = append(rs, sub...)
		}
		return rs, true
	}
	return nil, false
}

// findAll returns the successive non-overlapping matches of the
// expression in s, as FindAllStringSubmatchIndex(s, -1) does.
func (o *openScan) findAll(s string) [][]int {
	if o.at == nil {
		return o.re.FindAllStringSubmatchIndex(s, -1)
	}
	var out [][]int
	for i := 0; i < len(s); {
		k := o.first.index(s[i:])
		if k < 0 {
			break
		}
		p := i + k
		if m := o.at.FindStringSubmatchIndex(s[p:]); m != nil && m[1] > 0 {
			for j := range m {
				if m[j] >= 0 {
					m[j] += p
				}
			}
			out = append(out, m)
			i = m[1]
			continue
		}
		_, size := utf8.DecodeRuneInString(s[p:])
		i = p + size
	}
	return out
}
