package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
)

// Frequency rules, in the order they are tried. Each finds expressions with a
// calendar unit; counts without one (至少开展1次) are frequencies only where
// 年内 governs the sentence.
var (
	// everyRe: 每月, 每个月, 每季度, 每两月, 每3个月, 每旬, 每学期 …
	everyRe = regexp.MustCompile(`每\s*(?:([0-9０-９]+|[两二三四五六七八九十]+)\s*)?个?\s*(半年度|半年|半月|季度|季|月|星期|周|旬|学期|年度|年|日|天)`)
	// withinYearRe: 年内 (not 三年内, 近一年内, 每年内).
	withinYearRe = regexp.MustCompile(`年内`)
	// countRe: 1次, 一次, 4 次, 1个 (not 一次性).
	countRe = regexp.MustCompile(`([0-9０-９]+|[一二两三四五六七八九十]+)\s*(次|轮|场|遍|个)`)
	// qualifierRe: the words that make a count a floor or a ceiling.
	qualifierRe = regexp.MustCompile(`至少|不少于|不低于|最少|起码|不超过|至多|最多|不多于|不高于`)
	// oneEachRe: 一月一通报, 一季一调度, 一年一评估.
	oneEachRe = regexp.MustCompile(`一(日|天|周|月|季度|季|年)一[\p{Han}]`)
	// periodListRe: 周调度、月小结、季通报、年总结 (two or more, one entry each).
	periodListRe = regexp.MustCompile(`[日周月季年](?:调度|小结|通报|总结|研判|会商|例会|分析|讲评|报告|督导|督查|检查|巡查|考核|评估|排查|点评)(?:[、，,][日周月季年](?:调度|小结|通报|总结|研判|会商|例会|分析|讲评|报告|督导|督查|检查|巡查|考核|评估|排查|点评))+`)
	// quotedPeriodsRe: “日周月”执法检查.
	quotedPeriodsRe = regexp.MustCompile(`[“"「]([日周月季年]{2,5})[”"」]\s*[\p{Han}]`)
	// byPeriodRe: 按月报送, 按季度通报.
	byPeriodRe = regexp.MustCompile(`[按逐](日|周|月|季度|季|半年|年)(报送|上报|通报|调度|统计|考核|报告|分析|研判|评估|督查|检查)`)
	// periodDutyRe: a single 周调度 or 月报告 in 实行周调度 or 月报告制度.
	periodDutyRe = regexp.MustCompile(`(?:实行|建立|落实|执行|坚持|开展)([日周月季])(报告|报送|通报|调度|例会|研判|巡查|会商|分析|检查)|([日周月季])(报告|报送|通报|调度|例会|研判|巡查|会商)制度`)
	// periodicNounRe: 季度考核, 季度红黑榜, 季度公开发布机制, 月度调度.
	periodicNounRe = regexp.MustCompile(`(季度|月度|半年度)(考核|红黑榜|公开发布|通报|讲评|调度|例会|分析|会商|督查|督导|排名|评估|点评|报告|研判|检查)`)
)

// freqMatch is a frequency found in a string, with byte offsets into it.
type freqMatch struct {
	corpus.Frequency
	start, end int
}

