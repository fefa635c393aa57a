package ingest

import (
	"strings"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
)

// A signature block: one to three organisation lines over a date line,
// with publication notes after it — (此件公开发布), a repeated date —
// or an imprint line holding both (XX县人民政府办公室　　2025年4月8日印发).
// It closes a document, or a cover notice before the plan it issues.
type signature struct {
	first, last int      // its lines [first, last]
	orgs        []string // the organisation lines, as written
	date        string   // ISO date
}

// reOrgSuffix ends the names of bodies that sign documents (folded text).
var reOrgSuffix = compile(`(?:人民政府|政府|委员会|委|办公室|办公厅|办|局|厅|部|院|会|处|所|站|中心|党委|党组|党工委|支部|队|公司|管委会|指挥部|领导小组|小组|镇|乡|街道|办事处|协会|集团)$`)

// reSigDate is a date written in a signature: Arabic or Chinese numerals,
// the year's zero also as O, 0 or ○ (二OO九年, 二00九年), optionally
// followed by 印发/签发/发布.
var reSigDate = compile(`((?:\d{4})|(?:[〇零○ＯOo0一二三四五六七八九]{4}))\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*(?:印发|签发|发布|制发|发)?`)

// reLostDate is a signature date whose 年月日 were lost: 202341, 20240308.
var reLostDate = compile(`^(\d{4})(\d{1,4})$`)

// isOrgName reports a line that is a name of a body and nothing else:
// short, no sentence punctuation or numbering, ending in a body's suffix
// and naming no kind of document.
func isOrgName(l line) bool {
	f := l.fold
	if l.row || utf8.RuneCountInString(f) > 30 || utf8.RuneCountInString(f) < 2 || namePunct.in(f) {
		return false
	}
	if _, ok := parseMarker(f); ok {
		return false
	}
	f = removeSpaces(f)
	return reOrgSuffix.MatchString(f) && !reDocKind.MatchString(f)
}

// orgNames returns the names an organisation line signs with: the names
// that runs of wide space set apart on it when each is a body's name
// (福建省发展和改革委员会　　　　国家能源局福建监管办公室: joint issuers, as
// two lines over one date are), else the line as one name.
func orgNames(l line) []string {
	if names := namesBefore(l, len(l.text)); len(names) > 1 {
		return names
	}
	return []string{removeSpaces(l.text)}
}

// isSignerLine reports a line that names one body, or several set apart
// by wide space (joint issuers on one line, however long together).
func isSignerLine(l line) bool {
	return isOrgName(l) || namesBefore(l, len(l.text)) != nil
}

// namesBefore splits l's text before byte end at its gaps and returns the
// parts when there are two or more and each is a body's name with a name
// before its suffix, nil otherwise.
func namesBefore(l line, end int) []string {
	var cuts []int
	for _, g := range l.gaps {
		if g > 0 && g < end {
			cuts = append(cuts, g)
		}
	}
	var names []string
	from := 0
	for _, g := range append(cuts, end) {
		part := line{text: l.text[from:g], fold: l.fold[from:g]}
		// A name is more than its suffix (某县人民政府　办公室 is one).
		if !isOrgName(part) || reOrgSuffix.FindStringIndex(removeSpaces(part.fold))[0] < 2*len("县") {
			return nil
		}
		names = append(names, removeSpaces(part.text))
		from = g
	}
	if len(names) < 2 {
		return nil
	}
	return names
}

// sigDate reads a line that is only a signature date (or, after an
// organisation line, a date that lost its 年月日), "" otherwise.
func sigDate(l line, afterOrg bool) string {
	// Cheap tests first: a date line is short and holds 年 or only digits.
	if len(l.fold) > 90 || l.row {
		return ""
	}
	if !strings.Contains(l.fold, "年") {
		if afterOrg && len(l.fold) <= 12 {
			if m := reLostDate.FindStringSubmatch(strings.TrimSpace(l.fold)); m != nil {
				return lostDate(m[1], m[2])
			}
		}
		return ""
	}
	if d := parseDateLine(l.fold); d != "" {
		return d
	}
	f := removeSpaces(strings.Trim(l.fold, "()（） "))
	if m := reSigDate.FindStringSubmatchIndex(f); m != nil && m[0] == 0 && m[1] == len(f) {
		return isoDate(f[m[2]:m[3]], f[m[4]:m[5]], f[m[6]:m[7]])
	}
	if afterOrg {
		if m := reLostDate.FindStringSubmatch(f); m != nil {
			return lostDate(m[1], m[2])
		}
	}
	return ""
}

// lostDate reads the month and day run together after a year (41 →
// April 1, 0308 → March 8); an ambiguous run (111: 1-11 or 11-1) gives "".
func lostDate(y, md string) string {
	var found []string
	for cut := 1; cut < len(md); cut++ {
		if d := isoDate(y, md[:cut], md[cut:]); d != "" && len(md[:cut]) <= 2 && len(md[cut:]) <= 2 {
			found = append(found, d)
		}
	}
	if len(found) != 1 {
		return ""
	}
	return found[0]
}

