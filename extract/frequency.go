package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/internal/numeral"
)

// Patterns of the frequency rules. Each finds expressions with a calendar
// unit; counts without one (至少开展1次) are frequencies only where 年内
// governs the sentence.
var (
	// everyRe: 每月, 每个月, 每季度, 每两月, 每3个月, 每旬, 每学期, 每双月 …
	everyRe = regexp.MustCompile(`每\s*(?:([0-9０-９]+|[两二三四五六七八九十]+)\s*)?个?\s*(半年度|半年|半月|双月|双周|季度|季|月|星期|周|旬|学期|年度|年|日|天)`)
	// withinYearRe: 年内 and 全年 (not 三年内, 近一年内, 每年内).
	withinYearRe = regexp.MustCompile(`年内|全年`)
	// countRe: 1次, 一次, 4 次, 1个 (not 一次性).
	countRe = regexp.MustCompile(`([0-9０-９]+|[一二两三四五六七八九十]+)\s*(次|轮|场|遍|个)`)
	// issueCountRe: 两期, 3篇, 20家 — the issues of a bulletin or course, the
	// pieces of writing or the places checked a recurring duty counts
	// (每月编发两期工作简报, 每季度报送信息不少于3篇, 每月抽查不少于20家); read
	// only after a 每X mention or 年内, and 期 only before
	// what is issued or held (issueNounRe), not 二期工程 nor 第二期.
	issueCountRe = regexp.MustCompile(`([0-9０-９]+|[一二两三四五六七八九十]+)\s*(期|篇|家)`)
	// issueNounRe: what comes out in issues or sessions, after N期.
	issueNounRe = regexp.MustCompile(`^\s*\p{Han}{0,12}?(?:简报|通报|专刊|快报|刊物|期刊|信息|动态|专栏|培训班|培训|讲座|课程|节目)`)
	// qualifierRe: the words that make a count a floor or a ceiling.
	qualifierRe = regexp.MustCompile(`至少|不少于|不低于|不得少于|不得低于|最少|起码|不超过|至多|最多|不多于|不高于|不得超过|不得多于`)
	// oneEachRe: 一月一通报, 一季一调度, 一年一评估, and 半年一总结 (the
	// half year is not counted with 一).
	oneEachRe = regexp.MustCompile(`(?:一(日|天|周|月|季度|季|年)|(半年))一[\p{Han}]`)
	// periodListRe: 周调度、月小结、季通报、年总结, 月检查月通报 (two or
	// more, one entry each).
	periodListRe = regexp.MustCompile(`[日周月季年](?:` + periodicVerbs + `)(?:[、，,]?[日周月季年](?:` + periodicVerbs + `))+`)
	// periodItemRe finds the items of a periodListRe match.
	periodItemRe = regexp.MustCompile(`[日周月季年](?:` + periodicVerbs + `)`)
	// quotedPeriodsRe: “日周月”执法检查.
	quotedPeriodsRe = regexp.MustCompile(`[“"「]([日周月季年]{2,5})[”"」]\s*[\p{Han}]`)
	// byPeriodRe: 按月报送, 按季度通报, 逐月调度.
	byPeriodRe = regexp.MustCompile(`[按逐](日|周|月|季度|季|半年|年)(?:` + periodicVerbs + `|报送|上报|统计)`)
	// periodDutyRe: a single 周调度 or 月报告 in 实行周调度 or 月报告制度, and
	// 双月通报.
	periodDutyRe = regexp.MustCompile(`(?:实行|建立|落实|执行|坚持|开展)[“"]?([日周月季])(` + periodicVerbs + `)|([日周月季])(` + periodicVerbs + `)制度|(双月|双周)(` + periodicVerbs + `)`)
	// periodicNounRe: 季度考核, 季度红黑榜, 季度公开发布机制, 月度调度.
	periodicNounRe = regexp.MustCompile(`(季度|月度|半年度)(?:` + periodicVerbs + `|红黑榜|公开发布|排名)`)
	// monthsEachRe: 5月、6月、7月各组织一次, 每年3月和9月各开展一次.
	monthsEachRe = regexp.MustCompile(`((?:[0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])\s*月份?(?:\s*[、和及与,，]\s*(?:[0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])\s*月份?)+)\s*各\s*[\p{Han}]{0,6}?\s*([0-9０-９]+|[一二两三四五六七八九十]+)\s*次`)
	// monthsListRe: the months of a year a recurring duty falls in, after
	// 每年 (每年3月、9月 → twice a year).
	monthsListRe = regexp.MustCompile(`^\s*(?:在|于)?\s*((?:[0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])\s*月份?(?:\s*[、和及与]\s*(?:[0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])\s*月份?)+)`)
	// hoursListRe: the hours of a day, after 每日 (每日8时、17时 → twice a day).
	hoursListRe = regexp.MustCompile(`^\s*(?:在|于)?\s*((?:[0-9０-９]{1,2})\s*[时点](?:\s*[、和及与]\s*[0-9０-９]{1,2}\s*[时点])+)`)
	// daysListRe: the days of a month a recurring duty falls on, after 每月
	// (每月在10日、25日前报送 → twice a month).
	daysListRe = regexp.MustCompile(`^\s*(?:在|于)?\s*((?:[0-9０-９]{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号](?:\s*[、和及与]\s*(?:[0-9０-９]{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号])+)`)
)

