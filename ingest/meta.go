package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dutymap/dutymap/internal/fold"
)

var (
	reDateLine = compile(`^[（(]?\s*(\d{4}|[〇零○ＯOo0一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*(印发|签发|发布|发|制发)?\s*[)）]?$`)
	reYear     = compile(`(?:^|[^\d])((?:19|20)\d{2})(?:[^\d]|$)|([〇零○ＯOo0一二三四五六七八九]{4})年`)
	reIssuer   = compile(`^(.{1,40}?(?:人民政府|政府|委员会|办公室|办公厅|管委会|管理委员会|办事处|党委|党组|委|局|厅|部|办|镇|乡|街道|县|区|市|州|盟|省|自治区|旗|苏木))(?:关于|\d{4}|[〇零○一二三四五六七八九]{4}|年度|印发|转发)`)
)

// parseDateLine returns the ISO date of a line that is nothing but a date
// (2024年3月5日, 二〇二四年三月五日, optionally 印发/签发, in brackets), "" otherwise.
func parseDateLine(t string) string {
	if len(t) > 60 {
		return ""
	}
	m := reDateLine.FindStringSubmatch(t)
	if m == nil {
		return ""
	}
	return isoDate(m[1], m[2], m[3])
}

// isoDate returns the ISO date of a year (2024, 二〇二四, 二OO九), month and
// day (Arabic or Chinese numerals), "" when it is no valid date.
func isoDate(year, month, day string) string {
	y, err := strconv.Atoi(year)
	if err != nil {
		y = chineseYear(year)
	}
	mo, d := numeral(month), numeral(day)
	if y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
}

// numeral reads an Arabic or Chinese numeral (12, 十二).
func numeral(s string) int {
	if v, err := strconv.Atoi(s); err == nil {
		return v
	}
	if v, n := chineseNumber(s); n == len(s) {
		return v
	}
	return 0
}

// header is what the lines before the body say.
type header struct {
	title, masthead, docNumber, date string
	addressees                       []string
	// imprint is the issuer an imprint in brackets under the title names.
	imprint string
	// titleOrgs are the names the title's first line opens with where
	// wide space sets two bodies apart (A　B关于印发…): joint issuers.
	titleOrgs []string
}

// reMasthead is the masthead of an official document: X文件.
var reMasthead = compile(`^(.{2,30}?)文件$`)

// headerLine classifies one line before the body for readHeader.
type headerKind int

const (
	headerTitle headerKind = iota // a candidate title line
	headerSkip                    // a label, posting or metadata line
	headerDate
	headerNumber
	headerAddressee
	headerMasthead
	headerImprint // （锡署办发〔2019〕62号　2019年9月16日X印发）
)

func classifyHeader(l line) headerKind {
	t := l.fold
	switch {
	case l.aside || l.row || reLabel.MatchString(t) || rePosting.MatchString(t):
		return headerSkip
	case isBracketImprint(l):
		return headerImprint
	case parseDateLine(t) != "":
		return headerDate
	case utf8.RuneCountInString(t) <= 40 && reDocNumber.MatchString(t) && !reDocKind.MatchString(t):
		return headerNumber
	case strings.HasSuffix(t, "：") || strings.HasSuffix(t, ":"):
		return headerAddressee
	case reMasthead.MatchString(t) && !strings.HasPrefix(t, "关于"):
		return headerMasthead
	}
	return headerTitle
}

// hasTitleLine reports whether lines before a body hold a title candidate.
func hasTitleLine(ls []line) bool {
	for _, l := range ls {
		if classifyHeader(l) == headerTitle && reDocKind.MatchString(l.fold) {
			return true
		}
	}
	return false
}

