package index

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/dutymap/dutymap/corpus"
)

// Query is a search for obligations. Every field set narrows the result;
// the zero Query matches every obligation.
type Query struct {
	// Text holds words and "quoted phrases". Each word of its gse cut
	// must occur, also inside a longer word (安全 finds 安全生产, 自建房
	// finds 经营性自建房); a phrase must occur as written.
	Text string
	// Unit, Lead and Support name a body in any role, as lead, or as
	// supporting unit, in any of its forms (org.Pattern): 市应急局 finds
	// 市应急管理局 and, in a 市 document, a bare 应急管理局; 应急管理局 finds
	// that body at every level; 朔州市应急管理局 finds only 朔州's. Level
	// narrows them to bodies of places of that level.
	Unit      string
	Lead      string
	Support   string
	Level     string // the document's level: town, county, city, province, national
	Issuer    string // the issuer as written, or the start of it
	Region    string // GB/T 2260 code of the issuer's place or one containing it
	DocNumber string // 文号, as written
	Period    string // a frequency period: day, week, month, quarter, halfyear, year
	Sector    string
	Modality  string
	DueBefore string // ISO date: some deadline falls on or before it
	Year      int    // plan year
	DocID     string // only obligations of this document
	Limit     int    // hits to return; 20 when 0
	Offset    int
	Facets    bool // count the hits by level, lead unit, period and sector
}

// Result is the answer to a Query.
type Result struct {
	Total  uint64        `json:"total"`
	Hits   []Hit         `json:"hits"`
	Facets []Facet       `json:"facets"`
	Took   time.Duration `json:"took_ns"`
}

// Hit is one obligation found.
type Hit struct {
	ID          string        `json:"id"`
	Doc         string        `json:"doc"`
	Score       float64       `json:"score"`
	Title       string        `json:"title"`
	Source      string        `json:"source"`
	Level       string        `json:"level"`
	Issuer      string        `json:"issuer"`
	Path        string        `json:"path"`
	Heading     string        `json:"heading"`
	Text        string        `json:"text"`
	Matches     []corpus.Span `json:"matches"` // byte ranges of Text that the words matched
	Lead        []string      `json:"lead"`
	Support     []string      `json:"support"`
	Responsible []string      `json:"responsible"`
	Frequency   []string      `json:"frequency"` // as written
	Deadline    []string      `json:"deadline"`  // as written
	Periods     []string      `json:"periods"`
	Sectors     []string      `json:"sectors"`
}

// Facet counts the hits by the values of one field.
type Facet struct {
	Field   string      `json:"field"`
	Missing int         `json:"missing"` // hits without a value
	Terms   []FacetTerm `json:"terms"`   // most frequent first
}

// FacetTerm is one value of a Facet and its number of hits.
type FacetTerm struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// facetFields are counted under every result, with how many values to show.
var facetFields = []struct {
	field string
	size  int
}{{FieldLevel, 6}, {FieldLead, 10}, {FieldPeriod, 6}, {FieldSector, 10}}

// maxWindow is the most hits a search returns, and the furthest it skips.
const maxWindow = 1 << 20

// Search runs q. Hits are ranked by relevance. A negative Offset is 0;
// Limit and Offset are capped at a million.
func (ix *Index) Search(ctx context.Context, q Query) (*Result, error) {
	bq, err := ix.build(q)
	if err != nil {
		return nil, err
	}
	// Limit and Offset come from users: bleve panics on a negative offset
	// and overflows on a huge one.
	size := q.Limit
	if size <= 0 {
		size = 20
	}
	size = min(size, maxWindow)
	offset := min(max(q.Offset, 0), maxWindow)
	req := bleve.NewSearchRequestOptions(bq, size, offset, false)
	req.Fields = showFields
	if q.Facets {
		for _, f := range facetFields {
			req.AddFacet(f.field, bleve.NewFacetRequest(f.field, f.size))
		}
	}
	res, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	out := &Result{Total: res.Total, Took: res.Took, Hits: make([]Hit, 0, len(res.Hits))}
	pats := ix.patterns(q.Text)
	for _, h := range res.Hits {
		hit := newHit(h)
		hit.Matches = ix.marks(hit.Text, pats)
		out.Hits = append(out.Hits, hit)
	}
	for _, f := range facetFields {
		fr := res.Facets[f.field]
		if fr == nil {
			continue
		}
		fc := Facet{Field: f.field, Missing: fr.Missing}
		if fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				fc.Terms = append(fc.Terms, FacetTerm{Term: t.Term, Count: t.Count})
			}
		}
		out.Facets = append(out.Facets, fc)
	}
	return out, nil
}

