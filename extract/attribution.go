package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
)

// attribution is what an attribution bracket or line names — the units
// answerable for the obligations it covers — and its span.
type attribution struct {
	units
	span corpus.Span
}

// Attribution brackets. labelRe finds the labelled form
// (牵头责任单位：X，协同责任单位：Y); parseAttribution says which role each
// label gives.
var labelRe = regexp.MustCompile(`(责任领导|分管领导|责任人|联系人|牵头领导|(?:牵头|协同|配合)责任单位|(?:牵头|主责|主办|协同|协办|配合|参与|责任|实施|承办)(?:单位|部门|科室|股室|处室|站所|机构))\s*[：:]`)

// findLabels returns the submatch offsets of labelRe in s; every label
// ends in a colon, so a text without one is not scanned.
func findLabels(s string) [][]int {
	if !anyOf(s, colonRunes) {
		return nil
	}
	return labelRe.FindAllStringSubmatchIndex(s, -1)
}

// itemMarkRe finds an item number that ends a run-on label list
// (责任单位：A，B (二)狠抓问题隐患整治 …).
var itemMarkRe = regexp.MustCompile(`[（(][一二三四五六七八九十]{1,3}[）)]|\s[0-9]{1,2}[、.．]`)

// leadMarkRe finds a lead marked inside a list: 责任单位：市应急局（牵头）、市公安局.
var leadMarkRe = regexp.MustCompile(`\s*[（(]\s*(?:总?牵头|牵头单位|牵头部门)\s*[）)]$`)

// dateInClauseRe finds a date or a time limit in a clause of an attribution;
// every match holds a rune of dateInClauseNeeds.
var (
	dateInClauseRe    = regexp.MustCompile(`[0-9０-９]\s*[年月日]|年底|年内|完成|长期坚持|持续推进`)
	dateInClauseNeeds = newRuneSet("年月日完长持")
)

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

// notAttrWords open a bracket that glosses or lists rather than attributes
// (（以下简称市安委办）, （含…）, （详见附件）).
var notAttrWords = []string{"以下简称", "简称", "含", "包括", "不含", "即", "如", "下同", "见", "详见", "注"}

// The verbs that end a clause of an attribution, by the role they give, and
// the words of manner that may stand before them (按职责分工负责); longest first.
var (
	leadVerbs    = []string{"牵头负责", "牵头落实", "牵头"}
	supportVerbs = []string{"配合推进", "配合落实", "配合实施", "配合做好", "配合", "参与", "协同", "协助", "协办"}
	groupVerbs   = []string{"负责落实", "抓好落实", "负责", "落实", "推进", "实施"}
	mannerWords  = []string{"按照职责分工", "按职责分工", "按照任务分工", "按任务分工", "按照职责", "按职责", "依职责", "按照分工", "按分工", "分工", "分别", "各自", "具体", "共同", "派员", "派人"}
)

// overallRe finds a run of 抓 verbs that takes the whole in hand (抓总,
// 抓统抓总抓协调, 牵头抓总): the body leads.
var overallRe = regexp.MustCompile(`(?:抓(?:统筹|统|总|协调))*抓(?:总|统)(?:抓(?:统筹|统|总|协调))*$`)

