package ingest

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// litScan runs an expression only where one of the literal prefixes its
// matches open with stands (根据|依据|按照 …, 全镇|我县 …, 要点|方案|通知 …).
// Go's regexp has a prefilter for one literal prefix only; for an
// alternation of words it steps its machine through every position of
// the text. A litScan finds the prefixes by their first bytes and tries
// the expression, anchored and cut to its longest match, only there; an
// expression that is nothing but its words (a complete set) is not run at
// all. The answers are those of the expression: the leftmost match starts
// at the first place the anchored expression matches, and at a given
// start the anchored expression and the unanchored one choose the same
// match; a complete set lists its words in the expression's order of
// preference.
type litScan struct {
	re       *regexp.Regexp
	at       *regexp.Regexp // re anchored at the start; nil without prefixes or when complete
	prefixes []string       // in the order the expression prefers them
	complete bool           // every match is one of prefixes (and re has no groups)
	lead     [256]bool      // first bytes of the prefixes
	maxLen   int            // longest match in bytes, -1 if unbounded or context-dependent
}

// maxPrefixes bounds how many prefixes a litScan holds; an expression
// with more is cut to shorter prefixes, and one that opens with a wide
// class (any Han character) is run as it is.
const maxPrefixes = 64

// newLitScan prepares re, which must not match the empty string. It never
// fails: a pattern without literal prefixes is simply run as it is.
func newLitScan(re *regexp.Regexp) *litScan {
	l := &litScan{re: re, maxLen: -1}
	p, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return l
	}
	p = p.Simplify()
	if looksBack(p) {
		return l // the anchored expression would see a start of text at each try
	}
	set, complete := literals(p)
	for _, s := range set {
		if s == "" {
			return l // a match may open anywhere
		}
	}
	if len(set) == 0 {
		return l
	}
	l.complete = complete && re.NumSubexp() == 0
	if !l.complete {
		set = shortest(set) // any prefix will do: keep those no other one opens
	}
	l.prefixes = set
	for _, s := range set {
		l.lead[s[0]] = true
	}
	if !l.complete {
		l.at = regexp.MustCompile(`^(?:` + re.String() + `)`)
		l.maxLen = matchLen(p)
	}
	return l
}

// shortest returns the strings of set that hold no other one of set as
// their prefix, in their order, once each.
func shortest(set []string) []string {
	var out []string
	for i, s := range set {
		keep := true
		for j, t := range set {
			if j != i && strings.HasPrefix(s, t) && (len(t) < len(s) || j < i) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, s)
		}
	}
	return out
}

// literals returns the literal strings the matches of p open with, in
// the order p prefers them, and whether every match is one of them. A
// part that is no finite set of literals ends the prefixes.
func literals(p *syntax.Regexp) ([]string, bool) {
	switch p.Op {
	case syntax.OpLiteral:
		if p.Flags&syntax.FoldCase != 0 {
			return []string{""}, false
		}
		return []string{string(p.Rune)}, true
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(p.Rune); i += 2 {
			for r := p.Rune[i]; r <= p.Rune[i+1]; r++ {
				if len(out) == maxPrefixes {
					return []string{""}, false
				}
				out = append(out, string(r))
			}
		}
		return out, true
	case syntax.OpCapture:
		return literals(p.Sub[0])
	case syntax.OpEmptyMatch:
		return []string{""}, true
	case syntax.OpQuest:
		sub, complete := literals(p.Sub[0])
		if p.Flags&syntax.NonGreedy != 0 {
			return append([]string{""}, sub...), complete
		}
		return append(sub, ""), complete
	case syntax.OpPlus:
		sub, _ := literals(p.Sub[0])
		return sub, false
	case syntax.OpAlternate:
		var out []string
		complete := true
		for _, s := range p.Sub {
			sub, c := literals(s)
			out = append(out, sub...)
			complete = complete && c
		}
		if len(out) > maxPrefixes {
			return []string{""}, false
		}
		return out, complete
	case syntax.OpConcat:
		out := []string{""}
		for _, s := range p.Sub {
			sub, c := literals(s)
			if len(out)*len(sub) > maxPrefixes {
				return out, false
			}
			next := make([]string, 0, len(out)*len(sub))
			for _, a := range out {
				for _, b := range sub {
					next = append(next, a+b)
				}
			}
			out = next
			if !c {
				return out, false
			}
		}
		return out, true
	}
	// A star, a wide class, any character, an assertion: nothing known.
	return []string{""}, false
}

