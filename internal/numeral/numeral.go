// Package numeral takes the numbers of Chinese official text — Arabic
// digits in half or full width, Chinese numerals (十二, 二十一, 两), years
// written digit by digit (二〇二四, 二OO九, 二00九) — and hands out their
// values. Extraction reads counts and dates with it; ingest can read
// dates and item numbers with the same code.
package numeral

import "unicode/utf8"

// Parse reads an Arabic (half- or full-width) or Chinese numeral such as
// "4", "１２", "两", "十二", "二十", "三十六" or "一百零五" up to a million;
// ok is false for anything else, the empty string included.
func Parse(s string) (n int, ok bool) {
	if s == "" {
		return 0, false
	}
	if arabic(s) {
		for _, r := range s {
			n = n*10 + Digit(r)
			if n > 1e6 {
				return 0, false
			}
		}
		return n, true
	}
	cur, total := 0, 0
	for _, r := range s {
		switch r {
		case '十', '拾':
			if cur == 0 {
				cur = 1
			}
			total += cur * 10
			cur = 0
		case '百', '佰':
			if cur == 0 {
				cur = 1
			}
			total += cur * 100
			cur = 0
		default:
			d := Digit(r)
			if d < 0 {
				return 0, false
			}
			cur = d
		}
	}
	return total + cur, true
}

// Year reads a four-digit year written digit by digit: "2024", "２０２４",
// "二〇二四", "二OO九" (a letter O for 〇, as scans and retyped pages have
// it) or "二00九"; ok is false unless s is exactly four such digits.
func Year(s string) (int, bool) {
	if utf8.RuneCountInString(s) != 4 {
		return 0, false
	}
	y := 0
	for _, r := range s {
		d := Digit(r)
		if d < 0 {
			return 0, false
		}
		y = y*10 + d
	}
	return y, true
}

// Digit returns the value of one digit — Arabic in either width or a
// Chinese digit (零〇○ and the letter O read 0, 两 reads 2) — or -1.
func Digit(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	switch r {
	case '零', '〇', '○', 'O', 'Ｏ':
		return 0
	case '一', '壹':
		return 1
	case '二', '两', '贰':
		return 2
	case '三', '叁':
		return 3
	case '四', '肆':
		return 4
	case '五', '伍':
		return 5
	case '六', '陆':
		return 6
	case '七', '柒':
		return 7
	case '八', '捌':
		return 8
	case '九', '玖':
		return 9
	}
	return -1
}

// arabic reports whether s holds only Arabic digits, in either width.
func arabic(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= '０' && r <= '９') {
			return false
		}
	}
	return true
}