// build turns q into a bleve query.
func (ix *Index) build(q Query) (query.Query, error) {
	var must []query.Query
	for _, p := range ix.patterns(q.Text) {
		must = append(must, p.query())
	}
	if len(must) == 0 && strings.TrimSpace(q.Text) != "" {
		// Only punctuation: nothing can match, rather than everything.
		return query.NewMatchNoneQuery(), nil
	}
	term := func(field, value string) {
		if value != "" {
			tq := query.NewTermQuery(value)
			tq.SetField(field)
			must = append(must, filter{tq})
		}
	}
	units, err := unitQueries(q)
	if err != nil {
		return nil, err
	}
	for _, u := range units {
		must = append(must, filter{u})
	}
	term(FieldLevel, q.Level)
	if issuer := strings.TrimSpace(q.Issuer); issuer != "" {
		// By prefix: 朔州市 finds 朔州市人民政府 and 朔州市安委会.
		pq := query.NewPrefixQuery(issuer)
		pq.SetField(FieldIssuer)
		must = append(must, filter{pq})
	}
	term(FieldRegion, strings.TrimSpace(q.Region))
	term(FieldDocNumber, strings.TrimSpace(q.DocNumber))
	term(FieldPeriod, q.Period)
	term(FieldSector, q.Sector)
	term(FieldModality, q.Modality)
	term(FieldDoc, q.DocID)
	if q.DueBefore != "" {
		end, err := time.Parse("2006-01-02", q.DueBefore)
		if err != nil {
			return nil, fmt.Errorf("due before %q: want a date like 2024-06-30", q.DueBefore)
		}
		incl := true
		dq := query.NewDateRangeInclusiveQuery(time.Time{}, end, nil, &incl)
		dq.SetField(FieldDeadline)
		must = append(must, filter{dq})
	}
	if q.Year != 0 {
		y, incl := float64(q.Year), true
		nq := query.NewNumericRangeInclusiveQuery(&y, &y, &incl, &incl)
		nq.SetField(FieldPlanYear)
		must = append(must, filter{nq})
	}
	if len(must) == 0 {
		return query.NewMatchAllQuery(), nil
	}
	return conjunction(must), nil
}

// unitQueries returns a query for each of q's Unit, Lead and Support that
// is set: one of its pattern's terms in the keys of that role.
func unitQueries(q Query) ([]query.Query, error) {
	var out []query.Query
	for _, u := range []struct{ field, name string }{
		{FieldUnitKey, q.Unit}, {FieldLeadKey, q.Lead}, {FieldSupportKey, q.Support},
	} {
		if strings.TrimSpace(u.name) == "" {
			continue
		}
		res, err := resolver()
		if err != nil {
			return nil, fmt.Errorf("search by unit: %w", err)
		}
		var any []query.Query
		for _, t := range res.Pattern(u.name).Terms(corpus.Level(q.Level)) {
			tq := query.NewTermQuery(t)
			tq.SetField(u.field)
			any = append(any, tq)
		}
		switch len(any) {
		case 0:
			out = append(out, query.NewMatchNoneQuery())
		case 1:
			out = append(out, any[0])
		default:
			out = append(out, query.NewDisjunctionQuery(any))
		}
	}
	return out, nil
}

// filter is a query that narrows a search without taking part in its
// ranking, which is by the text alone: its searcher scores nothing. The
// fields that filter keep no frequencies and norms (see newMapping), and
// bleve's score of a term of such a field is NaN (a frequency of 0 times
// an infinite norm), which would make every score of the search NaN.
// Unlike a BooleanQuery's filter, which only checks the documents the
// rest finds (all of them when nothing else is asked), it stays a part of
// the conjunction, which starts from its rarest part.
type filter struct{ query.Query }

// Searcher returns f's searcher, told not to score.
func (f filter) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	options.Score = "none"
	options.Explain = false
	return f.Query.Searcher(ctx, i, m, options)
}