// findFrequencies returns the frequencies of sentence s (one sentence up to
// its 。, so that 年内 can govern counts after a ；), in order of position.
// Spans are byte offsets into s.
func findFrequencies(s string) []corpus.Frequency {
	if !strings.ContainsAny(s, "每年季周月日旬期") {
		return nil
	}
	var out []freqMatch
	var used [][2]int // byte ranges of counts already given to a frequency

	// 每X … N次: mentions, each with the tail up to the next mention or the
	// end of its clause.
	var ms [][]int
	if strings.Contains(s, "每") {
		ms = everyRe.FindAllStringSubmatchIndex(s, -1)
	}
	type mention struct {
		start, end int
		period     corpus.Period
		mult       int
		count      int
		qual       corpus.Qualifier
		countEnd   int
	}
	var mentions []mention
	for _, m := range ms {
		n := 1
		if m[2] >= 0 {
			v, ok := parseNumber(s[m[2]:m[3]])
			if !ok {
				continue
			}
			n = v
		}
		p, mult, ok := periodOf(s[m[4]:m[5]], n)
		if !ok {
			continue
		}
		mentions = append(mentions, mention{start: m[0], end: m[1], period: p, mult: mult})
	}
	for i := len(mentions) - 1; i >= 0; i-- {
		mn := &mentions[i]
		tailEnd := clauseEnd(s, mn.end)
		nextStart := -1
		if i+1 < len(mentions) && mentions[i+1].start < tailEnd {
			tailEnd, nextStart = mentions[i+1].start, mentions[i+1].start
		}
		tail := s[mn.end:tailEnd]
		mn.count, mn.qual, mn.countEnd = 1, corpus.Exactly, -1
		if c := countRe.FindStringSubmatchIndex(tail); c != nil && !strings.HasPrefix(tail[c[1]:], "性") {
			v, _ := parseNumber(tail[c[2]:c[3]])
			mn.count = v
			mn.countEnd = mn.end + c[1]
			used = append(used, [2]int{mn.end + c[0], mn.end + c[1]})
			if q := lastQualifier(tail[:c[0]]); q != "" {
				mn.qual = q
			}
		} else if nextStart >= 0 && startsWithJoiner(tail) {
			// 每半年、…每季度至少分别主持召开1次: a distributed count.
			nx := mentions[i+1]
			mn.count, mn.qual = nx.count, nx.qual
		} else if q := lastQualifier(tail); q != "" {
			mn.qual = q
		}
		if q := qualifierBefore(s, mn.start); q != "" {
			mn.qual = q
		}
	}
	for _, mn := range mentions {
		end := mn.end
		if mn.countEnd > 0 {
			end = mn.countEnd
		}
		out = append(out, freqMatch{Frequency: corpus.Frequency{
			Raw: strings.TrimSpace(s[mn.start:end]), Period: mn.period, Count: mn.count * mn.mult, Qualifier: mn.qual,
		}, start: mn.start, end: end})
	}

	// 年内 … N次: every count of the sentence after 年内 not already taken.
	for _, m := range findAllIf(withinYearRe, s, "年内") {
		if !governingWithinYear(s, m[0]) {
			continue
		}
		prev := m[1]
		for _, c := range countRe.FindAllStringSubmatchIndex(s[m[1]:], -1) {
			cs, ce := m[1]+c[0], m[1]+c[1]
			unit := s[m[1]+c[4] : m[1]+c[5]]
			if unit == "个" || strings.HasPrefix(s[ce:], "性") || overlaps(used, cs, ce) {
				continue
			}
			v, _ := parseNumber(s[m[1]+c[2] : m[1]+c[3]])
			window := s[max(prev, clauseStart(s, cs)):cs]
			q := lastQualifier(window)
			if q == "" {
				q = corpus.Exactly
			}
			start := m[0]
			if prev != m[1] {
				start = max(prev, clauseStart(s, cs))
			}
			out = append(out, freqMatch{Frequency: corpus.Frequency{
				Raw: strings.TrimSpace(s[start:ce]), Period: corpus.PeriodYear, Count: v, Qualifier: q,
			}, start: start, end: ce})
			used = append(used, [2]int{cs, ce})
			prev = ce
		}
	}

	// 一月一通报.
	for _, m := range findAllIf(oneEachRe, s, "一") {
		p, mult, ok := periodOf(s[m[2]:m[3]], 1)
		if !ok {
			continue
		}
		out = append(out, freqMatch{Frequency: corpus.Frequency{Raw: s[m[0]:m[1]], Period: p, Count: mult, Qualifier: corpus.Exactly}, start: m[0], end: m[1]})
	}

	// 周调度、月小结、季通报、年总结.
	for _, m := range findAllIf(periodListRe, s, "、") {
		for _, item := range splitOnAny(s[m[0]:m[1]], "、，,") {
			r, _ := utf8.DecodeRuneInString(item.text)
			p, mult, _ := periodOf(string(r), 1)
			out = append(out, freqMatch{Frequency: corpus.Frequency{Raw: item.text, Period: p, Count: mult, Qualifier: corpus.Exactly},
				start: m[0] + item.start, end: m[0] + item.start + len(item.text)})
		}
	}

	// “日周月”执法检查.
	for _, m := range findAllIf(quotedPeriodsRe, s, "“\"「") {
		chars := s[m[2]:m[3]]
		if !distinctRunes(chars) {
			continue
		}
		for i, r := range chars {
			p, mult, _ := periodOf(string(r), 1)
			out = append(out, freqMatch{Frequency: corpus.Frequency{Raw: s[m[0]:m[1]], Period: p, Count: mult, Qualifier: corpus.Exactly},
				start: m[2] + i, end: m[2] + i + utf8.RuneLen(r)})
		}
	}

	// 实行周调度, 月报告制度 (when not already in a list).
	for _, m := range findAllIf(periodDutyRe, s, "实建落执坚开制") {
		g := 2
		if m[2] < 0 {
			g = 6
		}
		if insideAny(out, m[g]) {
			continue
		}
		p, mult, _ := periodOf(s[m[g]:m[g+1]], 1)
		out = append(out, freqMatch{Frequency: corpus.Frequency{Raw: s[m[g]:m[1]], Period: p, Count: mult, Qualifier: corpus.Exactly}, start: m[g], end: m[1]})
	}

	// 按月报送.
	for _, m := range findAllIf(byPeriodRe, s, "按逐") {
		p, mult, _ := periodOf(s[m[2]:m[3]], 1)
		out = append(out, freqMatch{Frequency: corpus.Frequency{Raw: s[m[0]:m[1]], Period: p, Count: mult, Qualifier: corpus.Exactly}, start: m[0], end: m[1]})
	}

	// 季度考核: not 每季度 (already a mention), not 一季度 (the first quarter).
	for _, m := range findAllIf(periodicNounRe, s, "度") {
		r, _ := utf8.DecodeLastRuneInString(s[:m[0]])
		if strings.ContainsRune("每一二三四第上下本当前", r) || insideAny(out, m[0]) {
			continue
		}
		p, mult, _ := periodOf(s[m[2]:m[3]], 1)
		out = append(out, freqMatch{Frequency: corpus.Frequency{Raw: s[m[0]:m[1]], Period: p, Count: mult, Qualifier: corpus.Exactly}, start: m[0], end: m[1]})
	}

	sortMatches(out)
	res := make([]corpus.Frequency, len(out))
	for i, f := range out {
		f.Span = corpus.Span{Start: f.start, End: f.end}
		res[i] = f.Frequency
	}
	return res
}

