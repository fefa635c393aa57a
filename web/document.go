package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/report"
)

// checkID refuses what cannot be a document ID before the core is asked:
// IDs are "d-" and letters, digits and dashes (ingest makes them from a
// digest), so anything else is not in the corpus.
func checkID(id string) error {
	ok := strings.HasPrefix(id, "d-") && len(id) <= 80
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			ok = false
		}
	}
	if !ok {
		return badInput(http.StatusNotFound, "没有编号为 %q 的文件", id)
	}
	return nil
}

// obligationURL is the link to an obligation in its document's page.
func obligationURL(doc, id string) string {
	return "/doc/" + url.PathEscape(doc) + "#" + obligationAnchor(id)
}

// obligationAnchor is the element ID of an obligation in its document's
// page: "o-" and its ordinal, from the obligation ID Doc/o-N.
func obligationAnchor(id string) string {
	if i := strings.LastIndexByte(id, '/'); i >= 0 {
		id = id[i+1:]
	}
	return id
}

// refView is a reference of the document, with the stored document it
// names, if any.
type refView struct {
	corpus.Reference
	ID string
}

// outlineItem is one entry of the outline beside the text.
type outlineItem struct {
	Number string
	Lead   string
	Depth  int
	Anchor string
}

// lineView is one line of the document's text: its runs, and the notes of
// the obligations that begin on it.
type lineView struct {
	Anchor string
	Class  string // head (before the body: masthead, number, title), tail (signature, 抄送), or ""
	Runs   []run
	Notes  []note
}

// run is a stretch of a line: plain text, or part of an obligation.
type run struct {
	Text   string
	Ob     int    // the obligation's number, from 1; 0 for plain text
	Anchor string // the obligation's element ID, on its first run only
	Parts  []part // the run's text, cut where the facts the obligation was read from lie
}

// part is a piece of an obligation's text; Class names what the piece is
// when it is the source of a fact: freq, due, modal or attr (the units'
// bracket).
type part struct {
	Text, Class string
}

// note is an obligation's facts, shown beside the line it begins on.
type note struct {
	N        int
	Anchor   string
	Facts    facts
	Modality string
	Sectors  []string
}

// documentPage is the data of the document page.
type documentPage struct {
	Doc         *corpus.Document
	ID          string
	Place       string
	Refs        []refView
	Related     *Related
	Outline     []outlineItem
	Lines       []lineView
	Obligations int
	Added       *addedSummary // set on the page a file upload opens
}

// addedSummary is what the page a file upload opens says of the new
// document: the file's other documents, what changed against its previous
// version and how it stands against its upper levels.
type addedSummary struct {
	Others    []string
	Diff      *compare.DiffReport
	Counts    []kindCount
	Levels    *compare.LevelReport
	NoCompare string // why there is no comparison
	Known     bool   // the same bytes were in the corpus already
}

type kindCount struct {
	Kind, Label string
	Count       int
	URL         string // the diff page showing this kind alone, where it is linked
}

