package compare

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/segment"
)

// Weights of the context of a part, against 1 for its own words: the
// heading of its item and the label before a colon (森林草原火灾：) say
// what the part is about, so they count, but less than what it says; the
// other clauses of its sentence count least.
const (
	headingWeight = 0.5
	labelWeight   = 0.5
	siblingWeight = 0.2
)

// maxLabelRunes bounds a label before a colon (水旱灾害：, 森林草原火灾：):
// longer text before a colon is a clause of its own.
const maxLabelRunes = 8

// part is one duty of an obligation: a clause that acts of its own, with
// the clauses that only continue it (分析安全形势，解决重大问题 after
// 召开会议). An upper-level sentence that binds several clauses
// (编制年度监督检查计划，推广应用“互联网+执法”系统) is several duties; a lower
// plan may keep one and drop the other, and each has its own frequency,
// deadline and modality.
type part struct {
	obl        int // index of the obligation in its document
	start, end int // byte range of the part in the obligation's Text
	content    bag // the part's own words
	// full is content with its context added, weighted down: its heading,
	// its label and the other clauses of its obligation.
	full bag
	// sector are the topic keys of its heading when the heading only
	// names a sector (煤矿, 经营性自建房, 燃气); topics are the keys of the
	// words of its heading and its own text that can name one, found only
	// when a document it is compared with has sectors (see topicKeys).
	sector, topics []string
	quotes         []string
	actions        actionSet
	freqs          []corpus.Frequency
	deadlines      []corpus.Deadline
	mod            modal
	scope          scope
}

// modal is the modality that binds a part.
type modal struct {
	rank     int    // as corpus.Cue.Rank: 1 may … 3 must (要) … 4 must, emphatic, and must not
	word     string // the cue as written; "" for a part no cue governs
	modality corpus.Modality
}

// span is a half-open byte range of a text.
type span struct{ start, end int }

// brackets open and close the runs inside which no clause ends:
// 县（市、区）, 《条例》, “五到位”.
const (
	openers = "（(〔【《“「"
	closers = "）)〕】》”」"
)

// clauseMarks end a clause; the colon also ends a label.
const clauseMarks = "，；。！？,;!?：:"

// splitClauses returns the clauses of text, outside brackets, without the
// marks that end them.
func splitClauses(text string) []span {
	var out []span
	depth, start := 0, 0
	for i, r := range text {
		switch {
		case strings.ContainsRune(openers, r):
			depth++
		case strings.ContainsRune(closers, r):
			if depth > 0 {
				depth--
			}
		case depth == 0 && strings.ContainsRune(clauseMarks, r):
			out = append(out, span{start, i})
			start = i + utf8.RuneLen(r)
		}
	}
	if start < len(text) {
		out = append(out, span{start, len(text)})
	}
	return out
}

// clauseInfo is what the grouping of clauses into parts needs to know.
type clauseInfo struct {
	span
	toks      []segment.Token
	contents  int  // words that are neither function words nor boilerplate
	predicate bool // acts: holds a verb, a frequency, a deadline or a modal cue
	label     bool // a short topic before a colon (地震灾害：)
	bracket   bool // a bracket of its own: an attribution of units
	premise   bool // opens with a preposition (对…的, 在…, 按照…): it sets up the clause after it
	fact      bool // holds a frequency or a deadline
	result    bool // holds a verb of result outside its facts
	actions   actionSet
}

// completes reports whether cl only says when the act of the clauses g
// before it is due (…排查整治，年底前完成整治销号; …设置安全总监，6月底前实现
// 全覆盖): it holds a fact and a verb of result (完成, 实现), and no kind of
// act they do not already do.
func (cl clauseInfo) completes(g []clauseInfo) bool {
	if !cl.fact || !cl.result {
		return false
	}
	var prev actionSet
	for _, c := range g {
		prev |= c.actions
	}
	return cl.actions&^prev == 0
}

// resultVerbs say that an act is done by a time: 年底前完成…, 6月底前实现….
var resultVerbs = setOf("完成", "实现", "达到", "达标")

// premiseWords open a clause that sets up the next one rather than acting
// itself: 对存在重大隐患的单位，依法责令停产整顿; 以重点行业为重点，集中开展….
var premiseWords = setOf("对", "对于", "针对", "在", "按照", "根据", "围绕", "为", "以", "从", "凡")

