package extract

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/internal/numeral"
	"github.com/dutymap/dutymap/segment"
)

// Extractor finds the obligations of Documents. It is safe for concurrent
// use; build one per process and share it, as its Segmenter.
type Extractor struct {
	seg *segment.Segmenter
	// cuts remembers, within one Extract call, the words gse cuts of a short
	// text (tokens): rules cut the same few runes around a candidate word,
	// or the same names, from the clauses and chunks that hold them. Extract
	// works on a copy of the Extractor with a map of its own, so that the
	// Extractor stays safe for concurrent use; nil elsewhere.
	cuts map[string][]segment.Token
}

// tokens returns the words of s as the Segmenter's Tokens(s, false) does,
// remembered for the rest of an Extract call. The caller must not change
// them.
func (e *Extractor) tokens(s string) []segment.Token {
	if e.cuts == nil {
		return e.seg.Tokens(s, false)
	}
	t, ok := e.cuts[s]
	if !ok {
		t = e.seg.Tokens(s, false)
		e.cuts[s] = t
	}
	return t
}

// New returns an Extractor that cuts words with seg.
func New(seg *segment.Segmenter) *Extractor { return &Extractor{seg: seg} }

// view is a Document as the rules read it: Text for what obligations show,
// the folded text (Document.Matching) for what rules match, with the same
// byte offsets, and the years the text names for dates written without one.
type view struct {
	doc   *corpus.Document
	text  string
	m     string
	years []yearMark
	// tables are the task tables of the document with the role of each
	// column; their rows are obligations of their own and the sentence
	// rules skip them.
	tables []taskTable
	// rowEdges are the offsets where rows of any table start and end: no
	// sentence runs across them.
	rowEdges map[int]bool
}

// yearMark is a year the text names, at a byte offset.
type yearMark struct{ at, year int }

// yearRe finds the years a text names: 2024年, 2019-06-18, 〔2024〕, 二〇二四年.
var yearRe = regexp.MustCompile(`((?:19|20)[0-9]{2})\s*(?:年|-[0-9]|/[0-9]|\.[0-9]|[〕\]］])|([〇零○OＯ0一二三四五六七八九]{4})\s*年`)

func newView(doc *corpus.Document) *view {
	v := &view{doc: doc, text: doc.Text, m: doc.Matching()}
	if doc.PlanYear == 0 {
		for _, m := range yearRe.FindAllStringSubmatchIndex(v.m, -1) {
			g := 2
			if m[2] < 0 {
				g = 4
			}
			if y, ok := numeral.Year(v.m[m[g]:m[g+1]]); ok && y >= 1949 && y <= 2100 {
				v.years = append(v.years, yearMark{at: m[0], year: y})
			}
		}
	}
	v.tables = taskTables(v)
	v.rowEdges = map[int]bool{}
	for _, t := range doc.Tables {
		for _, r := range t.Rows {
			v.rowEdges[r.Span.Start], v.rowEdges[r.Span.End] = true, true
		}
	}
	return v
}

// yearsFrom returns the yearFunc of a sentence that starts at byte base:
// the plan year; else the nearest year the text names before the date;
// else the first year it names at all (a notice dated at its foot).
func (v *view) yearsFrom(base int) yearFunc {
	if v.doc.PlanYear > 0 {
		return planYear(v.doc.PlanYear)
	}
	return func(at int) (int, bool) {
		if len(v.years) == 0 {
			return 0, false
		}
		at += base
		i := sort.Search(len(v.years), func(i int) bool { return v.years[i].at >= at })
		if i == 0 {
			return v.years[0].year, true
		}
		return v.years[i-1].year, true
	}
}

// written returns name as the text writes it: rules read the folded text,
// a user is shown Text at the same offsets. near is where name was read.
func (v *view) written(name string, near corpus.Span) string {
	if v.m == v.text || name == "" {
		return name
	}
	if validSpan(v.doc, near) {
		if i := strings.Index(v.m[near.Start:near.End], name); i >= 0 {
			return v.text[near.Start+i : near.Start+i+len(name)] // where it was read, not a sentence before
		}
	}
	lo, hi := max(0, near.Start-4*maxSentence), min(len(v.m), near.End+4*maxSentence)
	for lo > 0 && !utf8.RuneStart(v.m[lo]) {
		lo--
	}
	for hi < len(v.m) && !utf8.RuneStart(v.m[hi]) {
		hi++
	}
	if i := strings.Index(v.m[lo:hi], name); i >= 0 {
		return v.text[lo+i : lo+i+len(name)]
	}
	return name
}