func (s *Server) document(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := checkID(id); err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.core.Document(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rel, err := s.core.Related(r.Context(), p.Doc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	dp := documentPage{Doc: p.Doc, ID: id, Place: placeChain(p.Doc), Related: rel, Obligations: len(p.Obligations)}
	for i, ref := range p.Doc.References {
		v := refView{Reference: ref}
		if i < len(rel.Cited) {
			v.ID = rel.Cited[i]
		}
		dp.Refs = append(dp.Refs, v)
	}
	dp.Lines, dp.Outline = layout(p)
	if r.URL.Query().Has("added") {
		dp.Added = s.addedSummary(r, p, rel)
	}
	s.render(w, r, http.StatusOK, "document", docName(p.Doc), "docs", dp)
}

// addedSummary diffs and compares a document just added, for the page the
// upload opens. A step that fails is said on the page, not fatal to it.
func (s *Server) addedSummary(r *http.Request, p corpus.Parsed, rel *Related) *addedSummary {
	a := &addedSummary{Known: r.URL.Query().Get("known") == "1"}
	for _, id := range strings.Split(r.URL.Query().Get("added"), ",") {
		if id != "" && id != p.Doc.ID && checkID(id) == nil {
			a.Others = append(a.Others, id)
		}
	}
	if rel.Previous != nil {
		d, err := s.core.Diff(r.Context(), rel.Previous.ID, p.Doc.ID)
		if err == nil {
			a.Diff, a.Counts = d, kindCounts(d.Counts)
		}
	}
	lr, _, err := s.core.Compare(r.Context(), p.Doc.ID)
	switch {
	case err == nil:
		a.Levels = lr
	case errors.Is(err, ErrInput):
		a.NoCompare = err.Error()
	default:
		s.opts.Logger.Error("compare after upload", "doc", p.Doc.ID, "err", err)
		a.NoCompare = "与上级文件的对照未能完成。"
	}
	return a
}

// kindCounts lists the counts of a diff by kind, in the order the kinds
// are told apart on the diff page.
func kindCounts(m map[compare.Kind]int) []kindCount {
	var out []kindCount
	for _, k := range kindOrder {
		if n := m[k]; n > 0 {
			out = append(out, kindCount{Kind: string(k), Label: kindName(string(k)), Count: n})
		}
	}
	var rest []string
	for k, n := range m {
		if n > 0 && !containsKind(kindOrder, k) {
			rest = append(rest, string(k))
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		out = append(out, kindCount{Kind: k, Label: kindName(k), Count: m[compare.Kind(k)]})
	}
	return out
}

func containsKind(ks []compare.Kind, k compare.Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// kindOrder is the order the diff page lists change kinds in.
var kindOrder = []compare.Kind{
	compare.Added, compare.Removed, compare.Moved, compare.Reworded,
	compare.FrequencyTightened, compare.FrequencyLoosened,
	compare.DeadlineEarlier, compare.DeadlineLater, compare.DeadlineAdded, compare.DeadlineRemoved,
	compare.UnitsChanged, compare.ModalityStricter, compare.ModalityLooser, compare.ModalityChanged,
}

// layout cuts the document's text into lines with its obligations marked
// by their spans, each obligation's facts beside the line it begins on,
// and returns the outline linked to the lines its items begin on.
func layout(p corpus.Parsed) ([]lineView, []outlineItem) {
	d := p.Doc
	text := d.Text
	type mark struct {
		span   corpus.Span
		n      int
		anchor string
		inner  []part0
	}
	// begin is where an obligation begins, which its note is shown beside.
	type begin struct {
		at   int
		note note
	}
	// The obligations' spans, in order, clipped so that none overlaps the
	// one before: the text is shown once, each run belonging to one.
	var marks []mark
	var begins []begin
	order := make([]int, len(p.Obligations))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return p.Obligations[order[a]].Span.Start < p.Obligations[order[b]].Span.Start })
	at := 0
	for _, i := range order {
		o := &p.Obligations[i]
		sp := o.Span
		if !validSpan(text, sp) {
			continue
		}
		n := i + 1
		begins = append(begins, begin{sp.Start, newNote(n, o)})
		sp.Start = max(sp.Start, at)
		if sp.Start >= sp.End {
			continue
		}
		marks = append(marks, mark{span: sp, n: n, anchor: obligationAnchor(o.ID), inner: innerSpans(text, o)})
		at = sp.End
	}

	var lines []lineView
	var starts []int
	mi, bi := 0, 0
	first := map[int]bool{}
	for ls := 0; ; {
		le := len(text)
		if i := strings.IndexByte(text[ls:], '\n'); i >= 0 {
			le = ls + i
		}
		lv := lineView{Anchor: fmt.Sprintf("L%d", ls)}
		switch body := d.Body; {
		case body.End == 0:
		case le <= body.Start && !strings.HasSuffix(strings.TrimSpace(text[ls:le]), "："):
			// Masthead, number and title are set centred, as printed;
			// the addressee line (ending in ：) is not.
			lv.Class = "head"
		case ls >= body.End:
			lv.Class = "tail"
		}
		starts = append(starts, ls)
		pos := ls
		for ; mi < len(marks) && marks[mi].span.Start < le; mi++ {
			m := marks[mi]
			a, b := max(m.span.Start, ls), min(m.span.End, le)
			if a > pos {
				lv.Runs = append(lv.Runs, run{Text: text[pos:a]})
			}
			if a < b {
				rn := run{Ob: m.n, Parts: cutParts(text, a, b, m.inner)}
				if !first[m.n] {
					first[m.n] = true
					rn.Anchor = m.anchor
				}
				lv.Runs = append(lv.Runs, rn)
				pos = b
			}
			if m.span.End > le {
				break // the obligation goes on to the next line
			}
		}
		if pos < le {
			lv.Runs = append(lv.Runs, run{Text: text[pos:le]})
		}
		for ; bi < len(begins) && begins[bi].at <= le; bi++ {
			lv.Notes = append(lv.Notes, begins[bi].note)
		}
		lines = append(lines, lv)
		if le >= len(text) {
			break
		}
		ls = le + 1
	}
	lineOf := func(off int) string {
		i := max(sort.SearchInts(starts, off+1)-1, 0)
		return lines[i].Anchor
	}
	var outline []outlineItem
	d.Walk(func(b *corpus.Block, anc []*corpus.Block) bool {
		if !validSpan(text, b.Span) {
			return true
		}
		lead := ""
		if validSpan(text, b.Lead) {
			lead = clip(strings.TrimSpace(d.Slice(b.Lead)), 30)
		}
		outline = append(outline, outlineItem{Number: b.Number, Lead: lead, Depth: len(anc) + 1, Anchor: lineOf(b.Span.Start)})
		return true
	})
	return lines, outline
}

// part0 is a fact's span inside an obligation, with its class.
type part0 struct {
	span  corpus.Span
	class string
}

// innerSpans returns the spans of the facts an obligation was read from —
// frequencies, deadlines, the modal cue, the units' bracket — sorted, those
// overlapping an earlier one dropped.
func innerSpans(text string, o *corpus.Obligation) []part0 {
	var ps []part0
	add := func(s corpus.Span, class string) {
		if validSpan(text, s) && o.Span.Contains(s) {
			ps = append(ps, part0{s, class})
		}
	}
	for _, f := range o.Frequencies {
		add(f.Span, "freq")
	}
	for _, x := range o.Deadlines {
		add(x.Span, "due")
	}
	if o.Modal != nil {
		add(o.Modal.Span, "modal")
	}
	if o.Attribution != nil {
		add(*o.Attribution, "attr")
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].span.Start < ps[j].span.Start })
	out := ps[:0]
	end := 0
	for _, p := range ps {
		if p.span.Start >= end {
			out = append(out, p)
			end = p.span.End
		}
	}
	return out
}