// looksBack reports whether p holds an assertion about the text before a
// position (^, \A, \b, \B).
func looksBack(p *syntax.Regexp) bool {
	switch p.Op {
	case syntax.OpBeginLine, syntax.OpBeginText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	for _, s := range p.Sub {
		if looksBack(s) {
			return true
		}
	}
	return false
}

// matchLen returns the longest match of p in bytes, -1 when it is
// unbounded or when an assertion looks at the text after the match.
func matchLen(p *syntax.Regexp) int {
	switch p.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range p.Rune {
			n += utf8.RuneLen(r)
		}
		return n
	case syntax.OpCharClass:
		if len(p.Rune) == 0 {
			return 0
		}
		return utf8.RuneLen(min(p.Rune[len(p.Rune)-1], utf8.MaxRune))
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return utf8.UTFMax
	case syntax.OpEmptyMatch:
		return 0
	case syntax.OpCapture, syntax.OpQuest:
		return matchLen(p.Sub[0])
	case syntax.OpRepeat:
		n := matchLen(p.Sub[0])
		if n < 0 || p.Max < 0 {
			return -1
		}
		return n * p.Max
	case syntax.OpAlternate:
		n := 0
		for _, s := range p.Sub {
			k := matchLen(s)
			if k < 0 {
				return -1
			}
			n = max(n, k)
		}
		return n
	case syntax.OpConcat:
		n := 0
		for _, s := range p.Sub {
			k := matchLen(s)
			if k < 0 {
				return -1
			}
			n += k
		}
		return n
	}
	return -1 // star, plus, end of text or line, word boundaries
}

// matchAt returns the match that starts at offset i of s (submatch offsets
// into s), nil if none.
func (l *litScan) matchAt(s string, i int) []int {
	if !l.lead[s[i]] {
		return nil
	}
	for _, p := range l.prefixes {
		if !strings.HasPrefix(s[i:], p) {
			continue
		}
		if l.complete {
			return []int{i, i + len(p)}
		}
		end := len(s)
		if l.maxLen >= 0 {
			end = min(end, i+l.maxLen)
		}
		m := l.at.FindStringSubmatchIndex(s[i:end])
		if m == nil {
			return nil
		}
		for j := range m {
			if m[j] >= 0 {
				m[j] += i
			}
		}
		return m
	}
	return nil
}

// find returns the submatch offsets of the first match in s, nil if none,
// as FindStringSubmatchIndex does.
func (l *litScan) find(s string) []int {
	if l.prefixes == nil {
		return l.re.FindStringSubmatchIndex(s)
	}
	for i := 0; i < len(s); i++ {
		if m := l.matchAt(s, i); m != nil {
			return m
		}
	}
	return nil
}

// match reports whether s holds a match.
func (l *litScan) match(s string) bool {
	if l.prefixes == nil {
		return l.re.MatchString(s)
	}
	return l.find(s) != nil
}

// findAll returns the successive non-overlapping matches in s, as
// FindAllStringSubmatchIndex(s, -1) does.
func (l *litScan) findAll(s string) [][]int {
	if l.prefixes == nil {
		return l.re.FindAllStringSubmatchIndex(s, -1)
	}
	var out [][]int
	for i := 0; i < len(s); i++ {
		if m := l.matchAt(s, i); m != nil {
			out = append(out, m)
			i = m[1] - 1
		}
	}
	return out
}