// scope is a run of text whose obligations share a path and heading: the
// own text of an outline item after its heading, or a passage outside the
// outline.
type scope struct {
	span    corpus.Span
	path    []string
	heading string
	// headDeadlines are deadlines written in the heading of the item or of
	// the nearest enclosing item that has one (a phase: 动员部署（2023年5月
	// 下旬前）); they bind every sentence of the scope that has none.
	headDeadlines []corpus.Deadline
	// headAttr is an attribution bracket closing the heading (加强组织领导
	// （牵头单位：县应急局）); it covers the obligations no bracket covers.
	headAttr *attribution
	// passage marks text outside the outline (a preamble, a cover notice,
	// closing text): a sentence there is an obligation only for a body it
	// names, a date, a frequency or a modal word, not for its verb alone.
	passage bool
	// block is the item of the scope (nil for a passage); groupLast is set
	// when it is the last of two or more siblings, so that an attribution
	// standing after it covers the whole group.
	block     *corpus.Block
	parent    *corpus.Block
	groupLast bool
}

// chunk is a candidate obligation: a clause or sentence of a scope.
type chunk struct {
	span     corpus.Span
	sentence corpus.Span  // the whole sentence (up to 。) the chunk is part of
	attr     *attribution // the attribution bracket that ends the chunk
	attrLine bool         // the chunk is an attribution on its own (牵头单位：…), no obligation
	subject  units        // the units named as subject of its first clause that has one
	actors   []string     // the persons and parties named as subjects
}

// Extract returns the obligations of doc in reading order: those of its
// outline items, of its passages (Document.Passages) and of the rows of
// its task tables (Document.Tables). Spans are byte offsets into doc.Text;
// rules read doc.Matching() and names are given as Text writes them. IDs
// are doc.ID + "/o-" + ordinal from 1. Any Document, however malformed its
// spans, gives a result.
func (e *Extractor) Extract(doc *corpus.Document) []corpus.Obligation {
	e = &Extractor{seg: e.seg, cuts: map[string][]segment.Token{}}
	v := newView(doc)
	b := &builder{e: e, v: v, groupStart: map[*corpus.Block]int{}}
	scopes := e.scopes(v)
	for _, s := range scopes {
		b.scope(s)
	}
	for _, t := range v.tables {
		b.table(t, scopes)
	}
	out := b.out
	sort.SliceStable(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	for i := range out {
		o := &out[i]
		o.ID = fmt.Sprintf("%s/o-%d", doc.ID, i+1)
		o.Doc = doc.ID
		for _, l := range [][]string{o.Lead, o.Support, o.Responsible, o.Actors} {
			for k := range l {
				l[k] = v.written(l[k], o.Span)
			}
		}
	}
	return out
}

// builder collects the obligations of one Document.
type builder struct {
	e   *Extractor
	v   *view
	out []corpus.Obligation
	// attributed marks the obligations whose units an attribution gave.
	attributed []bool
	// groupStart is, for an item with sub-items, the index of the first
	// obligation of its first sub-item.
	groupStart map[*corpus.Block]int
}

// bodySpan returns doc's Body, or the whole text when Body is unset or invalid.
func bodySpan(doc *corpus.Document) corpus.Span {
	body := doc.Body
	if body.End <= body.Start || !validSpan(doc, body) {
		body = corpus.Span{Start: 0, End: len(doc.Text)}
	}
	return body
}

// scopes returns the scopes of a document in reading order: each outline
// item's own text after its heading, and the passages outside the outline.
// Without Passages (a Document built by hand) the text after the outline
// is the one passage; without an outline the passages, or else the body,
// are read as items are.
func (e *Extractor) scopes(v *view) []scope {
	doc := v.doc
	body := bodySpan(doc)
	var passages []corpus.Span
	for _, p := range doc.Passages {
		if validSpan(doc, p) && p.Len() > 0 {
			passages = append(passages, p)
		}
	}
	if len(doc.Outline) == 0 {
		if len(passages) == 0 {
			return []scope{{span: body}}
		}
		out := make([]scope, len(passages))
		for i, p := range passages {
			out[i] = scope{span: p}
		}
		return out
	}
	var out []scope
	headings := map[*corpus.Block]string{}
	phases := map[*corpus.Block][]corpus.Deadline{}
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
		s := scope{span: b.Body, path: path, block: b}
		if len(anc) > 0 {
			s.parent = anc[len(anc)-1]
			s.heading = headings[s.parent]
			s.headDeadlines = phases[s.parent]
			sib := s.parent.Children
			s.groupLast = len(sib) > 1 && sib[len(sib)-1] == b
		}
		e.readHeading(v, b, &s)
		headings[b] = s.heading
		phases[b] = s.headDeadlines
		out = append(out, s)
		last = max(last, b.Span.End)
		return true
	})
	if len(passages) == 0 {
		if last < body.End {
			out = append(out, scope{span: corpus.Span{Start: last, End: body.End}})
		}
		return out
	}
	for _, p := range passages {
		out = append(out, scope{span: p, passage: true})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].span.Start < out[j].span.Start })
	return out
}

