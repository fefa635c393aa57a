package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
)

// itemMarker is the numbering found at the start of a line.
type itemMarker struct {
	kind   corpus.Marker
	number string // as written, without the trailing 、 . ，
	value  int    // the number's value: 一 → 1, (3) → 3
	end    int    // byte offset just past the marker and the spaces after it
	// dots is how many numbers a decimal heading's number joins (1 for
	// "1 总则", 2 for "1.1", 3 for "2.2.1"), 0 for the other styles: a
	// decimal item nests under the items with fewer numbers.
	dots int
}

// parseMarker recognises the outline numbering at the start of t:
// 一、 一. （一） (一) 1. 1、 1， 1．（1） (1) 1) ① 第一章 第一节 第一条. It returns ok false for
// lines that merely start with a number (2024年, 1.5米, 3、4月). It also
// reads the decimal headings of emergency plans and 办法 (see
// decimalHeading), which are read as MarkerArabic.
func parseMarker(t string) (itemMarker, bool) {
	if t == "" {
		return itemMarker{}, false
	}
	r0, n0 := utf8.DecodeRuneInString(t)
	switch {
	case r0 == '第':
		return ordinalMarker(t, n0)
	case r0 >= '①' && r0 <= '⑳':
		return itemMarker{kind: corpus.MarkerCircled, number: t[:n0], value: int(r0-'①') + 1, end: skipSpaces(t, n0)}, true
	case r0 == '（' || r0 == '(':
		inner := t[n0:]
		if v, n := chineseNumber(inner); n > 0 {
			if c, cn := utf8.DecodeRuneInString(inner[n:]); c == '）' || c == ')' {
				e := n0 + n + cn
				return itemMarker{kind: corpus.MarkerParenChinese, number: t[:e], value: v, end: skipSpaces(t, e)}, true
			}
		}
		if v, n := arabicNumber(inner); n > 0 {
			if c, cn := utf8.DecodeRuneInString(inner[n:]); c == '）' || c == ')' {
				e := n0 + n + cn
				return itemMarker{kind: corpus.MarkerParenArabic, number: t[:e], value: v, end: skipSpaces(t, e)}, true
			}
		}
		return itemMarker{}, false
	}
	if v, n := chineseNumber(t); n > 0 {
		c, cn := utf8.DecodeRuneInString(t[n:])
		if c == '、' || c == '.' || c == '．' {
			return itemMarker{kind: corpus.MarkerChinese, number: t[:n], value: v, end: skipSpaces(t, n+cn)}, true
		}
		return itemMarker{}, false
	}
	if v, n := arabicNumber(t); n > 0 {
		c, cn := utf8.DecodeRuneInString(t[n:])
		switch c {
		case '.', '．', '、', '，', ',':
			rest := t[n+cn:]
			if next, _ := utf8.DecodeRuneInString(rest); isDigit(next) {
				return decimalHeading(t) // 1.5, 3、4月, 1,000 are none
			}
			return itemMarker{kind: corpus.MarkerArabic, number: t[:n], value: v, end: skipSpaces(t, n+cn)}, true
		case ')', '）':
			return itemMarker{kind: corpus.MarkerParenArabic, number: t[:n+cn], value: v, end: skipSpaces(t, n+cn)}, true
		}
		return decimalHeading(t)
	}
	return itemMarker{}, false
}

// maxDecimalTitle is the longest title of a decimal heading, in runes:
// a heading names a section (县防指成员单位职责), never a sentence.
const maxDecimalTitle = 30

// counters are the units a number at the start of a line counts or
// dates by (2024 年, 8 时, 3 个月, 12 家企业, 5 万元): such a line is a
// sentence, never a decimal heading.
var counters = newRuneSet("年月日时分秒号个次项条家名人座处台辆吨米元天周季批轮起所件份倍级层户亩只位种套栋间万千百亿")

