package org

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// clean folds a name as written for matching: full-width letters, digits
// and brackets to their plain forms (〈〔【 are brackets too), white space
// removed, a leading 中共 (中共朔州市委 is 朔州市委) and a trailing 等, 等部门,
// 等有关部门 … dropped when a name remains.
func clean(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsSpace(r):
			continue
		case r == '（' || r == '〈' || r == '〔' || r == '【' || r == '［':
			r = '('
		case r == '）' || r == '〉' || r == '〕' || r == '】' || r == '］':
			r = ')'
		case r >= '！' && r <= '～':
			r = r - '！' + '!'
		}
		b.WriteRune(r)
	}
	s := b.String()
	for _, e := range []string{"等有关部门单位", "等有关部门", "等相关部门", "等有关单位", "等部门", "等单位", "等"} {
		if len(s) > len(e) && strings.HasSuffix(s, e) {
			s = strings.TrimSuffix(s, e)
			break
		}
	}
	if len(s) > len("中共") {
		s = strings.TrimPrefix(s, "中共")
	}
	return s
}

// suffixes are the words that end the name of an administrative division,
// longest first. A name may also open with one alone (市应急局, 县委, 镇政府).
var suffixes = []string{"特别行政区", "自治区", "自治州", "自治县", "自治旗", "街道", "苏木", "地区", "省", "市", "州", "盟", "县", "区", "旗", "镇", "乡"}

// leading are the suffixes a name can open with to mean "this place's":
// 市应急局, 县委宣传部, 镇政府, 街道办事处 is not one (街道 + 办事处 is the
// body's whole name, found in the table first).
var leading = []string{"街道", "省", "市", "州", "盟", "县", "区", "旗", "镇", "乡"}

// words that open with a suffix's character but name no place: 市场监管局,
// 市政园林局, 区域应急救援中心, 乡村振兴局.
var notPlaces = []string{"市场", "市政", "市容", "市民", "区域", "县域", "乡村", "州府"}

// suffixOf returns the administrative word a place name ends with, as a
// bare name would write it: 阆中市 → 市, 积翠镇 → 镇, 峨边彝族自治县 → 县.
func suffixOf(place string) string {
	for _, s := range suffixes {
		if strings.HasSuffix(place, s) && len(place) > len(s) {
			switch s {
			case "自治县":
				return "县"
			case "自治旗":
				return "旗"
			case "自治州":
				return "州"
			case "特别行政区":
				return "自治区" // a province-level suffix that no bare name uses
			}
			return s
		}
	}
	return ""
}

// leadingSuffix returns the suffix s opens with and the rest; "" if none.
// 级 after it is part of the level word (市级部门 is 市 + 部门). A word that
// opens with a suffix's character but names no place (市场, 市政, 区域, 乡村)
// is kept whole unless what follows the character is a body known names
// (known: 市民政局 is 市 + 民政局, 市政府办 is 市 + 政府办).
func leadingSuffix(s string, known func(string) bool) (suffix, rest string) {
	for _, suf := range leading {
		r, ok := strings.CutPrefix(s, suf)
		if !ok {
			continue
		}
		r = strings.TrimPrefix(r, "级")
		if known == nil || !known(r) {
			for _, w := range notPlaces {
				if strings.HasPrefix(s, w) {
					return "", s
				}
			}
		}
		return suf, r
	}
	return "", s
}

// anonymous are the characters that stand for a place name left out.
const anonymous = "xX*×○某"

// anonPrefix returns the length in bytes of the run of anonymous characters
// that opens s (xx市, **镇, xx海事局).
func anonPrefix(s string) int {
	n := 0
	for n < len(s) {
		r, w := utf8.DecodeRuneInString(s[n:])
		if !strings.ContainsRune(anonymous, r) {
			break
		}
		n += w
	}
	if n == len(s) {
		return 0
	}
	return n
}

// collective returns the run of administrative words that opens s and
// names places of one level together — 县(市、区), 乡镇(街道), 镇(街), 县市区,
// 区县 — with the rest of s; "" when s opens with fewer than min words. A
// single word is a collective only after 各 (各县 is every county; 县应急局 is
// one county's).
func collective(s string, min int) (words, rest string) {
	i := 0
	n := 0
	for i < len(s) {
		suf, _ := leadingSuffix(s[i:], nil)
		if suf == "" && strings.HasPrefix(s[i:], "街") {
			suf = "街" // 镇街: towns and streets
		}
		if suf != "" {
			i += len(suf)
			n++
			continue
		}
		if s[i] == '(' {
			// A bracket holding administrative words only: 县(市、区).
			j := strings.IndexByte(s[i:], ')')
			if j < 0 || !allSuffixes(s[i+1:i+j]) {
				break
			}
			i += j + 1
			n += 2
			continue
		}
		break
	}
	if n < min || n == 0 {
		return "", s
	}
	return s[:i], s[i:]
}

// allSuffixes reports whether s is administrative words joined by 、.
func allSuffixes(s string) bool {
	if s == "" {
		return false
	}
	for _, w := range strings.Split(s, "、") {
		if w != "街" && (len(w) == 0 || !contains(leading, w)) {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// stripNote removes a bracket that ends a body's name and gives another
// name of the same office (市委党校(行政学院), 市财政局(国资委)): the body
// is the one named first.
func stripNote(s string) string {
	if !strings.HasSuffix(s, ")") {
		return s
	}
	if i := strings.LastIndexByte(s, '('); i > 0 {
		return s[:i]
	}
	return s
}