// readHeading takes an item's lead as its heading when it is a title, not
// an obligation: the scope then starts after it, and a deadline or an
// attribution in it binds the item's sentences. The heading is the item's
// lead when that is a title; when the lead is itself an obligation
// (（1）企业主要负责人要…), the parent's.
func (e *Extractor) readHeading(v *view, b *corpus.Block, s *scope) {
	if !validSpan(v.doc, b.Lead) || b.Lead.Len() == 0 || b.Lead.Start < b.Body.Start || b.Lead.End > b.Body.End {
		return
	}
	lead := v.m[b.Lead.Start:b.Lead.End]
	line := false // the lead is a line of its own: a heading line over a paragraph
	if i := strings.IndexByte(lead, '\n'); i > 0 {
		lead, line = lead[:i], true
	}
	leadSpan := corpus.Span{Start: b.Lead.Start, End: b.Lead.Start + len(lead)}
	if next := skipSpace(v.m, leadSpan.End, b.Body.End); next > leadSpan.End && strings.ContainsRune(v.m[leadSpan.End:next], '\n') && next < b.Body.End {
		line = true
	}
	rest := strings.TrimSpace(strings.Trim(v.m[leadSpan.End:b.Body.End], " \t\n*。."))
	br := matchBrackets(v.m, leadSpan)
	attr := trailingAttribution(v.m, leadSpan, br)
	title := lead
	if o, ok := br.open[trimSpan(v.m, leadSpan).End]; attr != nil && ok && o >= leadSpan.Start {
		title = v.m[leadSpan.Start:o]
	}
	if !e.isHeading(title, rest != "", len(b.Children) > 0, line) {
		return
	}
	s.heading = v.text[leadSpan.Start : leadSpan.Start+len(strings.TrimRight(title, " \t"))]
	s.heading = strings.Trim(s.heading, " \t\n*#。.：:")
	s.span.Start = leadSpan.End
	s.headAttr = attr
	var own []corpus.Deadline
	for _, d := range findDeadlines(lead, v.yearsFrom(leadSpan.Start)) {
		d.Span = shift(d.Span, leadSpan.Start)
		d.Raw = v.text[d.Span.Start:d.Span.End]
		own = append(own, d)
	}
	if len(own) > 0 {
		s.headDeadlines = own
	}
}

// maxHeading bounds a heading in runes: a longer lead is a sentence.
const maxHeading = 60

// isHeading reports whether an item's lead is its title rather than an
// obligation: it is followed by more text or sub-items, is short, has no
// modal word and names no lead or responsible body, fixes no frequency,
// and — in an item without sub-items, unless it is a line of its own — is
// one phrase, not clauses (（2）组织建立台账清单，实行闭环管理。 is an
// obligation).
func (e *Extractor) isHeading(lead string, more, children, line bool) bool {
	if !more && !children {
		return false
	}
	if !children && !line && anyOf(lead, clauseMarkRunes) {
		return false
	}
	if len(lead) > 4*maxHeading || utf8.RuneCountInString(lead) > maxHeading {
		return false
	}
	if strings.Contains(lead, "负责") || strings.Contains(lead, "牵头") || len(findFrequencies(lead)) > 0 {
		return false
	}
	cue, _ := e.modal(lead)
	return cue == nil
}