// imprint splits an imprint line (name and date on one line, possibly a
// publication note after) into the names (joint issuers where wide space
// sets them apart) and the ISO date.
func imprint(l line) ([]string, string) {
	f := l.fold
	if l.row || len(f) > 180 || !strings.Contains(f, "年") || utf8.RuneCountInString(f) > 60 {
		return nil, ""
	}
	m := reSigDate.FindStringSubmatchIndex(f)
	if m == nil || m[0] == 0 {
		return nil, ""
	}
	rest := strings.TrimSpace(f[m[1]:])
	if rest != "" && !reNote.MatchString(rest) {
		return nil, ""
	}
	date := isoDate(f[m[2]:m[3]], f[m[4]:m[5]], f[m[6]:m[7]])
	if names := namesBefore(l, m[0]); names != nil {
		return names, date
	}
	name := strings.TrimSpace(l.text[:m[0]])
	if !isOrgName(line{text: name, fold: strings.TrimSpace(f[:m[0]])}) {
		return nil, ""
	}
	return []string{removeSpaces(name)}, date
}

// findSignatures returns the signature blocks among lines [from, len):
// organisation lines over a date line, an imprint line, or a date line
// alone that follows a finished sentence and is followed by the end, a
// title, notes or a 抄送 line. Publication notes and repeated dates after
// a block belong to it. The lines of every block are marked aside.
func findSignatures(ls []line, from int) []signature {
	var out []signature
	for i := from; i < len(ls); i++ {
		l := ls[i]
		// Cheap test first: signature lines are short.
		if l.row || len(l.fold) > 180 || !strings.Contains(l.fold, "年") && len(l.fold) > 12 {
			continue
		}
		var s signature
		if names, date := imprint(l); date != "" {
			s = signature{first: i, last: i, orgs: names, date: date}
		} else {
			afterOrg := i > from && isSignerLine(ls[i-1])
			date := sigDate(l, afterOrg)
			if date == "" {
				continue
			}
			s = signature{first: i, last: i, date: date}
			for j := i - 1; j >= from && j >= i-3 && isSignerLine(ls[j]) && !ls[j].aside; j-- {
				s.first = j
			}
			for j := s.first; j < i; j++ {
				s.orgs = append(s.orgs, orgNames(ls[j])...)
			}
			if len(s.orgs) == 0 && !loneDateSigns(ls, i) {
				continue
			}
		}
		// Notes and a repeated date after the block.
		for s.last+1 < len(ls) {
			n := ls[s.last+1]
			if reNote.MatchString(n.fold) && !isItem(n.fold) || sigDate(n, false) == s.date {
				s.last++
				continue
			}
			break
		}
		for j := s.first; j <= s.last; j++ {
			ls[j].aside = true
		}
		out = append(out, s)
		i = s.last
	}
	return out
}

// loneDateSigns reports whether the date line i, with no name above it,
// signs what precedes it: the line before ends a sentence, and what comes
// after is the end, a note, a 抄送 line, an attachment label or a line
// that reads as a title.
func loneDateSigns(ls []line, i int) bool {
	if i == 0 {
		return false
	}
	prev := ls[i-1].fold
	if r, _ := utf8.DecodeLastRuneInString(prev); r != '。' && r != '！' && r != '.' && !reNote.MatchString(prev) {
		return false
	}
	if i+1 == len(ls) {
		return true
	}
	next := ls[i+1]
	return reNote.MatchString(next.fold) || reCC.MatchString(next.fold) || reAttachment.MatchString(next.fold) || looksTitle(next)
}

// looksTitle reports a line that reads as a document's title: a name of
// a kind of document, no sentence punctuation, not numbered.
func looksTitle(l line) bool {
	f := l.fold
	n := utf8.RuneCountInString(f)
	if l.row || n < 6 || n > 80 || clausePunct.in(f) {
		return false
	}
	if _, ok := parseMarker(f); ok {
		return false
	}
	return reDocKind.MatchString(f)
}

// reAttachment opens the lines that list a document's attachments:
// 附件：…, 附件1：…, 附：1、…, 附表一：….
var reAttachment = compile(`^(?:附件|附表|附)\s*[0-9一二三四五六七八九十]*\s*[:：]`)

// reAttachmentLabel is a line that is only the label of an attached
// text (附件, 附件2, 附表1：) over the attachment's title: never joined
// to the lines around it.
var reAttachmentLabel = compile(`^(?:附件|附表)\s*[0-9一二三四五六七八九十]{0,2}\s*[:：]?$`)

// markAttachments marks as aside the attachment lists of lines [from,
// to): a label line (附件：…) and the numbered, title-like lines that
// follow it.
func markAttachments(ls []line, from, to int) {
	for i := from; i < to; i++ {
		if !reAttachment.MatchString(ls[i].fold) {
			continue
		}
		ls[i].aside = true
		for j := i + 1; j < to; j++ {
			f := ls[j].fold
			m, ok := parseMarker(f)
			if !ok || m.kind != markerKindOf(ls[i].fold) || utf8.RuneCountInString(f) > 80 || sentenceInside(f) || strings.HasSuffix(f, "。") {
				break
			}
			ls[j].aside = true
			i = j
		}
	}
}

// markerKindOf returns the kind of numbering that follows an attachment
// label on its own line (附件：1. … → Arabic), Arabic when there is none.
func markerKindOf(f string) corpus.Marker {
	if loc := reAttachment.FindStringIndex(f); loc != nil {
		if m, ok := parseMarker(strings.TrimSpace(f[loc[1]:])); ok {
			return m.kind
		}
	}
	return corpus.MarkerArabic
}