// periodicVerbs are the duties a period word makes recurrent (月调度, 季通报).
const periodicVerbs = `调度|小结|报送|通报|总结|研判|会商|例会|分析|讲评|报告|督导|督查|检查|巡查|考核|评估|排查|点评`

// periodicDuties are a period word's last character right before a duty
// (月调度, 季度考核, 按月上报): every match of periodListRe, periodDutyRe,
// byPeriodRe and periodicNounRe holds one, so a sentence without is not
// matched against them. Built once, never changed.
var periodicDuties = func() *vocabulary {
	var words []string
	for _, p := range []string{"日", "周", "月", "季", "年", "度"} {
		for _, d := range append(strings.Split(periodicVerbs, "|"), "上报", "统计", "红黑榜", "公开发布", "排名") {
			words = append(words, p+d)
		}
	}
	return newVocabulary(words...)
}()

// freqState is the work of findFrequencies on one sentence: the
// frequencies found so far and the counts already given to one.
type freqState struct {
	s        string
	periodic bool // s holds one of periodicDuties
	out      []freqMatch
	used     intervals // byte ranges of counts already given to a frequency
	covered  intervals // byte ranges of the frequencies found
}

// freqMatch is a frequency found in a sentence, with byte offsets into it.
type freqMatch struct {
	corpus.Frequency
	start, end int
}

func (st *freqState) add(start, end int, p corpus.Period, count int, q corpus.Qualifier) {
	for start < end && (st.s[start] == ' ' || st.s[start] == '\t') {
		start++
	}
	for end > start && (st.s[end-1] == ' ' || st.s[end-1] == '\t') {
		end--
	}
	st.out = append(st.out, freqMatch{Frequency: corpus.Frequency{Raw: st.s[start:end], Period: p, Count: count, Qualifier: q}, start: start, end: end})
	st.covered.add(start, end)
}

// inside reports whether offset i lies inside a frequency found so far.
func (st *freqState) inside(i int) bool { return st.covered.overlaps(i, i+1) }

// frequencyRules are tried in order on each sentence; a later rule skips
// what an earlier one took.
var frequencyRules = []struct {
	name string
	find func(st *freqState)
}{
	{"months each", monthsEach},
	{"every period", everyPeriod},
	{"within the year", withinYearCounts},
	{"one each", oneEach},
	{"period list", periodList},
	{"quoted periods", quotedPeriods},
	{"period duty", periodDuty},
	{"by period", byPeriod},
	{"periodic noun", periodicNoun},
}

// findFrequencies returns the frequencies of sentence s (one sentence up to
// its 。, so that 年内 can govern counts after a ；), in order of position.
// Spans are byte offsets into s, each the frequency's raw words. Nothing is
// read from inside a parenthetical list of contents (台账（包括每日巡查记录…）).
func findFrequencies(s string) []corpus.Frequency {
	if !anyOf(s, periodRunes) {
		return nil
	}
	st := &freqState{s: s, periodic: periodicDuties.in(s)}
	for _, r := range frequencyRules {
		r.find(st)
	}
	sort.SliceStable(st.out, func(i, j int) bool { return st.out[i].start < st.out[j].start })
	var res []corpus.Frequency
	for _, f := range st.out {
		if inContentsList(s, f.start) {
			continue
		}
		f.Span = corpus.Span{Start: f.start, End: f.end}
		res = append(res, f.Frequency)
	}
	return res
}