// validSpan reports whether s lies inside doc.Text on rune boundaries.
func validSpan(doc *corpus.Document, s corpus.Span) bool {
	return 0 <= s.Start && s.Start <= s.End && s.End <= len(doc.Text) &&
		(s.Start == len(doc.Text) || utf8.RuneStart(doc.Text[s.Start])) &&
		(s.End == len(doc.Text) || utf8.RuneStart(doc.Text[s.End]))
}

// newObligation returns an obligation of span with empty, non-nil lists.
func newObligation(v *view, span corpus.Span, path []string, heading string) corpus.Obligation {
	return corpus.Obligation{
		Path: path, Heading: heading, Text: v.text[span.Start:span.End], Span: span,
		Lead: []string{}, Support: []string{}, Responsible: []string{}, Actors: []string{},
		Frequencies: []corpus.Frequency{}, Deadlines: []corpus.Deadline{},
	}
}

// facts are the frequencies and deadlines of one sentence.
type facts struct {
	freqs []corpus.Frequency
	dls   []corpus.Deadline
}

// sentenceFacts reads the frequencies and deadlines of the sentence at
// span, with spans and raw words in Text.
func (v *view) sentenceFacts(span corpus.Span) facts {
	s := v.m[span.Start:span.End]
	var f facts
	for _, x := range findFrequencies(s) {
		x.Span = shift(x.Span, span.Start)
		x.Raw = v.text[x.Span.Start:x.Span.End]
		f.freqs = append(f.freqs, x)
	}
	for _, x := range findDeadlines(s, v.yearsFrom(span.Start)) {
		x.Span = shift(x.Span, span.Start)
		x.Raw = v.text[x.Span.Start:x.Span.End]
		f.dls = append(f.dls, x)
	}
	return f
}

// scope appends the obligations of scope s.
func (b *builder) scope(s scope) {
	v := b.v
	chunks := b.e.chunks(v, s.span)
	first := len(b.out)
	if s.parent != nil && len(s.parent.Children) > 0 && s.parent.Children[0] == s.block {
		b.groupStart[s.parent] = first
	}
	// Facts are read per sentence (年内 governs counts after a ；) and given
	// to the chunk that holds them.
	bySentence := map[corpus.Span]facts{}
	for _, c := range chunks {
		if _, ok := bySentence[c.sentence]; !ok && !c.attrLine {
			bySentence[c.sentence] = v.sentenceFacts(c.sentence)
		}
	}
	unbound := map[int]bool{} // obligations that bind only if a bracket names their units
	covered := first          // the first obligation not yet covered by a bracket
	lastCovered := -1         // where the previous attribution's range started, if it ended the last chunk
	prevClause := -1          // where the ；-clause of the last obligation starts
	// run holds the deadlines of a run-in phase heading (第一阶段（4月1日—
	// 4月30日）：排查摸底。) until the end of its line, runEnd.
	var run []corpus.Deadline
	runEnd := -1
	for ci, c := range chunks {
		if c.span.Start >= runEnd {
			run = nil
		}
		if ds := runInPhase(v, c, bySentence[c.sentence]); ds != nil && !c.attrLine {
			run, runEnd = ds, lineEnd(v.m, c.span.End)
			continue
		}
		if c.attrLine {
			// 牵头单位：…\n配合单位：… on lines of their own: consecutive
			// lines make one attribution.
			if lastCovered >= 0 {
				for i := lastCovered; i < len(b.out); i++ {
					mergeUnits(&b.out[i], c.attr.units)
				}
				continue
			}
			from := covered
			if start, ok := b.groupStart[s.parent]; ok && s.groupLast && trailingAttrs(chunks[ci:]) {
				from = start // an attribution after the last sub-item covers the group
			}
			for i := from; i < len(b.out); i++ {
				if i >= covered || !b.attributed[i] {
					b.attribute(i, c.attr)
				}
			}
			lastCovered, covered = from, len(b.out)
			continue
		}
		lastCovered = -1
		o := newObligation(v, c.span, s.path, s.heading)
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
		heads := s.headDeadlines
		if run != nil {
			heads = run
		}
		if cl := clauseOf(v.m, c); cl.Start != prevClause && len(heads) > 0 && !hasFactIn(f.dls, cl) {
			// A phase's deadline binds each of its sentences (up to 。 or
			// ；) that has none of its own.
			o.Deadlines = append(o.Deadlines, heads...)
			prevClause = cl.Start
		}
		setUnits(&o, c.subject)
		o.Actors = append(o.Actors, c.actors...)
		text := v.m[c.span.Start:c.span.End]
		scan := modalWords.scan(text) // and the action and sector words: chunkLists
		cue, modality := b.e.modalIn(text, scan)
		o.Modality = modality
		if cue != nil {
			cue.Span = shift(cue.Span, c.span.Start)
			cue.Word = v.text[cue.Span.Start:cue.Span.End]
			o.Modal = cue
		}
		if !b.binds(text, scan, &o, s.passage) {
			// Kept for now: a bracket later in the scope may name its
			// units; dropped below if none does.
			unbound[len(b.out)] = true
		}
		o.Sectors = sectorsIn(text, scan)
		o.Targets = shiftTargets(findTargets(text), c.span.Start)
		for i := range o.Targets {
			o.Targets[i].Raw = v.text[o.Targets[i].Span.Start:o.Targets[i].Span.End]
		}
		b.out = append(b.out, o)
		b.attributed = append(b.attributed, false)
		if c.attr != nil {
			for i := covered; i < len(b.out); i++ {
				b.attribute(i, c.attr)
			}
			covered = len(b.out)
		}
	}
	if s.headAttr != nil {
		for i := covered; i < len(b.out); i++ {
			b.attribute(i, s.headAttr)
		}
	}
	if len(unbound) > 0 {
		kept, flags := b.out[:first], b.attributed[:first]
		for i := first; i < len(b.out); i++ {
			if !unbound[i] || len(b.out[i].Units()) > 0 {
				kept = append(kept, b.out[i])
				flags = append(flags, b.attributed[i])
			}
		}
		b.out, b.attributed = kept, flags
	}
}

