package ingest

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/internal/fold"
)

// The words that make a cited document the basis of the one citing it
// (on folded text): a basis word before it in its clause (or in its
// sentence when what the document asks follows: …，以及《…》等文件要求), or
// 贯彻/落实 in a purpose clause (为贯彻落实《…》) or followed by what the
// document asks (落实《…》有关要求).
var (
	reBasis     = compile(`根据|依据|按照|依照|遵照|参照|对照`)
	reImplement = compile(`贯彻|落实`)
	rePurpose   = compile(`^(?:为了|为)`)
	reAsks      = compile(`^[^，,。；;《]{0,8}?(?:要求|精神|规定|部署|安排|文件)`)
	// An approval between a document and what is done with it: 《X》已经市
	// 人民政府同意，现转发给你们 (or 现印发给你们: X is issued).
	reApproval = compile(`^(?:已经|业经|已|经)[^，,。；;《》]{1,30}?(?:同意|批准)\s*[，,]?\s*(?:现将其|现予|现)?`)
	// A document number in any bracket form, the year bracket possibly
	// lost (九府办字202236号, 〔20191号): issuer's abbreviation, year, number.
	reRefNumber = compile(`^\s*[\p{Han}]{0,12}\s*[〔\[［【(（]?\s*(?:19|20)\d{2}\s*[〕\]］】)）]?\s*第?\s*\d{1,5}\s*号`)
	// The number of an order (令): 国务院令第591号, 应急管理部令第2号,
	// 国家安全监管总局令第59号, 中华人民共和国主席令第十三号, also written
	// 国家安全监管总局第88号令.
	reOrderNumber = compile(`^\s*[\p{Han}]{1,20}?(?:令\s*第\s*(?:\d{1,4}|[一二三四五六七八九十百零〇]{1,6})\s*号|第\s*(?:\d{1,4}|[一二三四五六七八九十百零〇]{1,6})\s*号令)`)
	// The number of a standard: GB 50016—2014, GB/T 29639-2020, AQ/T
	// 9007—2019, JGJ 59-2011, DB33/T 1234—2021 (code, number, year).
	reStandardNumber = compile(`^\s*(?:GB|AQ|JGJ|CJJ|DL|SY|HG|MT|WS|XF|DB\d{0,6})(?:/[TZ])?\s*\d{1,6}(?:\.\d{1,3})?\s*[—–\-－]\s*(?:19|20)\d{2}\s*$`)
	// What may follow an order's number in its brackets: how it was
	// issued or amended (令第36号公布，第88号修正).
	reOrderNote = compile(`^(?:公布|发布|修订|修正|[，,、；;])`)
	// A document cited without its 《》 after a basis word: a name ending
	// in a kind of document, then its number in brackets.
	reBareRef = compile(`(?:根据|依据|按照|依照|遵照|落实|贯彻)([^，。；,;《》（）()]{4,60}?(?:` + reDocKind.String() + `))\s*[（(]`).within("，。；,;《》（）()")
	// The next citation of such a list, after its join (…号）和X方案（…）).
	reBareNext = compile(`^([^，。；,;《》（）()]{4,60}?(?:` + reDocKind.String() + `))\s*[（(]`).within("，。；,;《》（）()")
	// A title naming the document it forwards: 关于转发…《X》的通知.
	reForwardTitle = compile(`转发[^《]{0,20}《`)
	// A back-reference to a document named before: 《通知》, 《规划》.
	reBackRef = compile(`^(?:本|该|此|上述)?(?:` + reDocKind.String() + `)$`)
)

