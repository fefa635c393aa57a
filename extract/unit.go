package extract

import (
	"regexp"
	"sort"
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
	"乡镇", "村居", "站所", "车务段", "工作站", "机关", "机构", "科协",
	"局", "委", "办", "部", "厅", "站", "所", "队", "院", "会", "组", "处", "室", "司", "署", "台",
	"社", "校", "园", "馆", "联", "村", "镇", "乡", "区", "县", "银行", "科", "股",
}

// actorSuffixes end the name of a person or of a regulated party, which are
// actors of an obligation, not units: 企业主要负责人, 分管同志, 生产经营单位.
var actorSuffixes = []string{
	"负责人", "负责同志", "同志", "领导", "干部", "书记", "镇长", "县长", "市长", "区长", "主任", "组长",
	"员", "员工", "职工", "群众", "企业", "生产经营单位", "经营单位", "社会单位", "重点单位",
	"使用单位", "建设单位", "施工单位", "参建单位", "景区", "场所", "中介机构", "服务机构", "检测机构", "检验机构", "培训机构", "评价机构", "的机构",
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
	"依法": true, "继续": true, "贯彻": true, "传达": true, "学习": true, "并": true, "大力": true, "深入": true, "重点": true, "突出": true,
	"专项": true, "其中": true, "同时": true, "凡": true, "如": true, "若": true, "当": true,
	"聚焦": true, "紧盯": true, "设在": true, "接到": true, "加密": true, "排查": true, "整治": true, "检查": true,
	"是": true, "是指": true, "系": true, "指": true, "即": true,
	// Verbs of sending: what follows is the recipient (…名单，报市防汛指挥部备案).
	"报": true, "上报": true, "报送": true, "抄送": true, "抄报": true, "呈报": true, "报请": true,
	"送": true, "提交": true, "移交": true, "移送": true,
}

// leadingList is leadingVerbs as a wordList, built once and never changed.
var leadingList = func() wordList {
	ws := make([]string, 0, len(leadingVerbs))
	for w := range leadingVerbs {
		ws = append(ws, w)
	}
	sort.Strings(ws)
	return newWordList(ws...)
}()

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

// unitEndRunes holds the last rune of every unit suffix: a text without
// one names no body. Built once and never changed.
var unitEndRunes = func() *runeSet {
	var b strings.Builder
	for _, s := range unitSuffixes {
		r, _ := utf8.DecodeLastRuneInString(s)
		b.WriteRune(r)
	}
	b.WriteString("各地")
	return newRuneSet(b.String())
}()

// unitSuffixSet, actorSuffixSet and commonWordSet are built once and never
// changed.
var (
	unitSuffixSet  = newSuffixSet(unitSuffixes)
	actorSuffixSet = newSuffixSet(actorSuffixes)
	commonWordSet  = newSuffixSet(commonWords)
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

// isActor reports whether name is a person, a regulated party or
// government in general (各级政府, 各级党委政府): the actors of an
// obligation, not units. A 中心学校 (镇中心学校) is the body that runs a
// township's schools, not a school that is supervised.
func isActor(name string) bool {
	if hasAnySuffix(stripParens(name), actorSuffixSet) && !hasSuffixAny(name, "企事业单位", "中心学校") {
		return true
	}
	g := strings.TrimPrefix(strings.TrimPrefix(name, "地方"), "各级")
	return g != name && (g == "政府" || g == "人民政府" || g == "党委" || g == "党委政府" || g == "党委和政府")
}

// bareBodies are bodies named without a unit suffix: every locality (各地).
var bareBodies = map[string]bool{"各地": true, "各地区": true}

// eachPlace reports whether name is 各 and the levels of the places meant
// (各市州, 各县市区, 各旗县, 各省, 各镇街, 各地市): each of those governments, a body
// named without a suffix.
func eachPlace(name string) bool {
	rest, ok := strings.CutPrefix(name, "各")
	n := utf8.RuneCountInString(rest)
	if !ok || n < 1 || n > 3 {
		return false
	}
	for _, r := range rest {
		if !strings.ContainsRune("省市州盟地县旗区乡镇街村", r) {
			return false
		}
	}
	return true
}

// commonWords end in a unit suffix's rune but name no body (全部, 内部,
// 大局, 全社会) or a jurisdiction as a whole (全县, 城镇): a candidate that
// ends in one is no name.
var commonWords = []string{"全部", "内部", "外部", "局部", "全局", "大局", "格局", "布局", "社会", "机会", "大会", "全体",
	"全县", "全市", "全区", "全镇", "全乡", "全省", "全州", "城镇", "村镇", "乡镇村"}

// isUnitName reports whether name looks like the name of a body.
func isUnitName(name string) bool {
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 40 || anyOf(name, notInNameRunes) {
		return false
	}
	if bareBodies[stripParens(name)] || eachPlace(stripParens(name)) {
		return true
	}
	if i := strings.Index(name, "每"); i >= 0 && !strings.HasPrefix(name[i:], "每个") && !strings.HasPrefix(name[i:], "每一") {
		return false // 旱情发生后每周一向县, 每月底前汇总各站所: a time of a duty, no name (每个村 is)
	}
	if isActor(name) || strings.Contains(name, "由") && strings.Contains(strings.ReplaceAll(name, "自由", ""), "由") {
		return false // 督查的具体事项由各督查组: the subject is after 由
	}
	if hasAnySuffix(name, commonWordSet) {
		return false
	}
	return hasAnySuffix(stripParens(name), unitSuffixSet)
}

// shortFormRe finds the short form given after a name: 市安全生产委员会办公室
// (以下简称市安委办).
var shortFormRe = regexp.MustCompile(`\s*[（(](?:以下)?简称[^（()）]*[）)]$`)

// cleanName trims spaces and separators, drops a short form given after
// the name and a trailing 等 (等有关部门 …) when a name remains (教育等部门
// keeps it: 教育 names a field, not a body).
func cleanName(s string) string {
	s = strings.Trim(s, " \t\n\u3000，,、；;：:。")
	if strings.Contains(s, "简称") {
		s = shortFormRe.ReplaceAllString(s, "")
	}
	for _, e := range trailingEtc {
		if strings.HasSuffix(s, e) && len(s) > len(e) {
			if rest := strings.TrimSpace(strings.TrimSuffix(s, e)); isUnitName(rest) || isActor(rest) || e == "等" {
				return rest
			}
			return s
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
		case depth == 0 && isSep(seps, r):
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

// splitJoined splits a part at 及/以及/与/或 and at 和 between complete names.
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
		case depth == 0 && (r == '和' || r == '及' || r == '与' || r == '或'):
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
