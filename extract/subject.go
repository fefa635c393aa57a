package extract

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Subject rules: the bodies a clause names as the ones who act, with the
// role its verb gives them. Tried in order on each clause:
//   - 由X + any verb (由X负责, 由X牵头组织实施, 由X报告, 由X草拟), 请X… and
//     要求X…: X answers (leads with 牵头);
//   - X + a subject verb (X要, X必须, X应, X将, X牵头负责, X负责, X会同Y, X配合Y,
//     X为牵头单位), after an opener (同时, 其中), an ordinal (二是), a label
//     (时间：), an article number (第三条), a time or an event (防火期内,
//     汛期（5—10月）, 接到预警后) or a heading glued to the clause; a modal
//     before a role verb gives the role (X要会同Y, X要在…前牵头); X牵头、Y配合
//     and X负责、Y协助 give Y the support; X是/作为… names X;
//   - a clause that opens with a list of bodies before any other verb (由X
//     综合指导，Y、Z组织实施) is a weak subject: it adds to the bodies of its
//     clause group and starts no obligation of its own.

// subjectVerbs end a clause's subject (道安办要…, 应急站牵头负责…, 镇政府将…,
// 镇纪委对…将…); at one position the longest wins.
var subjectVerbs = clauseLists[1]

// clauseLists are the word lists subject reads in every clause — byWords,
// subjectVerbs and setUpWords — found by one automaton, so that a clause is
// scanned once for all three.
var clauseLists = sharedLists([]string{"由", "请", "要求"},
	[]string{"为牵头单位", "为配合单位", "为协同单位", "为责任单位", "要", "必须", "应当", "应", "须", "将", "请",
		"牵头负责", "牵头", "全面负责", "具体负责", "分工负责", "分别负责", "共同负责", "各负其责", "负责牵头", "负责", "分别", "会同", "配合",
		"协助", "参加", "参与", "对", "统一", "共同"},
	[]string{"成立", "建立", "组建", "设立", "下设"})

// strongVerbs never occur as words inside a body's name: a candidate
// subject that holds one ran past the verb that ends the subject (主要负责人
// 每月要带队), where 负责 in 负责人 and 要 in 主要 are no verbs.
var strongVerbs = []string{"要", "必须", "将", "负责", "牵头", "配合", "会同", "应当", "由"}

// strongList is strongVerbs as a wordList.
var strongList = newWordList(strongVerbs...)

// holdsVerb reports whether s holds one of strongVerbs as a word.
func (e *Extractor) holdsVerb(s string) bool {
	found := false
	eachWord(s, strongList, strongList.scan(s), func(int, int) bool { return true }, func(i, j int, _ string) bool {
		found = e.isWord(s, i, j)
		return !found
	})
	return found
}

// stopWords end a list of bodies read word by word: the verbs and modal
// words that follow a subject.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strongVerbs {
		m[w] = true
	}
	for _, c := range modalScale {
		m[c.word] = true
	}
	return m
}()

// subjectOpeners are dropped from the start of a clause before its subject:
// words that link it to what went before (同时, 其中, 尤其是, 下一步).
var subjectOpeners = []string{"同时", "另外", "此外", "其中", "尤其是", "特别是", "下一步", "今后", "对此", "为此"}

// dutyVerbs open the duties written after a body and a colon in a list of
// who does what (县应急管理局：负责…).
var dutyVerbs = []string{"负责", "牵头", "主要负责", "具体负责", "承担", "配合", "协助", "会同", "要", "应当"}

// dutyLine splits a clause of a division of labour, NAME：duties, where
// NAME is a body's name (after an ordinal or article number) and the duties
// open with a verb of dutyVerbs.
func dutyLine(c string) (name, rest string, ok bool) {
	i := strings.IndexAny(c, "：:")
	if i <= 0 || i > 3*40 {
		return "", "", false
	}
	name = c[:i]
	if m := enumeratorRe.FindStringIndex(name); m != nil {
		name = name[m[1]:]
	}
	name = strings.TrimSpace(name)
	_, colon := utf8.DecodeRuneInString(c[i:])
	rest = strings.TrimLeft(c[i+colon:], " \t")
	if hasPrefixWord(rest, dutyVerbs...) == "" || !isUnitName(cleanName(name)) {
		return "", "", false
	}
	return name, rest, true
}

// openerRe finds what may stand before a clause's subject: an article
// number (第三条), a label (时间：, 第一阶段：) or an opener and its comma.
var openerRe = regexp.MustCompile(`^(?:第[一二三四五六七八九十百零〇0-9]{1,5}条\s*|[\p{Han}]{1,8}阶段[：:]\s*|[\p{Han}]{2,6}[：:]\s*)`)

// enumeratorRe finds the ordinal that opens a clause of a run-on list (一是…；
// 二是…, 其三), before its subject.
var enumeratorRe = regexp.MustCompile(`^(?:[一二三四五六七八九十]{1,2}是|其[一二三四五六七八九十])\s*[，,]?\s*`)

// roleVerbs give a subject its role when they follow its modal (X要会同Y,
// X要在放假前牵头组织, X应配合Y).
var roleVerbs = newWordList("牵头", "会同", "配合", "协助")

// byWords open a clause whose subject follows them: 由X负责, 请X牵头, 要求X….
var byWords = func() wordList {
	l := clauseLists[0]
	l.quoted = true // 要求“请区安委办牵头…”
	return l
}()