// cutParts cuts text[a:b] at the fact spans.
func cutParts(text string, a, b int, inner []part0) []part {
	var out []part
	pos := a
	for _, p := range inner {
		s, e := max(p.span.Start, a), min(p.span.End, b)
		if s < pos || s >= e {
			continue
		}
		if s > pos {
			out = append(out, part{Text: text[pos:s]})
		}
		out = append(out, part{Text: text[s:e], Class: p.class})
		pos = e
	}
	if pos < b {
		out = append(out, part{Text: text[pos:b]})
	}
	return out
}

// validSpan reports whether s is a non-empty span of text on rune
// boundaries.
func validSpan(text string, s corpus.Span) bool {
	return s.Start >= 0 && s.Start < s.End && s.End <= len(text) &&
		utf8.RuneStart(text[s.Start]) && (s.End == len(text) || utf8.RuneStart(text[s.End]))
}

func newNote(n int, o *corpus.Obligation) note {
	return note{N: n, Anchor: obligationAnchor(o.ID), Facts: obligationFacts(o), Modality: string(o.Modality), Sectors: o.Sectors}
}

// obligationFacts returns the units, frequency and deadline of o, the
// last two written as the task breakdown table writes them.
func obligationFacts(o *corpus.Obligation) facts {
	row := report.NewTable(nil, []corpus.Obligation{*o}).Rows[0]
	return facts{Lead: o.Lead, Support: o.Support, Responsible: o.Responsible, Frequency: row.Frequency, Deadline: row.Deadline}
}

// clip shortens s to at most n runes, with … where it was cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// documentExport answers /doc/{id}/export/{format}: the document's task
// breakdown table (xlsx, csv), or its records (json) as `dutymap extract`
// writes them.
func (s *Server) documentExport(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := checkID(id); err != nil {
		s.fail(w, r, err)
		return
	}
	format := r.PathValue("format")
	if format != "xlsx" && format != "csv" && format != "json" {
		s.fail(w, r, badInput(http.StatusNotFound, "不支持导出为 %q：可选 xlsx、csv、json", format))
		return
	}
	p, err := s.core.Document(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name := fileSafe(docName(p.Doc))
	if name == "" {
		name = id
	}
	if format == "json" {
		doc, obs := corpus.NewRecords(p.Doc, p.Obligations)
		s.download(w, r, name+".json", "application/json; charset=utf-8", func(w io.Writer) error {
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			return enc.Encode(struct {
				Document    corpus.DocumentRecord     `json:"document"`
				Obligations []corpus.ObligationRecord `json:"obligations"`
			}{doc, obs})
		})
		return
	}
	s.sendTable(w, r, report.NewTable(p.Doc, p.Obligations), name+"-任务分解表", format)
}

// download sends what write writes as a file named name. It is written
// whole first, so that a failure is an error page, not a broken file.
func (s *Server) download(w http.ResponseWriter, r *http.Request, name, ctype string, write func(io.Writer) error) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", contentDisposition(name))
	w.Write(buf.Bytes())
}

// contentDisposition names a download: the UTF-8 name (RFC 6266, 5987),
// and for old clients an ASCII one with the same extension.
func contentDisposition(name string) string {
	return fmt.Sprintf(`attachment; filename="dutymap%s"; filename*=UTF-8''%s`, path.Ext(name), url.PathEscape(name))
}