// readHeader classifies the lines before the body: the masthead (X文件),
// the document number, a date, the addressee line (ending in ：) and the
// title (the run of remaining lines that names a kind of document, or the
// longest one; a line repeated in the run counts once). Metadata lines
// are skipped.
func readHeader(ls []line) header {
	var h header
	var cands []int
	addr := -1
	for i, l := range ls {
		t := l.fold
		switch classifyHeader(l) {
		case headerSkip:
		case headerDate:
			if h.date == "" {
				h.date = parseDateLine(t)
			}
		case headerNumber:
			if h.docNumber == "" {
				loc := reDocNumber.FindStringIndex(t)
				h.docNumber = removeSpaces(l.text[loc[0]:loc[1]])
			}
		case headerAddressee:
			addr = i
		case headerImprint:
			im, _ := bracketImprint(l)
			if h.date == "" {
				h.date = im.date
			}
			if h.docNumber == "" {
				h.docNumber = im.number
			}
			if h.imprint == "" {
				h.imprint = im.issuer
			}
		case headerMasthead:
			if h.masthead == "" {
				m := reMasthead.FindStringSubmatchIndex(t)
				h.masthead = removeSpaces(l.text[m[2]:m[3]])
			}
		default:
			cands = append(cands, i)
		}
	}
	if addr >= 0 {
		h.addressees = splitNames(strings.TrimRight(ls[addr].text, "：:"))
	}
	// Group candidates into runs of consecutive lines.
	run := func(cs []int) string {
		var b strings.Builder
		prev := ""
		for _, c := range cs {
			if t := ls[c].text; t != prev {
				b.WriteString(t)
				prev = t
			}
		}
		return b.String()
	}
	best, bestScore := "", -1
	for k := 0; k < len(cands); {
		j := k
		for j+1 < len(cands) && titleGoesOn(ls[cands[j]], ls[cands[j+1]]) && cands[j+1] == cands[j]+1 {
			j++
		}
		t := cleanTitle(run(cands[k : j+1]))
		score := utf8.RuneCountInString(t)
		if reDocKind.MatchString(fold.String(t)) {
			score += 1000
		}
		if score > bestScore {
			best, bestScore = t, score
			h.titleOrgs = nil
			if l := ls[cands[k]]; len(l.gaps) > 0 {
				if m := reIssuer.FindStringSubmatchIndex(l.fold); m != nil {
					h.titleOrgs = namesBefore(l, m[3])
				}
			}
		}
		k = j + 1
	}
	h.title = best
	return h
}

// Title clutter: a site's category label before the title (通知公告:,
// 转发文--, 第二篇:), and a posting date or counter glued after it.
var (
	reTitlePrefix = compile(`^([^，。,：:《（(]{1,8}?)(?:[:：|｜]|-{2,}|—+|－{2,}|】)\s*`)
	reTitleTail   = compile(`(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?|\d{3,})$`)
)

// reBracketImprint is the imprint a 办法 or 规定 carries in brackets under
// its title: （锡署办发〔2019〕62号　2019年9月16日X印发）, （2019年9月16日X印发）,
// （X　2019年9月16日印发）; group 1 is what stands before the verb.
var reBracketImprint = compile(`^[（(](.{6,80}?)(?:印发|发布|公布|签发|制发)[）)]$`)

// imprintParts is what a bracketed imprint says: the document's number
// (maybe none), its date (ISO) and its issuer, as written.
type imprintParts struct{ number, date, issuer string }

// isBracketImprint reports a line that is an imprint in brackets.
func isBracketImprint(l line) bool {
	if !strings.HasSuffix(l.fold, "）") && !strings.HasSuffix(l.fold, ")") {
		return false // most lines
	}
	_, ok := bracketImprint(l)
	return ok
}