// clauseOf returns the part of c's sentence between the ；s around c's
// start: the unit a phase's deadline binds once.
func clauseOf(m string, c chunk) corpus.Span {
	cl := c.sentence
	if c.span.Start < cl.Start || c.span.Start > cl.End || cl.End > len(m) {
		return c.span
	}
	head := m[cl.Start:c.span.Start]
	if i := strings.LastIndex(head, "；"); i >= 0 {
		cl.Start += i + len("；")
	} else if i := strings.LastIndexByte(head, ';'); i >= 0 {
		cl.Start += i + 1
	}
	rest := m[c.span.Start:cl.End]
	if i := strings.IndexAny(rest, "；;"); i >= 0 {
		cl.End = c.span.Start + i
	}
	return cl
}

// hasFactIn reports whether a deadline of ds starts inside span.
func hasFactIn(ds []corpus.Deadline, span corpus.Span) bool {
	for _, d := range ds {
		if span.Start <= d.Span.Start && d.Span.Start < span.End {
			return true
		}
	}
	return false
}

// runInPhaseRe is a phase written as a sentence that opens its paragraph:
// its name, its time in brackets and perhaps a short label, either way
// round (第一阶段（4月1日—4月30日）：排查摸底。, 集中整治阶段：5月1日至10月31日。).
var runInPhaseRe = regexp.MustCompile(`^(?:第[一二三四五六七八九十]+阶段|\p{Han}{2,8}阶段)\s*(?:[：:]\s*\p{Han}{2,12}\s*)?(?:[（(][^（()）\n]{4,40}[）)]|[：:][^，,；;。\n]{4,30})\s*(?:[：:]\s*[\p{Han}、]{2,16})?\s*[。.；;]?\s*$`)

// runInPhase returns the deadlines of chunk c when it is a run-in phase
// heading at the start of its line (runInPhaseRe): they bind the rest of
// the line as a phase heading's bind its item. f are c's sentence's facts.
func runInPhase(v *view, c chunk, f facts) []corpus.Deadline {
	if c.span.Start < 0 || c.span.End > len(v.m) || strings.TrimSpace(v.m[lineStart(v.m, c.span.Start):c.span.Start]) != "" {
		return nil
	}
	if !runInPhaseRe.MatchString(v.m[c.span.Start:c.span.End]) || len(c.subject.lead)+len(c.subject.support)+len(c.subject.responsible) > 0 {
		return nil
	}
	var ds []corpus.Deadline
	for _, d := range f.dls {
		if c.span.Start <= d.Span.Start && d.Span.Start < c.span.End {
			ds = append(ds, d)
		}
	}
	return ds
}

