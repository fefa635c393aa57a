package extract

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
)

// yearPart is an optional year before a month: 2023年, xx年 (anonymised).
const yearPart = `(?:([0-9]{4}|[xX×＊*]{2,4})\s*年\s*)?`

// deadlineRule is one construction that fixes when something is due.
type deadlineRule struct {
	name  string
	needs string // a word every match holds, to skip the rule quickly
	re    *regexp.Regexp
	kind  corpus.DeadlineKind
	// dates turns the submatches (year first) into month/day pairs; day 0
	// means the month's last day.
	dates func(sub []string) [][2]int
}

// deadlineRules are tried in order; a later match that overlaps an earlier
// one is dropped.
var deadlineRules = []deadlineRule{
	{"two days", "日", regexp.MustCompile(yearPart + `([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日\s*(?:和|、|及|与)\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日\s*(?:前|之前|以前)`), corpus.By,
		func(s []string) [][2]int { return [][2]int{{atoi(s[2]), atoi(s[3])}, {atoi(s[4]), atoi(s[5])}} }},
	{"day range", "日", regexp.MustCompile(yearPart + `([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日\s*[-－—–~～至到]+\s*(?:[0-9]{4}\s*年\s*)?(?:([0-9]{1,2})\s*月\s*)?([0-9]{1,2})\s*日`), corpus.Range,
		func(s []string) [][2]int {
			m := atoi(s[2])
			if s[4] != "" {
				m = atoi(s[4])
			}
			return [][2]int{{m, atoi(s[5])}}
		}},
	{"day", "日", regexp.MustCompile(yearPart + `([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日\s*(?:前|之前|以前|止)`), corpus.By,
		func(s []string) [][2]int { return [][2]int{{atoi(s[2]), atoi(s[3])}} }},
	{"until day", "日", regexp.MustCompile(`(?:至|到)\s*` + yearPart + `([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日`), corpus.By,
		func(s []string) [][2]int { return [][2]int{{atoi(s[2]), atoi(s[3])}} }},
	{"month range", "月", regexp.MustCompile(yearPart + `([0-9]{1,2})\s*(?:月\s*)?[-－—–~～至到]\s*([0-9]{1,2})\s*月(?:份)?`), corpus.Range,
		func(s []string) [][2]int { return [][2]int{{atoi(s[3]), 0}} }},
	{"ten days", "旬", regexp.MustCompile(yearPart + `([0-9]{1,2})\s*月(?:份)?\s*(上中旬|中下旬|上旬|中旬|下旬)(?:前|之前|以前|末)?`), corpus.By,
		func(s []string) [][2]int {
			d := map[string]int{"上旬": 10, "中旬": 20, "上中旬": 20}[s[3]] // 下旬, 中下旬: the month's end
			return [][2]int{{atoi(s[2]), d}}
		}},
	{"month end", "月", regexp.MustCompile(yearPart + `([0-9]{1,2})\s*月\s*(?:份\s*)?(?:底|末)(?:前|之前|以前)?`), corpus.By,
		func(s []string) [][2]int { return [][2]int{{atoi(s[2]), 0}} }},
	{"phase month", "月", regexp.MustCompile(`[（(]\s*` + yearPart + `([0-9]{1,2})\s*月(?:份)?\s*[）)]`), corpus.Range,
		func(s []string) [][2]int { return [][2]int{{atoi(s[2]), 0}} }},
	{"quarter end", "季度", regexp.MustCompile(yearPart + `第?([一二三四1-4])季度\s*(?:末|底)(?:前|之前|以前)?`), corpus.By,
		func(s []string) [][2]int { return [][2]int{{3 * atoi(s[2]), 0}} }},
	{"half year", "半年", regexp.MustCompile(yearPart + `(上|下)半年\s*(?:末|底)?(?:前|之前|以前|内)`), corpus.By,
		func(s []string) [][2]int {
			if s[2] == "上" {
				return [][2]int{{6, 30}}
			}
			return [][2]int{{12, 31}}
		}},
	{"lead month", "月", regexp.MustCompile(`^\s*` + yearPart + `([0-9]{1,2})\s*月份?\s*[，,]`), corpus.Range,
		func(s []string) [][2]int { return [][2]int{{atoi(s[2]), 0}} }},
	{"year end", "年", regexp.MustCompile(`([0-9]{4}|[xX×＊*]{2,4})?\s*年\s*(?:底|末)(?:前|之前|以前)?`), corpus.By,
		func(s []string) [][2]int { return [][2]int{{12, 31}} }},
	{"within the year", "年内", regexp.MustCompile(`([0-9]{4})?年内`), corpus.By,
		func(s []string) [][2]int { return [][2]int{{12, 31}} }},
	{"this year", "今年", regexp.MustCompile(`今年`), corpus.By,
		func(s []string) [][2]int { return [][2]int{{12, 31}} }},
}