// partCutter cuts the obligations of one document into parts.
type partCutter struct {
	seg     *segment.Segmenter
	doc     *corpus.Document
	match   string // the text rules match on (Document.Matching), or ""
	scope   *scoper
	heads   map[string]bag
	order   []string // the headings in the order first seen
	sectors map[string][2][]string
	topics  bool // find each part's topics (see part)
}

// cutParts cuts every obligation of p into parts, in reading order, with
// their topics when topics is set. It also returns the bags of the
// document's headings and labels, once each, for the model's document
// frequencies.
func cutParts(seg *segment.Segmenter, p corpus.Parsed, topics bool) ([]part, []bag) {
	c := &partCutter{seg: seg, doc: p.Doc, scope: newScoper(p.Doc), heads: map[string]bag{}, sectors: map[string][2][]string{}, topics: topics}
	if p.Doc != nil {
		c.match = p.Doc.Matching()
	}
	var out []part
	var extra []bag
	var label bag
	labelEnd := -1 // the byte offset in the document where the label's line ends
	for i := range p.Obligations {
		o := &p.Obligations[i]
		text, inDoc := c.textOf(o)
		if !inDoc || o.Span.Start >= labelEnd {
			label = nil
		}
		ps, own := c.cut(i, o, text, inDoc, label)
		if own != nil {
			extra = append(extra, own)
			label, labelEnd = own, -1
			if inDoc {
				labelEnd = len(c.match)
				if k := strings.IndexByte(c.match[o.Span.Start:], '\n'); k >= 0 {
					labelEnd = o.Span.Start + k
				}
			}
		}
		out = append(out, ps...)
	}
	for _, h := range c.order {
		extra = append(extra, c.heads[h])
	}
	return out, extra
}

// textOf returns the text an obligation is matched on: its place in the
// document's matching text when its span holds it, else its own Text.
func (c *partCutter) textOf(o *corpus.Obligation) (string, bool) {
	if c.match != "" && o.Span.End <= len(c.match) && o.Span.Start < o.Span.End &&
		o.Span.Len() == len(o.Text) && c.doc.Text[o.Span.Start:o.Span.End] == o.Text {
		return c.match[o.Span.Start:o.Span.End], true
	}
	return o.Text, false
}