// documentReferences returns the documents d names as its basis: those
// the preamble cites (with the first article of a regulation, which
// states its basis), the document its title says it forwards, and the
// documents named inside a cited title (《…〈X〉…》).
func documentReferences(d *corpus.Document) []corpus.Reference {
	pre := corpus.Span{Start: d.Body.Start, End: d.Body.End}
	if len(d.Outline) > 0 {
		first := d.Outline[0]
		pre.End = first.Span.Start
		for first != nil && (first.Marker == corpus.MarkerChapter || first.Marker == corpus.MarkerSection) {
			if len(first.Children) == 0 {
				first = nil
				break
			}
			first = first.Children[0]
		}
		if first != nil && first.Marker == corpus.MarkerArticle {
			pre.End = first.Body.End
		}
		if e := basisSections(d, d.Outline[0]); e > pre.End {
			pre.End = e
		}
	}
	f := d.Matching()
	refs := refsIn(d.Text[pre.Start:pre.End], f[pre.Start:pre.End])
	// The document the title forwards, with its number where the text
	// cites it.
	ft := fold.String(d.Title)
	if loc := reForwardTitle.FindStringIndex(ft); loc != nil {
		open := loc[1] - len("《")
		if end := closeTitle(ft, open); end > 0 {
			title := removeSpaces(d.Title[loc[1]:end])
			r := corpus.Reference{Title: title}
			cite := "《" + d.Title[loc[1]:end] + "》"
			for i := 0; r.Number == ""; {
				k := strings.Index(d.Text[i:], cite)
				if k < 0 {
					break
				}
				i += k + len(cite)
				r.Number = numberAfter(d.Text[i:], f[i:])
			}
			refs = addRef(refs, r)
		}
	}
	return refs
}

// basisSections returns where the purpose and basis of an emergency plan
// end: its first sections (1.1 编制目的, 1.2 编制依据, under 1 总则 or on
// their own) state them and are its preamble. It returns 0 when the
// document opens otherwise.
func basisSections(d *corpus.Document, first *corpus.Block) int {
	secs := d.Outline
	if first.Marker == corpus.MarkerArabic && removeSpaces(d.Slice(first.Lead)) == "总则" {
		secs = first.Children
	}
	end := 0
	for _, c := range secs {
		lead := d.Slice(c.Lead)
		if c.Marker != corpus.MarkerArabic || !strings.Contains(lead, "目的") && !strings.Contains(lead, "依据") {
			break
		}
		end = c.Span.End
	}
	return end
}

// addRef appends r unless a reference with its title is there; a number
// found later completes one without.
func addRef(refs []corpus.Reference, r corpus.Reference) []corpus.Reference {
	for i := range refs {
		if refs[i].Title == r.Title {
			if refs[i].Number == "" {
				refs[i].Number = r.Number
			}
			return refs
		}
	}
	return append(refs, r)
}

