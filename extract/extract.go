package extract

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/segment"
)

// Extractor finds the obligations of Documents. It is safe for concurrent
// use; build one per process and share it, as its Segmenter.
type Extractor struct {
	seg *segment.Segmenter
}

// New returns an Extractor that cuts words with seg.
func New(seg *segment.Segmenter) *Extractor { return &Extractor{seg: seg} }

// passage is the own text of one outline item (or of a document without an
// outline): the obligations of a passage share its path and heading, and an
// attribution bracket covers the obligations since the previous one.
type passage struct {
	span    corpus.Span
	path    []string
	heading string
	// headDeadlines are deadlines written in the item's heading (a phase:
	// 动员部署（2023年5月下旬前）); they bind the first obligation.
	headDeadlines []corpus.Deadline
	// headAttr is an attribution bracket closing the heading (加强组织领导
	// （牵头单位：县应急局）); it covers the obligations no bracket covers.
	headAttr *units
}

// chunk is a candidate obligation: a clause or sentence of a passage.
type chunk struct {
	span     corpus.Span
	sentence corpus.Span // the whole sentence (up to 。) the chunk is part of
	attr     *units      // the attribution bracket that ends the chunk
	attrLine bool        // the chunk is an attribution on its own (牵头单位：…), no obligation
	subject  units       // the units named as subject of its first clause that has one
	actors   []string    // the persons and parties named as subjects
}

// Extract returns the obligations of doc in reading order. Spans are byte
// offsets into doc.Text; IDs are doc.ID + "/o-" + ordinal from 1.
func (e *Extractor) Extract(doc *corpus.Document) []corpus.Obligation {
	var out []corpus.Obligation
	for _, p := range e.passages(doc) {
		out = e.passageObligations(doc, p, out)
	}
	for i := range out {
		out[i].ID = fmt.Sprintf("%s/o-%d", doc.ID, i+1)
		out[i].Doc = doc.ID
	}
	return out
}

// passages returns the passages of doc in reading order: each outline
// item's own text, after its heading, and any text after the outline. Text
// before the first item (the preamble) and outside Body is left out.
func (e *Extractor) passages(doc *corpus.Document) []passage {
	body := doc.Body
	if body.End <= body.Start || body.End > len(doc.Text) {
		body = corpus.Span{Start: 0, End: len(doc.Text)}
	}
	if len(doc.Outline) == 0 {
		return []passage{{span: body}}
	}
	var out []passage
	headings := map[*corpus.Block]string{}
	last := body.Start
	doc.Walk(func(b *corpus.Block, anc []*corpus.Block) bool {
		if !validSpan(doc, b.Body) {
			return true
		}
		path := make([]string, 0, len(anc)+1)
		for _, a := range anc {
			path = append(path, a.Number)
		}
		path = append(path, b.Number)
		p := passage{span: b.Body, path: path}
		lead := ""
		if validSpan(doc, b.Lead) && b.Lead.Len() > 0 {
			lead = doc.Slice(b.Lead)
			// A heading line is the lead even when the lead runs on into
			// the next paragraph (## 三、工作要求\n各社区要…).
			if i := strings.IndexByte(lead, '\n'); i > 0 {
				lead = lead[:i]
			}
		}
		leadSpan := corpus.Span{Start: b.Lead.Start, End: b.Lead.Start + len(lead)}
		// The heading is the item's lead when that is a title; when the lead
		// is itself an obligation (（1）企业主要负责人要…), the parent's.
		inherited := ""
		if len(anc) > 0 {
			inherited = headings[anc[len(anc)-1]]
		}
		p.heading = inherited
		if lead != "" && leadSpan.Start >= b.Body.Start && leadSpan.End <= b.Body.End {
			rest := strings.TrimSpace(strings.Trim(doc.Text[leadSpan.End:b.Body.End], " \t\n*。."))
			br := matchBrackets(doc.Text, leadSpan)
			attr := trailingAttribution(doc.Text, leadSpan, br)
			title := lead
			if o, ok := br.open[trimSpan(doc.Text, leadSpan).End]; attr != nil && ok && o >= leadSpan.Start {
				title = doc.Text[leadSpan.Start:o]
			}
			if isHeading(title, rest != "", len(b.Children) > 0) {
				p.heading = strings.Trim(title, " \t\n*#。.：:")
				p.span.Start = leadSpan.End
				p.headAttr = attr
				for _, d := range findDeadlines(lead, doc.PlanYear) {
					d.Span = corpus.Span{Start: leadSpan.Start + d.Span.Start, End: leadSpan.Start + d.Span.End}
					p.headDeadlines = append(p.headDeadlines, d)
				}
			}
		}
		headings[b] = p.heading
		out = append(out, p)
		if b.Span.End > last {
			last = b.Span.End
		}
		return true
	})
	if last < body.End {
		out = append(out, passage{span: corpus.Span{Start: last, End: body.End}})
	}
	return out
}

