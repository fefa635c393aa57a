package extract

import (
	"strings"
	"unicode"
)

// parseNumber reads an Arabic (half- or full-width) or Chinese numeral such
// as "4", "１２", "两", "十二" or "二十"; ok is false for anything else.
func parseNumber(s string) (n int, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	arabic := true
	for _, r := range s {
		if !unicode.IsDigit(r) {
			arabic = false
			break
		}
	}
	if arabic {
		for _, r := range s {
			d := int(r - '0')
			if r >= '０' && r <= '９' {
				d = int(r - '０')
			}
			if d < 0 || d > 9 {
				return 0, false
			}
			n = n*10 + d
			if n > 1e6 {
				return 0, false
			}
		}
		return n, true
	}
	cur, total := 0, 0
	seen := false
	for _, r := range s {
		switch {
		case r == '十':
			if cur == 0 {
				cur = 1
			}
			total += cur * 10
			cur = 0
		case r == '百':
			if cur == 0 {
				cur = 1
			}
			total += cur * 100
			cur = 0
		default:
			d, isDigit := chineseDigit(r)
			if !isDigit {
				return 0, false
			}
			cur = d
		}
		seen = true
	}
	return total + cur, seen
}

// chineseDigit reads one Chinese digit.
func chineseDigit(r rune) (int, bool) {
	switch r {
	case '零', '〇':
		return 0, true
	case '一':
		return 1, true
	case '二', '两':
		return 2, true
	case '三':
		return 3, true
	case '四':
		return 4, true
	case '五':
		return 5, true
	case '六':
		return 6, true
	case '七':
		return 7, true
	case '八':
		return 8, true
	case '九':
		return 9, true
	}
	return 0, false
}