// cut cuts one obligation into parts; label is the topic a label earlier
// on the same line gave it. It returns the parts and the bag of the
// obligation's own label, if it opens with one.
func (c *partCutter) cut(oi int, o *corpus.Obligation, text string, inDoc bool, label bag) ([]part, bag) {
	toks := c.seg.Tokens(text, true)
	var attr span
	if o.Attribution != nil && inDoc && o.Span.Contains(*o.Attribution) {
		attr = span{o.Attribution.Start - o.Span.Start, o.Attribution.End - o.Span.Start}
	}
	cls := c.clauses(o, text, toks, inDoc, attr)
	var own bag
	if len(cls) > 1 && cls[0].label {
		own = tokenFeatures(text[cls[0].start:cls[0].end], cls[0].toks)
		label = own
	}

	// Group the clauses: each that acts and says something of its own
	// opens a part; the others continue the part before them (or, before
	// the first, the one after).
	var groups [][]clauseInfo
	var pending []clauseInfo // premises waiting for the clause they set up
	for _, cl := range cls {
		if cl.label || cl.bracket {
			continue
		}
		if cl.premise {
			pending = append(pending, cl)
			continue
		}
		if len(pending) > 0 {
			groups = append(groups, append(pending, cl))
			pending = nil
			continue
		}
		if n := len(groups); n > 0 && cl.completes(groups[n-1]) {
			groups[n-1] = append(groups[n-1], cl)
			continue
		}
		if len(groups) == 0 || (cl.predicate && cl.contents >= 2) {
			if len(groups) == 1 && !groupActs(groups[0]) {
				groups[0] = append(groups[0], cl) // a leading subject or topic clause
				continue
			}
			groups = append(groups, []clauseInfo{cl})
			continue
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], cl)
	}
	if len(pending) > 0 {
		if len(groups) == 0 {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], pending...)
	}
	if len(groups) == 0 {
		return nil, own
	}

	head := c.heading(o.Heading)
	sector, headTopics := c.sectorOf(o.Heading)
	out := make([]part, len(groups))
	for gi, g := range groups {
		p := &out[gi]
		p.obl = oi
		p.start, p.end = g[0].start, g[len(g)-1].end
		p.content = bag{}
		for _, cl := range g {
			p.content.addFeatures(text[cl.start:cl.end], cl.toks, 1)
			for _, t := range cl.toks {
				p.actions |= actionOf[t.Text]
			}
		}
		for _, q := range quotes(text[p.start:p.end]) {
			p.quotes = append(p.quotes, normalize(q))
		}
		sort.Strings(p.quotes)
		p.freqs, p.deadlines = c.facts(o, inDoc, p.start, p.end, gi == 0)
		p.mod = c.modalOf(o, inDoc, p.start, p.end, premiseCue(g, o, inDoc))
		var ptoks []segment.Token
		for _, cl := range g {
			ptoks = append(ptoks, cl.toks...)
		}
		if !namesSectors(text[p.start:p.end]) {
			p.sector = topicKeys(sector)
		}
		p.topics = topicKeys(append(append([]string(nil), headTopics...), topicWords(ptoks)...))
		p.scope = c.scope.of(text, p.start, p.end, ptoks)
	}
	// A subject that is the issuing level itself (市应急局要…，…) binds the
	// clauses after it that name no scope of their own.
	for gi := 1; gi < len(out); gi++ {
		if prev := out[gi-1].scope; prev.own && prev.subject && !out[gi].scope.own && !out[gi].scope.lower {
			out[gi].scope = prev
		}
	}
	// Each part's context holds the words of the others: the sum of all
	// parts less its own.
	var sum bag
	if len(out) > 1 {
		sum = bag{}
		for gi := range out {
			sum.addScaled(out[gi].content, 1)
		}
	}
	for gi := range out {
		full := make(bag, len(out[gi].content)+len(head)+len(label))
		if sum == nil {
			full.addScaled(out[gi].content, 1)
		} else {
			full.addScaled(out[gi].content, 1-siblingWeight)
			full.addScaled(sum, siblingWeight)
			for f, w := range full {
				if w < 1e-9 {
					delete(full, f) // a word of this part only, at a rounding error from zero
				}
			}
		}
		full.addScaled(head, headingWeight)
		full.addScaled(label, labelWeight)
		out[gi].full = full
	}
	return out, own
}

// groupActs reports whether a group of clauses holds a clause that acts.
func groupActs(g []clauseInfo) bool {
	for _, cl := range g {
		if cl.predicate {
			return true
		}
	}
	return false
}

// clauses splits an obligation's text into clauses and classes each.
func (c *partCutter) clauses(o *corpus.Obligation, text string, toks []segment.Token, inDoc bool, attr span) []clauseInfo {
	var cue = -1
	if o.Modal != nil && inDoc {
		cue = o.Modal.Span.Start - o.Span.Start
	}
	var out []clauseInfo
	k := 0
	for i, s := range splitClauses(text) {
		cl := clauseInfo{span: s}
		for k < len(toks) && toks[k].Start < s.start {
			k++
		}
		for j := k; j < len(toks) && toks[j].End <= s.end; j++ {
			t := toks[j]
			if attr.end > attr.start && t.Start >= attr.start && t.End <= attr.end {
				continue
			}
			cl.toks = append(cl.toks, t)
			n := utf8.RuneCountInString(t.Text)
			if !(n == 1 && stopRunes[t.Text]) && !boilerplate[t.Text] && !genericVerbs[t.Text] {
				cl.contents++
			}
			if isVerb(t.Text) || modalWord[t.Text] {
				cl.predicate = true
			}
			cl.actions |= actionOf[t.Text]
		}
		body := strings.TrimSpace(text[s.start:s.end])
		cl.bracket = isBracket(body) || (attr.end > attr.start && s.start >= attr.start && s.end <= attr.end)
		cl.label = i == 0 && s.end < len(text) && strings.ContainsRune("：:", firstRune(text[s.end:])) &&
			utf8.RuneCountInString(body) <= maxLabelRunes && !cl.predicate && len(cl.toks) > 0
		cl.contents += len(quotes(body)) // a quoted slogan says something of its own
		cl.premise = len(cl.toks) > 0 && premiseWords[cl.toks[0].Text] &&
			cl.toks[0].Start == s.start+leadingSpace(text[s.start:s.end]) && !actsAfterLastDe(text[s.start:s.end], cl.toks, s.start)
		if cue >= s.start && cue < s.end {
			cl.predicate = true
		}
		if inDoc {
			var factSpans []corpus.Span
			for _, f := range o.Frequencies {
				factSpans = append(factSpans, f.Span)
			}
			for _, d := range o.Deadlines {
				factSpans = append(factSpans, d.Span)
			}
			for _, t := range cl.toks {
				in := false
				for _, f := range factSpans {
					if within(f, o.Span.Start, s) {
						cl.fact = true
					}
					in = in || (t.Start >= f.Start-o.Span.Start && t.End <= f.End-o.Span.Start)
				}
				if !in && resultVerbs[t.Text] {
					cl.result = true
				}
			}
			cl.predicate = cl.predicate || cl.fact
		}
		if len(cl.toks) > 0 || cl.contents > 0 {
			out = append(out, cl)
		}
	}
	return out
}