// validSpan reports whether s lies inside doc.Text on rune boundaries.
func validSpan(doc *corpus.Document, s corpus.Span) bool {
	return 0 <= s.Start && s.Start <= s.End && s.End <= len(doc.Text) &&
		(s.Start == len(doc.Text) || utf8.RuneStart(doc.Text[s.Start])) &&
		(s.End == len(doc.Text) || utf8.RuneStart(doc.Text[s.End]))
}

// bindsRe marks a lead as a clause that binds (要, 必须 …) rather than a title.
var bindsRe = regexp.MustCompile(`(?:^|[^重主需纲摘概])要(?:[^求点]|$)|必须|应当|严禁|不得|负责|牵头`)

// isHeading reports whether an item's lead is its title rather than an
// obligation: it is followed by more text or sub-items, is short, neither
// binds a named body nor fixes a frequency, and — in an item without
// sub-items — is one phrase, not clauses (（2）组织建立台账清单，实行闭环管理。
// is an obligation).
func isHeading(lead string, more, children bool) bool {
	if !more && !children {
		return false
	}
	if !children && strings.ContainsAny(lead, "，,；;") {
		return false
	}
	if utf8.RuneCountInString(lead) > 60 || bindsRe.MatchString(lead) || len(findFrequencies(lead)) > 0 {
		return false
	}
	return true
}

