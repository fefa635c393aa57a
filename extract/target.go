package extract

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/dutymap/dutymap/corpus"
)

// targetRe finds a number with the unit of a target: 30人, 22座, 0.5‰,
// 36个, 100%. Counts of times (1次) are frequencies, not targets, and dates
// and ordinals are left out by the unit list.
var targetRe = regexp.MustCompile(`([0-9]+(?:\.[0-9]+)?)\s*(‰|%|％|人|名|座|个|家|处|支|台|套|辆|艘|项|条|所|公里|千米|米|万元|亿元|元|吨|小时)`)

// findTargets returns the numeric targets of text, spans as byte offsets.
func findTargets(text string) []corpus.Target {
	out := []corpus.Target{}
	if !anyOf(text, digitRunes) {
		return out
	}
	for _, m := range targetRe.FindAllStringSubmatchIndex(text, -1) {
		num, unit := text[m[2]:m[3]], text[m[4]:m[5]]
		if m[2] > 0 {
			// part of a larger token: 2023年, 11·16, 第3个
			prev := text[m[2]-1]
			if prev == '.' || prev == '-' || strings.HasSuffix(text[:m[2]], "第") {
				continue
			}
		}
		if unit == "小时" && strings.HasPrefix(text[m[1]:], "值班") {
			continue
		}
		v, err := strconv.ParseFloat(num, 64)
		if err != nil {
			continue
		}
		if unit == "％" {
			unit = "%"
		}
		out = append(out, corpus.Target{Raw: text[m[0]:m[1]], Value: v, Unit: unit, Span: corpus.Span{Start: m[0], End: m[1]}})
	}
	return out
}
