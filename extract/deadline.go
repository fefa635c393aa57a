package extract

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/internal/numeral"
)

// Deadline rules. The date expressions of a sentence are found first, as
// atoms — a day (6月30日, 二〇二四年六月三十日, 5.12, with a time of day and a
// weekday), ten days (9月中旬), a month's end (4月底), a month (9月份), a
// month range (5—10月), a quarter (三季度末), half a year (上半年), the year's
// end (年底), 年内, 今年, a festival (春节, 国庆节), 即日 — each with the words
// that bind it (前, 止). Then the words around them say which atoms are
// deadlines and of which kind: two atoms joined by 至 or a dash are one
// range (4月中旬至10月上旬, 即日起至农历年末); 至X alone is "by X"; a day
// with 于, a time of day or a 时间： label is "on"; a recurring date
// (每月25日前, 每年年底) is a frequency, not a deadline.

// Parts of the atom patterns: a year (2024年, 二〇二四年, xx年 anonymised),
// a month, a day, a weekday, a time of day and the words that make a
// date a limit.
const (
	reYear  = `(?:([0-9０-９]{4}|[〇零○OＯ0一二三四五六七八九]{4}|[xX×＊*]{2,4})\s*年\s*)?`
	reMonth = `([0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])\s*月`
	reDay   = `([0-9０-９]{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]`
	reWeek  = `(?:\s*[（(](?:星期|周|礼拜)[一二三四五六日天][）)])?`
	reClock = `((?:\s*(?:上午|下午|中午|晚上|早上|凌晨))?(?:\s*[0-9０-９]{1,2}\s*(?:[:：︰]\s*[0-9０-９]{2}(?:\s*[-－—–~～]\s*[0-9０-９]{1,2}\s*[:：︰]\s*[0-9０-９]{2})?|[时点](?:\s*[0-9０-９]{1,2}\s*分)?))?)`
	reBy    = `((?:\s*(?:下班)?(?:之|以)?前)|(?:\s*为?止))?`
)

// atomKind is the kind of a date expression.
type atomKind int

const (
	atomDay        atomKind = iota // 6月30日, 2018年11月13日上午9:00
	atomDot                        // 5.12: a day written month.day
	atomDayOnly                    // 7日: only as the end of a range
	atomTenDays                    // 9月中旬
	atomMonthEnd                   // 4月底
	atomMonth                      // 9月, 9月份
	atomMonthRange                 // 5—10月
	atomQuarter                    // 三季度, 第一季度末
	atomHalf                       // 上半年
	atomYearEnd                    // 年底, 2024年末
	atomWithinYear                 // 年内, 2025年内
	atomThisYear                   // 今年, 今年内
	atomFestival                   // 春节, 国庆节, 农历年末
	atomToday                      // 即日: only as the start of a range
)

// atomRule finds one kind of atom; parse reads its submatches.
type atomRule struct {
	kind atomKind
	// needs are sets of runes: every match holds one rune of each, so a
	// sentence without is skipped quickly.
	needs []*runeSet
	re    *regexp.Regexp
	parse func(a *atom, sub []string)
}

// atom is a date expression of a sentence, with byte offsets into it.
type atom struct {
	kind       atomKind
	start, end int
	year       string // as written; "" when none
	month, day int    // day 0: the month's last day
	by         bool   // a 前 or 止 binds it
	hour       bool   // a time of day follows the day
	festival   string
	flag       bool // 份 after a month; 末/底 after a quarter or half year; 内 after 年
}