// passageObligations appends the obligations of passage p to out.
func (e *Extractor) passageObligations(doc *corpus.Document, p passage, out []corpus.Obligation) []corpus.Obligation {
	chunks := e.chunks(doc.Text, p.span)
	first := len(out)
	// Facts are read per sentence (年内 governs counts after a ；) and given
	// to the chunk that holds them.
	type facts struct {
		freqs []corpus.Frequency
		dls   []corpus.Deadline
	}
	bySentence := map[corpus.Span]facts{}
	for _, c := range chunks {
		if _, ok := bySentence[c.sentence]; ok {
			continue
		}
		s := doc.Slice(c.sentence)
		var f facts
		for _, x := range findFrequencies(s) {
			x.Span = shift(x.Span, c.sentence.Start)
			f.freqs = append(f.freqs, x)
		}
		for _, x := range findDeadlines(s, doc.PlanYear) {
			x.Span = shift(x.Span, c.sentence.Start)
			f.dls = append(f.dls, x)
		}
		bySentence[c.sentence] = f
	}
	unbound := map[int]bool{} // obligations that bind only if a bracket names their units
	covered := first          // the first obligation not yet covered by a bracket
	lastCovered := -1         // where the previous attribution's range started, if it ended the last chunk
	for _, c := range chunks {
		if c.attrLine {
			// 牵头单位：…\n配合单位：… on lines of their own: consecutive
			// lines make one attribution.
			if lastCovered >= 0 {
				for i := lastCovered; i < len(out); i++ {
					mergeUnits(&out[i], *c.attr)
				}
			} else {
				for i := covered; i < len(out); i++ {
					setUnits(&out[i], *c.attr)
				}
				lastCovered, covered = covered, len(out)
			}
			continue
		}
		lastCovered = -1
		text := doc.Slice(c.span)
		o := corpus.Obligation{
			Path: p.path, Heading: p.heading, Text: text, Span: c.span,
			Lead: []string{}, Support: []string{}, Responsible: []string{}, Actors: []string{},
			Frequencies: []corpus.Frequency{}, Deadlines: []corpus.Deadline{},
		}
		f := bySentence[c.sentence]
		for _, x := range f.freqs {
			if c.span.Start <= x.Span.Start && x.Span.Start < c.span.End {
				o.Frequencies = append(o.Frequencies, x)
			}
		}
		for _, x := range f.dls {
			if c.span.Start <= x.Span.Start && x.Span.Start < c.span.End {
				o.Deadlines = append(o.Deadlines, x)
			}
		}
		setUnits(&o, c.subject)
		if c.actors != nil {
			o.Actors = c.actors
		}
		if !binds(text, &o) {
			// Kept for now: a bracket later in the passage may name its
			// units; dropped below if none does.
			unbound[len(out)] = true
		}
		o.Modality = modalityOf(text)
		o.Sectors = sectorsOf(text)
		o.Targets = shiftTargets(findTargets(text), c.span.Start)
		out = append(out, o)
		if c.attr != nil {
			for i := covered; i < len(out); i++ {
				setUnits(&out[i], *c.attr)
			}
			covered = len(out)
		}
	}
	if p.headAttr != nil {
		for i := covered; i < len(out); i++ {
			setUnits(&out[i], *p.headAttr)
		}
	}
	if len(unbound) > 0 {
		kept := out[:first]
		for i := first; i < len(out); i++ {
			if !unbound[i] || len(out[i].Units()) > 0 {
				kept = append(kept, out[i])
			}
		}
		out = kept
	}
	if len(p.headDeadlines) > 0 && len(out) > first {
		out[first].Deadlines = append(append([]corpus.Deadline{}, p.headDeadlines...), out[first].Deadlines...)
	}
	return out
}

// establishedRe finds a body set up to answer for something: 成立X（以下简称
// Y），全面负责… and X设在Y，负责….
var establishedRe = regexp.MustCompile(`^(?:成立)?([^，,；;。]{2,40}?)(?:[（(][^）)]{0,20}[）)])?(?:设在[^，,；;。]{1,20})?[，,]\s*(?:全面|具体|主要)?负责`)

// established returns the body set up in text to answer for the work
// (成立X…，全面负责…), trying each clause start.
func (e *Extractor) established(text string, clauses []clause) units {
	if !strings.Contains(text, "负责") {
		return units{}
	}
	for i, c := range clauses {
		if i+1 >= len(clauses) || !strings.Contains(text[clauses[i+1].span.Start:min(len(text), clauses[i+1].span.Start+20)], "负责") {
			continue
		}
		if m := establishedRe.FindStringSubmatch(strings.TrimSpace(text[c.span.Start:])); m != nil {
			if names, _, ok := e.nameList(m[1]); ok {
				return units{responsible: names}
			}
		}
	}
	return units{}
}

// setUnits sets the unit lists of o to copies of those of u (a bracket
// replaces what the subject gave), keeping empty lists non-nil.
func setUnits(o *corpus.Obligation, u units) {
	o.Lead = append([]string{}, u.lead...)
	o.Support = append([]string{}, u.support...)
	o.Responsible = append([]string{}, u.responsible...)
}

// mergeUnits adds the units of u to those of o.
func mergeUnits(o *corpus.Obligation, u units) {
	o.Lead = append(o.Lead, u.lead...)
	o.Support = append(o.Support, u.support...)
	o.Responsible = append(o.Responsible, u.responsible...)
}

