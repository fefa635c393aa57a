package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// units are the bodies an obligation names, by role.
type units struct {
	lead, support, responsible []string
}

func (u units) empty() bool { return len(u.lead)+len(u.support)+len(u.responsible) == 0 }

// unitSuffixes end the name of a body: 局, 委员会, 站所, 部门 …; longest first
// so that extensions (委 → 委员会) are seen.
var unitSuffixes = []string{
	"委员会", "办公室", "管委会", "领导小组", "工作组", "检查组", "专班", "部门", "单位", "中心", "政府",
	"党委", "党工委", "纪委", "监委", "公司", "集团", "大队", "支队", "总队", "中队", "社区", "街道",
	"乡镇", "村居", "站所", "车务段", "工作站",
	"局", "委", "办", "部", "厅", "站", "所", "队", "院", "会", "组", "处", "室", "司", "署", "台",
	"社", "校", "馆", "村", "镇", "乡", "区", "县", "段", "银行", "科", "股", "班",
}

// actorSuffixes end the name of a person or of a regulated party, which are
// actors of an obligation, not units: 企业主要负责人, 分管同志, 生产经营单位.
var actorSuffixes = []string{
	"负责人", "负责同志", "同志", "领导", "干部", "书记", "镇长", "县长", "市长", "区长", "主任", "组长",
	"人员", "职工", "员工", "群众", "网格员", "企业", "生产经营单位", "经营单位", "社会单位", "重点单位",
	"使用单位", "建设单位", "施工单位", "参建单位", "学校", "医院", "景区", "场所", "班子成员", "成员",
}

// leadingVerbs open a clause that has no named subject (推动市安委会成员单位…):
// a candidate subject starting with one of these words is no subject.
var leadingVerbs = map[string]bool{
	"推动": true, "督促": true, "指导": true, "组织": true, "加强": true, "落实": true, "开展": true,
	"建立": true, "健全": true, "完善": true, "推进": true, "强化": true, "深化": true, "严格": true,
	"实施": true, "协调": true, "支持": true, "鼓励": true, "要求": true, "明确": true, "发挥": true,
	"聘请": true, "联合": true, "依托": true, "会同": true, "配合": true, "坚持": true, "按照": true,
	"根据": true, "围绕": true, "通过": true, "结合": true, "针对": true, "加快": true, "加大": true,
	"持续": true, "全面": true, "认真": true, "进一步": true, "积极": true, "切实": true, "提升": true,
	"提高": true, "引导": true, "督导": true, "注重": true, "确保": true, "做好": true, "抓好": true,
	"对": true, "在": true, "由": true, "将": true, "把": true, "为": true, "以": true, "从": true,
	"成立": true, "设立": true, "制定": true, "研究": true, "召开": true, "定期": true, "及时": true,
	"依法": true, "继续": true, "大力": true, "深入": true, "重点": true, "突出": true,
	"专项": true, "其中": true, "同时": true, "凡": true, "如": true, "若": true, "当": true,
	"聚焦": true, "紧盯": true, "设在": true, "接到": true, "加密": true, "排查": true, "整治": true, "检查": true,
}

// trailingEtc are dropped from the end of a name when a name remains
// (市交通运输局等有关部门 → 市交通运输局); longest first.
var trailingEtc = []string{"等其他有关部门", "等其他部门", "等有关部门单位", "等有关部门", "等相关部门", "等有关单位", "等部门", "等单位", "等"}

// stripParens removes trailing parenthetical qualifiers: 各乡镇(街道) → 各乡镇.
func stripParens(s string) string {
	for {
		r, _ := utf8.DecodeLastRuneInString(s)
		if !isCloser(r) {
			return s
		}
		depth, open := 0, -1
		for j := len(s); j > 0; {
			r, w := utf8.DecodeLastRuneInString(s[:j])
			j -= w
			if isCloser(r) {
				depth++
			} else if isOpener(r) {
				depth--
				if depth == 0 {
					open = j
					break
				}
			}
		}
		if open <= 0 {
			return s
		}
		s = s[:open]
	}
}

