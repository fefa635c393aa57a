package ingest

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"
)

// pattern is a regular expression with literal prefilters read off its
// syntax, answering as *regexp.Regexp does. Go's regexp has a prefilter
// for one literal prefix only; for an alternation of words (根据|依据|按照,
// 要点|方案|通知 …) it steps its machine through every position of the
// text, and every call, even one that fails on the first rune, clears
// state sized by the input. A pattern instead
//
//   - gives up at once on a text that lacks a rune every match holds
//     (the 年 of a date, the 号 of a document number);
//   - finds the literal prefixes its matches open with by their first two
//     bytes and runs the expression, anchored and cut to its longest
//     match, only where one stands (for an expression anchored with ^,
//     only at the start); an expression that is nothing but its words is
//     not run at all.
//
// The answers are those of the expression: the leftmost match starts at
// the first place the anchored expression matches, and at a given start
// the anchored and the unanchored expression choose the same match; a
// complete set of words lists them in the expression's order of
// preference. An expression that matches the empty string, or looks at
// the text before a position (\b, ^ after the start), runs as it is.
type pattern struct {
	re       *regexp.Regexp
	at       *regexp.Regexp // re anchored at the start (nil: no prefixes, or complete)
	prefixes []string       // in the order the expression prefers them
	complete bool           // every match is one of prefixes (and re has no groups)
	start    bool           // matches open at the start of the text only
	lead     [256]bool      // first bytes of the prefixes
	second   [256]bool      // second bytes of the prefixes
	need     []string       // runes every match holds
	maxLen   int            // longest match in bytes; -1 unbounded or looking past its end
	stop     *wordSet       // see within
	last     *wordSet       // the runes a match ends with, nil if not a short list
	tree     *syntax.Regexp // the simplified syntax
}

// maxPrefixes bounds how many prefixes a pattern holds; an expression
// with more is cut to shorter prefixes, and one that opens with a wide
// class (any Han character) has none.
const maxPrefixes = 64

// compile compiles expr (it panics on a bad one, as regexp.MustCompile
// does: the expressions are the package's own).
func compile(expr string) *pattern {
	re := regexp.MustCompile(expr)
	p := &pattern{re: re, maxLen: -1}
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return p
	}
	tree = tree.Simplify()
	p.tree = tree
	for _, r := range needed(tree) {
		if !slices.Contains(p.need, string(r)) {
			p.need = append(p.need, string(r))
		}
	}
	body := tree
	if tree.Op == syntax.OpConcat && len(tree.Sub) > 1 && tree.Sub[0].Op == syntax.OpBeginText {
		p.start = true
		body = &syntax.Regexp{Op: syntax.OpConcat, Sub: tree.Sub[1:]}
	}
	if looksBack(body) {
		return p
	}
	set, complete := literals(body)
	if len(set) == 0 {
		return p
	}
	for _, s := range set {
		if s == "" {
			return p // a match may open with anything
		}
	}
	p.complete = complete && re.NumSubexp() == 0
	if !p.complete {
		set = shortest(set) // any prefix will do: keep those no other one opens
		p.at = re
		if !p.start {
			p.at = regexp.MustCompile(`^(?:` + expr + `)`)
		}
		p.maxLen = matchLen(body)
	}
	p.prefixes = set
	for _, s := range set {
		p.lead[s[0]] = true
		if len(s) > 1 {
			p.second[s[1]] = true
		}
	}
	for _, s := range set {
		if len(s) == 1 {
			p.second = [256]bool{} // a one-byte prefix: no second byte to test
			for c := range p.second {
				p.second[c] = true
			}
			break
		}
	}
	return p
}

// within declares that every match of the expression holds exactly one
// rune of stop, its last (a clause ended by its bracket: 根据…方案（), so
// that the anchored expression is run on the text up to the first such
// rune only, and not at all when that rune is none a match can end with.
// It returns p.
func (p *pattern) within(stop string) *pattern {
	p.stop = newRuneSet(stop)
	if p.tree != nil && p.tree.Op == syntax.OpConcat {
		if set, ok := literals(p.tree.Sub[len(p.tree.Sub)-1]); ok {
			var rs []string
			for _, s := range set {
				if utf8.RuneCountInString(s) != 1 {
					return p
				}
				rs = append(rs, s)
			}
			p.last = newWordSet(rs...)
		}
	}
	return p
}

// String returns the source text of the expression.
func (p *pattern) String() string { return p.re.String() }

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