// lineStart and lineEnd return the bounds of the line of m around i.
func lineStart(m string, i int) int { return strings.LastIndexByte(m[:i], '\n') + 1 }

func lineEnd(m string, i int) int {
	if k := strings.IndexByte(m[i:], '\n'); k >= 0 {
		return i + k
	}
	return len(m)
}

// trailingAttrs reports whether every chunk of cs is an attribution line:
// the attribution closes its scope.
func trailingAttrs(cs []chunk) bool {
	for _, c := range cs {
		if !c.attrLine {
			return false
		}
	}
	return true
}

// attribute gives obligation i the units of attribution a, replacing what
// its subject gave, and records the attribution's span.
func (b *builder) attribute(i int, a *attribution) {
	setUnits(&b.out[i], a.units)
	sp := a.span
	b.out[i].Attribution = &sp
	b.attributed[i] = true
}

// setUnits sets the unit lists of o to copies of those of u, keeping empty
// lists non-nil.
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

// notDutyRe finds sentences that bind no one whatever their words: a
// text's entry into force (本办法自印发之日起施行), the lead-in of a list or
// table (任务分解如下表：), and the short label of a run-in enumeration
// (一是加强组织领导。, 三是客流管控。) whose sentences follow it.
var notDutyRe = regexp.MustCompile(`^\s*(?:本\p{Han}{1,6}自[\p{Han}0-9０-９]{0,16}(?:起|之日)(?:施行|实施|执行|生效)[。.]?|\p{Han}{0,16}如下(?:表)?[：:。]|(?:[一二三四五六七八九十]|其[一二三四五六七八九十])是\p{Han}{2,8}[。.])\s*$`)

// notDuty reports whether text, a chunk with no units and no facts, is one
// of notDutyRe's sentences.
func notDuty(text string) bool { return notDutyRe.MatchString(text) }

// minObligation is the fewest runes a chunk needs to bind by its verb alone.
const minObligation = 6

// performatives open the issuer's own act of issuing (现将《X》印发给你们,
// 现就…通知如下, 特此通知): its verb binds no one, in a notice without
// numbered items as in a preamble.
var performatives = []string{"现将", "现就", "特此"}

// binds reports whether a chunk is an obligation: it names a body or
// carries a frequency or deadline; in an item, also when it has a verb
// that binds someone to act; in a passage or an issuer's performative,
// only when it has a modal word.
// scan is the scan of text by chunkLists' automaton.
func (b *builder) binds(text string, scan []hit, o *corpus.Obligation, passage bool) bool {
	if len(o.Lead)+len(o.Support)+len(o.Responsible)+len(o.Frequencies)+len(o.Deadlines) > 0 {
		return true
	}
	if notDuty(text) {
		return false
	}
	if passage || hasPrefixAny(text, performatives...) {
		return o.Modal != nil
	}
	return o.Modal != nil || utf8.RuneCountInString(text) >= minObligation && b.e.hasAction(text, scan)
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
	weak    bool // the subject is a list of bodies before a verb that is no subject verb
	// named marks a clause before the first with a subject that opens with
	// bodies of its own before some verb (县应急局每月组织一次演练，各乡镇应当…):
	// it is an obligation apart, not the circumstance of the next.
	named  bool
	actors []string
}