// decimalHeading reads the numbering of an outline written in decimals,
// the layout of 应急预案 and many 办法: a number, maybe joined with dots to
// one or more others (1, 1.1, 2.2.1, up to four numbers of one or two
// digits), then a short title on a line of its own ("1 总则", "2.2 县防指成员
// 单位职责", "3.4　抗旱预防"). A bare number needs the space after it; a
// dotted one may touch its title. The title opens with a Chinese character
// that is no counter (2024 年, 8 时, 3 个), has two characters at least,
// holds no clause punctuation and is no line of a table of contents. The
// spaces may be any layout space, so that cleanLine can ask before it
// removes them.
func decimalHeading(t string) (itemMarker, bool) {
	dots, n, v := 0, 0, 0
	for dots < 4 {
		d, k := arabicNumber(t[n:])
		if k == 0 || d > 99 || d == 0 && dots == 0 {
			return itemMarker{}, false
		}
		n += k
		v = d
		dots++
		r, size := utf8.DecodeRuneInString(t[n:])
		if r != '.' && r != '．' {
			break
		}
		if next, _ := utf8.DecodeRuneInString(t[n+size:]); !isDigit(next) {
			if dots == 1 {
				return itemMarker{}, false // 1. is the Arabic list marker
			}
			n += size // 1.1. with a closing dot
			break
		}
		n += size
	}
	if next, _ := utf8.DecodeRuneInString(t[n:]); isDigit(next) || next == '.' || next == '．' {
		return itemMarker{}, false // 1.1.1.1.1, 100
	}
	number := strings.TrimRight(t[:n], ".．")
	end := n
	for end < len(t) {
		r, size := utf8.DecodeRuneInString(t[end:])
		if !isSpace(r) {
			break
		}
		end += size
	}
	if end == n && dots == 1 {
		return itemMarker{}, false // 3预防: a number glued to a word
	}
	rest := t[end:]
	r, _ := utf8.DecodeRuneInString(rest)
	if !unicode.Is(unicode.Han, r) || counters.has(r) || clausePunct.in(rest) || atLeastRunes(rest, maxDecimalTitle+1) ||
		!atLeastRunes(removeSpaces(rest), 2) {
		return itemMarker{}, false
	}
	// A table of contents lists the headings with leader dots and page
	// numbers (1 总则……………1): no heading of the text.
	if last, _ := utf8.DecodeLastRuneInString(rest); isDigit(last) || strings.Contains(rest, "…") || strings.Contains(rest, "..") || strings.Contains(rest, "··") {
		return itemMarker{}, false
	}
	return itemMarker{kind: corpus.MarkerArabic, number: number, value: v, end: end, dots: dots}, true
}

// ordinalMarker reads the numbering of regulations: 第一章, 第二节, 第三条
// (also 第3条 and the traditional 條, 節), n0 past the 第.
func ordinalMarker(t string, n0 int) (itemMarker, bool) {
	v, n := chineseNumber(t[n0:])
	if n == 0 {
		v, n = arabicNumber(t[n0:])
	}
	if n == 0 {
		return itemMarker{}, false
	}
	c, cn := utf8.DecodeRuneInString(t[n0+n:])
	var kind corpus.Marker
	switch c {
	case '章':
		kind = corpus.MarkerChapter
	case '节', '節':
		kind = corpus.MarkerSection
	case '条', '條':
		kind = corpus.MarkerArticle
	default:
		return itemMarker{}, false
	}
	e := n0 + n + cn
	return itemMarker{kind: kind, number: t[:e], value: v, end: skipSpaces(t, e)}, true
}

func skipSpaces(t string, i int) int {
	for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	return i
}

// arabicNumber reads 1–3 ASCII or full-width digits at the start of t.
func arabicNumber(t string) (value, n int) {
	for n < len(t) {
		r, size := utf8.DecodeRuneInString(t[n:])
		var d int
		switch {
		case r >= '0' && r <= '9':
			d = int(r - '0')
		case r >= '０' && r <= '９':
			d = int(r - '０')
		default:
			goto done
		}
		value = value*10 + d
		n += size
		if value > 999 {
			return 0, 0
		}
	}
done:
	if n == 0 {
		return 0, 0
	}
	return value, n
}

// chineseDigit returns the value of one Chinese numeral digit, -1 if r is none.
func chineseDigit(r rune) int {
	switch r {
	case '〇', '零', '○', 'Ｏ':
		return 0
	case '一':
		return 1
	case '二', '两':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return -1
}

// chineseNumber reads a Chinese numeral below 1000 at the start of t (一,
// 十二, 二十三, 一百零五) and returns its value and byte length.
func chineseNumber(t string) (value, n int) {
	cur := 0 // pending digit
	seen := false
	for n < len(t) {
		r, size := utf8.DecodeRuneInString(t[n:])
		switch {
		case r == '十':
			if cur == 0 {
				cur = 1
			}
			value += cur * 10
			cur = 0
		case r == '百':
			if cur == 0 {
				return 0, 0
			}
			value += cur * 100
			cur = 0
		case chineseDigit(r) >= 0 && r != '两':
			cur = chineseDigit(r)
		default:
			goto done
		}
		seen = true
		n += size
		if n > 4*3 {
			return 0, 0
		}
	}
done:
	if !seen {
		return 0, 0
	}
	value += cur
	if value == 0 {
		return 0, 0
	}
	return value, n
}

// chineseYear reads a year written digit by digit in Chinese numerals
// (二〇二四; the zero also as the letter O or the digit 0, as typed: 二OO九,
// 二00九) and returns it, 0 if t holds none.
func chineseYear(t string) int {
	y, k := 0, 0
	for _, r := range t {
		d := chineseDigit(r)
		if r == 'O' || r == 'o' || r == '0' {
			d = 0
		}
		if d < 0 || r == '两' {
			return 0
		}
		y = y*10 + d
		k++
	}
	if k != 4 {
		return 0
	}
	return y
}