// actsAfterLastDe reports whether the clause s (starting at byte base of
// the obligation, cut into toks) has a verb of some kind of act after its
// last 的: 对重大隐患挂牌督办 acts; 对存在重大隐患的单位 and 对发生的责任事故 only
// name what the next clause acts on.
func actsAfterLastDe(s string, toks []segment.Token, base int) bool {
	from := base + strings.LastIndex(s, "的") + 1
	for _, t := range toks {
		if t.Start >= from && actionOf[t.Text] != 0 {
			return true
		}
	}
	return false
}

// leadingSpace returns the length of the white space that opens s.
func leadingSpace(s string) int { return len(s) - len(strings.TrimLeft(s, " \t\r\n　")) }

// isBracket reports whether s is one bracketed run with a colon inside:
// （牵头单位：市应急局；配合单位：市公安局）.
func isBracket(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	l, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, "。；;."))
	return strings.ContainsRune("（(〔【", r) && strings.ContainsRune("）)〕】", l) && strings.ContainsAny(s, "：:")
}

// within reports whether the fact at doc span f lies in the clause s of
// an obligation starting at doc offset base.
func within(f corpus.Span, base int, s span) bool {
	off := f.Start - base
	return f.End > f.Start && off >= s.start && off < s.end
}

// facts returns the frequencies and deadlines of an obligation that lie
// in its text's byte range [start, end). An obligation without spans
// (built by hand) gives all its facts to its first part.
func (c *partCutter) facts(o *corpus.Obligation, inDoc bool, start, end int, first bool) ([]corpus.Frequency, []corpus.Deadline) {
	in := func(s corpus.Span) bool {
		if !inDoc || s.End <= s.Start {
			return first
		}
		return within(s, o.Span.Start, span{start, end})
	}
	var fs []corpus.Frequency
	for _, f := range o.Frequencies {
		if in(f.Span) {
			fs = append(fs, f)
		}
	}
	var ds []corpus.Deadline
	for _, d := range o.Deadlines {
		if in(d.Span) {
			ds = append(ds, d)
		}
	}
	return fs, ds
}

// premiseCue reports whether the obligation's modal cue lies in a premise
// of the clauses g (对…应发现未发现…的，依法追责): it then describes the case,
// not the duty.
func premiseCue(g []clauseInfo, o *corpus.Obligation, inDoc bool) bool {
	if o.Modal == nil || !inDoc {
		return false
	}
	at := o.Modal.Span.Start - o.Span.Start
	for _, cl := range g {
		if cl.premise && at >= cl.start && at < cl.end {
			return true
		}
	}
	return false
}

// modalOf returns the modality of the part [start, end) of an obligation:
// its cue governs the part that holds it and those after it; the parts
// before it, and a part whose cue only describes its premise, bind as a
// bare imperative does (must, rank 3). Without a cue span, the
// obligation's modality binds every part.
func (c *partCutter) modalOf(o *corpus.Obligation, inDoc bool, start, end int, inPremise bool) modal {
	if inPremise {
		return modal{rank: rankOf(corpus.Must), modality: corpus.Must}
	}
	if o.Modal == nil || !inDoc || o.Modal.Span.End <= o.Modal.Span.Start {
		m := modal{rank: rankOf(o.Modality), modality: o.Modality}
		if o.Modal != nil {
			m.rank, m.word = o.Modal.Rank, o.Modal.Word
		}
		return m
	}
	if o.Modal.Span.Start-o.Span.Start >= end {
		return modal{rank: rankOf(corpus.Must), modality: corpus.Must}
	}
	return modal{rank: o.Modal.Rank, word: o.Modal.Word, modality: o.Modality}
}