// bracketImprint reads an imprint in brackets (reBracketImprint): a date
// and one body's name, maybe a document number, and nothing else.
func bracketImprint(l line) (imprintParts, bool) {
	f := l.fold
	if len(f) > 300 {
		return imprintParts{}, false
	}
	m := reBracketImprint.FindStringSubmatchIndex(f)
	if m == nil {
		return imprintParts{}, false
	}
	var im imprintParts
	// The pieces of the inner text that are neither number nor date.
	rest := []rng{{m[2], m[3]}}
	take := func(loc []int) {
		var out []rng
		for _, g := range rest {
			if loc[0] >= g.s && loc[1] <= g.e {
				out = append(out, rng{g.s, loc[0]}, rng{loc[1], g.e})
			} else {
				out = append(out, g)
			}
		}
		rest = out
	}
	inner := f[m[2]:m[3]]
	d := reSigDate.FindStringSubmatchIndex(inner)
	if d == nil {
		return imprintParts{}, false
	}
	im.date = isoDate(inner[d[2]:d[3]], inner[d[4]:d[5]], inner[d[6]:d[7]])
	take([]int{m[2] + d[0], m[2] + d[1]})
	if n := reDocNumber.FindStringIndex(inner); n != nil {
		im.number = removeSpaces(l.text[m[2]+n[0] : m[2]+n[1]])
		take([]int{m[2] + n[0], m[2] + n[1]})
	}
	for _, g := range rest {
		name := strings.TrimSpace(l.text[g.s:g.e])
		if name == "" {
			continue
		}
		if im.issuer != "" || !isOrgName(line{text: name, fold: strings.TrimSpace(f[g.s:g.e])}) {
			return imprintParts{}, false
		}
		im.issuer = removeSpaces(name)
	}
	return im, im.date != "" && im.issuer != ""
}

// titleGoesOn reports whether line b can continue the title that line a
// holds: the two stand together in the article (no clutter was dropped
// between them, both or neither a heading: a title is the heading's own
// text, the site's header above it is not), neither names a website, and
// a is not the name of a body whose place the title b opens with names
// again (淄博市应急管理局 over 淄博市…实施方案: a site's name, while
// 淄博市应急管理局 over 关于…的通知 is the title's issuer).
func titleGoesOn(a, b line) bool {
	if b.cut || a.heading != b.heading || reSiteName.MatchString(a.fold) || reSiteName.MatchString(b.fold) {
		return false
	}
	p := placePrefix(a.fold)
	return p == "" || !isOrgName(a) || !strings.HasPrefix(b.fold, p)
}

// reSiteName ends the name of a website (淄博市人民政府门户网站, 柯桥区
// 人民政府网), which a page's header shows and no title holds.
var reSiteName = compile(`(?:网站|门户|政府网|信息网|政务网|官网)$`)

// placeEnds end the name of a place that opens a body's name.
var placeEnds = newRuneSet("省市县区州盟旗镇乡")

// placePrefix returns the place an organisation's name opens with, up to
// its first 省市县区州盟旗镇乡 within six characters (淄博市, 庆元县), ""
// when there is none.
func placePrefix(f string) string {
	for i, r := range f {
		if i >= 6*3 {
			break
		}
		if placeEnds.has(r) && i > 0 {
			return f[:i+utf8.RuneLen(r)]
		}
	}
	return ""
}

// cleanTitle removes layout spaces, a category label before the title and
// a date or number glued after its kind of document.
func cleanTitle(t string) string {
	t = removeSpaces(t)
	f := fold.String(t)
	if m := reTitlePrefix.FindStringSubmatchIndex(f); m != nil {
		rest := f[m[1]:]
		label := f[m[2]:m[3]]
		if utf8.RuneCountInString(rest) >= 8 && reDocKind.MatchString(rest) && !reOrgSuffix.MatchString(label) {
			t, f = t[m[1]:], rest
		}
	}
	if loc := reTitleTail.FindStringIndex(f); loc != nil && endsDocKind(f[:loc[0]]) {
		t = t[:loc[0]]
	}
	return t
}

// removeSpaces drops all white space: layout spaces in titles and names.
func removeSpaces(s string) string {
	return strings.Join(strings.FieldsFunc(s, isSpace), "")
}

// splitNames splits a list of bodies on ，,、；; outside brackets, so that
// 各县（市、区）人民政府 stays whole.
func splitNames(s string) []string {
	var out []string
	depth := 0
	startIdx := 0
	add := func(x string) {
		x = strings.Trim(strings.TrimSpace(x), "。.：:")
		if x != "" {
			out = append(out, x)
		}
	}
	for i, r := range s {
		switch r {
		case '（', '(', '〔', '[', '【', '《':
			depth++
		case '）', ')', '〕', ']', '】', '》':
			if depth > 0 {
				depth--
			}
		case '，', ',', '、', '；', ';':
			if depth == 0 {
				add(s[startIdx:i])
				startIdx = i + utf8.RuneLen(r)
			}
		}
	}
	add(s[startIdx:])
	return out
}