// atoi reads a small Arabic number; the regexps guarantee digits.
func atoi(s string) int {
	n, _ := parseNumber(s)
	return n
}

// findDeadlines returns the deadlines of sentence s in order of position,
// with spans as byte offsets into s. The year comes from the text, else
// from planYear; when it is anonymised (xx年) or unknown the date is
// "--MM-DD".
func findDeadlines(s string, planYear int) []corpus.Deadline {
	if !strings.ContainsAny(s, "月年季") {
		return nil
	}
	var out []corpus.Deadline
	taken := [][2]int{}
	for _, rule := range deadlineRules {
		if !strings.Contains(s, rule.needs) {
			continue
		}
		for _, m := range rule.re.FindAllStringSubmatchIndex(s, -1) {
			if overlaps(taken, m[0], m[1]) || !deadlineContextOK(rule.name, s, m) {
				continue
			}
			sub := make([]string, max(len(m)/2, 2))
			for i := range len(m) / 2 {
				if m[2*i] >= 0 {
					sub[i] = s[m[2*i]:m[2*i+1]]
				}
			}
			year, known := planYear, planYear > 0
			if sub[1] != "" {
				if y, ok := parseNumber(sub[1]); ok {
					year, known = y, true
				} else {
					known = false // xx年
				}
			}
			if rule.name == "lead month" && known && planYear > 0 && year < planYear {
				continue // 2023年3月，全市发生…: a past month, not a phase
			}
			raw := strings.TrimSpace(s[m[0]:m[1]])
			raw = strings.TrimLeft(raw, "（(，,；;。")
			raw = strings.TrimRight(raw, "）)，,")
			var ds []corpus.Deadline
			for _, md := range rule.dates(sub) {
				d, ok := deadlineDate(year, known, md[0], md[1])
				if !ok {
					ds = nil
					break
				}
				d.Raw, d.Kind, d.Span = raw, rule.kind, corpus.Span{Start: m[0], End: m[1]}
				ds = append(ds, d)
			}
			if len(ds) == 0 {
				continue
			}
			out = append(out, ds...)
			taken = append(taken, [2]int{m[0], m[1]})
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Span.Start < out[j-1].Span.Start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// deadlineContextOK rejects matches that are not deadlines in context: 三年内
// or 一年内 (a condition), 年内 with a count (a frequency: 年内至少1次),
// 今年以来 (the past), 每年年底 (a recurrence).
func deadlineContextOK(rule, s string, m []int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:m[0]])
	after := s[m[1]:]
	if head := strings.TrimRight(s[:m[0]], " "); strings.HasSuffix(head, "截至") || strings.HasSuffix(head, "截止") || strings.HasSuffix(head, "截止到") {
		return false // 截至2023年底，全市共有…: a date of a figure, not a deadline
	}
	switch rule {
	case "within the year":
		if at := m[1] - len("年内"); !governingWithinYear(s, at) || before == '今' {
			return false
		}
		return !hasTimes(after)
	case "this year":
		for _, w := range []string{"以来", "上半年", "下半年", "年", "以前"} {
			if strings.HasPrefix(after, w) {
				return false
			}
		}
		if strings.HasPrefix(after, "内") && hasTimes(after) {
			return false // 今年内至少开展2次: a frequency
		}
	case "year end":
		if m[2] < 0 && strings.ContainsRune("每岁度上", before) {
			return false
		}
	}
	return true
}

// hasTimes reports whether s counts times (2次, 一轮): after 年内 that makes a
// frequency, not a deadline.
func hasTimes(s string) bool {
	for _, c := range countRe.FindAllStringSubmatchIndex(s, -1) {
		if s[c[4]:c[5]] != "个" {
			return true
		}
	}
	return false
}

// deadlineDate builds the Deadline of month/day (day 0: the month's last
// day) in year, or with an anonymised year when known is false.
func deadlineDate(year int, known bool, month, day int) (corpus.Deadline, bool) {
	if month < 1 || month > 12 || day < 0 || day > 31 {
		return corpus.Deadline{}, false
	}
	if day == 0 {
		y := year
		if !known {
			y = 2001 // a common year: an anonymised February ends on the 28th
		}
		day = time.Date(y, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	}
	d := corpus.Deadline{Month: month, Day: day}
	if known {
		d.Date = fmt.Sprintf("%04d-%02d-%02d", year, month, day)
	} else {
		d.Date = fmt.Sprintf("--%02d-%02d", month, day)
	}
	return d, true
}