var atomRules = []atomRule{
	{atomDay, []*runeSet{newRuneSet("月"), newRuneSet("日号")}, regexp.MustCompile(reYear + reMonth + `\s*` + reDay + reWeek + reClock + reBy), func(a *atom, s []string) {
		a.year, a.month, a.day, a.hour, a.by = s[1], num(s[2]), num(s[3]), strings.TrimSpace(s[4]) != "", s[5] != ""
	}},
	{atomMonthRange, []*runeSet{newRuneSet("月"), newRuneSet("-－—–~～至到")}, regexp.MustCompile(reYear + `([0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])\s*(?:月\s*)?[-－—–~～至到]\s*` + reMonth + `\s*(份)?`), func(a *atom, s []string) {
		a.year, a.month, a.flag = s[1], num(s[3]), true
		if num(s[2]) >= a.month {
			a.month = 0 // 11—3月 is no range of one year
		}
	}},
	{atomTenDays, []*runeSet{newRuneSet("旬")}, regexp.MustCompile(reYear + reMonth + `\s*(?:份)?\s*(上中旬|中下旬|上旬|中旬|下旬)` + reBy), func(a *atom, s []string) {
		a.year, a.month, a.by = s[1], num(s[2]), s[4] != ""
		a.day = map[string]int{"上旬": 10, "中旬": 20, "上中旬": 20}[s[3]] // 下旬, 中下旬: the month's end
	}},
	{atomMonthEnd, []*runeSet{newRuneSet("月"), newRuneSet("底末")}, regexp.MustCompile(reYear + reMonth + `\s*(?:份\s*)?(?:底|末)` + reBy), func(a *atom, s []string) {
		a.year, a.month, a.by = s[1], num(s[2]), true
	}},
	{atomMonth, []*runeSet{newRuneSet("月")}, regexp.MustCompile(reYear + reMonth + `(份)?`), func(a *atom, s []string) {
		a.year, a.month, a.flag = s[1], num(s[2]), s[3] != ""
	}},
	{atomDot, []*runeSet{newRuneSet(".．")}, regexp.MustCompile(`([0-9]{1,2})[.．]([0-9]{1,2})`), func(a *atom, s []string) {
		a.month, a.day = num(s[1]), num(s[2])
	}},
	{atomDayOnly, []*runeSet{newRuneSet("日号"), newRuneSet("-－—–~～至到")}, regexp.MustCompile(reDay + reWeek + reClock + reBy), func(a *atom, s []string) {
		a.day, a.hour, a.by = num(s[1]), strings.TrimSpace(s[2]) != "", s[3] != ""
	}},
	{atomQuarter, []*runeSet{newRuneSet("季")}, regexp.MustCompile(reYear + `第?([一二三四1-4])\s*季度\s*(末|底)?` + reBy + `(内)?`), func(a *atom, s []string) {
		a.year, a.month = s[1], 3*num(s[2])
		a.flag, a.by = s[3] != "", s[3] != "" || s[4] != "" || s[5] != ""
	}},
	{atomHalf, []*runeSet{newRuneSet("半")}, regexp.MustCompile(reYear + `(上|下)半年\s*(末|底)?` + reBy + `(内)?`), func(a *atom, s []string) {
		a.year, a.month, a.day = s[1], 6, 30
		if s[2] == "下" {
			a.month, a.day = 12, 31
		}
		a.flag, a.by = s[3] != "", s[3] != "" || s[4] != "" || s[5] != ""
	}},
	{atomFestival, []*runeSet{newRuneSet("春元清端中国五劳除农")}, regexp.MustCompile(`(春节|元宵节?|清明节?|端午节?|中秋节?|国庆节?|元旦|五一|劳动节|除夕|农历年末|农历年底|农历新年)` + reBy), func(a *atom, s []string) {
		a.festival, a.by = s[1], s[2] != ""
	}},
	{atomThisYear, []*runeSet{newRuneSet("今")}, regexp.MustCompile(`今年\s*(内|底|末|年底|年末)?`), func(a *atom, s []string) {
		a.month, a.day, a.flag = 12, 31, s[1] != ""
	}},
	{atomYearEnd, []*runeSet{newRuneSet("年"), newRuneSet("底末")}, regexp.MustCompile(`([0-9０-９]{4}|[〇零○OＯ0一二三四五六七八九]{4}|[xX×＊*]{2,4})?\s*年\s*(?:底|末)` + reBy), func(a *atom, s []string) {
		a.year, a.month, a.day, a.by = s[1], 12, 31, true
	}},
	{atomWithinYear, []*runeSet{newRuneSet("年"), newRuneSet("内")}, regexp.MustCompile(`([0-9]{4})?\s*年内`), func(a *atom, s []string) {
		a.year, a.month, a.day, a.by = s[1], 12, 31, true
	}},
	{atomToday, []*runeSet{newRuneSet("即")}, regexp.MustCompile(`即日`), func(*atom, []string) {}},
}