// rankOf is the cue rank a modality has when no cue word is known.
func rankOf(m corpus.Modality) int {
	switch m {
	case corpus.May:
		return 1
	case corpus.Should:
		return 2
	case corpus.MustNot:
		return 4
	}
	return 3 // must, and the default of a bare imperative
}

// modalWord holds the words that bind a clause of their own (企业要…,
// 每个村和居委会要确定…): matched as gse words, so 应 is not inside 应急.
var modalWord = setOf(modalWords...)

// sectorWords are the heading words that name no sector: what a heading
// says about any duty (安全, 工作, 领域 …).
var sectorWords = setOf("安全", "工作", "领域", "行业", "专项", "管理", "重点", "其他", "方面", "生产", "安全生产")

// topicWords returns the runs of adjacent words of toks that can name a
// sector (neither function words, boilerplate, verbs nor sectorWords),
// each run joined: the segmenter leaves a word it does not know (洗储煤)
// in pieces.
func topicWords(toks []segment.Token) []string {
	var out []string
	var run strings.Builder
	end := -1
	flush := func() {
		if utf8.RuneCountInString(run.String()) >= 2 {
			out = append(out, run.String())
		}
		run.Reset()
	}
	for _, t := range toks {
		w := t.Text
		if (utf8.RuneCountInString(w) == 1 && stopRunes[w]) || boilerplate[w] || isVerb(w) || sectorWords[w] || modalWord[w] {
			flush()
			continue
		}
		if t.Start != end {
			flush()
		}
		run.WriteString(w)
		end = t.End
	}
	flush()
	return out
}

// namesSectors reports whether a duty names the sectors it is about
// itself (特种设备、冶金工贸、文化旅游等行业领域也要…): then it is not bound to
// the sector of its heading.
func namesSectors(text string) bool {
	return strings.Contains(text, "等行业") || strings.Contains(text, "等领域") || strings.Contains(text, "等重点行业")
}

// topicKeys returns the keys by which topic words meet, sorted: the pairs
// of adjacent runes of each (交通运输 meets 交通安全 in 交通), but a word
// that negates one (非煤矿山) whole, since it names another sector.
func topicKeys(words []string) []string {
	var out []string
	for _, w := range words {
		rs := []rune(w)
		if rs[0] == '非' || len(rs) <= 2 {
			out = append(out, w)
			continue
		}
		for i := 0; i+1 < len(rs); i++ {
			out = append(out, string(rs[i:i+2]))
		}
	}
	sort.Strings(out)
	return out
}

// sectorOf returns the topic words of a heading, and, when the heading
// names a sector and nothing it does (三、（九）煤矿; （十四）经营性自建房),
// the same words as its sector.
func (c *partCutter) sectorOf(h string) (sector, topics []string) {
	if s, ok := c.sectors[h]; ok {
		return s[0], s[1]
	}
	toks := c.headWords(h)
	topics = topicWords(toks)
	sector = topics
	for _, t := range toks {
		if isVerb(t.Text) {
			sector = nil
			break
		}
	}
	c.sectors[h] = [2][]string{sector, topics}
	return sector, topics
}

// headWords cuts a heading into words as a sentence holding it would be
// cut: in the segmenter's normal mode, since its search mode takes a text
// that is one word (煤矿, 交通运输) apart into its characters.
func (c *partCutter) headWords(h string) []segment.Token {
	var out []segment.Token
	off := 0
	for _, w := range c.seg.Cut(strings.TrimSpace(h)) {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			out = append(out, segment.Token{Text: w, Start: off, End: off + len(w)})
		}
		off += len(w)
	}
	return out
}

// heading returns the features of a heading, cut once per document.
func (c *partCutter) heading(h string) bag {
	h = strings.TrimSpace(h)
	if h == "" {
		return nil
	}
	b, ok := c.heads[h]
	if !ok {
		b = tokenFeatures(h, c.headWords(h))
		c.heads[h] = b
		c.order = append(c.order, h)
	}
	return b
}

// addScaled adds the features of o to b, each weighed by w.
func (b bag) addScaled(o bag, w float64) {
	for f, v := range o {
		b[f] += v * w
	}
}
