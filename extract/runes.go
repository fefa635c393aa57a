package extract

import "strings"

// Sets of runes the rules test texts for, in one pass over a text
// (strings.ContainsAny scans the text once per rune of its set). Built once
// and never changed.
var (
	bodyEndRunes      = newRuneSet("组班部会室")
	byPeriodNeeds     = newRuneSet("按逐")
	byRunes           = newRuneSet("由请求")
	clauseMarkRunes   = newRuneSet("，,；;")
	colonRunes        = newRuneSet("：:")
	dateWordRunes     = newRuneSet("年季半即.．春元清端中国五劳除农")
	digitRunes        = newRuneSet("0123456789")
	monthRunes        = newRuneSet("月")
	dayRunes          = newRuneSet("日号")
	dutyNeeds         = newRuneSet("实建落执坚开制双")
	listMarkRunes     = newRuneSet("、，,")
	notInNameRunes    = newRuneSet("，,。；;：:“”")
	notInSubjectRunes = newRuneSet("；;。：:“”《》")
	oneEachNeeds      = newRuneSet("一")
	parenRunes        = newRuneSet("（()）")
	periodRunes       = newRuneSet("每年季周月日旬期双")
	periodicNounNeeds = newRuneSet("度")
	quoteNeeds        = newRuneSet(`“"「`)
	withinYearNeeds   = newRuneSet("年内")
)

// anyOf reports whether s holds a rune of set.
func anyOf(s string, set *runeSet) bool {
	if set.few != nil {
		for _, r := range set.few {
			if strings.Contains(s, r) {
				return true
			}
		}
		return false
	}
	for _, r := range s {
		if set.has(r) {
			return true
		}
	}
	return false
}

// runeSet is a set of runes of the Basic Multilingual Plane, one bit each,
// for tests made on every rune of a text.
type runeSet struct {
	bits [1 << 16 / 64]uint64
	// few are the set's runes when it has at most maxFew: a text is
	// searched for each by a byte search, faster than decoding its runes.
	few []string
}

// maxFew is the most runes a set is searched for one by one.
const maxFew = 4

func newRuneSet(s string) *runeSet {
	set := &runeSet{}
	var rs []string
	bmp := true
	for _, r := range s {
		if r < 1<<16 {
			set.bits[r/64] |= 1 << (r % 64)
		}
		bmp = bmp && r < 1<<16
		rs = append(rs, string(r))
	}
	if len(rs) <= maxFew && bmp {
		set.few = rs
	}
	return set
}

func (set *runeSet) has(r rune) bool {
	return r >= 0 && r < 1<<16 && set.bits[r/64]&(1<<(r%64)) != 0
}