// isOpener and isCloser recognise the brackets of attributions and names.
func isOpener(r rune) bool {
	switch r {
	case '（', '(', '〔', '【', '［', '[', '〈', '<', '｛', '{':
		return true
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '）', ')', '〕', '】', '］', ']', '〉', '>', '｝', '}':
		return true
	}
	return false
}

// suffixSet indexes suffixes by their last rune, so that a test looks only
// at the suffixes that can match.
type suffixSet map[rune][]string

func newSuffixSet(sfx []string) suffixSet {
	m := suffixSet{}
	for _, x := range sfx {
		r, _ := utf8.DecodeLastRuneInString(x)
		m[r] = append(m[r], x)
	}
	return m
}

// unitSuffixSet and actorSuffixSet are built once and never changed.
var (
	unitSuffixSet  = newSuffixSet(unitSuffixes)
	actorSuffixSet = newSuffixSet(actorSuffixes)
)

// hasAnySuffix reports whether s ends with one of the suffixes of set.
func hasAnySuffix(s string, set suffixSet) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	for _, x := range set[r] {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// isActor reports whether name is a person or a regulated party.
func isActor(name string) bool {
	return hasAnySuffix(stripParens(name), actorSuffixSet) && !strings.HasSuffix(name, "企事业单位")
}

// insideName reports whether the rune at i continues a name that starts at
// start (应 in 镇应急站: 镇应急 + 站), looking up to three runes on.
func insideName(c string, start, i int) bool {
	j := i
	for n := 0; n < 3 && j < len(c); n++ {
		_, w := utf8.DecodeRuneInString(c[j:])
		j += w
		if isUnitName(c[start:j]) {
			return true
		}
	}
	return false
}

// isUnitName reports whether name looks like the name of a body.
func isUnitName(name string) bool {
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 40 || strings.ContainsAny(name, "，,。；;：:") {
		return false
	}
	if isActor(name) {
		return false
	}
	return hasAnySuffix(stripParens(name), unitSuffixSet)
}

// cleanName trims spaces and separators and drops a trailing 等 (等有关部门 …).
func cleanName(s string) string {
	s = strings.Trim(s, " \t\n\u3000，,、；;：:。")
	for _, e := range trailingEtc {
		if strings.HasSuffix(s, e) && len(s) > len(e) {
			return strings.TrimSpace(strings.TrimSuffix(s, e))
		}
	}
	return s
}

// splitTop splits s at any rune of seps that is outside brackets.
func splitTop(s, seps string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch {
		case isOpener(r):
			depth++
		case isCloser(r):
			if depth > 0 {
				depth--
			}
		case depth == 0 && strings.ContainsRune(seps, r):
			out = append(out, s[start:i])
			start = i + utf8.RuneLen(r)
		}
	}
	return append(out, s[start:])
}

