package fold

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/liuzl/gocc"
	"golang.org/x/text/unicode/norm"
)

// table maps folded runes: bmp for runes below U+10000 (0 where a rune
// stays), astral for the few four-byte runes that fold to four-byte runes.
type table struct {
	bmp    []uint16
	astral map[rune]rune
}

// tables is the folding table, built on first use and immutable after.
var tables = sync.OnceValue(build)

// String returns s folded: every rune replaced by its simplified or plain
// form where that has the same UTF-8 length, so len(String(s)) == len(s)
// and both have their rune boundaries at the same offsets. Invalid UTF-8
// bytes are kept as they are. When nothing changes, s itself is returned
// (no copy).
func String(s string) string {
	t := tables()
	// Find the first rune that changes; most text has none or few.
	i := 0
	for i < len(s) {
		if s[i] < 0xE0 { // ASCII and two-byte runes never fold
			i++
			continue
		}
		r, size := decode(s, i)
		if f := t.fold(r); f != r {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, len(s))
	copy(b, s[:i])
	for i < len(s) {
		c := s[i]
		if c < 0xE0 {
			b[i] = c
			i++
			continue
		}
		r, size := decode(s, i)
		if f := t.fold(r); f != r {
			utf8.EncodeRune(b[i:], f)
		} else {
			copy(b[i:i+size], s[i:i+size])
		}
		i += size
	}
	return string(b)
}

// decode returns the rune at s[i] (a byte of at least 0xE0) and its size,
// as utf8.DecodeRuneInString does; the three-byte runes of Chinese text
// are decoded inline, which is the hot path of folding.
func decode(s string, i int) (rune, int) {
	if c := s[i]; c < 0xF0 && i+2 < len(s) {
		b1, b2 := s[i+1], s[i+2]
		lo, hi := byte(0x80), byte(0xBF)
		switch c {
		case 0xE0:
			lo = 0xA0 // no overlong forms
		case 0xED:
			hi = 0x9F // no surrogates
		}
		if lo <= b1 && b1 <= hi && b2&0xC0 == 0x80 {
			return rune(c&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F), 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// Rune returns the folded form of r (r itself when it does not fold).
func Rune(r rune) rune { return tables().fold(r) }

func (t *table) fold(r rune) rune {
	if r < 0x10000 {
		if f := t.bmp[r]; f != 0 {
			return rune(f)
		}
		return r
	}
	if f, ok := t.astral[r]; ok {
		return f
	}
	return r
}

// build makes the table: OpenCC's traditional→simplified characters (the
// first candidate of each), then the compatibility forms whose NFKC form
// is one rune of the same length. A failure to read the embedded
// dictionary leaves only the compatibility forms; the tests catch it.
func build() *table {
	t := &table{bmp: make([]uint16, 0x10000), astral: map[rune]rune{}}
	set := func(from, to rune) {
		if from == to || utf8.RuneLen(from) != utf8.RuneLen(to) {
			return
		}
		if from < 0x10000 {
			t.bmp[from] = uint16(to)
			return
		}
		t.astral[from] = to
	}
	for from, to := range characters() {
		set(from, to)
	}
	// Compatibility ideographs, Kangxi and supplementary radicals, CJK
	// compatibility forms (︰﹝﹞…) and small forms: their NFKC form, when
	// it is a single rune. PDF dumps are full of Kangxi radicals (⼀ for 一).
	for _, rg := range [][2]rune{{0x2E80, 0x2FDF}, {0xF900, 0xFAFF}, {0xFE10, 0xFE1F}, {0xFE30, 0xFE6F}, {0x2F800, 0x2FA1F}} {
		for r := rg[0]; r <= rg[1]; r++ {
			n := norm.NFKC.String(string(r))
			if to, size := utf8.DecodeRuneInString(n); size == len(n) && to != utf8.RuneError {
				if t.fold(r) == r {
					// A compatibility form of a traditional character
					// lands on the simplified one.
					set(r, t.fold(to))
				}
			}
		}
	}
	return t
}

// characters reads OpenCC's character dictionary from the converter's
// embedded data: every one-rune key with its first one-rune candidate.
func characters() map[rune]rune {
	out := map[rune]rune{}
	cc, err := gocc.New("t2s")
	if err != nil {
		return out
	}
	for _, g := range cc.DictChains {
		for k, f := range g.Files {
			if !strings.HasPrefix(f, "TSCharacters") {
				continue
			}
			d := g.Dicts[k]
			for _, id := range d.Trie.PrefixPredict(nil, 0) {
				key, err := d.Trie.Key(id)
				if err != nil {
					continue
				}
				v, err := d.Trie.Value(id)
				if err != nil || v < 0 || v >= len(d.Values) || len(d.Values[v]) == 0 {
					continue
				}
				from, n := utf8.DecodeRune(key)
				to, m := utf8.DecodeRuneInString(d.Values[v][0])
				if n == len(key) && m == len(d.Values[v][0]) && from != utf8.RuneError && to != utf8.RuneError {
					out[from] = to
				}
			}
		}
	}
	return out
}