// festivalWords name the festivals of the festival pattern: a sentence
// without one is not matched against it.
var festivalWords = newVocabulary("春节", "元宵", "清明", "端午", "中秋", "国庆", "元旦", "五一", "劳动节", "除夕", "农历")

// num reads a numeral the patterns matched; 0 when empty.
func num(s string) int {
	n, _ := numeral.Parse(strings.TrimSpace(s))
	return n
}

// yearFunc gives the year of a date written without one at byte offset at
// of the sentence: the plan year, else the nearest earlier year the text
// names; ok is false when no year is known.
type yearFunc func(at int) (year int, ok bool)

// planYear returns the yearFunc of a document whose plan year is y (0:
// unknown).
func planYear(y int) yearFunc {
	return func(int) (int, bool) { return y, y > 0 }
}

// findAtoms returns the date expressions of s in order of position; an
// expression inside an earlier rule's is dropped.
func findAtoms(s string, month bool) []atom {
	var out []atom
	var taken intervals
	day := numbered(s, dayRunes)
rules:
	for _, r := range atomRules {
		switch r.kind {
		case atomDay, atomMonth, atomMonthEnd, atomMonthRange, atomTenDays:
			if !month {
				continue
			}
		case atomDayOnly:
			if !day {
				continue
			}
		case atomFestival:
			if !festivalWords.in(s) {
				continue
			}
		}
		for _, n := range r.needs {
			if !anyOf(s, n) {
				continue rules
			}
		}
		for _, m := range r.re.FindAllStringSubmatchIndex(s, -1) {
			if m[1] == m[0] || taken.overlaps(m[0], m[1]) {
				continue
			}
			sub := make([]string, len(m)/2)
			for i := range sub {
				if m[2*i] >= 0 {
					sub[i] = s[m[2*i]:m[2*i+1]]
				}
			}
			a := atom{kind: r.kind, start: m[0], end: m[1]}
			r.parse(&a, sub)
			if a.by && strings.HasSuffix(s[:m[1]], "前") && strings.HasPrefix(s[m[1]:], "后") {
				a.by, a.end = false, m[1]+len("后") // 清明节前后: around the day, no limit
				m[1] = a.end
			}
			if !plausible(s, &a) || taken.overlaps(a.start, a.end) {
				continue // plausible may take in words after 5.12
			}
			// The span ends at the last word of the expression, not at
			// spaces a pattern took in.
			for a.end > a.start && (s[a.end-1] == ' ' || s[a.end-1] == '\t') {
				a.end--
			}
			out = append(out, a)
			taken.add(a.start, max(a.end, m[1]))
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// plausible checks an atom's values and the characters around it: 5.12
// must not be part of a longer number (0.5.12, 5.12%) and is a date only
// when a 期间 or 前 follows it within a name (5.12防灾减灾活动周期间), which
// the atom then takes in.
func plausible(s string, a *atom) bool {
	if a.month < 0 || a.month > 12 || a.day < 0 || a.day > 31 {
		return false
	}
	if a.kind == atomDay || a.kind == atomDot || a.kind == atomDayOnly {
		if a.day == 0 {
			return false
		}
	}
	if a.kind != atomDayOnly && a.kind != atomToday && a.kind != atomFestival && a.kind != atomThisYear &&
		a.kind != atomYearEnd && a.kind != atomWithinYear && a.kind != atomHalf && a.month == 0 {
		return false
	}
	if a.kind != atomDot {
		return true
	}
	if a.month == 0 {
		return false
	}
	if a.start > 0 {
		if p, _ := utf8.DecodeLastRuneInString(s[:a.start]); isDigit(p) || p == '.' || p == '．' {
			return false
		}
	}
	rest := s[a.end:]
	if r, _ := utf8.DecodeRuneInString(rest); rest == "" || isDigit(r) || r == '.' || r == '%' || r == '％' || r == '‰' {
		return false
	}
	for i, n := 0, 0; i < len(rest) && n <= 12; n++ {
		for _, w := range []string{"期间", "之前", "以前", "前"} {
			if strings.HasPrefix(rest[i:], w) {
				a.end += i + len(w)
				a.by = w != "期间"
				return true
			}
		}
		r, w := utf8.DecodeRuneInString(rest[i:])
		if !isLetter(r) {
			return false
		}
		i += w
	}
	return false
}

// numbered reports whether s writes a number before one of the runes of
// set (月; 日 and 号) — what every month or day atom needs — so that most
// sentences skip those patterns. One pass over s.
func numbered(s string, set *runeSet) bool {
	if !anyOf(s, set) {
		return false
	}
	prev := rune(0)
	for _, r := range s {
		if set.has(r) && (isDigit(prev) || numeral.Digit(prev) >= 0 || prev == '十') {
			return true
		}
		if r != ' ' {
			prev = r
		}
	}
	return false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// rangeJoin reports whether the text between two atoms joins them into a
// range (8月至11月, 3月1日—3月31日, 即日起至10月底).
func rangeJoin(gap string) bool {
	gap = strings.TrimSpace(gap)
	gap = strings.TrimPrefix(gap, "起")
	gap = strings.TrimSpace(gap)
	switch gap {
	case "至", "到", "-", "—", "——", "－", "–", "~", "～", "―":
		return true
	}
	return false
}

// listJoin reports whether the text between two days lists them (6月15日和12月15日前).
func listJoin(gap string) bool {
	switch strings.TrimSpace(gap) {
	case "和", "、", "及", "与", "或":
		return true
	}
	return false
}

// findDeadlines returns the deadlines of sentence s in order of position,
// with spans as byte offsets into s (each span is the deadline's raw
// words). years gives the year of a date written without one; an
// anonymised year (xx年) or none known gives the date "--MM-DD".
func findDeadlines(s string, years yearFunc) []corpus.Deadline {
	month := numbered(s, monthRunes)
	if !month && !numbered(s, dayRunes) && !anyOf(s, dateWordRunes) {
		return nil
	}
	atoms := findAtoms(s, month)
	if len(atoms) == 0 {
		return nil
	}
	holiday := holidaySchedule(s)
	// A date before a verb of completed action (2016年8月3日至5日，…检查组
	// 对你们单位开展了执法检查) tells what happened, not by when.
	past := -1
	if m := pastActRe.FindStringIndex(s); m != nil {
		past = m[0]
	}
	var out []corpus.Deadline
	emit := func(a atom, kind corpus.DeadlineKind, start, end int, from *atom) {
		if d, ok := resolve(s, a, kind, from, years); ok {
			d.Span = corpus.Span{Start: start, End: end}
			d.Raw = s[start:end]
			out = append(out, d)
		}
	}
	for i := 0; i < len(atoms); i++ {
		a := atoms[i]
		if recurring(s, a.start) || figureDate(s, a.start) || a.start < past {
			continue
		}
		if i+1 < len(atoms) && rangeJoin(s[a.end:atoms[i+1].start]) && atoms[i+1].kind != atomToday && a.kind != atomDayOnly {
			b := atoms[i+1]
			i++
			if holiday && (b.kind == atomDay || b.kind == atomDayOnly) {
				continue // 清明节前后（4月1日至4月10日）是祭祀用火高峰期: a season, no limit
			}
			start, end := rangeStart(s, a.start), rangeEnd(s, b.end)
			kind := corpus.Range
			emit(b, kind, start, end, &a)
			continue
		}
		if i+1 < len(atoms) && (a.kind == atomDay || a.kind == atomDot) && !a.by && atoms[i+1].by &&
			(atoms[i+1].kind == atomDay || atoms[i+1].kind == atomDayOnly) && listJoin(s[a.end:atoms[i+1].start]) {
			// 6月15日和12月15日前: both are limits, written once.
			b := atoms[i+1]
			i++
			if holiday {
				continue
			}
			emit(a, corpus.By, a.start, b.end, nil)
			emit(b, corpus.By, a.start, b.end, &a)
			continue
		}
		if holiday && (a.kind == atomDay || a.kind == atomDayOnly || a.kind == atomDot) {
			continue
		}
		kind, ok := single(s, a, years)
		if !ok {
			continue
		}
		start := a.start
		if until(s, a.start) {
			kind = corpus.By
			start = untilStart(s, a.start)
		}
		emit(a, kind, start, rangeEnd(s, a.end), nil)
	}
	return out
}

// single says whether an atom standing alone is a deadline, and its kind.
func single(s string, a atom, years yearFunc) (corpus.DeadlineKind, bool) {
	before := strings.TrimRight(s[:a.start], " \t")
	after := s[a.end:]
	if hasSuffixAny(before, "有效期至", "有效期到", "有效期为", "截至", "截至到") {
		return "", false // 有效期至2030年4月1日, 截至2023年底: how long a text holds, a state of things; no duty's limit
	}
	if until(s, a.start) {
		return corpus.By, a.kind != atomDayOnly && a.kind != atomToday && (a.kind != atomFestival || isLunarEnd(a.festival))
	}
	switch a.kind {
	case atomDay:
		switch {
		case a.by:
			return corpus.By, true
		case strings.HasPrefix(strings.TrimLeft(after, " "), "起"),
			hasSuffixAny(before, "自", "从") && strings.HasPrefix(strings.TrimLeft(after, " "), "开始"):
			return "", false // 自2024年1月1日起施行, 自3月25日开始: a start, not a limit
		case a.hour || strings.Contains(s[a.start:a.end], "星期") || strings.Contains(s[a.start:a.end], "周"):
			return corpus.On, true
		case hasSuffixAny(before, "于", "在", "时间：", "时间:", "时限：", "时限:", "日期：", "日期:"):
			return corpus.On, true
		case opensWithAction(after):
			return corpus.On, true
		case hasSuffixAny(before, "（", "(") && strings.Trim(after, " \t）)。.") == "" && hasPrefixAny(strings.TrimLeft(after, " "), "）", ")"):
			return corpus.On, true // a phase's day: 预演阶段（5月25日）
		case strings.TrimSpace(before) == "" && hasPrefixAny(after, "，", ","):
			// 5月25日，组织全要素预演: the day of the step that follows; not
			// 6月21日，某地发生燃气爆炸事故, nor a day of a past year.
			if y, ok := numeral.Year(a.year); ok {
				if py, known := years(a.start); known && y < py {
					return "", false
				}
			}
			return corpus.On, stepFollows(after[len("，"):])
		}
	case atomDot:
		if a.by {
			return corpus.By, true
		}
		return corpus.On, true
	case atomTenDays:
		if a.by {
			return corpus.By, true
		}
		return corpus.Range, true
	case atomMonthEnd, atomYearEnd:
		return corpus.By, yearEndOK(s, a)
	case atomMonthRange:
		return corpus.Range, true
	case atomMonth:
		trimmed := strings.TrimSpace(strings.Trim(s, " \t|｜"))
		switch {
		case a.flag, strings.TrimSpace(s[a.start:a.end]) == trimmed:
			return corpus.Range, true // 9月份; a table cell that is a month
		case hasSuffixAny(before, "（", "(") && hasPrefixAny(strings.TrimLeft(after, " "), "）", ")"):
			return corpus.Range, true // a phase: 巩固提高（2023年12月）
		case hasSuffixAny(before, "在", "于") && opensWithAction(trimModal(after)):
			return corpus.Range, true // 要在6月组织开展…: within that month
		case strings.TrimSpace(before) == "" && hasPrefixAny(strings.TrimLeft(after, " "), "，", ","):
			// 9月，组织开展…: a phase leading the sentence; 2023年3月，全市
			// 发生… is a past month.
			if y, ok := numeral.Year(a.year); ok {
				if py, known := years(a.start); known && y < py {
					return "", false
				}
			}
			return corpus.Range, true
		}
	case atomQuarter, atomHalf:
		if a.by {
			return corpus.By, true
		}
		if strings.TrimSpace(s[a.start:a.end]) == strings.TrimSpace(strings.Trim(s, " \t|｜")) {
			return corpus.Range, true // a table cell that is a quarter or half year
		}
		if objectAfterVerb(before) {
			return "", false // 报送上半年检查情况: the period of what is sent
		}
		if opensWithAction(after) || opensWithAction(trimModal(after)) {
			return corpus.Range, true // 一季度完成摸底, 各乡镇上半年要完成自查: within the quarter
		}
		if clauseOpens(before) && opensPhase(after) {
			return corpus.Range, true // 上半年以企业自查为主, 第三季度由X组织抽查: a phase
		}
	case atomWithinYear:
		return corpus.By, withinYearOK(s, a)
	case atomThisYear:
		return corpus.By, thisYearOK(s, a)
	case atomFestival:
		return corpus.By, a.by
	}
	return "", false
}

// objectAfterVerb reports whether the text before a date ends with a verb
// or 将 whose object the date qualifies (报送上半年检查情况, 将第一季度工作
// 总结报…): the period of what is done, not when.
func objectAfterVerb(before string) bool {
	if hasSuffixAny(before, "报", "将", "把", "对") {
		return true
	}
	tail := before[len(before)-runeSuffix(before, 4):]
	for _, h := range actionList.scan(tail) {
		if actionList.own(h) && h.End == len(tail) {
			return true
		}
	}
	return false
}

// runeSuffix returns the byte length of the last n runes of s.
func runeSuffix(s string, n int) int {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, w := utf8.DecodeLastRuneInString(s[:i])
		i -= w
	}
	return len(s) - i
}

// trimModal returns s without the modal word that opens it (要完成 → 完成).
func trimModal(s string) string {
	s = strings.TrimLeft(s, " \t")
	for _, m := range []string{"必须", "务必", "应当", "要", "应", "须", "将"} {
		if strings.HasPrefix(s, m) {
			return s[len(m):]
		}
	}
	return s
}

// clauseOpens reports whether a date after before opens its clause: before
// is empty or ends with a clause mark.
func clauseOpens(before string) bool {
	return before == "" || hasSuffixAny(before, "，", ",", "；", ";", "：", ":")
}

// opensPhase reports whether what follows a quarter or half year that opens
// a clause makes it the time of a step: the agent or manner of the step
// (由X组织, 以自查为主, 重点…, 集中…), or a comma and a step (下半年，县安委办
// 组织督查; not 上半年，全市发生事故3起).
func opensPhase(after string) bool {
	after = strings.TrimLeft(after, " \t")
	if rest, ok := strings.CutPrefix(after, "，"); ok {
		return stepFollows(rest)
	}
	return hasPrefixAny(after, "由", "以", "重点", "主要", "集中", "全面")
}

// stepFollows reports whether the clause after a day that leads its
// sentence is a step of a plan: an action, or a body and an action (not in
// a title it names), and no event or past deed (发生, 遭受, 下发了).
func stepFollows(rest string) bool {
	rest = strings.TrimLeft(rest, " \t")
	c := clauseTail(rest, 0)
	if i := strings.Index(c, "《"); i >= 0 {
		c = c[:i]
	}
	for _, w := range []string{"了", "发生", "遭受", "造成"} {
		if strings.Contains(c, w) {
			return false
		}
	}
	return startsWithAction(rest) || hasActionText(c)
}

// pastActRe finds a verb of action in the perfective (开展了, 进行了): what it
// says was done.
var pastActRe = regexp.MustCompile(`(?:开展|进行|组织|完成|发现|实施|召开|检查|排查|发生|印发|出台|下发|部署)了`)

// resolve gives the atom's date. from is the first atom of a range (or a
// list) whose year and month a later one may leave out (3月7日至16日); a
// range across the year's end (12月10日至2月20日) ends in the next year.
func resolve(s string, a atom, kind corpus.DeadlineKind, from *atom, years yearFunc) (corpus.Deadline, bool) {
	if a.kind == atomDayOnly && from != nil {
		a.month = from.month
	}
	year, known := 0, false
	switch {
	case a.year != "":
		year, known = numeral.Year(a.year) // false for xx年: anonymised
	case from != nil && from.year != "":
		year, known = numeral.Year(from.year)
		if known && a.month > 0 && from.month > a.month {
			year++
		}
	default:
		year, known = years(a.start)
		if known && from != nil && from.month > a.month && a.month > 0 {
			year++
		}
	}
	if a.kind == atomFestival {
		if !known {
			return corpus.Deadline{}, false
		}
		t, ok := festivalDay(a.festival, year)
		if !ok {
			return corpus.Deadline{}, false
		}
		if a.by && !isLunarEnd(a.festival) {
			t = t.AddDate(0, 0, -1) // 春节前: by the eve
		}
		d := corpus.Deadline{Kind: kind, Month: int(t.Month()), Day: t.Day(), Date: t.Format("2006-01-02")}
		return d, true
	}
	if a.month < 1 || a.month > 12 || a.day < 0 || a.day > 31 {
		return corpus.Deadline{}, false
	}
	day := a.day
	if day == 0 {
		y := year
		if !known {
			y = 2001 // a common year: an unknown February ends on the 28th
		}
		day = time.Date(y, time.Month(a.month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	}
	d := corpus.Deadline{Kind: kind, Month: a.month, Day: day}
	if known && year >= 1000 && year <= 9999 {
		d.Date = fmt.Sprintf("%04d-%02d-%02d", year, a.month, day)
	} else {
		d.Date = fmt.Sprintf("--%02d-%02d", a.month, day)
	}
	return d, true
}

// recurring reports whether the date at i recurs (每年3月31日前, 每月25日前,
// 每年年底): a frequency, not a deadline.
func recurring(s string, i int) bool {
	head := strings.TrimRight(s[:i], " \t")
	for _, w := range []string{"每年", "每月", "每季度", "每季", "每半年", "每周", "每", "岁", "每个月"} {
		if strings.HasSuffix(head, w) {
			return true
		}
	}
	return false
}

// figureDate reports whether the date at i dates a figure (截至2023年底，全市
// 共有…) rather than limiting a duty.
func figureDate(s string, i int) bool {
	return hasSuffixAny(strings.TrimRight(s[:i], " \t"), "截至", "截止", "截止到", "截止至")
}

// until reports whether 至 or 到 (直至, 到…为止) opens the date at i: 至12月底结束.
func until(s string, i int) bool {
	head := strings.TrimRight(s[:i], " \t")
	return hasSuffixAny(head, "至", "到", "直至") && !hasSuffixAny(head, "截至", "调至", "改至", "提前至", "推迟至", "截止到")
}

// untilStart moves a by-deadline's start back over its 至 or 到.
func untilStart(s string, i int) int {
	head := strings.TrimRight(s[:i], " \t")
	for _, w := range []string{"直至", "至", "到"} {
		if strings.HasSuffix(head, w) {
			return len(head) - len(w)
		}
	}
	return i
}

// rangeStart moves a range's start back over 从, 自 and 于 (从即日起至…).
func rangeStart(s string, i int) int {
	head := strings.TrimRight(s[:i], " \t")
	for _, w := range []string{"从", "自", "于"} {
		if strings.HasSuffix(head, w) {
			return len(head) - len(w)
		}
	}
	return i
}

// rangeEnd moves a deadline's end on over 止, 为止 and 结束 (至12月底结束).
func rangeEnd(s string, i int) int {
	rest := s[i:]
	for _, w := range []string{"为止", "结束", "止"} {
		if strings.HasPrefix(rest, w) {
			return i + len(w)
		}
	}
	return i
}

// holidaySchedule reports whether s sets out the days of a holiday (“五一”
// 放假时间从5月1日至7日): its days are the calendar, not limits of duties.
func holidaySchedule(s string) bool {
	return holidayWords.in(s)
}

// holidayWords set out the days of a holiday.
var holidayWords = newVocabulary("放假时间", "放假安排", "调休", "公休日", "法定假日", "法定节假日")

// yearEndOK rejects 年底 that recurs or is a season (岁末年初, 每年年底, 年度末).
func yearEndOK(s string, a atom) bool {
	if a.kind != atomYearEnd || a.year != "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:a.start])
	return !strings.ContainsRune("每岁度上学", r)
}

// withinYearOK accepts 年内 that means "within this year": not 三年内 or
// 一年内 (a condition), not 今年内 (the this-year rule's), and not before a
// count (年内至少1次: a frequency).
func withinYearOK(s string, a atom) bool {
	at := a.end - len("年内")
	if at < 0 || !governingWithinYear(s, at) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:a.start])
	if r == '今' {
		return false
	}
	return !hasTimes(clauseTail(s, a.end))
}

// thisYearOK accepts 今年 where it fixes when something is done — before a
// verb (今年计划…, 今年完成…), with 内 or 底, or after 计划/力争 — and not where
// it names the past or a noun (今年以来, 今年安全生产各项任务, 今年不突破…指标)
// or stands before a count (今年内至少开展2次: a frequency).
func thisYearOK(s string, a atom) bool {
	after := strings.TrimLeft(s[a.end:], " ")
	if a.flag {
		return !hasTimes(clauseTail(s, a.end))
	}
	before := strings.TrimRight(s[:a.start], " ")
	if hasSuffixAny(before, "计划", "力争", "争取", "于", "在") {
		return true
	}
	return hasPrefixAny(after, "计划", "要", "将", "力争", "全面", "完成", "实现", "建成", "建立", "开展", "启动")
}

// clauseTail returns s from i up to the end of its clause.
func clauseTail(s string, i int) string {
	return s[i:clauseEnd(s, i)]
}

// hasTimes reports whether s counts times (2次, 一轮): after 年内 that makes a
// frequency, not a deadline.
func hasTimes(s string) bool {
	return len(timesIn(s)) > 0
}

// opensWithAction reports whether s, after spaces and a comma, opens with
// a verb of action (一季度完成摸底, 11月12日进行系统调试).
func opensWithAction(s string) bool {
	s = strings.TrimLeft(s, " \t")
	if strings.HasPrefix(s, "，") || strings.HasPrefix(s, ",") {
		return false
	}
	// An adverb of extent or manner may stand before the verb: 上半年全部完成,
	// 三季度基本建成, 年内如期完成.
	if w := hasPrefixWord(s, completionAdverbs...); w != "" {
		s = s[len(w):]
	}
	return startsWithAction(s) || hasPrefixAny(s, "进行", "举行", "启动", "开始")
}

// completionAdverbs are the adverbs that stand between a time and the verb
// of what is to be done by then.
var completionAdverbs = []string{"全部", "全面", "基本", "如期", "按时", "按期", "逐步", "率先", "圆满", "力争", "争取"}

func hasSuffixAny(s string, ws ...string) bool {
	for _, w := range ws {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

func hasPrefixAny(s string, ws ...string) bool { return hasPrefixWord(s, ws...) != "" }

// hasPrefixWord returns the first of ws that s opens with, or "".
func hasPrefixWord(s string, ws ...string) string {
	for _, w := range ws {
		if strings.HasPrefix(s, w) {
			return w
		}
	}
	return ""
}