// splitNames splits a list of bodies as written: on 、，, outside brackets,
// on 及/以及 (not 及其), and on 和 only between two complete names (not
// inside 人力资源和社会保障局); a trailing 等 is dropped.
func splitNames(list string) []string {
	var out []string
	for _, part := range splitTop(list, "、，,；;") {
		part = cleanName(part)
		if part == "" {
			continue
		}
		for _, p := range splitJoined(part) {
			if p = cleanName(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// splitJoined splits a part at 及/以及/与 and at 和 between complete names.
func splitJoined(part string) []string {
	depth := 0
	for i, r := range part {
		switch {
		case isOpener(r):
			depth++
		case isCloser(r):
			if depth > 0 {
				depth--
			}
		case depth == 0 && (r == '和' || r == '及' || r == '与'):
			left, right := part[:i], part[i+utf8.RuneLen(r):]
			left = strings.TrimSuffix(left, "以")
			if r == '及' && strings.HasPrefix(right, "其") && !strings.HasPrefix(right, "其他") {
				continue
			}
			l, rt := cleanName(left), cleanName(firstName(right))
			if (isUnitName(l) || isActor(l)) && (isUnitName(rt) || isActor(rt)) && !isBareSuffix(rt) {
				return append([]string{left}, splitJoined(right)...)
			}
			if r != '和' && cleanName(left) != "" && cleanName(right) != "" && (isUnitName(cleanName(left)) || isActor(cleanName(left))) {
				return append([]string{left}, splitJoined(right)...)
			}
		}
	}
	return []string{part}
}

// isBareSuffix reports whether s is only a suffix (单位 in 各有关部门和单位),
// which names no body of its own.
func isBareSuffix(s string) bool {
	for _, x := range unitSuffixes {
		if s == x {
			return true
		}
	}
	return false
}

// firstName returns s up to its next top-level 和/及, for checking that the
// right side of a join starts with a complete name.
func firstName(s string) string {
	depth := 0
	for i, r := range s {
		switch {
		case isOpener(r):
			depth++
		case isCloser(r):
			if depth > 0 {
				depth--
			}
		case depth == 0 && (r == '和' || r == '及'):
			return s[:i]
		}
	}
	return s
}

// Attribution brackets. labelRe finds the labelled form
// (牵头责任单位：X，协同责任单位：Y); the table says which role each label gives.
var labelRe = regexp.MustCompile(`(责任领导|分管领导|责任人|联系人|牵头领导|牵头责任单位|协同责任单位|配合责任单位|(?:牵头|主责|主办|协同|协办|配合|参与|责任|实施|承办)(?:单位|部门|科室|股室|处室|站所|机构))\s*[：:]`)

// dateInClauseRe finds a date or a time limit in a clause of an attribution.
var dateInClauseRe = regexp.MustCompile(`[0-9０-９]\s*[年月日]|年底|年内|完成|长期坚持|持续推进`)

// otherLabelRe finds a label that names no unit (完成时限：, 工作目标：).
var otherLabelRe = regexp.MustCompile(`[\p{Han}]{2,8}\s*[：:]`)

// isAttributionLine reports whether s opens with a label of the labelled
// form (牵头单位：县应急局), as an attribution written on its own line.
func isAttributionLine(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if !strings.ContainsRune("牵协配责主实承参", r) {
		return false
	}
	loc := labelRe.FindStringIndex(s[:min(len(s), 40)])
	return loc != nil && loc[0] == 0
}

// Verb forms of a clause of an attribution, tried in order.
var (
	notAttrRe = regexp.MustCompile(`^(?:以下简称|简称|含|包括|不含|即|如|下同|见|详见|注)`)
)

// The verbs that end a clause of an attribution, by the role they give, and
// the words of manner that may stand before them (按职责分工负责); longest first.
var (
	leadVerbs    = []string{"牵头负责", "牵头落实", "牵头", "抓统抓总抓协调", "抓总抓协调", "抓总"}
	supportVerbs = []string{"配合推进", "配合落实", "配合实施", "配合做好", "配合", "参与", "协同", "协助", "协办"}
	groupVerbs   = []string{"负责落实", "抓好落实", "负责", "落实", "推进", "实施"}
	mannerWords  = []string{"按照职责分工", "按职责分工", "按照任务分工", "按任务分工", "按照职责", "按职责", "依职责", "按照分工", "按分工", "分工", "分别", "各自", "具体", "共同"}
)

// clauseRole strips the verb (and the words of manner before it) from the
// end of an attribution clause and says which role it gives: lead, support,
// group (分工负责: support beside a lead, else responsible) or none.
func clauseRole(c string) (rest, role string) {
	for _, t := range []struct {
		verbs []string
		role  string
	}{{leadVerbs, "lead"}, {supportVerbs, "support"}, {groupVerbs, "group"}} {
		for _, v := range t.verbs {
			if strings.HasSuffix(c, v) {
				return stripManner(strings.TrimSuffix(c, v)), t.role
			}
		}
	}
	return c, "none"
}

// stripManner removes words of manner from the end of s.
func stripManner(s string) string {
	for again := true; again; {
		again = false
		for _, m := range mannerWords {
			if strings.HasSuffix(s, m) && len(s) > len(m) {
				s, again = strings.TrimSuffix(s, m), true
				break
			}
		}
	}
	return s
}

// parseAttribution reads the content of an attribution bracket (without the
// brackets). ok is false when the content is not an attribution.
func parseAttribution(content string) (u units, ok bool) {
	content = strings.TrimSpace(content)
	if content == "" || notAttrRe.MatchString(content) {
		return u, false
	}
	if locs := labelRe.FindAllStringSubmatchIndex(content, -1); locs != nil {
		for i, l := range locs {
			end := len(content)
			if i+1 < len(locs) {
				end = locs[i+1][0]
			}
			if g := otherLabelRe.FindStringIndex(content[l[1]:end]); g != nil {
				end = l[1] + g[0] // …；完成时限：6月底前 is not a unit
			}
			names := splitNames(content[l[1]:end])
			switch label := content[l[2]:l[3]]; {
			case strings.HasSuffix(label, "领导") || strings.HasSuffix(label, "人"):
				// persons answerable, not units
			case strings.Contains(label, "牵头") || strings.Contains(label, "主责") || strings.Contains(label, "主办"):
				u.lead = append(u.lead, names...)
			case strings.HasPrefix(label, "协") || strings.HasPrefix(label, "配合") || strings.HasPrefix(label, "参与") || strings.HasPrefix(label, "承办"):
				u.support = append(u.support, names...)
			default:
				u.responsible = append(u.responsible, names...)
			}
		}
		return u, !u.empty()
	}

	// A note after the attribution (。各地分工负责均涉及,下同) is not part of it.
	if i := strings.Index(content, "。"); i >= 0 {
		content = content[:i]
	}
	type clause struct {
		names, with []string
		role        string // lead, support, group (分工负责), with, none
	}
	var cs []clause
	hasLead, hasVerb := false, false
	for _, c := range splitVerbClauses(content) {
		if strings.ContainsAny(c, "：:") || dateInClauseRe.MatchString(c) {
			continue // 完成时限：2024年6月底前; 2024年6月底前完成
		}
		if c == "" {
			continue
		}
		rest, role := clauseRole(c)
		cl := clause{names: splitNames(rest), role: role}
		if i := strings.Index(rest, "会同"); i > 0 && role != "support" && role != "lead" {
			// X会同Y(分工)负责: X leads, Y supports.
			cl = clause{names: splitNames(rest[:i]), with: splitNames(stripManner(rest[i+len("会同"):])), role: "with"}
		}
		if cl.role == "lead" || cl.role == "with" {
			hasLead = true
		}
		if cl.role != "none" {
			hasVerb = true
		}
		cs = append(cs, cl)
	}
	for _, cl := range cs {
		for _, n := range append(append([]string(nil), cl.names...), cl.with...) {
			// Beside a verb, a name may be an actor (相关保险企业负责) or a
			// name with its suffix missing (教育科技和体育), not a phrase
			// of action (各地推进落实).
			if !isUnitName(n) && !(hasVerb && (isActor(n) || utf8.RuneCountInString(n) <= 15 && !hasAction(n))) {
				return units{}, false
			}
		}
	}
	// A clause without a verb takes the role of the next clause with one
	// (市委宣传部,市司法局、公安局分工负责 → both responsible).
	var pending []string
	for _, cl := range cs {
		names := append(pending, cl.names...)
		pending = nil
		switch cl.role {
		case "none":
			pending = names
		case "with":
			u.lead = append(u.lead, names...)
			u.support = append(u.support, cl.with...)
		case "lead":
			u.lead = append(u.lead, names...)
		case "support":
			u.support = append(u.support, names...)
		case "group":
			if hasLead {
				u.support = append(u.support, names...)
			} else {
				u.responsible = append(u.responsible, names...)
			}
		}
	}
	if hasLead {
		u.support = append(u.support, pending...)
	} else {
		u.responsible = append(u.responsible, pending...)
	}
	return u, !u.empty()
}

// splitVerbClauses splits an attribution at ，； and at a 、 that follows a
// verb (市安委办抓总、相关部门按分工负责), outside brackets.
func splitVerbClauses(content string) []string {
	var out []string
	for _, c := range splitTop(content, "，,；;") {
		parts := splitTop(c, "、")
		cur := ""
		for i, p := range parts {
			if cur != "" {
				cur += "、"
			}
			cur += p
			if _, role := clauseRole(p); i == len(parts)-1 || role != "none" {
				if t := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(cur), "。.")); t != "" {
					out = append(out, t)
				}
				cur = ""
			}
		}
	}
	return out
}

// subjectVerbs end a clause's subject (道安办要…, 应急站牵头负责…, 镇政府将…,
// 镇纪委对…将…); at one position the longest wins.
var subjectVerbs = []string{"为牵头单位", "为配合单位", "为协同单位", "为责任单位", "要配合", "要", "必须", "应当", "应", "须", "将", "牵头负责", "牵头", "全面负责", "具体负责", "负责牵头", "负责", "分别", "会同", "配合", "对", "统一", "共同"}

// subjectVerbFirsts holds the first rune of every subject verb, to skip
// other runes quickly.
const subjectVerbFirsts = "为要必应须将牵全具负分会配对统共"

// strongVerbs never occur inside a body's name: a candidate subject that
// holds one ran past the verb that ends the subject.
var strongVerbs = []string{"要", "必须", "将", "负责", "牵头", "配合", "会同", "应当"}

// subjectOpeners are dropped from the start of a clause before its subject.
var subjectOpeners = []string{"同时，", "同时,", "另外，", "此外，", "其中，", "同时", "其中"}

// byRe finds 由X负责 and 由X成立…: X is the unit that answers for the clause.
var byRe = regexp.MustCompile(`由(.{1,40}?)(牵头负责|牵头|负责|成立|组织|统筹|承担)`)

// subjectVerbsIn returns the subject start of c and the offsets of the
// subject verbs in its first 60 runes, in order (at most six). Whether a
// match is a word of its own (not 应 in 镇应急站) is checked by isWordAt.
func subjectVerbsIn(c string) (subjStart int, verbs [][2]int) {
	for _, o := range subjectOpeners {
		if strings.HasPrefix(c, o) {
			subjStart = len(o)
			break
		}
	}
	for subjStart < len(c) && (c[subjStart] == ' ' || c[subjStart] == '\t') {
		subjStart++
	}
	limit := subjStart
	for n := 0; n < 61 && limit < len(c); n++ {
		_, w := utf8.DecodeRuneInString(c[limit:])
		limit += w
	}
	quoted := false
	for i := subjStart + 1; i < limit && len(verbs) < 6; i++ {
		if !utf8.RuneStart(c[i]) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(c[i:])
		switch r {
		case '“':
			quoted = true
		case '”':
			quoted = false
		}
		if quoted || !strings.ContainsRune(subjectVerbFirsts, r) {
			continue // 有关站所认真落实“三个必须”: 必须 in quotes is no verb
		}
		for _, v := range subjectVerbs {
			if strings.HasPrefix(c[i:], v) {
				verbs = append(verbs, [2]int{i, i + len(v)})
				i += len(v) - 1
				break
			}
		}
	}
	return subjStart, verbs
}

// isWordAt reports whether c[i:j] is a word of its own as seg cuts c (会同
// in 中队会同, not 会 of 委员会, 负责 but not 负责人).
func (e *Extractor) isWordAt(c string, i, j int) bool {
	if utf8.RuneCountInString(c[i:j]) >= 4 {
		return true // 为牵头单位, 全面负责: no word runs across these
	}
	for _, t := range e.seg.Tokens(c[:min(len(c), j+12)], false) {
		if t.Start == i {
			return t.End <= j
		}
		if t.Start > i {
			break
		}
	}
	return false
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
		if isUnitName(s[:i]) {
			return true
		}
	}
	return false
}

// subject reads the named bodies that are the subject of clause c, with the
// role the verb gives them, and the persons or parties (actors) it names.
// seg cuts words so that a subject opening with a verb (推动…) is refused.
func (e *Extractor) subject(c string) (u units, actors []string) {
	ss, verbs := subjectVerbsIn(c)
	first := true
	for _, v := range verbs {
		cand := c[ss:v[0]]
		verb := c[v[0]:v[1]]
		names, acts, ok := e.nameList(cand)
		if !ok && first && namePrefix(strings.TrimSpace(cand)) && !insideName(c, ss, v[0]) {
			// 镇政府接到事故报告后将…: the name that opens the subject.
			if lead := e.objectNames(cand); len(lead) > 0 && strings.HasPrefix(strings.TrimSpace(cand), lead[0]) && !e.opensWithVerb(cand) {
				names, ok = lead, true
			}
		}
		if !ok && len(names) == 0 && len(acts) > 0 && e.isWordAt(c, v[0], v[1]) {
			return units{}, acts // 企业主要负责人要…: the subject is an actor
		}
		if !ok || !e.isWordAt(c, v[0], v[1]) {
			if !insideName(c, ss, v[0]) {
				first = false
			}
			continue
		}
		switch verb {
		case "为配合单位", "为协同单位":
			u.support = names
		case "牵头", "牵头负责", "为牵头单位", "负责牵头":
			u.lead = names
			// X牵头，会同Y…: Y supports.
			if rest := strings.TrimLeft(c[v[1]:], "，, "); strings.HasPrefix(rest, "会同") {
				u.support = e.objectNames(rest[len("会同"):])
			}
		case "配合", "要配合":
			u.support = names
			u.lead = e.objectNames(c[v[1]:])
		case "会同":
			u.lead = names
			u.support = e.objectNames(c[v[1]:])
		default:
			u.responsible = names
		}
		return u, actors
	}
	if m := byRe.FindStringSubmatchIndex(c); m != nil && !strings.HasPrefix(c[m[1]:], "人") && !strings.HasPrefix(c[m[1]:], "同志") {
		// not 由应急站负责人兼任
		if names, _, ok := e.nameList(c[m[2]:m[3]]); ok {
			if strings.HasPrefix(c[m[4]:m[5]], "牵头") {
				u.lead = names
			} else {
				u.responsible = names
			}
		}
	}
	return u, actors
}

// nameList splits a candidate subject into names; ok when at least one is a
// body and none is neither a body nor an actor.
func (e *Extractor) nameList(cand string) (names, actors []string, ok bool) {
	cand = strings.TrimSpace(cand)
	if cand == "" || strings.ContainsAny(cand, "，,；;。：:“”《》") {
		return nil, nil, false
	}
	for _, v := range strongVerbs {
		if strings.Contains(cand, v) {
			return nil, nil, false // 主要负责人每月要带队: the subject ended before 要
		}
	}
	names, actors, ok = classifyNames(splitNames(cand))
	if !ok {
		// 公安、交通运输、应急管理等部门: fields of work, then the bodies in
		// charge of them — one name as written.
		i := strings.LastIndex(cand, "等")
		if i <= 0 || !isUnitName(cand[i+len("等"):]) || strings.ContainsAny(cand, "（(") {
			return nil, nil, false
		}
		names, actors = []string{cand}, nil
	}
	if e.opensWithVerb(cand) {
		return nil, nil, false
	}
	return names, actors, len(names) > 0
}

// classifyNames sorts names into bodies and actors; ok is false when one
// is neither.
func classifyNames(ns []string) (names, actors []string, ok bool) {
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
	toks := e.seg.Tokens(strings.TrimSpace(s), false)
	return len(toks) > 0 && leadingVerbs[toks[0].Text]
}

// objectNames reads the list of bodies at the start of s (配合各行业监管站所、
// 各村围绕… → 各行业监管站所, 各村): every item before the last 、 must be a
// name; the last item is the longest run of words that is a name.
func (e *Extractor) objectNames(s string) []string {
	if i := strings.IndexAny(s, "，,；;。：:"); i >= 0 {
		s = s[:i]
	}
	parts := splitTop(s, "、")
	var out []string
	for i, p := range parts {
		if i < len(parts)-1 {
			if n := cleanName(p); isUnitName(n) {
				out = append(out, n)
				continue
			}
			return out
		}
		best := ""
		for _, t := range e.seg.Tokens(p, false) {
			if t.Start > 0 && leadingVerbs[t.Text] {
				break
			}
			if n := cleanName(p[:t.End]); isUnitName(n) {
				best = p[:t.End]
			}
		}
		for _, n := range splitJoined(best) {
			if n = cleanName(n); isUnitName(n) {
				out = append(out, n)
			}
		}
	}
	return out
}