// personAfterRe finds a person after a body's name (由市煤炭安全局孙伟任组长,
// 由市经委1名县级领导带队): the person acts, not the body.
var personAfterRe = regexp.MustCompile(`^(?:[0-9０-９一二两三四五六七八九十]+\s*名|(?:分管)?[\p{Han}]{0,3}(?:局长|处长|主任|书记|组长|部长|站长|所长|队长|科长|同志|负责人|领导|人员)|[\p{Han}]{2,3}(?:任|担任|兼任))`)

// leadsAsVerb reports whether a person-like word after a body is the verb
// 领导 with its adverb (由市安委会统一领导): the body leads, no person is named.
func leadsAsVerb(w string) bool {
	return strings.HasSuffix(w, "领导") && hasPrefixAny(w, "统一", "全面", "直接", "集中")
}

// personPosts give a post to a person (由…副教导员王雄同志担任, 由…任组长)
// or say what a group is made of (成员由X有关人员组成): the clause names who
// holds or makes it, not a body's duty.
var personPosts = newVocabulary("担任", "兼任", "任组长", "任副组长", "任主任", "任副主任", "任指挥长", "任成员",
	"为组长", "为副组长", "为主任", "为副主任", "组成", "构成")

// subject reads the subject of clause c: the bodies it names and the role
// the verb gives them, and the persons or parties (actors) it names.
func (e *Extractor) subject(c string) (u units, actors []string) {
	c = strings.TrimSpace(c)
	if name, rest, ok := dutyLine(c); ok {
		// 县水利局：负责…, 一、盟能源局：负责…: a division of labour, the body
		// before the colon and its duties after.
		c = name + rest
	}
	scan := subjectVerbs.scan(c)
	if u, acts, ok := e.bySubject(c, scan); ok {
		return u, acts
	}
	ss := subjectStart(c)
	verbs := subjectVerbsIn(c, ss, scan)
	if k := e.setUpAt(c, scan); k >= 0 {
		// 市安委会成立…督查组，负责…: the body set up answers, not its founder.
		for len(verbs) > 0 && verbs[len(verbs)-1][0] > k {
			verbs = verbs[:len(verbs)-1]
		}
	}
	// Verbs are found as characters; whether one is a word of its own (not
	// 应 in 镇应急站, not 负责 in 负责人) is asked of gse only for a
	// candidate subject that reads as one, the costly test last.
	first := true
	for _, v := range verbs {
		cand := stripManner(strings.TrimSpace(c[ss:v[0]]))
		verb := c[v[0]:v[1]]
		names, acts, ok := e.nameList(cand)
		if !ok && first {
			// 组织保障各乡镇要…: a heading glued to the clause.
			if k := gluedHeading(cand); k > 0 {
				names, acts, ok = e.nameList(cand[k:])
			}
		}
		if !ok && first && len(acts) == 0 && namePrefix(cand) {
			// 镇政府接到事故报告后将…, 各单位国庆期间值班表请于…: the name that
			// opens the subject — not after a verb (构建形成一套辖区…) nor where
			// 由 names the agent (城镇燃气…安全检查由…同志负责), nor where the
			// subject is persons of the bodies (各市(州)、县民政局分管领导).
			first = false
			if lead := e.objectNames(cand); len(lead) > 0 && strings.HasPrefix(cand, lead[0]) && !e.opensWithVerb(cand) &&
				!startsWithAction(cand) && !strings.Contains(cand, "由") && !namesPerson(cand) {
				names, ok = lead, true
			}
		}
		if !ok && len(names) == 0 && len(acts) > 0 && e.isWord(c, v[0], v[1]) {
			return units{}, acts // 企业主要负责人要…: the subject is an actor
		}
		if !ok || !e.isWord(c, v[0], v[1]) {
			continue
		}
		rest := c[v[1]:]
		switch verb {
		case "为配合单位", "为协同单位":
			u.support = names
		case "牵头", "牵头负责", "为牵头单位", "负责牵头":
			u.lead = names
			if p := e.partnersNext(rest); p != nil {
				u.support = p
			} else if verb != "为牵头单位" {
				u.support = e.supportAfter(rest) // X牵头、Y配合
			}
		case "配合", "协助":
			u.support = names
			u.lead = e.objectNames(rest)
		case "参加", "参与":
			u.support = names // 由X负责，Y派员参加: Y supports X
		case "会同":
			u.lead = names
			u.support = e.objectNames(rest)
		case "要", "应", "应当", "必须", "须", "将":
			u = e.modalRole(names, rest)
		default:
			u.responsible = names
			if verb == "负责" {
				if r, ok := strings.CutPrefix(rest, "会同"); ok {
					// X负责会同Y…: X leads, Y supports.
					u = units{lead: names, support: e.partners(r)}
					break
				}
				u.support = e.supportAfter(rest) // X负责、Y配合
			}
		}
		return u, acts
	}
	return units{}, e.actorsAt(c[ss:])
}

// maxActor bounds the runes of an actor named as a subject.
const maxActor = 16