// everyPeriod reads 每X … N次: each mention takes the count in its tail, up
// to the next mention or the end of its clause; a mention joined to the
// next (每半年、…每季度至少分别主持召开1次) shares its count.
func everyPeriod(st *freqState) {
	s := st.s
	if !strings.Contains(s, "每") {
		return
	}
	type mention struct {
		start, end int
		period     corpus.Period
		mult       int
		count      int
		qual       corpus.Qualifier
		countEnd   int
		skip       bool
	}
	var mentions []mention
	for _, m := range everyRe.FindAllStringSubmatchIndex(s, -1) {
		n := 1
		if m[2] >= 0 {
			v, ok := numeral.Parse(strings.TrimSpace(s[m[2]:m[3]]))
			if !ok {
				continue
			}
			n = v
		}
		p, mult, ok := periodOf(s[m[4]:m[5]], n)
		if !ok || st.inside(m[0]) {
			continue // 每年3月和9月各组织一次: the months' rule took it
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
		if d := daysListRe.FindStringSubmatchIndex(tail); d != nil && mn.period == corpus.PeriodMonth {
			// 每月在10日、25日前: once on each day listed.
			mn.count = strings.Count(tail[d[2]:d[3]], "日") + strings.Count(tail[d[2]:d[3]], "号")
			mn.countEnd = mn.end + d[1]
		} else if d := monthsListRe.FindStringSubmatchIndex(tail); d != nil && mn.period == corpus.PeriodYear && !mentionTakesCount(tail[d[1]:]) {
			// 每年3月、9月: once in each month listed (not 每年3月、9月各…两次,
			// the months' rule's, nor 3月至5月, a season).
			mn.count = strings.Count(tail[d[2]:d[3]], "月")
			mn.countEnd = mn.end + d[1]
		} else if d := hoursListRe.FindStringSubmatchIndex(tail); d != nil && mn.period == corpus.PeriodDay {
			// 每日8时、17时: once at each hour listed.
			mn.count = strings.Count(tail[d[2]:d[3]], "时") + strings.Count(tail[d[2]:d[3]], "点")
			mn.countEnd = mn.end + d[1]
		} else if c := mentionCount(tail); c != nil {
			v, _ := numeral.Parse(strings.TrimSpace(tail[c[2]:c[3]]))
			mn.count = v * partsEach(tail[:c[0]])
			mn.countEnd = mn.end + c[1]
			st.used.add(mn.end+c[0], mn.end+c[1])
			if q := lastQualifier(tail[:c[0]]); q != "" {
				mn.qual = q
			}
			if q := qualifierAfter(tail[c[1]:]); q != "" {
				mn.qual = q
				mn.countEnd += len("以上")
			}
		} else if nextStart >= 0 && startsWithJoiner(tail) {
			nx := mentions[i+1]
			mn.count, mn.qual = nx.count, nx.qual
		} else if q := lastQualifier(tail); q != "" {
			mn.qual = q
		} else if attributive(tail) {
			mn.skip = true // 根据每日接到的报送情况: describes a thing, binds no one
		}
		if q := qualifierBefore(s, mn.start); q != "" {
			mn.qual = q
		}
	}
	for _, mn := range mentions {
		if mn.skip {
			continue
		}
		end := mn.end
		if mn.countEnd > 0 {
			end = mn.countEnd
		}
		st.add(mn.start, end, mn.period, mn.count*mn.mult, mn.qual)
	}
}

// timesIn returns the submatch offsets in s of the counts 年内 governs:
// times (2次, 一轮; not 3个, 一次性) and issues or pieces (2期培训班, 3篇;
// not 20家, a target), in order.
func timesIn(s string) [][]int {
	var out [][]int
	for _, c := range countRe.FindAllStringSubmatchIndex(s, -1) {
		if s[c[4]:c[5]] != "个" && !strings.HasPrefix(s[c[1]:], "性") {
			out = append(out, c)
		}
	}
	for _, c := range issueCountRe.FindAllStringSubmatchIndex(s, -1) {
		unit := s[c[4]:c[5]]
		if unit == "家" || strings.HasSuffix(s[:c[0]], "第") || unit == "期" && !issueNounRe.MatchString(s[c[1]:]) {
			continue // 年内完成20家企业创建 is a target, not how often
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// partTimeRe finds the parts of a period a count is given for each of:
// seasons, halves of a day or year, thirds of a month.
var partTimeRe = regexp.MustCompile(`上下午|[春夏秋冬]季|上午|下午|晚上|上半年|下半年|上旬|中旬|下旬`)

// partsEach returns how many parts of the period the text before a count
// lists when 各 gives the count to each (每年春季、秋季开学前各开展一次 → 2,
// 每日上下午各巡查一次 → 2); 1 otherwise.
func partsEach(before string) int {
	i := strings.LastIndex(before, "各")
	if i < 0 || utf8.RuneCountInString(before[i:]) > 7 {
		return 1 // no 各 right before the count's verb (各乡镇每月…)
	}
	n := 0
	for _, m := range partTimeRe.FindAllString(before[:i], -1) {
		if m == "上下午" {
			n += 2
		} else {
			n++
		}
	}
	return max(n, 1)
}

// mentionTakesCount reports whether the rest of a clause after a list of
// months gives its own count (各组织一次, 分别开展两次).
func mentionTakesCount(rest string) bool {
	rest = rest[:runePrefix(rest, 12)]
	return strings.Contains(rest, "各") || strings.Contains(rest, "分别")
}

// mentionCount returns the submatch offsets in tail of the count a 每X
// mention takes: times (1次, 一轮), else issues or pieces (两期, 3篇); nil
// when none (0次 counts nothing, 一次性 is no count).
func mentionCount(tail string) []int {
	c := countRe.FindStringSubmatchIndex(tail)
	if c == nil {
		c = issueCountRe.FindStringSubmatchIndex(tail)
		if c != nil && (strings.HasSuffix(tail[:c[0]], "第") || tail[c[4]:c[5]] == "期" && !issueNounRe.MatchString(tail[c[1]:])) {
			return nil
		}
	}
	if c == nil || strings.HasPrefix(tail[c[1]:], "性") || !positive(tail[c[2]:c[3]]) {
		return nil
	}
	return c
}

// monthsEach reads 各组织一次 after a list of months: with 每年 before the
// list, that many times a year (每年3月和9月各组织一次 → year 2); without, in
// each of those months (5月、6月、7月各组织一次 → month 1).
func monthsEach(st *freqState) {
	s := st.s
	if !strings.Contains(s, "各") || !strings.Contains(s, "次") {
		return // what every match of monthsEachRe holds
	}
	for _, m := range monthsEachRe.FindAllStringSubmatchIndex(s, -1) {
		if st.used.overlaps(m[4], m[5]) || st.inside(m[0]) {
			continue
		}
		n, ok := numeral.Parse(strings.TrimSpace(s[m[4]:m[5]]))
		if !ok || n == 0 {
			continue
		}
		st.used.add(m[4], m[1])
		months := strings.Count(s[m[2]:m[3]], "月")
		start := m[0]
		if head := strings.TrimRight(s[:m[0]], " "); strings.HasSuffix(head, "每年") {
			start = len(head) - len("每年")
			st.add(start, m[1], corpus.PeriodYear, months*n, corpus.Exactly)
			continue
		}
		st.add(start, m[1], corpus.PeriodMonth, n, corpus.Exactly)
	}
}

// withinYearCounts reads 年内 … N次: every count of the sentence after 年内
// not already taken is a count per year.
func withinYearCounts(st *freqState) {
	s := st.s
	for _, m := range findAllIf(withinYearRe, s, withinYearNeeds) {
		if !governingWithinYear(s, m[0]) {
			continue
		}
		prev := m[1]
		// 年内 governs the counts of its sentence; a window bounds the
		// search on a run that never ends one.
		end := min(len(s), m[1]+maxSentence)
		for end < len(s) && !utf8.RuneStart(s[end]) {
			end++
		}
		for _, c := range timesIn(s[m[1]:end]) {
			cs, ce := m[1]+c[0], m[1]+c[1]
			if st.used.overlaps(cs, ce) {
				continue
			}
			v, _ := numeral.Parse(strings.TrimSpace(s[m[1]+c[2] : m[1]+c[3]]))
			if v <= 0 {
				continue
			}
			window := s[max(prev, clauseStart(s, cs)):cs]
			q := lastQualifier(window)
			if qa := qualifierAfter(s[ce:]); qa != "" {
				q, ce = qa, ce+len("以上")
			}
			if q == "" {
				q = corpus.Exactly
			}
			start := m[0]
			if prev != m[1] {
				start = max(prev, clauseStart(s, cs))
			}
			st.add(start, ce, corpus.PeriodYear, v, q)
			st.used.add(cs, ce)
			prev = ce
		}
	}
}

// oneEach reads 一月一通报 and 半年一总结; 半年一次 inside 每半年一次 is
// every period's.
func oneEach(st *freqState) {
	for _, m := range findAllIf(oneEachRe, st.s, oneEachNeeds) {
		unit := m[2:4]
		if unit[0] < 0 {
			unit = m[4:6]
		}
		if st.inside(m[0]) {
			continue
		}
		if p, mult, ok := periodOf(st.s[unit[0]:unit[1]], 1); ok {
			st.add(m[0], m[1], p, mult, corpus.Exactly)
		}
	}
}

// periodList reads 周调度、月小结、季通报、年总结 and 月检查月通报, one entry each.
func periodList(st *freqState) {
	s := st.s
	if !st.periodic {
		return
	}
	for _, m := range periodListRe.FindAllStringIndex(s, -1) {
		for _, it := range periodItemRe.FindAllStringIndex(s[m[0]:m[1]], -1) {
			r, _ := utf8.DecodeRuneInString(s[m[0]+it[0]:])
			p, mult, _ := periodOf(string(r), 1)
			st.add(m[0]+it[0], m[0]+it[1], p, mult, corpus.Exactly)
		}
	}
}

// quotedPeriods reads “日周月”执法检查: one entry per period.
func quotedPeriods(st *freqState) {
	s := st.s
	for _, m := range findAllIf(quotedPeriodsRe, s, quoteNeeds) {
		chars := s[m[2]:m[3]]
		if !distinctRunes(chars) {
			continue
		}
		for i, r := range chars {
			p, mult, _ := periodOf(string(r), 1)
			st.add(m[2]+i, m[2]+i+utf8.RuneLen(r), p, mult, corpus.Exactly)
		}
	}
}

// periodDuty reads 实行周调度, 月报告制度 and 双月通报 when no list took them.
func periodDuty(st *freqState) {
	s := st.s
	if !st.periodic {
		return
	}
	for _, m := range findAllIf(periodDutyRe, s, dutyNeeds) {
		g := 2
		switch {
		case m[2] >= 0:
		case m[6] >= 0:
			g = 6
		default:
			g = 10
		}
		if st.inside(m[g]) {
			continue
		}
		p, mult, ok := periodOf(s[m[g]:m[g+1]], 1)
		if ok {
			st.add(m[g], m[1], p, mult, corpus.Exactly)
		}
	}
}

// byPeriod reads 按月报送.
func byPeriod(st *freqState) {
	if !st.periodic {
		return
	}
	for _, m := range findAllIf(byPeriodRe, st.s, byPeriodNeeds) {
		if st.inside(m[0]) {
			continue
		}
		p, mult, _ := periodOf(st.s[m[2]:m[3]], 1)
		st.add(m[0], m[1], p, mult, corpus.Exactly)
	}
}

// periodicNoun reads 季度考核: not 每季度 (a mention), not 一季度 (the first quarter).
func periodicNoun(st *freqState) {
	s := st.s
	if !st.periodic {
		return
	}
	for _, m := range findAllIf(periodicNounRe, s, periodicNounNeeds) {
		r, _ := utf8.DecodeLastRuneInString(s[:m[0]])
		if strings.ContainsRune("每一二三四第上下本当前", r) || st.inside(m[0]) {
			continue
		}
		p, mult, _ := periodOf(s[m[2]:m[3]], 1)
		st.add(m[0], m[1], p, mult, corpus.Exactly)
	}
}

// positive reports whether a count's numeral is above zero (0次 counts
// nothing).
func positive(s string) bool {
	n, ok := numeral.Parse(strings.TrimSpace(s))
	return ok && n > 0
}

// findAllIf returns the submatch offsets of re in s, skipping the scan
// when s holds none of the runes every match needs.
func findAllIf(re *regexp.Regexp, s string, needs *runeSet) [][]int {
	if !anyOf(s, needs) {
		return nil
	}
	return re.FindAllStringSubmatchIndex(s, -1)
}

// periodOf maps a calendar word and a multiple (每两月: 月, 2) to a period
// and a count per period; intervals that are not a period become counts of
// a larger one (每两月 → year, 6; 双月 → year, 6).
func periodOf(unit string, n int) (corpus.Period, int, bool) {
	if n <= 0 {
		return "", 0, false
	}
	switch unit {
	case "双月":
		unit, n = "月", 2*n
	case "双周":
		unit, n = "周", 2*n
	}
	switch unit {
	case "日", "天":
		switch n {
		case 1:
			return corpus.PeriodDay, 1, true
		case 7:
			return corpus.PeriodWeek, 1, true
		case 14:
			return corpus.PeriodYear, 26, true
		}
		if 30%n == 0 {
			return corpus.PeriodMonth, 30 / n, true // 每15日 as 每半月, 每10天 as 每旬
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
	case "不超过", "至多", "最多", "不多于", "不高于", "不得超过", "不得多于":
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

// qualifierAfter reads 以上 or 以下 right after a count (2次以上 → at least 2).
func qualifierAfter(s string) corpus.Qualifier {
	switch {
	case strings.HasPrefix(s, "以上"):
		return corpus.AtLeast
	case strings.HasPrefix(s, "以下"), strings.HasPrefix(s, "以内"):
		return corpus.AtMost
	}
	return ""
}

// attributive reports whether the tail of a 每X mention makes it describe
// a noun (每日接到的报送情况) rather than time a duty: a 的 within a few runes
// and no count.
func attributive(tail string) bool {
	for i, n := 0, 0; i < len(tail) && n < 5; n++ {
		r, w := utf8.DecodeRuneInString(tail[i:])
		if r == '的' {
			return n > 0
		}
		i += w
	}
	return false
}

// inContentsList reports whether offset i lies inside a parenthetical list
// of contents — a bracket that opens with 含/如 or names 包括 or 内容 in its
// first words (自查内容包括…), or follows 内容/包括 — where a period names
// what a record holds, not how often anyone acts.
func inContentsList(s string, i int) bool {
	depth := 0
	for j := i; j > 0 && i-j < maxBracket; {
		r, w := utf8.DecodeLastRuneInString(s[:j])
		j -= w
		switch {
		case isCloser(r):
			depth++
		case isOpener(r):
			if depth > 0 {
				depth--
				continue
			}
			inner := s[j+w:]
			head := inner[:runePrefix(inner, 8)]
			before := strings.TrimRight(s[:j], " ")
			return hasPrefixAny(inner, "含", "如") || strings.Contains(head, "包括") || strings.Contains(head, "包含") ||
				strings.Contains(head, "内容") || hasSuffixAny(before, "内容", "包括", "包含")
		}
	}
	return false
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
	return hasPrefixAny(strings.TrimLeft(s, " \t"), "、", "和", "及", "或", ",", "，")
}

// maxClause bounds the bytes a rule looks ahead or back for the end or
// start of a clause: a clause is rarely a hundred runes, and a run without
// marks must not make every look-around scan to the end of the text.
const maxClause = 300

// clauseEnd returns the offset of the first clause mark (，；。 and their
// ASCII forms) at or after i, or where the look-ahead window ends.
func clauseEnd(s string, i int) int {
	end := min(len(s), i+maxClause)
	for end < len(s) && !utf8.RuneStart(s[end]) {
		end++
	}
	if j := strings.IndexAny(s[i:end], "，,；;。！？!?\n"); j >= 0 {
		return i + j
	}
	return end
}

// clauseStart returns the offset just after the last clause mark before i,
// or where the look-back window starts.
func clauseStart(s string, i int) int {
	start := max(0, i-maxClause)
	for start > 0 && !utf8.RuneStart(s[start]) {
		start--
	}
	if j := strings.LastIndexAny(s[start:i], "，,；;。！？!?\n"); j >= 0 {
		_, w := utf8.DecodeRuneInString(s[start+j:])
		return start + j + w
	}
	return start
}

// intervals is a set of byte ranges kept in order of start, so that a
// test or an addition costs a binary search, not a scan: a long run of
// text holds thousands.
type intervals [][2]int

// overlaps reports whether [a,b) overlaps a range of the set. Ranges
// that start before b are tried nearest first, a few of them: the ranges
// of one sentence's facts seldom nest.
func (iv intervals) overlaps(a, b int) bool {
	k := sort.Search(len(iv), func(k int) bool { return iv[k][0] >= b })
	for j := k - 1; j >= 0 && j >= k-8; j-- {
		if a < iv[j][1] {
			return true
		}
	}
	return false
}

// add puts [a,b) in the set.
func (iv *intervals) add(a, b int) {
	k := sort.Search(len(*iv), func(k int) bool { return (*iv)[k][0] > a })
	*iv = append(*iv, [2]int{})
	copy((*iv)[k+1:], (*iv)[k:])
	(*iv)[k] = [2]int{a, b}
}

// distinctRunes reports whether no rune repeats in s.
func distinctRunes(s string) bool {
	seen := map[rune]bool{}
	for _, r := range s {
		if seen[r] {
			return false
		}
		seen[r] = true
	}
	return true
}