// refsIn finds the documents a preamble names as its basis (text and its
// fold f): every 《title》 after a basis word in its clause, or after
// 贯彻/落实 in a purpose clause (为…, 为了…), followed by 要求/精神… or
// right before it (…指导思想是：认真贯彻落实《…》), and every document the
// notice forwards (现将《…》转发, 《…》已经市政府同意，现转发); never the
// document it issues (《X》印发, 《X》已经…同意，现印发), wherever else the
// preamble names it, or a back-reference (《通知》). The titles of a list
// (《A》和《B》（…）部署要求) share what follows the list. Numbers are read from
// the brackets right after the title. A cited document that lost its
// 《》 counts when its number follows it.
func refsIn(text, f string) []corpus.Reference {
	var out []corpus.Reference
	var issuedTitles []string // what the notice issues is never its basis
	sentStart, clauseStart := 0, 0
	listEnd, listBasis := -1, false // where the last title and its number end, and whether it was a basis
	for i := 0; i < len(f); {
		r, size := utf8.DecodeRuneInString(f[i:])
		switch r {
		case '。', '！', '？', '；', ';', '\n':
			sentStart, clauseStart = i+size, i+size
		case '，', ',', '：', ':':
			clauseStart = i + size
		case '《':
			end := closeTitle(f, i)
			if end < 0 {
				return out
			}
			title := removeSpaces(text[i+size : end])
			after := end + len("》")
			num := numberAfter(text[after:], f[after:])
			rest := f[after:]
			if num != "" {
				rest = skipBracket(f[after:])
				// The bracket's own commas (令第3号公布，第80号修正)
				// end no clause.
				after = len(f) - len(rest)
			}
			// The titles of a list share what it is cited for.
			rest = strings.TrimLeft(listRest(rest), " ")
			sent, clause := f[sentStart:i], f[clauseStart:i]
			done := rest // what is done with the document, past its approval
			if m := reApproval.FindStringIndex(rest); m != nil {
				done = rest[m[1]:]
			}
			issued := strings.HasPrefix(done, "印发") || strings.HasPrefix(done, "予以印发") || strings.Contains(rest[:min(len(rest), 12)], "印发给")
			forwarded := strings.HasPrefix(done, "转发") || strings.HasPrefix(done, "予以转发")
			asks := reAsks.MatchString(rest)
			purpose := rePurpose.MatchString(sent) || rePurpose.MatchString(clause)
			// 贯彻/落实 right before the title governs it, wherever the
			// clause stands (指导思想是：认真贯彻落实《…》和…会议精神).
			c := strings.TrimRight(clause, " ")
			governs := strings.HasSuffix(c, "贯彻") || strings.HasSuffix(c, "落实")
			// A title the list join ties to the one before shares its
			// basis (…贯彻《A》和《B》).
			joined := listEnd >= 0 && isListJoin(f[listEnd:i])
			basis := reBasis.MatchString(clause) || reBasis.MatchString(sent) && asks || governs ||
				reImplement.MatchString(clause) && (purpose || asks) || joined && listBasis
			back := reBackRef.MatchString(fold.String(title))
			if issued {
				issuedTitles = append(issuedTitles, title)
			}
			if title != "" && !back && !issued && (basis || forwarded) {
				out = addRef(out, corpus.Reference{Title: title, Number: num})
				for _, inner := range nestedTitles(text[i+size:end], f[i+size:end]) {
					out = addRef(out, corpus.Reference{Title: inner})
				}
			}
			listEnd, listBasis = after, basis
			i = after
			continue
		}
		i += size
	}
	if len(issuedTitles) > 0 {
		out = slices.DeleteFunc(out, func(r corpus.Reference) bool { return slices.Contains(issuedTitles, r.Title) })
		if len(out) == 0 {
			out = nil
		}
	}
	for _, m := range reBareRef.FindAllStringSubmatchIndex(f, -1) {
		// The citation, then those it lists after it: 按照A（…号）和B（…号）.
		for m != nil {
			r, end := bareCitation(text, f, m)
			if r.Number == "" {
				break
			}
			out = addRef(out, r)
			next := strings.TrimLeft(f[end:], " ")
			for _, j := range listJoins {
				if strings.HasPrefix(next, j) {
					next = strings.TrimLeft(next[len(j):], " ")
					break
				}
			}
			off := len(f) - len(next)
			if m = reBareNext.FindStringSubmatchIndex(next); m != nil {
				for k := range m {
					m[k] += off
				}
			}
		}
	}
	return out
}

// bareCitation reads the citation without 《》 that match m of reBareRef
// or reBareNext found in text (f its fold): the title (group 1) and the
// number in the brackets after it, and the offset past those brackets.
// The number is "" when the brackets hold none.
func bareCitation(text, f string, m []int) (corpus.Reference, int) {
	open := m[1] - 1
	if f[open] != '(' {
		open = m[1] - len("（")
	}
	num := numberAfter(text[open:], f[open:])
	if num == "" {
		return corpus.Reference{}, m[1]
	}
	title := removeSpaces(text[m[2]:m[3]])
	// A leading issuer belongs to no title: 市政府办公室2022全市…方案.
	if k := reIssuerLead.FindStringSubmatchIndex(fold.String(title)); k != nil {
		title = title[k[3]:]
	}
	return corpus.Reference{Title: title, Number: num}, open + bracketEnd(f[open:])
}

// listJoins join the titles of a list: 《A》和《B》、《C》及《D》.
var listJoins = []string{"以及", "和", "与", "及", "、"}