// chunks cuts the text of span into candidate obligations: sentences (。！？
// and line ends that are not wraps), their ；-separated parts, and within
// those the clauses that open with a different named subject. A sentence
// takes in an attribution bracket that follows its 。; a sentence that is
// only an attribution (a label line, a bracket on its own line) is one.
// Sentences inside a task table are left to the table's rows.
func (e *Extractor) chunks(v *view, span corpus.Span) []chunk {
	text := v.m
	var out []chunk
	br := matchBrackets(text, span)
	for _, sent := range sentences(text, span, br, v.rowEdges) {
		if v.inTable(sent) {
			continue
		}
		st := strings.TrimSpace(text[sent.Start:sent.End])
		if isAttributionLine(st) {
			if u, ok := parseAttribution(strings.TrimRight(st, "。.；;")); ok {
				out = append(out, chunk{span: sent, sentence: sent, attr: &attribution{units: u, span: sent}, attrLine: true})
				continue
			}
		}
		if a := trailingAttribution(text, sent, br); a != nil && a.span.Start == sent.Start {
			out = append(out, chunk{span: sent, sentence: sent, attr: a, attrLine: true})
			continue
		}
		for _, part := range splitTopSpan(text, sent, "；;", br) {
			attr := trailingAttribution(text, part, br)
			cs := splitTopSpan(text, part, "，,", br)
			clauses := make([]clause, 0, len(cs))
			for i, c := range cs {
				end := c.End
				if i+1 < len(cs) && hasPrefixAny(strings.TrimSpace(text[cs[i+1].Start:cs[i+1].End]), "会同", "协同") {
					end = cs[i+1].End // X牵头，会同Y…
				}
				cl := clause{span: c}
				cl.subject, cl.actors = e.subject(strings.TrimSpace(text[c.Start:end]))
				if cl.subject.empty() && len(clauses) > 0 && !clauses[len(clauses)-1].subject.empty() {
					if names := e.weakSubject(text[c.Start:c.End]); len(names) > 0 {
						cl.subject, cl.weak = units{responsible: names}, true
					}
				}
				if distributive(cl.subject) && firstSubject(clauses) >= 0 {
					cl.subject, cl.weak = units{}, false // 各镇要…，每个镇…: the same bodies
				}
				clauses = append(clauses, cl)
			}
			e.joinSubjects(text, clauses)
			if f := firstSubject(clauses); f > 0 {
				for i := range clauses[:f] {
					// A condition (跨区市举办的，由X…; 对…的，由X…) names no body
					// of its own: it belongs to the subject after it.
					cl := strings.TrimRight(text[clauses[i].span.Start:clauses[i].span.End], " \t，,")
					clauses[i].named = !strings.HasSuffix(cl, "的") && len(e.weakSubject(cl)) > 0
				}
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
					if !cl.subject.empty() && !cl.weak && c.subject.empty() {
						c.subject = cl.subject
					} else if cl.weak && !c.subject.empty() {
						// 由X综合指导，Y、Z组织实施: one duty, more bodies.
						c.subject.responsible = append(c.subject.responsible, cl.subject.responsible...)
					}
				}
				if c.subject.empty() {
					c.subject = e.established(text[c.span.Start:c.span.End])
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

// inTable reports whether span lies in a task table of the document.
func (v *view) inTable(span corpus.Span) bool {
	for _, t := range v.tables {
		if t.span.Start <= span.Start && span.Start < t.span.End {
			return true
		}
	}
	return false
}

// firstSubject returns the index of the first clause of cs with a subject,
// or -1.
func firstSubject(cs []clause) int {
	for i, c := range cs {
		if !c.subject.empty() {
			return i
		}
	}
	return -1
}

// namedBefore reports whether one of cs names bodies of its own.
func namedBefore(cs []clause) bool {
	for _, c := range cs {
		if c.named {
			return true
		}
	}
	return false
}

// subjectGroups groups the clauses of a part into obligations: one group,
// unless two or more clauses open with different named subjects
// (应急站牵头负责…，城建站牵头负责…), when each such clause starts a group.
// A weak subject (a list of bodies before a verb that is no subject verb)
// starts no group.
func subjectGroups(clauses []clause) [][]clause {
	subjects := map[string]bool{}
	var cuts []int
	prev := -1 // the last clause with a subject
	for i, c := range clauses {
		if c.subject.empty() || c.weak {
			continue
		}
		// Clauses before the first subject (对排查发现的隐患，由X…) belong to
		// it, unless one names bodies of its own.
		first := prev < 0 && !namedBefore(clauses[:i])
		if p := prev; p >= 0 && len(c.subject.lead)+len(c.subject.responsible) == 0 && len(clauses[p].subject.lead)+len(clauses[p].subject.responsible) > 0 && len(clauses[p].subject.support) == 0 {
			// X为牵头单位，Y为配合单位，… and 由X负责，Y配合: Y supports X in one duty.
			clauses[p].subject.support = c.subject.support
			clauses[i].subject = units{}
			continue
		}
		prev = i
		subjects[strings.Join(c.subject.lead, "|")+"/"+strings.Join(c.subject.support, "|")+"/"+strings.Join(c.subject.responsible, "|")] = true
		if i > 0 && !first {
			cuts = append(cuts, i)
		}
	}
	if len(subjects) < 2 && !namedBefore(clauses) || len(cuts) == 0 {
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