// actorsAt reads an actor that opens clause s as its subject (矿山企业按照
// 有关规定…, 各级政府主要负责人年内不少于4次…, 企业是…的责任主体): the
// longest opening that names a person, a regulated party or government in
// general, followed by a modal word, 是, a preposition or an adverb of
// manner, time or frequency.
func (e *Extractor) actorsAt(s string) []string {
	best := 0
	for i, n := 0, 0; i < len(s) && n < maxActor; n++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
		if isActor(s[:i]) {
			best = i
		}
	}
	if best == 0 {
		return nil
	}
	actor := s[:best]
	if hasActionText(actor) || leadingList.at(actor, 0) != "" || anyOf(actor, listMarkRunes) || prepositions[actor[:runeLenAt(actor, 0)]] || strings.HasPrefix(actor, "并") {
		return nil // 推动企业…, 督促高危行业、领域生产经营单位…: the party is an object
	}
	rest := s[best:]
	if w := modalWords.at(rest, 0); w != "" && e.isWord(s, best, best+len(w)) {
		return []string{actor}
	}
	if !hasPrefixAny(rest, "是", "对", "在", "按照", "依法", "认真", "切实", "主动", "定期", "每", "年内", "于", "将") {
		return nil
	}
	return []string{actor}
}

// clauseAfter returns rest from the end of its clause on: what follows
// the verb's clause (X牵头…，会同Y).
func clauseAfter(rest string) string {
	if i := strings.IndexAny(rest, "，,"); i >= 0 {
		return rest[i:]
	}
	return rest
}

// partners reads the bodies after 会同 or 协同: a list of bodies, or a list
// of fields of work standing for theirs (协同宣传、政法、民政、公安…).
func (e *Extractor) partners(s string) []string {
	list := s
	if i := strings.IndexAny(list, "，,；;。"); i >= 0 {
		list = list[:i]
	}
	parts := splitNames(list)
	whole := len(parts) >= 2
	for _, p := range parts {
		whole = whole && (isUnitName(p) || fieldName(p)) && !containsAny(p, agentVerbList...)
	}
	if whole {
		return parts // the clause is the list
	}
	return e.objectNames(s)
}

// agentVerbList is agentVerbs as a list, for the tests by characters:
// gse may cut such a verb in two (约/谈), and a list of names may run on
// into one (派出所组成联合检查组).
var agentVerbList = slices.Sorted(maps.Keys(agentVerbs))

// fieldName reports whether p may name a field of work in a list (公安,
// 交通运输, 宣传, 住房城乡建设): short, no brackets, and no verb phrase — a
// word such as 宣传 standing alone names its field, and a field may end in
// the noun of its work (…建设), not open with a verb (开展检查).
func fieldName(p string) bool {
	n := utf8.RuneCountInString(p)
	return n >= 2 && n <= 6 && !anyOf(p, parenRunes) && (n == 2 || !hasActionText(p[:len(p)-runeSuffix(p, 2)]))
}

// modalRole gives the role of names, the subject of a modal, from a role
// verb that follows in the clause: X要会同Y → X leads, Y supports; X要在
// 放假前牵头组织 → X leads; X要配合Y → X supports Y; else X answers.
func (e *Extractor) modalRole(names []string, rest string) units {
	whole := rest
	if i := strings.IndexAny(rest, "，,；;。"); i >= 0 {
		rest = rest[:i]
	}
	var u units
	found := false
	e.each(rest[:min(len(rest), 60)], roleVerbs, func(i, j int, w string) bool {
		switch w {
		case "牵头":
			u.lead = names
		case "会同":
			u.lead, u.support = names, e.objectNames(rest[j:])
		case "配合", "协助":
			if containsAny(rest[:i], mutualWords...) {
				return true // 要加强协调配合, 要相互配合: working together, no one supported
			}
			u.support, u.lead = names, e.objectNames(rest[j:])
		}
		found = true
		return false
	})
	if !found {
		u.responsible = names
	}
	if len(u.lead) > 0 && len(u.support) == 0 {
		u.support = e.partnersNext(whole) // X要牵头，会同Y…
	}
	return u
}

// partnersNext reads the partners of a leading body from the clause after
// its verb's (X牵头，会同Y…; X要牵头，会同Y…; X发挥牵头作用，协同Y…): Y
// supports. Nil when that clause does not open with 会同 or 协同.
func (e *Extractor) partnersNext(rest string) []string {
	r := strings.TrimLeft(clauseAfter(rest), "，, ")
	if w := hasPrefixWord(r, "会同", "协同"); w != "" {
		return e.partners(r[len(w):])
	}
	return nil
}

// mutualWords before 配合 or 协助 make it the bodies' working together (加强
// 协调配合, 相互配合, 密切沟通协作) rather than support of a named lead.
var mutualWords = []string{"加强", "协调", "沟通", "协作", "相互", "互相", "紧密"}

