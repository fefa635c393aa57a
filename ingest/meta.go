package ingest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
)

var (
	reDateLine = regexp.MustCompile(`^[（(]?\s*(\d{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*(印发|签发|发布|发|制发)?\s*[)）]?$`)
	reYear     = regexp.MustCompile(`(?:^|[^\d])((?:19|20)\d{2})(?:[^\d]|$)|([〇零○Ｏ一二三四五六七八九]{4})年`)
	reIssuer   = regexp.MustCompile(`^(.{1,40}?(?:人民政府|政府|委员会|办公室|办公厅|管委会|管理委员会|办事处|党委|党组|委|局|厅|部|办|镇|乡|街道|县|区|市|州|盟|省|自治区|旗|苏木))(?:关于|\d{4}|[〇零○一二三四五六七八九]{4}|年度|印发|转发)`)
	reMasthead = regexp.MustCompile(`^(.{2,30}?)(?:文件|通知|公报)$`)
	reTrigger  = regexp.MustCompile(`根据|依据|按照|落实|贯彻|遵照|依照|对照|参照`)
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
	y, err := strconv.Atoi(m[1])
	if err != nil {
		y = chineseYear(m[1])
	}
	mo, d := numeral(m[2]), numeral(m[3])
	if y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 {
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
}

// readHeader classifies the lines before the body: the masthead (X文件),
// the document number, a date, the addressee line (ending in ：) and the
// title (the run of remaining lines that names a kind of document, or the
// longest one).
func readHeader(ls []line) header {
	var h header
	var cands []int
	addr := -1
	for i, l := range ls {
		t := l.text
		switch {
		case reLabel.MatchString(t):
		case parseDateLine(t) != "":
			if h.date == "" {
				h.date = parseDateLine(t)
			}
		case utf8.RuneCountInString(t) <= 40 && reDocNumber.MatchString(t) && !reDocKind.MatchString(t):
			if h.docNumber == "" {
				h.docNumber = strings.Join(strings.Fields(reDocNumber.FindString(t)), "")
			}
		case strings.HasSuffix(t, "：") || strings.HasSuffix(t, ":"):
			addr = i
		case reMasthead.MatchString(t) && strings.HasSuffix(t, "文件") && h.masthead == "":
			h.masthead = reMasthead.FindStringSubmatch(t)[1]
		default:
			cands = append(cands, i)
		}
	}
	if addr >= 0 {
		h.addressees = splitNames(strings.TrimRight(ls[addr].text, "：:"))
	}
	// Group candidates into runs of consecutive lines.
	bestS, bestE, bestScore := -1, -1, -1
	for k := 0; k < len(cands); {
		j := k
		for j+1 < len(cands) && cands[j+1] == cands[j]+1 {
			j++
		}
		var b strings.Builder
		for _, c := range cands[k : j+1] {
			b.WriteString(ls[c].text)
		}
		t := b.String()
		score := utf8.RuneCountInString(t)
		if reDocKind.MatchString(t) {
			score += 1000
		}
		if score > bestScore {
			bestS, bestE, bestScore = k, j, score
		}
		k = j + 1
	}
	if bestS >= 0 {
		var b strings.Builder
		for _, c := range cands[bestS : bestE+1] {
			b.WriteString(ls[c].text)
		}
		h.title = removeSpaces(b.String())
	}
	return h
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

// issuerOf finds who issued a document: the name that opens its title
// (…人民政府 before 关于 or the year), else the masthead (X文件), else the
// first name line of the signature.
func issuerOf(h header, tail []line) string {
	if m := reIssuer.FindStringSubmatch(h.title); m != nil {
		return m[1]
	}
	if h.masthead != "" {
		return removeSpaces(h.masthead)
	}
	for _, l := range tail {
		if isOrgLine(l) && parseDateLine(l.text) == "" {
			return removeSpaces(l.text)
		}
	}
	return ""
}

// signingDate returns the date of the signature block: the first date
// line that is not a printing note, else the printing date (印发).
func signingDate(tail []line) string {
	printed := ""
	for _, l := range tail {
		d := parseDateLine(l.text)
		if d == "" {
			continue
		}
		if strings.Contains(l.text, "印发") || strings.Contains(l.text, "发布") {
			if printed == "" {
				printed = d
			}
			continue
		}
		return d
	}
	return printed
}

// yearIn returns the first year (19xx/20xx, or 二〇二四年) written in s, 0 if none.
func yearIn(s string) int {
	m := reYear.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	if m[1] != "" {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	return chineseYear(m[2])
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

// referencesIn finds the documents a preamble names as its basis: every
// 《title》 preceded in its sentence by 根据/按照/落实/贯彻… and not
// followed by 印发/转发 (the document being issued), with the document
// number in the brackets right after it.
func referencesIn(pre string) []corpus.Reference {
	var out []corpus.Reference
	seen := map[string]bool{}
	sentStart := 0
	for i := 0; i < len(pre); {
		r, size := utf8.DecodeRuneInString(pre[i:])
		switch r {
		case '。', '！', '？', '；':
			sentStart = i + size
		case '《':
			end := closeTitle(pre, i)
			if end < 0 {
				return out
			}
			title := removeSpaces(pre[i+size : end])
			after := pre[end+len("》"):]
			if reTrigger.MatchString(pre[sentStart:i]) && !strings.HasPrefix(strings.TrimLeft(after, " "), "印发") &&
				!strings.HasPrefix(after, "转发") && title != "" && !seen[title] {
				seen[title] = true
				out = append(out, corpus.Reference{Title: title, Number: numberAfter(after)})
			}
			i = end + len("》")
			continue
		}
		i += size
	}
	return out
}

// closeTitle returns the offset of the 》 closing the 《 at i, -1 if none.
func closeTitle(s string, i int) int {
	depth := 0
	for j, r := range s[i:] {
		switch r {
		case '《':
			depth++
		case '》':
			depth--
			if depth == 0 {
				return i + j
			}
		}
	}
	return -1
}

// numberAfter returns the document number in brackets at the start of s:
// 《…》（交政发〔2024〕1号）.
func numberAfter(s string) string {
	s = strings.TrimLeft(s, " ")
	if !strings.HasPrefix(s, "（") && !strings.HasPrefix(s, "(") {
		return ""
	}
	end := strings.IndexAny(s, "）)")
	if end < 0 {
		return ""
	}
	// The closing bracket of 〔2024〕 is not ）, so the first ）/) ends it.
	inner := s[:end]
	if m := reDocNumber.FindString(inner); m != "" {
		return removeSpaces(m)
	}
	return ""
}