// isListJoin reports whether s, between two cited titles, is only the
// join of their list (和, 及, 、 …).
func isListJoin(s string) bool {
	s = strings.TrimSpace(s)
	return s == "" || slices.Contains(listJoins, s)
}

// listRest returns the text after the list of cited titles that f
// continues (f follows one title and its number): the titles joined by
// 和, 与, 及, 以及, 、 or nothing, each with its number or not. It returns
// f when no title follows.
func listRest(f string) string {
	for {
		r := strings.TrimLeft(f, " ")
		for _, j := range listJoins {
			if strings.HasPrefix(r, j) {
				r = strings.TrimLeft(r[len(j):], " ")
				break
			}
		}
		if !strings.HasPrefix(r, "《") {
			return f
		}
		end := closeTitle(r, 0)
		if end < 0 {
			return f
		}
		r = r[end+len("》"):]
		if numberAfter(r, r) != "" {
			r = skipBracket(r)
		}
		f = r
	}
}

// reIssuerLead is a body's name that opens a bare citation before a
// year: whose plan it is (县政府办公室2023年…工作要点). A title opening
// with 关于 keeps its issuer, as titles are written.
var reIssuerLead = compile(`^([\p{Han}]{2,20}?(?:办公室|办公厅|人民政府|政府|委员会|局|厅))\d{4}`)

// nestedTitles returns the titles in 〈…〉 inside a cited title.
func nestedTitles(text, f string) []string {
	var out []string
	for i := 0; i < len(f); {
		j := strings.Index(f[i:], "〈")
		if j < 0 {
			break
		}
		s := i + j + len("〈")
		k := strings.Index(f[s:], "〉")
		if k < 0 {
			break
		}
		if t := removeSpaces(text[s : s+k]); t != "" {
			out = append(out, t)
		}
		i = s + k + len("〉")
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

// bracketEnd returns the offset just past the bracket that closes the
// one opening s ( or （, nesting counted, -1 if s opens none or it is
// not closed within a short run.
func bracketEnd(s string) int {
	if !strings.HasPrefix(s, "（") && !strings.HasPrefix(s, "(") {
		return -1
	}
	depth := 0
	for j, r := range s {
		if j > 120 {
			return -1
		}
		switch r {
		case '（', '(':
			depth++
		case '）', ')':
			depth--
			if depth == 0 {
				return j + utf8.RuneLen(r)
			}
		}
	}
	return -1
}

// skipBracket returns s after the bracket that opens it.
func skipBracket(s string) string {
	if e := bracketEnd(s); e > 0 {
		return s[e:]
	}
	return s
}

// numberAfter returns the document number, as written in text, in the
// brackets at the start of text (f is its fold): 《…》（交政发〔2024〕1号）,
// (深龙消防委通字(2022)86号), (〔2010〕2号), an order's number
// （应急管理部令第2号）, （国家安全监管总局令第36号公布，第88号修正）, a
// standard's number (AQ/T 9007—2019).
func numberAfter(text, f string) string {
	f = strings.TrimLeft(f, " ")
	text = text[len(text)-len(f):]
	e := bracketEnd(f)
	if e < 0 {
		return ""
	}
	_, size := utf8.DecodeRuneInString(f)
	inner := f[size : e-len(string(lastRune(f[:e])))]
	loc := reRefNumber.FindStringIndex(inner)
	if loc != nil && strings.TrimSpace(inner[loc[1]:]) != "" {
		loc = nil
	}
	if loc == nil {
		loc = reOrderNumber.FindStringIndex(inner)
		if loc != nil {
			if rest := strings.TrimSpace(inner[loc[1]:]); rest != "" && !reOrderNote.MatchString(rest) {
				loc = nil
			}
		}
	}
	if loc == nil {
		loc = reStandardNumber.FindStringIndex(inner)
	}
	if loc == nil {
		return ""
	}
	return removeSpaces(text[size+loc[0] : size+loc[1]])
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