// findAllIf returns the submatch offsets of re in s, skipping the scan
// when s holds none of the runes every match needs.
func findAllIf(re *regexp.Regexp, s, needs string) [][]int {
	if !strings.ContainsAny(s, needs) {
		return nil
	}
	return re.FindAllStringSubmatchIndex(s, -1)
}

// periodOf maps a calendar word and a multiple (每两月: 月, 2) to a period
// and a count per period; intervals that are not a period become counts of
// a larger one (每两月 → year, 6).
func periodOf(unit string, n int) (corpus.Period, int, bool) {
	if n <= 0 {
		return "", 0, false
	}
	switch unit {
	case "日", "天":
		switch n {
		case 1:
			return corpus.PeriodDay, 1, true
		case 7:
			return corpus.PeriodWeek, 1, true
		}
	case "周", "星期":
		if n == 1 {
			return corpus.PeriodWeek, 1, true
		}
		if 52%n == 0 {
			return corpus.PeriodYear, 52 / n, true
		}
	case "半月":
		if n == 1 {
			return corpus.PeriodMonth, 2, true
		}
	case "旬":
		if n == 1 {
			return corpus.PeriodMonth, 3, true
		}
	case "月", "月度":
		switch n {
		case 1:
			return corpus.PeriodMonth, 1, true
		case 3:
			return corpus.PeriodQuarter, 1, true
		case 6:
			return corpus.PeriodHalfYear, 1, true
		}
		if 12%n == 0 {
			return corpus.PeriodYear, 12 / n, true
		}
	case "季", "季度":
		switch n {
		case 1:
			return corpus.PeriodQuarter, 1, true
		case 2:
			return corpus.PeriodHalfYear, 1, true
		case 4:
			return corpus.PeriodYear, 1, true
		}
	case "半年", "半年度", "学期":
		if n == 1 {
			return corpus.PeriodHalfYear, 1, true
		}
	case "年", "年度":
		if n == 1 {
			return corpus.PeriodYear, 1, true
		}
	}
	return "", 0, false
}