// needed returns the runes (other than ASCII) every match of p holds, in
// no particular order.
func needed(p *syntax.Regexp) []rune {
	switch p.Op {
	case syntax.OpLiteral:
		if p.Flags&syntax.FoldCase != 0 {
			return nil
		}
		var out []rune
		for _, r := range p.Rune {
			if r >= utf8.RuneSelf {
				out = append(out, r)
			}
		}
		return out
	case syntax.OpCharClass:
		if len(p.Rune) == 2 && p.Rune[0] == p.Rune[1] && p.Rune[0] >= utf8.RuneSelf {
			return []rune{p.Rune[0]}
		}
	case syntax.OpCapture, syntax.OpPlus:
		return needed(p.Sub[0])
	case syntax.OpRepeat:
		if p.Min > 0 {
			return needed(p.Sub[0])
		}
	case syntax.OpConcat:
		var out []rune
		for _, s := range p.Sub {
			out = append(out, needed(s)...)
		}
		return out
	case syntax.OpAlternate:
		out := needed(p.Sub[0])
		for _, s := range p.Sub[1:] {
			in := needed(s)
			var both []rune
			for _, r := range out {
				for _, q := range in {
					if r == q {
						both = append(both, r)
						break
					}
				}
			}
			out = both
		}
		return out
	}
	return nil
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

// has reports whether s holds every rune each match needs.
func (p *pattern) has(s string) bool {
	for _, r := range p.need {
		if !strings.Contains(s, r) {
			return false
		}
	}
	return true
}

// matchAt returns the match that starts at offset i of s (submatch offsets
// into s), nil if none.
func (p *pattern) matchAt(s string, i int) []int {
	if !p.lead[s[i]] || i+1 < len(s) && !p.second[s[i+1]] {
		return nil
	}
	for _, x := range p.prefixes {
		if !strings.HasPrefix(s[i:], x) {
			continue
		}
		if p.complete {
			return []int{i, i + len(x)}
		}
		end := len(s)
		if p.maxLen >= 0 {
			end = min(end, i+p.maxLen)
		}
		if p.stop != nil {
			if k := p.stop.index(s[i+len(x) : end]); k >= 0 {
				r, size := utf8.DecodeRuneInString(s[i+len(x)+k:])
				if p.last != nil && !p.last.has(r) {
					return nil // the clause ends in a rune no match ends with
				}
				end = i + len(x) + k + size
			}
		}
		m := p.at.FindStringSubmatchIndex(s[i:end])
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

// FindStringSubmatchIndex returns the submatch offsets of the first match
// in s, nil if none.
func (p *pattern) FindStringSubmatchIndex(s string) []int {
	if !p.has(s) {
		return nil
	}
	if p.prefixes == nil {
		return p.re.FindStringSubmatchIndex(s)
	}
	if p.start {
		if s == "" {
			return nil
		}
		return p.matchAt(s, 0)
	}
	for i := 0; i < len(s); i++ {
		if m := p.matchAt(s, i); m != nil {
			return m
		}
	}
	return nil
}

// FindStringIndex returns the offsets of the first match in s, nil if none.
func (p *pattern) FindStringIndex(s string) []int {
	if m := p.FindStringSubmatchIndex(s); m != nil {
		return m[:2]
	}
	return nil
}

// FindStringSubmatch returns the text of the first match and its groups
// ("" for a group that took no part), nil if none.
func (p *pattern) FindStringSubmatch(s string) []string {
	m := p.FindStringSubmatchIndex(s)
	if m == nil {
		return nil
	}
	out := make([]string, len(m)/2)
	for i := range out {
		if m[2*i] >= 0 {
			out[i] = s[m[2*i]:m[2*i+1]]
		}
	}
	return out
}

// MatchString reports whether s holds a match.
func (p *pattern) MatchString(s string) bool {
	if !p.has(s) {
		return false
	}
	if p.prefixes == nil {
		return p.re.MatchString(s)
	}
	return p.FindStringSubmatchIndex(s) != nil
}

// FindAllStringSubmatchIndex returns the successive non-overlapping
// matches in s; n < 0 means all of them.
func (p *pattern) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !p.has(s) || n == 0 {
		return nil
	}
	if p.prefixes == nil {
		return p.re.FindAllStringSubmatchIndex(s, n)
	}
	if p.start { // one match at most, at the start
		if m := p.FindStringSubmatchIndex(s); m != nil {
			return [][]int{m}
		}
		return nil
	}
	var out [][]int
	for i := 0; i < len(s) && (n < 0 || len(out) < n); i++ {
		if m := p.matchAt(s, i); m != nil {
			out = append(out, m)
			i = m[1] - 1
		}
	}
	return out
}

// FindAllStringIndex returns the offsets of the successive
// non-overlapping matches in s; n < 0 means all of them.
func (p *pattern) FindAllStringIndex(s string, n int) [][]int {
	ms := p.FindAllStringSubmatchIndex(s, n)
	for i, m := range ms {
		ms[i] = m[:2]
	}
	return ms
}