// actionWords are the verbs of a clause that binds someone to act.
var actionWords = []string{
	"要", "必须", "应", "严禁", "不得", "禁止", "确保", "推动", "推进", "加强", "落实", "开展", "组织", "建立", "健全", "完善",
	"强化", "深化", "实施", "严格", "督促", "指导", "制定", "持续", "坚持", "提升", "提高", "做好", "抓好", "抓实", "压实", "负责",
	"牵头", "配合", "整治", "排查", "召开", "研究", "部署", "检查", "成立", "推广", "执行", "探索", "鼓励", "保障", "防范", "打击",
	"查处", "治理", "完成", "实现", "纳入", "聘请", "举办", "宣传", "培训", "发挥", "构建", "巩固", "规范", "创建", "加大", "加快",
	"推行", "设置", "配备", "配齐", "建设", "编制", "修订", "印发", "报送", "上报", "报告", "通报", "约谈", "问责", "追究", "处罚",
	"督办", "督查", "考核", "管控", "聚焦", "紧盯", "严查", "严把", "严防", "引导", "注重", "总结", "梳理", "提请", "移送", "关闭",
	"清理", "普及", "改造", "加固", "更新", "消除", "杜绝", "遏制", "减少", "防止", "落地", "突出", "统筹", "协调", "压紧", "扛起",
	"贯彻", "学习", "坚守", "树立", "守牢",
}

// actionFirsts holds the first rune of every action word.
const actionFirsts = "上不严举保修做健关减创制加协印压发召坚培处学守完实宣巩应建开引强必总成打扛执抓报持指排探推提改整普更杜构查树梳检治注消深清牵督研确禁移突管紧约纳组统编考聘聚落要规设负贯追通遏部配问防鼓"

// binds reports whether a chunk is an obligation: it names a body, carries
// a frequency or deadline, or has a verb that binds someone to act.
func binds(text string, o *corpus.Obligation) bool {
	if len(o.Lead)+len(o.Support)+len(o.Responsible)+len(o.Frequencies)+len(o.Deadlines) > 0 {
		return true
	}
	return utf8.RuneCountInString(text) >= 6 && hasAction(text)
}

// hasAction reports whether text holds one of actionWords.
func hasAction(text string) bool {
	for i, r := range text {
		if !strings.ContainsRune(actionFirsts, r) {
			continue
		}
		for _, w := range actionWords {
			if strings.HasPrefix(text[i:], w) {
				return true
			}
		}
	}
	return false
}

func shift(s corpus.Span, by int) corpus.Span {
	return corpus.Span{Start: s.Start + by, End: s.End + by}
}

func shiftTargets(ts []corpus.Target, by int) []corpus.Target {
	for i := range ts {
		ts[i].Span = shift(ts[i].Span, by)
	}
	return ts
}

// clause is a ，-separated clause of a sentence part with the subject it names.
type clause struct {
	span    corpus.Span
	subject units
	actors  []string
}

// chunks cuts the text of span into candidate obligations: sentences (。！？
// and line ends that are not wraps), their ；-separated parts, and within
// those the clauses that open with a different named subject. A sentence
// takes in an attribution bracket that follows its 。.
func (e *Extractor) chunks(text string, span corpus.Span) []chunk {
	var out []chunk
	br := matchBrackets(text, span)
	for _, sent := range sentences(text, span, br) {
		if st := strings.TrimSpace(text[sent.Start:sent.End]); isAttributionLine(st) {
			if u, ok := parseAttribution(strings.TrimRight(st, "。.；;")); ok {
				out = append(out, chunk{span: sent, sentence: sent, attr: &u, attrLine: true})
				continue
			}
		}
		for _, part := range splitTopSpan(text, sent, "；;", br) {
			attr := trailingAttribution(text, part, br)
			var clauses []clause
			cs := splitTopSpan(text, part, "，,", br)
			for i, c := range cs {
				end := c.End
				if i+1 < len(cs) && strings.HasPrefix(strings.TrimSpace(text[cs[i+1].Start:cs[i+1].End]), "会同") {
					end = cs[i+1].End // X牵头，会同Y…
				}
				u, a := e.subject(strings.TrimSpace(text[c.Start:end]))
				clauses = append(clauses, clause{span: c, subject: u, actors: a})
			}
			groups := subjectGroups(clauses)
			for gi, g := range groups {
				c := chunk{span: trimSpan(text, corpus.Span{Start: g[0].span.Start, End: g[len(g)-1].span.End}), sentence: sent}
				if strings.IndexFunc(text[c.span.Start:c.span.End], isLetter) < 0 {
					continue // a stray 。 after a heading
				}
				for _, cl := range g {
					if c.actors == nil {
						c.actors = cl.actors
					}
					if !cl.subject.empty() {
						c.subject = cl.subject
						break
					}
				}
				if c.subject.empty() {
					c.subject = e.established(text, g)
				}
				if gi == len(groups)-1 {
					c.attr = attr
				}
				out = append(out, c)
			}
		}
	}
	return out
}