// Issuers named by the text itself: the title's opening name, and the
// subject of an opening decision ("…，街道安全生产委员会、消防安全委员会决定…").
var (
	reIssuerStrong = compile(`^(.{2,40}?(?:人民政府|委员会|办公室|办公厅|管委会|管理委员会|办事处|党委|党工委|指挥部))`)
	reDecides      = compile(`([^，,。；;：:\s]{2,40}?(?:人民政府|政府|委员会|办公室|办公厅|管委会|办事处|党委|党工委|指挥部|局|厅))(?:研究)?决定`)
)

// decisionBreaks are the runes no match of reDecides holds: the
// punctuation and the white space (RE2's \s) its name excludes.
var decisionBreaks = newRuneSet("，,。；;：:\t\n\f\r ")

// decision returns the submatch offsets of the first match of reDecides
// in f, nil if none. Every match ends in 决定 and holds no decisionBreaks,
// so none starts before the break that precedes the first 决定: the
// expression is run from there (and not at all without a 决定).
func decision(f string) []int {
	q := strings.Index(f, "决定")
	if q < 0 {
		return nil
	}
	w := 0
	if k := decisionBreaks.lastIndex(f[:q]); k >= 0 {
		_, size := utf8.DecodeRuneInString(f[k:])
		w = k + size
	}
	m := reDecides.FindStringSubmatchIndex(f[w:])
	for j := range m {
		if m[j] >= 0 {
			m[j] += w
		}
	}
	return m
}

// maxDecisionScan bounds how far into the body an opening decision is looked for.
const maxDecisionScan = 600

// issuerOf finds who issued a document when neither a metadata block nor
// a signature says: the masthead (X文件), the name that opens the title
// (…人民政府 before 关于 or the year, or any name of a body ending in 人民政府,
// 委员会, 办公室 …), else the subject of a decision in the body's opening
// (X决定). foldBody and body are the body's folded and own text.
func issuerOf(h header, title, foldBody, body string) string {
	if h.masthead != "" {
		return h.masthead
	}
	ft := fold.String(title)
	if m := reIssuer.FindStringSubmatchIndex(ft); m != nil {
		if len(h.titleOrgs) > 1 && strings.Join(h.titleOrgs, "") == title[m[2]:m[3]] {
			return strings.Join(h.titleOrgs, "、")
		}
		return title[m[2]:m[3]]
	}
	if m := reIssuerStrong.FindStringSubmatchIndex(ft); m != nil && !strings.HasPrefix(ft, "关于") {
		return title[m[2]:m[3]]
	}
	n := min(len(foldBody), maxDecisionScan)
	for n > 0 && n < len(foldBody) && !utf8.RuneStart(foldBody[n]) {
		n--
	}
	if m := decision(foldBody[:n]); m != nil {
		return removeSpaces(body[m[2]:m[3]])
	}
	return ""
}

// reYearRange is a period of years (2024—2026年, 2021-2025): no plan year.
var reYearRange = compile(`(?:19|20)\d{2}\s*年?\s*[-—–－~～至到]+\s*(?:19|20)?\d{2}`)

// yearIn returns the first year (19xx/20xx, or 二〇二四年) written in s that
// is not part of a period of years, 0 if none.
func yearIn(s string) int {
	ranges := reYearRange.FindAllStringIndex(s, -1)
	for _, m := range reYear.FindAllStringSubmatchIndex(s, -1) {
		g := 2
		if m[2] < 0 {
			g = 4
		}
		inRange := false
		for _, r := range ranges {
			if m[g] >= r[0] && m[g] < r[1] {
				inRange = true
			}
		}
		if inRange {
			continue
		}
		if g == 2 {
			y, _ := strconv.Atoi(s[m[2]:m[3]])
			return y
		}
		return chineseYear(s[m[4]:m[5]])
	}
	return 0
}

// ccOf collects the bodies of the 抄送/抄报 lines of the tail.
func ccOf(tail []line) []string {
	var out []string
	for _, l := range tail {
		if m := reCC.FindStringSubmatch(l.text); m != nil {
			out = append(out, splitNames(m[1])...)
		}
	}
	return out
}