// containsAny reports whether s holds one of ws.
func containsAny(s string, ws ...string) bool {
	for _, w := range ws {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// bySubject reads 由X + any verb, 请X… and 要求X…: X answers for the clause
// (leads with 牵头, leads with Y supporting in 由X会同Y负责). Not 由X1名领导
// 带队 nor 由X局长任组长: there a person acts; 请X的分管负责同志参加 names
// the person, an actor. scan is the scan of c by clauseLists' automaton.
func (e *Extractor) bySubject(c string, scan []hit) (u units, actors []string, found bool) {
	if !anyOf(c, byRunes) {
		return units{}, nil, false
	}
	c = c[:runePrefix(c, 3*maxSubject)]
	eachWord(c, byWords, scan, func(int, int) bool { return true }, func(i, j int, w string) bool {
		if w == "由" && (strings.HasPrefix(c[j:], "于") || strings.HasPrefix(c[j:], "此")) {
			return true // 由于, 由此: no agent
		}
		rest := strings.TrimLeft(c[j:], "“\" ")
		if byWords.at(rest, 0) != "" {
			return true // 要求“请X…”: the inner 请 names X
		}
		if !namePrefix(rest) || !e.isWord(c, i, j) {
			return true // no body's name follows (按要求), or no word (理由): the cheap test first
		}
		names, end := e.namesAt(rest)
		if len(names) == 0 || personPosts.in(rest[end:]) {
			return true
		}
		if m := personAfterRe.FindStringIndex(rest[end:]); m != nil && !leadsAsVerb(rest[end:][m[0]:m[1]]) {
			if w == "请" && len(names) == 1 {
				actors = []string{rest[:end+m[1]]} // 请各成员单位分管负责同志参加
				found = true
				return false
			}
			return true
		}
		after := rest[end:]
		switch {
		case strings.HasPrefix(after, "牵头"):
			u.lead = names
		case strings.HasPrefix(after, "会同"):
			u.lead, u.support = names, e.objectNames(after[len("会同"):])
		default:
			u.responsible = names
		}
		if w := leadVerbAt(after); w != "" {
			u.support = e.supportAfter(after[len(w):]) // 由A牵头、B配合
		}
		found = true
		return false
	})
	return u, actors, found
}

// leadVerbAt returns the verb of a leading or answering body that opens s
// (牵头负责, 牵头, 负责), or "".
func leadVerbAt(s string) string {
	return hasPrefixWord(s, "牵头负责", "牵头", "负责")
}

// supportAfter reads the supporting bodies of A牵头、B配合, A负责、B协助 and
// A牵头、会同B from what follows A's verb: 、, then 会同 and the bodies, or
// the bodies and a verb of support (配合, 协助, 参与, 参加, 协同), perhaps
// after a word of manner (共同配合). Nil when s is not such a list.
func (e *Extractor) supportAfter(s string) []string {
	if !strings.HasPrefix(s, "、") {
		return nil
	}
	s = s[len("、"):]
	if strings.HasPrefix(s, "会同") {
		return e.partners(s[len("会同"):]) // A牵头、会同B
	}
	if !namePrefix(s) {
		return nil
	}
	names, end := e.namesAt(s)
	if len(names) == 0 {
		return nil
	}
	rest := s[end:]
	for _, m := range []string{"共同", "积极", "分别", "协同"} {
		if strings.HasPrefix(rest, m) && len(rest) > len(m) && hasPrefixWord(rest[len(m):], "配合", "协助", "参与", "参加") != "" {
			rest = rest[len(m):]
			break
		}
	}
	if hasPrefixWord(rest, "配合", "协助", "参与", "参加", "协同") == "" {
		return nil
	}
	return names
}

// namesAt reads the list of bodies that opens s, before its verb: names
// joined by 、和及或 and 授权/委托 (县人民政府或县人民政府授权县安委办), and
// returns them and the offset where the verb starts. It takes the longest
// run of gse words that is a list of bodies (or of fields of work before
// one: 公安、交通部门), ending at the first verb after a complete name
// (由县安委办报告县人民政府 → 县安委办).
func (e *Extractor) namesAt(s string) ([]string, int) {
	if i := strings.IndexAny(s, "，,；;。：:"); i >= 0 {
		s = s[:i]
	}
	s = s[:min(len(s), 3*40)]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	var best []string
	bestEnd := 0
	for i, t := range e.tokens(s) {
		// A one-rune verb before any complete name is a piece of an
		// abbreviated name (县防指办公室: 指 of 指挥部), not the clause's verb.
		w := t.Text
		if i == 0 && leadingVerbs[w] {
			break // 配合做好…调处: a verb opens no name
		}
		if stopWords[w] || prepositions[w] || i > 0 && leadingVerbs[w] && (len(best) > 0 || utf8.RuneCountInString(w) > 1) || len(best) > 0 && hasPrefixAny(s[t.Start:], agentVerbList...) {
			break
		}
		end := skipCloser(s, t.End)
		if depthAt(s, end) > 0 || particleAt(s, end) {
			continue // inside a name's parenthetical: 县安委办(县安监局); 本办法所称
		}
		if i > 0 && actionList.at(t.Text, 0) == t.Text {
			continue // a name ends in a noun: 镇政府统一部署 is 镇政府 and its verb
		}
		parts := delegated(splitNames(cleanName(s[:end])))
		if len(parts) == 0 {
			continue
		}
		if allBodies(parts) {
			best, bestEnd = parts, end
		} else if f, ok := fieldList(parts); ok {
			best, bestEnd = f, end
		}
	}
	return best, bestEnd
}

// agentVerbs are verbs that follow the body that does them (由X通知, 由X
// 提交, 由X草拟): after a complete name they end it.
var agentVerbs = map[string]bool{
	"通知": true, "提出": true, "确定": true, "提交": true, "草拟": true, "拟定": true, "审定": true, "审核": true,
	"指定": true, "下达": true, "发出": true, "承担": true, "组成": true, "带队": true, "主持": true, "召集": true,
	"报告": true, "报送": true, "上报": true, "督促": true, "提请": true, "责令": true, "约谈": true, "通报": true,
}

// prepositions open a phrase after a subject (X向Y发出, X对Y进行).
var prepositions = map[string]bool{
	"向": true, "对": true, "在": true, "从": true, "为": true, "把": true, "将": true, "以": true, "与": true,
	"同": true, "按": true, "按照": true, "根据": true, "于": true, "就": true, "经": true, "给": true,
}

// depthAt returns the bracket depth of s at offset i.
func depthAt(s string, i int) int {
	d := 0
	for _, r := range s[:i] {
		switch {
		case isOpener(r):
			d++
		case isCloser(r) && d > 0:
			d--
		}
	}
	return d
}

// skipCloser moves i over closing brackets right after it.
func skipCloser(s string, i int) int {
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !isCloser(r) {
			break
		}
		i += w
	}
	return i
}

// delegated splits names at 授权 and 委托 (县人民政府授权县安委办): both the
// body that delegates and its delegate answer. Each name once.
func delegated(names []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		for _, p := range splitAny(n, "授权", "委托") {
			if p = cleanName(p); p != "" && !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// splitAny splits s at every occurrence of any of seps.
func splitAny(s string, seps ...string) []string {
	for _, sep := range seps {
		if strings.Contains(s, sep) {
			var out []string
			for _, p := range strings.Split(s, sep) {
				out = append(out, splitAny(p, seps...)...)
			}
			return out
		}
	}
	return []string{s}
}

// allBodies reports whether every name is a body's.
func allBodies(names []string) bool {
	for i, n := range names {
		if !isUnitName(n) && !(i > 0 && strings.HasPrefix(names[0], "各") && eachPlace("各"+n)) {
			// 各社区、村: the 各 of the list's head is each village's too.
			return false
		}
	}
	return true
}

// subjectStart returns the offset of c where its subject may start, after
// an opener, a label or an article number.
func subjectStart(c string) int {
	ss := 0
	for again := true; again; {
		again = false
		for _, o := range subjectOpeners {
			if strings.HasPrefix(c[ss:], o) {
				ss += len(o)
				again = true
				break
			}
		}
		if head := c[ss : ss+runePrefix(c[ss:], 12)]; strings.HasPrefix(head, "第") || anyOf(head, colonRunes) {
			if m := openerRe.FindStringIndex(c[ss:]); m != nil && !labelRe.MatchString(c[ss:ss+m[1]]) && m[1] < len(c)-ss {
				ss += m[1]
				again = true
			}
		}
		if m := enumeratorRe.FindStringIndex(c[ss:]); m != nil {
			ss += m[1]
			again = true
		}
		if n := timeLead(c[ss:]); n > 0 {
			ss += n
			again = true
		}
		for ss < len(c) && strings.ContainsRune(" \t，,", rune(c[ss])) {
			ss++
		}
		if strings.HasPrefix(c[ss:], "，") {
			ss += len("，")
			again = true
		}
	}
	return ss
}

// timeLeadRe finds a time that leads a clause before its subject: a period
// (防火期内, 节日期间, 今年以来, 清明节前后, 冬春季节, 重要时段, 春节前), a season
// named by a word that ends in 期 or 季 (汛期, 冬季; not 二期, 每季), perhaps
// with its dates in brackets (汛期（5—10月）), or a month (每年5月, 4月底前,
// 6月份).
var timeLeadRe = regexp.MustCompile(`^(?:(?:每年|今年|明年|[0-9０-９]{4}\s*年)?\s*(?:[0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])\s*月份?(?:[上中下]旬|底|末|[0-9０-９]{1,2}\s*[日号])?(?:之前|以前|前|起)?|\p{Han}{0,6}?(?:期间|期内|以来|前后|季节|时段|时期)|\p{Han}{1,4}?节(?:前|后)|[^\p{N}一二三四五六七八九十两本该各每全第\P{Han}]\p{Han}{0,3}?[期季])(?:\s*[（(][^（()）]{1,20}[）)])?`)

// timeLead returns the length of a time that leads clause c before the
// name of a body (防火期内各乡镇要… → 防火期内; 汛期来临前各地要… → 汛期来临前):
// it tells when the subject acts and is no part of its name. 0 when none, or when the time itself
// opens with a body's name.
func timeLead(c string) int {
	r, _ := utf8.DecodeRuneInString(c)
	if !isLetter(r) && !isDigit(r) {
		return 0
	}
	if m := timeLeadRe.FindStringIndex(c[:runePrefix(c, 24)]); m != nil {
		// Not 各单位国庆期间值班表: the body comes first.
		if n := skipBlank(c, m[1]); namePrefix(c[n:]) && !namePrefix(c[:m[1]]) {
			return n
		}
	}
	// An event that sets the time (汛期来临前, 接到预警后, 发现险情时), before
	// a body named with its level or 各 — 城关镇前进村 is one name.
	for i, k := 0, 0; i < len(c) && k < maxEventLead; k++ {
		_, w := utf8.DecodeRuneInString(c[i:])
		i += w
		word := hasPrefixWord(c[i:], "之前", "之后", "以前", "以后", "前", "后", "时")
		if word == "" || i < len("汛期") {
			continue
		}
		n := skipBlank(c, i+len(word))
		if rest := c[n:]; levelOpener(rest) && namePrefix(rest) && !namePrefix(c[:i+len(word)]) {
			return n
		}
	}
	return 0
}

// maxEventLead bounds the runes of an event that leads a clause's subject.
const maxEventLead = 10

// skipBlank returns the offset of the first rune at or after i of s that
// is no space or tab.
func skipBlank(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// levelOpener reports whether s opens as the name of a body of a level of
// government does, or of each of them (县应急局, 各镇, 有关部门).
func levelOpener(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("各省市州县区镇乡街村", r) || hasPrefixAny(s, "有关", "相关")
}

// maxSubject bounds the runes of a clause searched for a subject verb.
const maxSubject = 60

// subjectVerbsIn returns the offsets of the subject verbs in the first
// maxSubject runes of clause c after ss, in order (at most six), as
// characters and not in quotes (有关站所认真落实“三个必须”). scan is the scan
// of c by clauseLists' automaton.
func subjectVerbsIn(c string, ss int, scan []hit) [][2]int {
	if ss >= len(c) {
		return nil
	}
	limit := ss + runePrefix(c[ss:], maxSubject+1)
	_, w := utf8.DecodeRuneInString(c[ss:])
	var verbs [][2]int
	eachWord(c[:limit], subjectVerbs, scan, func(int, int) bool { return true }, func(i, j int, _ string) bool {
		if i >= limit {
			return false
		}
		if i >= ss+w {
			verbs = append(verbs, [2]int{i, j})
		}
		return len(verbs) < 6
	})
	return verbs
}

// runePrefix returns the byte length of the first n runes of s.
func runePrefix(s string, n int) int {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return i
}

// gluedHeading returns the length of a heading glued to the subject of a
// clause (组织保障各乡镇要… → 组织保障), or 0: a short run of Han that ends
// where a body's name with 各 or a place prefix begins.
func gluedHeading(cand string) int {
	for i, n := 0, 0; i < len(cand) && n < 12; n++ {
		r, w := utf8.DecodeRuneInString(cand[i:])
		if !isLetter(r) {
			return 0
		}
		i += w
		if n >= 1 && strings.HasPrefix(cand[i:], "各") && isUnitName(cleanName(splitNames(cand[i:])[0])) {
			return i
		}
	}
	return 0
}

// weakSubject reads a list of bodies that opens clause c and is followed
// by a verb that is no subject verb (各县区政府、市级各有关部门组织实施): the
// weak subject of a clause after one with a subject.
func (e *Extractor) weakSubject(c string) []string {
	s := strings.TrimSpace(c)
	s = s[subjectStart(s):]
	if !namePrefix(s) || e.opensWithVerb(s) {
		return nil
	}
	names, end := e.namesAt(s)
	if len(names) == 0 || end >= len(s) {
		return nil
	}
	rest := s[end:]
	if personAfterRe.MatchString(rest) || !hasActionText(rest[:min(len(rest), 12)]) {
		return nil
	}
	if genericPlaces(names) && hasPrefixWord(rest, equipVerbs...) != "" {
		return nil // 乡镇人民政府要设立管理站，行政村设立劝导站: where, not who
	}
	return names
}

// equipVerbs set up or equip something at a place (行政村设立劝导站,
// 社区配备消防器材).
var equipVerbs = []string{"设立", "设置", "建立", "成立", "配备", "配齐", "设"}

// genericPlaces reports whether every name is a kind of settlement rather
// than a body of one (行政村, 自然村, 社区 — not 各村, 城关社区): before a verb
// that sets something up, the place where it is set up.
func genericPlaces(names []string) bool {
	for _, n := range names {
		switch n {
		case "村", "行政村", "自然村", "村组", "村民小组", "社区", "小区", "居民小区", "网格":
		default:
			return false
		}
	}
	return len(names) > 0
}

// distributive reports whether every body of u is named with 每 (每个镇,
// 每村): after a clause that named the bodies, it shares out the duty
// among them (各镇要储备物资，每个镇储备编织袋不少于5000条) and names no body
// of its own.
func distributive(u units) bool {
	all := u.all()
	for _, n := range all {
		if !strings.HasPrefix(n, "每") {
			return false
		}
	}
	return len(all) > 0
}

// joinSubjects gives a clause that opens with a modal (要, 应, 必须) the
// subject of the clause before it when that one is only bodies, or bodies
// and a circumstance (市直各有关部门，要依照各自职责…; 企业在…时，应…); and
// adds a clause that is only bodies to the subject of the next
// (各区(市)县建设行政主管部门，市安监站、市质监站要…).
func (e *Extractor) joinSubjects(text string, cls []clause) {
	for i := 1; i < len(cls); i++ {
		if !cls[i-1].subject.empty() && !cls[i-1].weak {
			continue
		}
		if !cls[i].subject.empty() && !cls[i].weak {
			prev := strings.TrimRight(strings.TrimSpace(text[cls[i-1].span.Start:cls[i-1].span.End]), "，,")
			// Not 领导小组下设导调组、保障组，分别由X、Y负责: a body set up is no list.
			if names, _, ok := e.nameList(prev[subjectStart(prev):]); ok && len(cls[i].subject.support) == 0 && !setUpWords.in(prev) {
				u := &cls[i].subject
				if len(u.lead) > 0 {
					u.lead = append(names, u.lead...)
				} else {
					u.responsible = append(names, u.responsible...)
				}
				cls[i-1].subject, cls[i-1].weak = units{}, false
			}
			continue
		}
		if !cls[i-1].subject.empty() {
			continue
		}
		cur := strings.TrimSpace(text[cls[i].span.Start:cls[i].span.End])
		head := cur[:runePrefix(cur, 4)]
		if modalWords.at(head, 0) == "" && (len(head) < 3 || modalWords.at(head, runeLenAt(head, 0)) == "") {
			continue // no modal word opens the clause (the cheap test first)
		}
		if cue, _ := e.modal(head); cue == nil || cue.Span.Start > 6 {
			continue
		}
		prev := strings.TrimRight(strings.TrimSpace(text[cls[i-1].span.Start:cls[i-1].span.End]), "，,")
		prev = prev[subjectStart(prev):]
		if names, acts, ok := e.nameList(prev); ok {
			cls[i-1].subject = units{responsible: names}
			cls[i-1].actors = acts
			continue
		}
		if names, end := e.namesAt(prev); len(names) > 0 && hasPrefixAny(prev[end:], "在", "对", "于", "从", "根据", "按照", "结合") {
			cls[i-1].subject = units{responsible: names}
		}
	}
}

// namePrefix reports whether s opens with a body's name (a quick test
// before the words of s are cut).
func namePrefix(s string) bool {
	for i, n := 0, 0; i < len(s) && n < 25; n++ {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == '，' || r == ',' {
			return false
		}
		i += w
		if len(unitSuffixSet[r]) > 0 && isUnitName(s[:i]) && !particleAt(s, i) || bareBodies[s[:i]] || eachPlace(s[:i]) {
			return true
		}
	}
	return false
}

// particleAt reports whether the 所 that ends s[:i] is the particle of
// 所称, 所述, 所列, 所需 …, not the 所 of a body (自然资源所).
func particleAt(s string, i int) bool {
	return strings.HasSuffix(s[:i], "所") && hasPrefixAny(s[i:], "称", "述", "列", "说", "指", "涉", "需", "属", "在", "有")
}

// nameList splits a candidate subject into names; ok when at least one is a
// body and none is neither a body nor an actor. A list of fields of work
// before the bodies in charge of them (公安、交通部门; 铁路、水利、教育等部门)
// names each field as written.
func (e *Extractor) nameList(cand string) (names, actors []string, ok bool) {
	cand = strings.TrimSpace(cand)
	if cand == "" || anyOf(cand, notInSubjectRunes) || strings.Contains(cand, "于") { // 于 is in no name: 本办法适用于…
		return nil, nil, false
	}
	cand = copulaHead(cand)
	if e.holdsVerb(cand) {
		return nil, nil, false // 主要负责人每月要带队: the subject ended before 要
	}
	parts := splitNames(cand)
	names, actors, ok = classifyNames(parts)
	if !ok {
		names, ok = fieldList(parts)
		actors = nil
	}
	if i := strings.LastIndex(cand, "等"); !ok && i > 0 && strings.Contains(cand[:i], "、") {
		// 有煤矿、非煤矿山…等安全生产管理任务较重的乡镇: the bodies so described.
		if tail := cleanName(cand[i+len("等"):]); isUnitName(tail) {
			names, ok = []string{tail}, true
		}
	}
	if !ok || e.opensWithVerb(cand) {
		return nil, nil, false
	}
	return sharedHead(names), actors, len(names) > 0
}

// copulaHead returns the body that a copula describes (县住建局是全县燃气行业
// 主管部门, 县市场监管局作为特种设备安全监管部门 → the body before 是 or 作为):
// the clause that follows binds it, not its description. Else s.
func copulaHead(s string) string {
	for _, w := range []string{"作为", "是"} {
		if i := strings.Index(s, w); i > 0 && i+len(w) < len(s) {
			if head := strings.TrimSpace(s[:i]); isUnitName(head) {
				return head
			}
		}
	}
	return s
}

// fieldList accepts a list of fields of work that ends in bodies
// (公安、交通部门 → 公安, 交通部门): every item short, none a verb phrase, and
// the last a body's name or a field with 等部门.
func fieldList(parts []string) ([]string, bool) {
	if len(parts) < 2 {
		return nil, false
	}
	last := parts[len(parts)-1]
	if !isUnitName(last) && !strings.HasSuffix(last, "等部门") || strings.Contains(last, "的") {
		return nil, false // …等安全生产管理任务较重的乡镇 describes bodies, lists no fields
	}
	for _, p := range parts[:len(parts)-1] {
		if !fieldName(p) {
			return nil, false
		}
	}
	return parts, true
}

// sharedHead joins a list of places that share one head noun into the one
// name the text writes (杨陵区、示范区各部门; 各区(市)县、成都高新区、天府新区
// 成都直管区建设行政主管部门): every item before the last is a place, and
// the last a place with a head that is no body of its own.
func sharedHead(names []string) []string {
	if len(names) < 2 {
		return names
	}
	last := names[len(names)-1]
	head := ""
	for _, h := range []string{"各部门", "各有关部门", "有关部门", "各单位", "行政主管部门", "主管部门"} {
		if strings.HasSuffix(last, h) && len(last) > len(h) && isPlace(strings.TrimSuffix(last, h)) {
			head = h
			break
		}
	}
	if head == "" {
		if i := strings.Index(last, "区"); i > 0 && strings.HasSuffix(last, "部门") && isPlace(last[:i+len("区")]) {
			head = last[i+len("区"):]
		}
	}
	if head == "" {
		return names
	}
	for _, n := range names[:len(names)-1] {
		if !isPlace(n) {
			return names
		}
	}
	return []string{strings.Join(names, "、")}
}

// isPlace reports whether name is a place or a zone (杨陵区, 各区(市)县,
// 成都高新区) rather than a body of it.
func isPlace(name string) bool {
	name = stripParens(strings.TrimPrefix(name, "各"))
	for _, s := range []string{"区", "县", "市", "镇", "乡", "街道", "新区", "开发区", "示范区"} {
		if strings.HasSuffix(name, s) && utf8.RuneCountInString(name) >= 2 {
			return !strings.HasSuffix(name, "社区")
		}
	}
	return false
}

// personHeads are the persons of a body (政府主要负责人): a list whose
// last item has one shares it (党委、政府主要负责人 → 党委主要负责人, 政府主要
// 负责人).
var personHeads = []string{"主要负责人", "主要负责同志", "分管负责人", "负责同志", "负责人", "主要领导", "分管领导", "班子成员"}

// namesPerson reports whether s names a person of a body (主要负责人, 分管领导).
func namesPerson(s string) bool {
	for _, h := range personHeads {
		if strings.Contains(s, h) {
			return true
		}
	}
	return false
}

// sharedPersons rewrites the bare bodies of a list into persons when a
// later item is a person of a body (党委、政府主要负责人和各行业分管班子成员).
func sharedPersons(ns []string) []string {
	for k := len(ns) - 1; k > 0; k-- {
		for _, h := range personHeads {
			if !strings.HasSuffix(ns[k], h) || !isUnitName(strings.TrimSuffix(ns[k], h)) {
				continue
			}
			out := append([]string(nil), ns...)
			for i := 0; i < k; i++ {
				if isUnitName(out[i]) && utf8.RuneCountInString(out[i]) <= 6 {
					out[i] += h
				}
			}
			return out
		}
	}
	return ns
}

// classifyNames sorts names into bodies and actors; ok is false when one
// is neither.
func classifyNames(ns []string) (names, actors []string, ok bool) {
	ns = sharedPersons(ns)
	for _, n := range ns {
		switch {
		case isUnitName(n):
			names = append(names, n)
		case isActor(n):
			actors = append(actors, n)
		default:
			return nil, nil, false
		}
	}
	return names, actors, true
}

// opensWithVerb reports whether s starts with a word of leadingVerbs.
func (e *Extractor) opensWithVerb(s string) bool {
	s = strings.TrimSpace(s)
	toks := e.tokens(s[:min(len(s), 24)])
	return len(toks) > 0 && leadingVerbs[toks[0].Text]
}

// objectNames reads the list of bodies at the start of s (配合各行业监管站所、
// 各村围绕… → 各行业监管站所, 各村).
func (e *Extractor) objectNames(s string) []string {
	names, _ := e.namesAt(strings.TrimLeft(s, " "))
	return names
}

// setUpWords set a body up (成立X, 组建X, 下设X).
var setUpWords = clauseLists[2]

// taskedAfterComma reports whether a clause of text opens with 负责 (…，负责,
// …，具体负责): what seatRe needs.
func taskedAfterComma(text string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], "负责")
		if j < 0 {
			return false
		}
		head := strings.TrimRight(text[:i+j], " ")
		for _, m := range []string{"全面", "具体", "主要"} {
			head = strings.TrimSuffix(head, m)
		}
		if hasSuffixAny(head, "，", ",") {
			return true
		}
		i += j + len("负责")
	}
}

// setUpAt returns the offset of the first word of clause c that sets up a
// body, when a body's name follows it, or -1. scan is the scan of c by
// clauseLists' automaton.
func (e *Extractor) setUpAt(c string, scan []hit) int {
	if !setUpWords.any(scan, len(c)) || !anyOf(c, bodyEndRunes) {
		return -1
	}
	c = c[:runePrefix(c, 3*maxSubject)]
	at := -1
	eachWord(c, setUpWords, scan, func(int, int) bool { return true }, func(i, j int, _ string) bool {
		if m := setUpRe.FindStringIndex(c[i:]); m != nil && m[0] == 0 && e.isWord(c, i, j) {
			at = i
		}
		return at < 0
	})
	return at
}

// setUpRe finds a body set up in the text (成立X领导小组, 建立安全生产领导小组,
// 成立以副市长为组长的督查组, 下设办公室): if the clause then tasks it (…，负责…),
// the body answers.
var setUpRe = regexp.MustCompile(`(?:成立|建立|组建|设立|下设)(?:了)?(?:以[^，,；;。]{1,30}?为(?:组长|主任|指挥长|总指挥)的)?([^，,；;。（(以]{2,40}?(?:领导小组|工作小组|工作组|专班|指挥部|委员会|办公室|督查组|检查组|专项组))`)

// seatRe finds X设在Y，负责… and X（以下简称Y），全面负责…: X answers.
var seatRe = regexp.MustCompile(`^(?:成立)?([^，,；;。]{2,40}?)(?:[（(][^）)]{0,20}[）)])?(?:设在[^，,；;。]{1,20})?[，,]\s*(?:全面|具体|主要)?负责`)

// established returns the body set up in text and then tasked (成立X，由…任
// 组长，负责…; 办公室设在Y，具体负责…).
func (e *Extractor) established(text string) units {
	if !strings.Contains(text, "负责") {
		return units{}
	}
	tasked := taskedAfterComma(text)
	// seat finds the body of X设在Y，负责… (only those, with seated) or of
	// X（以下简称Y），负责… in a clause of text.
	seat := func(seated bool) units {
		for i := 0; i < len(text); {
			if m := seatRe.FindStringSubmatch(strings.TrimSpace(text[i:])); m != nil && (!seated || strings.Contains(m[0], "设在")) {
				if names, _, ok := e.nameList(m[1]); ok {
					return units{responsible: names}
				}
			}
			j := strings.IndexAny(text[i:], "，,")
			if j < 0 {
				break
			}
			i += j + runeLenAt(text, i+j)
		}
		return units{}
	}
	if tasked {
		// 成立X领导小组，领导小组办公室设在Y，负责…: the office seated
		// last is what 负责 tasks, not the group set up before it.
		if u := seat(true); !u.empty() {
			return u
		}
	}
	if setUpWords.in(text) {
		if m := setUpRe.FindStringSubmatchIndex(text); m != nil && strings.Contains(text[m[1]:], "负责") {
			if n := cleanName(text[m[2]:m[3]]); isUnitName(n) {
				return units{responsible: []string{n}}
			}
		}
	}
	if !tasked {
		return units{}
	}
	return seat(false)
}