// subjectGroups groups the clauses of a part into obligations: one group,
// unless two or more clauses open with different named subjects
// (应急站牵头负责…，城建站牵头负责…), when each such clause starts a group.
func subjectGroups(clauses []clause) [][]clause {
	subjects := map[string]bool{}
	var cuts []int
	prev := -1 // the last clause with a subject
	for i, c := range clauses {
		if c.subject.empty() {
			continue
		}
		if p := prev; p >= 0 && len(c.subject.lead)+len(c.subject.responsible) == 0 && len(clauses[p].subject.lead) > 0 && len(clauses[p].subject.support) == 0 {
			// X为牵头单位，Y为配合单位，…: Y supports X in one duty.
			clauses[p].subject.support = c.subject.support
			clauses[i].subject = units{}
			continue
		}
		prev = i
		subjects[strings.Join(c.subject.lead, "|")+"/"+strings.Join(c.subject.support, "|")+"/"+strings.Join(c.subject.responsible, "|")] = true
		if i > 0 {
			cuts = append(cuts, i)
		}
	}
	if len(subjects) < 2 || len(cuts) == 0 {
		return [][]clause{clauses}
	}
	var out [][]clause
	start := 0
	for _, c := range cuts {
		out = append(out, clauses[start:c])
		start = c
	}
	return append(out, clauses[start:])
}

// sentences returns the sentences of span: each ends after 。！？!? (outside
// brackets) or at a line end that is not a wrap inside a word, and runs on
// through an attribution bracket that follows its 。.
func sentences(text string, span corpus.Span, br brackets) []corpus.Span {
	var out []corpus.Span
	closeAt := br.close
	start := span.Start
	emit := func(end int) {
		if s := trimSpan(text, corpus.Span{Start: start, End: end}); s.Len() > 0 {
			out = append(out, s)
		}
		start = end
	}
	for i := span.Start; i < span.End; {
		r, w := utf8.DecodeRuneInString(text[i:])
		if j, ok := closeAt[i]; ok {
			i = j
			continue
		}
		switch {
		case r == '。' || r == '！' || r == '？' || r == '!' || r == '?':
			end := i + w
			// a closing quote belongs to the sentence
			for end < span.End {
				q, qw := utf8.DecodeRuneInString(text[end:])
				if q != '”' && q != '"' && q != '’' {
					break
				}
				end += qw
			}
			// …工作。(市安委办牵头,各有关部门按职责分工落实)
			k := skipSpace(text, end, span.End)
			if j, ok := closeAt[k]; ok {
				if br.attribution(text, k) != nil {
					end = j
					if m := skipSpace(text, end, span.End); m < span.End && strings.HasPrefix(text[m:], "。") {
						end = m + len("。")
					}
				}
			}
			emit(end)
			i = end
		case r == '\n':
			if !isWrap(text, i, span) {
				emit(i)
			}
			i += w
		default:
			i += w
		}
	}
	emit(span.End)
	return out
}