func conjunction(qs []query.Query) query.Query {
	switch len(qs) {
	case 0:
		return nil
	case 1:
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}

// pattern is a word or phrase of a query as the index sees it: its finest
// words, lower-cased, and whether each touches the next.
type pattern struct {
	words   []string
	touches []bool // touches[i]: words[i] touches words[i+1]
}

// patterns returns the patterns of a query text: each quoted phrase, and
// each word of the normal cut of its other words. A text of punctuation
// alone has none.
func (ix *Index) patterns(text string) []pattern {
	var out []pattern
	add := func(s string) {
		toks := ix.words.leaves(ix.seg, s)
		if len(toks) == 0 {
			return
		}
		p := pattern{words: make([]string, len(toks)), touches: make([]bool, len(toks)-1)}
		for i, t := range toks {
			p.words[i] = strings.ToLower(t.Text)
			if i > 0 {
				p.touches[i-1] = toks[i-1].End == t.Start
			}
		}
		out = append(out, p)
	}
	for _, w := range splitQuery(text) {
		if w.phrase {
			add(w.text)
			continue
		}
		for _, t := range ix.seg.Tokens(w.text, false) {
			add(t.Text)
		}
	}
	return out
}

// query finds the pattern as written (see analyzer.go): one word as a word
// of fieldWords, also inside a longer one; two or more as the pairs of
// their touching words in fieldPairs, each at its word's place, so that
// space or punctuation between two words of a phrase matches whatever
// stands between them in the text, or nothing. A word that touches
// neither neighbour is in no pair, and is only required to occur.
func (p pattern) query() query.Query {
	term := func(field, t string) query.Query {
		tq := query.NewTermQuery(t)
		tq.SetField(field)
		return tq
	}
	if len(p.words) == 1 {
		return term(fieldWords, p.words[0])
	}
	var (
		first, last = -1, -1
		must        []query.Query
	)
	for i, w := range p.words {
		switch {
		case i < len(p.touches) && p.touches[i]:
			if first < 0 {
				first = i
			}
			last = i
		case i == 0 || !p.touches[i-1]:
			must = append(must, term(fieldWords, w))
		}
	}
	switch {
	case first < 0:
	case first == last:
		must = append(must, term(fieldPairs, p.words[first]+pairSep+p.words[first+1]))
	default:
		terms := make([]string, last-first+1)
		for i := first; i <= last; i++ {
			if p.touches[i] {
				terms[i-first] = p.words[i] + pairSep + p.words[i+1]
			}
		}
		must = append(must, pairPhrase{terms})
	}
	return conjunction(must)
}

type queryWord struct {
	text   string
	phrase bool
}

// splitQuery splits a query into words and "quoted phrases" (straight or
// Chinese quotes). Inside a phrase, spaces between Chinese characters are
// dropped, since Chinese text has none.
func splitQuery(s string) []queryWord {
	var out []queryWord
	var cur strings.Builder
	inQuote := false
	flush := func() {
		t := strings.TrimSpace(cur.String())
		cur.Reset()
		if t == "" {
			return
		}
		if inQuote {
			out = append(out, queryWord{text: joinHan(t), phrase: true})
			return
		}
		for _, f := range strings.Fields(t) {
			out = append(out, queryWord{text: f})
		}
	}
	for _, r := range s {
		switch r {
		case '"', '“', '”', '「', '」':
			flush()
			inQuote = !inQuote
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}

// joinHan removes the spaces of s that stand between two Han characters.
func joinHan(s string) string {
	f := strings.Fields(s)
	var b strings.Builder
	for i, w := range f {
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(f[i-1])
			next, _ := utf8.DecodeRuneInString(w)
			if !unicode.Is(unicode.Han, prev) || !unicode.Is(unicode.Han, next) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w)
	}
	return b.String()
}

func newHit(h *search.DocumentMatch) Hit {
	str := func(name string) string {
		s, _ := h.Fields[name].(string)
		return s
	}
	// Lists are never nil, so that JSON shows [] rather than null.
	list := func(name string) []string {
		out := []string{}
		switch v := h.Fields[name].(type) {
		case string:
			out = append(out, v)
		case []interface{}:
			for _, x := range v {
				if s, ok := x.(string); ok {
					out = append(out, s)
				}
			}
		}
		return out
	}
	split := func(name, sep string) []string {
		if s := str(name); s != "" {
			return strings.Split(s, sep)
		}
		return []string{}
	}
	hit := Hit{
		ID: h.ID, Doc: str(FieldDoc), Score: h.Score,
		Title: str("show_title"), Source: str("show_source"), Level: str(FieldLevel),
		Issuer: str(FieldIssuer), Path: str("show_path"), Heading: str("show_heading"),
		Text:        str(FieldText),
		Lead:        split("show_lead", "、"),
		Support:     split("show_support", "、"),
		Responsible: split("show_responsible", "、"),
		Frequency:   split("show_frequency", "；"),
		Deadline:    split("show_deadline", "；"),
		Periods:     list(FieldPeriod),
		Sectors:     list(FieldSector),
	}
	return hit
}

// marks returns where the patterns of a query occur in a hit's text, found
// by cutting the text again rather than by asking bleve for the term
// locations of every match, which the index does not keep and which would
// cost more than the search itself on frequent words. Each run of touching
// words of a pattern is marked wherever it stands as words of the text,
// touching as in the pattern: 应 is marked alone, not inside 应急.
func (ix *Index) marks(text string, pats []pattern) []corpus.Span {
	if len(pats) == 0 {
		return []corpus.Span{}
	}
	toks := ix.words.leaves(ix.seg, spaceControls(text))
	lower := make([]string, len(toks))
	for i, t := range toks {
		lower[i] = strings.ToLower(t.Text)
	}
	var spans []corpus.Span
	for _, p := range pats {
		for from := 0; from < len(p.words); {
			to := from + 1 // the run is p.words[from:to]
			for to < len(p.words) && p.touches[to-1] {
				to++
			}
			run := p.words[from:to]
		text:
			for k := 0; k+len(run) <= len(toks); k++ {
				for j, w := range run {
					if lower[k+j] != w || j > 0 && toks[k+j-1].End != toks[k+j].Start {
						continue text
					}
				}
				spans = append(spans, corpus.Span{Start: toks[k].Start, End: toks[k+len(run)-1].End})
			}
			from = to
		}
	}
	return mergeSpans(spans, len(text))
}

// mergeSpans sorts spans, drops those outside [0, n) and joins overlapping
// or touching ones.
func mergeSpans(spans []corpus.Span, n int) []corpus.Span {
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	out := []corpus.Span{}
	for _, s := range spans {
		if s.Start < 0 || s.End > n || s.Start >= s.End {
			continue
		}
		if k := len(out) - 1; k >= 0 && s.Start <= out[k].End {
			out[k].End = max(out[k].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// Highlight returns the hit's text with every match wrapped in open and
// close (e.g. "【" and "】", or terminal colour codes).
func (h Hit) Highlight(open, close string) string {
	var b strings.Builder
	at := 0
	for _, m := range h.Matches {
		b.WriteString(h.Text[at:m.Start])
		b.WriteString(open)
		b.WriteString(h.Text[m.Start:m.End])
		b.WriteString(close)
		at = m.End
	}
	b.WriteString(h.Text[at:])
	return b.String()
}

// Fragment returns the part of the hit's text around its first match, at
// most width characters (runes) long, with matches wrapped in open and close
// and "…" where text was cut. A text no longer than width is returned whole.
func (h Hit) Fragment(open, close string, width int) string {
	n := utf8.RuneCountInString(h.Text)
	if width <= 0 || n <= width {
		return h.Highlight(open, close)
	}
	// Start a little before the first match, so that it is read in context.
	from := 0
	if len(h.Matches) > 0 {
		from = max(0, utf8.RuneCountInString(h.Text[:h.Matches[0].Start])-width/5)
	}
	from = min(from, n-width)
	start := byteOffset(h.Text, from)
	end := byteOffset(h.Text, from+width)
	sub := Hit{Text: h.Text[start:end]}
	for _, m := range h.Matches {
		if m.Start >= start && m.End <= end {
			sub.Matches = append(sub.Matches, corpus.Span{Start: m.Start - start, End: m.End - start})
		}
	}
	s := sub.Highlight(open, close)
	if start > 0 {
		s = "…" + s
	}
	if end < len(h.Text) {
		s += "…"
	}
	return s
}

// byteOffset returns the byte offset of the rune with index r in s.
func byteOffset(s string, r int) int {
	for i := range s {
		if r == 0 {
			return i
		}
		r--
	}
	return len(s)
}

// BodyCount is a body named by obligations of the corpus, by its standard
// name in its place (org.Body.String), with the number of obligations that
// name it in each role.
type BodyCount struct {
	Name        string `json:"name"`
	Lead        int    `json:"lead"`
	Support     int    `json:"support"`
	Responsible int    `json:"responsible"`
}

// Total returns the number of obligations naming the body in any role
// (one naming it in two roles counts twice).
func (b BodyCount) Total() int { return b.Lead + b.Support + b.Responsible }

// maxBodies caps the bodies Bodies counts: far more than a corpus of
// thousands of plans names.
const maxBodies = 100000

// Bodies counts the bodies named by the obligations that q's filters find
// (its Limit, Offset and Facets are ignored), the most often named first,
// then by name.
func (ix *Index) Bodies(ctx context.Context, q Query) ([]BodyCount, error) {
	bq, err := ix.build(q)
	if err != nil {
		return nil, err
	}
	req := bleve.NewSearchRequestOptions(bq, 0, 0, false)
	fields := []string{FieldLead, FieldSupport, FieldResponsible}
	for _, f := range fields {
		req.AddFacet(f, bleve.NewFacetRequest(f, maxBodies))
	}
	res, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("count bodies: %w", err)
	}
	counts := map[string]*BodyCount{}
	for _, f := range fields {
		fr := res.Facets[f]
		if fr == nil || fr.Terms == nil {
			continue
		}
		for _, t := range fr.Terms.Terms() {
			c := counts[t.Term]
			if c == nil {
				c = &BodyCount{Name: t.Term}
				counts[t.Term] = c
			}
			switch f {
			case FieldLead:
				c.Lead += t.Count
			case FieldSupport:
				c.Support += t.Count
			default:
				c.Responsible += t.Count
			}
		}
	}
	out := make([]BodyCount, 0, len(counts))
	for _, c := range counts {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if a, b := out[i].Total(), out[j].Total(); a != b {
			return a > b
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}