// clauseRole strips the verb (and the words of manner before it) from the
// end of an attribution clause and says which role it gives: lead, support,
// group (分工负责: support beside a lead, else responsible) or none.
func clauseRole(c string) (rest, role string) {
	if strings.Contains(c, "抓") { // what overallRe needs, found by a byte search
		if m := overallRe.FindStringIndex(c); m != nil && m[0] > 0 {
			return stripManner(strings.TrimSuffix(c[:m[0]], "牵头")), "lead" // 市安委办抓统抓总抓协调, 市安委会牵头抓总
		}
	}
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
	if content == "" || hasPrefixAny(content, notAttrWords...) {
		return u, false
	}
	if locs := findLabels(content); locs != nil {
		// Units under a bare 责任单位 label are responsible, unless another
		// label of the bracket names a lead: then they support it
		// (牵头单位：A；责任单位：B), as a 责任单位 column beside a 牵头单位
		// column does.
		var answerable []string
		for i, l := range locs {
			end := len(content)
			if i+1 < len(locs) {
				end = locs[i+1][0]
			}
			if seg := content[l[1]:end]; anyOf(seg, colonRunes) { // what a label ends in
				if g := otherLabelRe.FindStringIndex(seg); g != nil {
					end = l[1] + g[0] // …；完成时限：6月底前 is not a unit
				}
			}
			if g := itemMarkRe.FindStringIndex(content[l[1]:end]); g != nil {
				end = l[1] + g[0]
			}
			// Enterprises and persons in a bracket (配合单位：各社区、燃气经营
			// 企业) are actors of the duty, not its units.
			leads, names := markedLeads(slices.DeleteFunc(splitNames(content[l[1]:end]), isActor))
			switch label := content[l[2]:l[3]]; {
			case strings.HasSuffix(label, "领导") || strings.HasSuffix(label, "人"):
				// persons answerable, not units
			case strings.Contains(label, "牵头") || strings.Contains(label, "主责") || strings.Contains(label, "主办"):
				u.lead = append(append(u.lead, leads...), names...)
			case strings.HasPrefix(label, "协") || strings.HasPrefix(label, "配合") || strings.HasPrefix(label, "参与") || strings.HasPrefix(label, "承办"):
				u.support = append(append(u.support, leads...), names...)
			case len(leads) > 0:
				// 责任单位：A（牵头）、B、C: A leads, the others support.
				u.lead = append(u.lead, leads...)
				u.support = append(u.support, names...)
			default:
				answerable = append(answerable, names...)
			}
		}
		if len(u.lead) > 0 {
			u.support = append(u.support, answerable...)
		} else {
			u.responsible = append(u.responsible, answerable...)
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
		if anyOf(c, colonRunes) || anyOf(c, dateInClauseNeeds) && dateInClauseRe.MatchString(c) {
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
	if !hasVerb && len(cs) == 1 && allBare(cs[0].names) {
		// 乡镇（街道）, 各县（市、区）: the kinds of place a name stands for,
		// part of the name before the bracket, not units of their own.
		return units{}, false
	}
	for _, cl := range cs {
		for _, n := range append(append([]string(nil), cl.names...), cl.with...) {
			// Beside a verb, a name may be an actor (相关保险企业负责) or a
			// name with its suffix missing (教育科技和体育), not a phrase
			// of action (各地推进落实).
			if !isUnitName(withoutLeadMark(n)) && !(hasVerb && (isActor(n) || utf8.RuneCountInString(n) <= 15 && !hasActionText(n))) {
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
	if leads, rest := markedLeads(u.responsible); len(leads) > 0 {
		// (市应急局（牵头）、市公安局): the marked body leads, the rest support.
		u.lead = append(u.lead, leads...)
		u.support = append(u.support, rest...)
		u.responsible = nil
	}
	for i := range u.lead {
		u.lead[i] = withoutLeadMark(u.lead[i])
	}
	for i := range u.support {
		u.support[i] = withoutLeadMark(u.support[i])
	}
	return u, !u.empty()
}

// allBare reports whether every one of names is a bare unit suffix (街道,
// 市, 区), naming no body of its own.
func allBare(names []string) bool {
	for _, n := range names {
		if !isBareSuffix(n) {
			return false
		}
	}
	return len(names) > 0
}

// withoutLeadMark returns name without a （牵头） mark.
func withoutLeadMark(name string) string {
	if !strings.Contains(name, "牵头") {
		return name
	}
	return strings.TrimSpace(leadMarkRe.ReplaceAllString(name, ""))
}

// markedLeads takes the names marked （牵头） out of names, without the
// mark, and returns them and the rest.
func markedLeads(names []string) (leads, rest []string) {
	for _, n := range names {
		if !strings.Contains(n, "牵头") {
			rest = append(rest, n)
			continue
		}
		if loc := leadMarkRe.FindStringIndex(n); loc != nil && loc[0] > 0 {
			leads = append(leads, n[:loc[0]])
			continue
		}
		rest = append(rest, n)
	}
	return leads, rest
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