// isWrap reports whether the line break at i joins two parts of one
// sentence (a layout wrap: no sentence mark before it, text after it)
// rather than ending a paragraph.
func isWrap(text string, i int, span corpus.Span) bool {
	before := strings.TrimRight(text[span.Start:i], " \t\r\u3000")
	j := skipSpace(text, i, span.End)
	if before == "" || j >= span.End {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(before)
	n, _ := utf8.DecodeRuneInString(text[j:])
	return (isLetter(p) || strings.ContainsRune("）)〕】》”’、，,", p)) && (isLetter(n) || strings.ContainsRune("“‘《（(", n))
}

func isLetter(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// skipSpace returns the offset of the first non-space rune at or after i.
func skipSpace(text string, i, end int) int {
	for i < end {
		r, w := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += w
	}
	return i
}

func runeLenAt(text string, i int) int {
	_, w := utf8.DecodeRuneInString(text[i:])
	return w
}

func runeLenBefore(text string, j int) int {
	_, w := utf8.DecodeLastRuneInString(text[:j])
	return w
}

// brackets maps the opening brackets (（(〔【〈《 …) of a span that have a
// matching close to the offset just after the close, and back. Unmatched
// brackets are left out, so that a stray （ cannot swallow the rest of the
// text.
type brackets struct {
	close map[int]int // opening bracket → just after its close
	open  map[int]int // just after a close → its opening bracket
	attrs map[int]*units
}

// attribution returns the units of the bracket that opens at o if it is an
// attribution, else nil; each bracket is parsed once.
func (br brackets) attribution(text string, o int) *units {
	if u, ok := br.attrs[o]; ok {
		return u
	}
	var res *units
	if c, ok := br.close[o]; ok {
		if u, isAttr := parseAttribution(text[o+runeLenAt(text, o) : c-runeLenBefore(text, c)]); isAttr {
			res = &u
		}
	}
	br.attrs[o] = res
	return res
}

// matchBrackets finds the bracket pairs of span; a pair may not run over
// a blank line nor be longer than 1200 bytes.
func matchBrackets(text string, span corpus.Span) brackets {
	br := brackets{close: map[int]int{}, open: map[int]int{}, attrs: map[int]*units{}}
	var stack []int
	for i := span.Start; i < span.End; {
		r, w := utf8.DecodeRuneInString(text[i:])
		switch {
		case isOpener(r) || r == '《':
			stack = append(stack, i)
		case isCloser(r) || r == '》':
			if len(stack) > 0 {
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if i+w-o <= 1200 {
					br.close[o] = i + w
					br.open[i+w] = o
				}
			}
		case r == '\n' && len(stack) > 0 && strings.HasPrefix(strings.TrimLeft(text[i+w:min(span.End, i+w+8)], " \t"), "\n"):
			stack = stack[:0]
		}
		i += w
	}
	return br
}

// splitTopSpan splits span at the runes of seps outside brackets; each part
// keeps its separator.
func splitTopSpan(text string, span corpus.Span, seps string, br brackets) []corpus.Span {
	var out []corpus.Span
	start := span.Start
	for i := span.Start; i < span.End; {
		if j, ok := br.close[i]; ok && j <= span.End {
			i = j
			continue
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		i += w
		if strings.ContainsRune(seps, r) {
			out = append(out, corpus.Span{Start: start, End: i})
			start = i
		}
	}
	if start < span.End {
		out = append(out, corpus.Span{Start: start, End: span.End})
	}
	return out
}

// trimSpan trims spaces and stray Markdown emphasis from both ends of s.
func trimSpan(text string, s corpus.Span) corpus.Span {
	for s.Start < s.End {
		r, w := utf8.DecodeRuneInString(text[s.Start:])
		if !unicode.IsSpace(r) && r != '*' {
			break
		}
		s.Start += w
	}
	for s.End > s.Start {
		r, w := utf8.DecodeLastRuneInString(text[:s.End])
		if !unicode.IsSpace(r) && r != '*' {
			break
		}
		s.End -= w
	}
	return s
}

// trailingAttribution returns the units of the attribution bracket that
// ends part (before its closing 。；, or after its 。), or nil.
func trailingAttribution(text string, part corpus.Span, br brackets) *units {
	s := trimSpan(text, part)
	end := s.End
	for end > s.Start {
		r, w := utf8.DecodeLastRuneInString(text[:end])
		if !strings.ContainsRune("。；;.，,", r) && !unicode.IsSpace(r) {
			break
		}
		end -= w
	}
	o, ok := br.open[end]
	if !ok || o < s.Start {
		return nil
	}
	return br.attribution(text, o)
}