// qualifierOf maps a qualifier word to its Qualifier.
func qualifierOf(w string) corpus.Qualifier {
	switch w {
	case "不超过", "至多", "最多", "不多于", "不高于":
		return corpus.AtMost
	case "":
		return ""
	}
	return corpus.AtLeast
}

// lastQualifier returns the qualifier of the last qualifier word in s, or "".
func lastQualifier(s string) corpus.Qualifier {
	ms := qualifierRe.FindAllString(s, -1)
	if len(ms) == 0 {
		return ""
	}
	return qualifierOf(ms[len(ms)-1])
}

// qualifierBefore reads a qualifier written just before a mention (至少每季度).
func qualifierBefore(s string, at int) corpus.Qualifier {
	head := strings.TrimRight(s[:at], " \t")
	for _, w := range []string{"至少", "不少于", "最少", "至多", "最多", "不超过"} {
		if strings.HasSuffix(head, w) {
			return qualifierOf(w)
		}
	}
	return ""
}

// governingWithinYear reports whether the 年内 at i means "within this
// year" rather than 三年内 or 一年内 (a condition) or 近…年内.
func governingWithinYear(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	if r == utf8.RuneError {
		return true
	}
	if isYearBefore(s, i) {
		return true // 2024年内
	}
	return !strings.ContainsRune("0123456789０１２３４５６７８９一二两三四五六七八九十百几每近个", r)
}

// isYearBefore reports whether s[:i] ends with a four-digit year.
func isYearBefore(s string, i int) bool {
	if i < 4 {
		return false
	}
	for _, c := range []byte(s[i-4 : i]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return i == 4 || s[i-5] < '0' || s[i-5] > '9'
}

// startsWithJoiner reports whether s, after spaces, opens with 、 和 及 或.
func startsWithJoiner(s string) bool {
	s = strings.TrimLeft(s, " \t")
	for _, j := range []string{"、", "和", "及", "或", ",", "，"} {
		if strings.HasPrefix(s, j) {
			return true
		}
	}
	return false
}

// clauseEnd returns the offset of the first clause mark (，；。 and their
// ASCII forms) at or after i, or len(s).
func clauseEnd(s string, i int) int {
	if j := strings.IndexAny(s[i:], "，,；;。！？!?\n"); j >= 0 {
		return i + j
	}
	return len(s)
}

// clauseStart returns the offset just after the last clause mark before i.
func clauseStart(s string, i int) int {
	if j := strings.LastIndexAny(s[:i], "，,；;。！？!?\n"); j >= 0 {
		_, w := utf8.DecodeRuneInString(s[j:])
		return j + w
	}
	return 0
}

// overlaps reports whether [a,b) overlaps any of rs.
func overlaps(rs [][2]int, a, b int) bool {
	for _, r := range rs {
		if a < r[1] && r[0] < b {
			return true
		}
	}
	return false
}

// insideAny reports whether offset i lies inside one of the matches.
func insideAny(ms []freqMatch, i int) bool {
	for _, m := range ms {
		if m.start <= i && i < m.end {
			return true
		}
	}
	return false
}

// distinctRunes reports whether no rune repeats in s.
func distinctRunes(s string) bool {
	seen := ""
	for _, r := range s {
		if strings.ContainsRune(seen, r) {
			return false
		}
		seen += string(r)
	}
	return true
}

// sortMatches orders matches by start (stable for equal starts).
func sortMatches(ms []freqMatch) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].start < ms[j-1].start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// piece is a substring with its byte offset.
type piece struct {
	text  string
	start int
}

// splitOnAny splits s at any of the runes in seps, dropping empty parts.
func splitOnAny(s, seps string) []piece {
	var out []piece
	start := 0
	for i, r := range s {
		if strings.ContainsRune(seps, r) {
			if i > start {
				out = append(out, piece{s[start:i], start})
			}
			start = i + utf8.RuneLen(r)
		}
	}
	if start < len(s) {
		out = append(out, piece{s[start:], start})
	}
	return out
}
