package compare

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/segment"
)

// Verdict is how a lower-level document treats an upper-level duty.
type Verdict string

// Verdicts of a cross-level comparison.
const (
	Carried      Verdict = "carried"      // the same duty, its frequency, deadline, modality and units as above
	Strengthened Verdict = "strengthened" // the same duty, more often, earlier, stricter or with more units, and nothing looser
	Weakened     Verdict = "weakened"     // the same duty, less often, later or without its deadline, looser, or with fewer units
	Missing      Verdict = "missing"      // a duty the lower level must carry, and no duty of the lower document is it
	// NotExpected is an upper duty addressed to the upper level itself (市应急局
	// moves its own rescue team, a named city project): no lower level has
	// to carry it.
	NotExpected Verdict = "not_expected_below"
	Local       Verdict = "local" // a lower duty that no upper duty accounts for
)

// Reason is one field in which a lower duty differs from the upper duty it
// carries: a Change, with the label a report shows for its field.
type Reason struct {
	// Label names the field for display: 频次, 时限, 约束力 or 责任单位.
	Label string `json:"label"`
	Change
}

// String renders the reason for display: 频次 每月 → 每季度, 责任单位 +县公安局.
func (r Reason) String() string {
	if r.Kind == UnitsChanged {
		s := r.Label
		for _, u := range r.Added {
			s += " +" + u
		}
		for _, u := range r.Removed {
			s += " −" + u
		}
		return s
	}
	return fmt.Sprintf("%s %s → %s", r.Label, orDash(r.From), orDash(r.To))
}

// Labels of the fields a reason names.
const (
	LabelFrequency = "频次"
	LabelDeadline  = "时限"
	LabelModality  = "约束力"
	LabelUnits     = "责任单位"
)

// reasonOf labels a change by its field.
func reasonOf(c Change) Reason {
	l := LabelUnits
	switch c.Kind {
	case FrequencyTightened, FrequencyLoosened:
		l = LabelFrequency
	case DeadlineEarlier, DeadlineLater, DeadlineAdded, DeadlineRemoved:
		l = LabelDeadline
	case ModalityStricter, ModalityLooser, ModalityChanged:
		l = LabelModality
	}
	return Reason{Label: l, Change: c}
}

// Duty is one duty of an upper-level document and what a lower-level one
// made of it. A duty is an obligation of the upper document, or one clause
// of it where its sentence binds several (编制年度监督检查计划，推广应用
// “互联网+执法”系统): Text is then that clause, with the clauses that only
// continue it.
type Duty struct {
	Doc   string             `json:"doc"` // the upper document's ID
	Upper *corpus.Obligation `json:"upper"`
	Text  string             `json:"text"` // the duty's words in Upper.Text
	// Expected is false for a duty addressed to the upper level itself; its
	// verdict is then NotExpected, whatever the lower document says.
	Expected bool `json:"expected"`
	// Addressed is set when the duty names the lower levels (各县（市、区）,
	// 各乡镇, 各级, 属地).
	Addressed bool    `json:"addressed,omitempty"`
	Verdict   Verdict `json:"verdict"`
	// Lower are the lower duties that carry it, best first: usually one;
	// more where the lower plan spread the duty over several sentences.
	Lower []*corpus.Obligation `json:"lower,omitempty"`
	// Matched are the words of each Lower that carry the duty (the clauses
	// matched), in the same order.
	Matched []string `json:"matched,omitempty"`
	Score   float64  `json:"score,omitempty"`  // of the best lower duty
	Merged  bool     `json:"merged,omitempty"` // a lower duty here also carries another upper duty
	// Reasons say why the verdict is strengthened or weakened: the fields
	// that differ between this duty and the lower words that carry it.
	Reasons []Reason `json:"reasons,omitempty"`
}

// ReasonText renders the duty's reasons for display, joined by ；:
// 频次 每月 → 每季度；责任单位 −市公安局.
func (d *Duty) ReasonText() string {
	var s []string
	for _, r := range d.Reasons {
		s = append(s, r.String())
	}
	return strings.Join(s, "；")
}

// Tally counts verdicts. Coverage is the raw figure, (carried +
// strengthened) / total; ExpectedCoverage is the same over the duties the
// lower level must carry (total − not expected); both are 0 when there is
// nothing to cover.
type Tally struct {
	Total            int     `json:"total"`
	Carried          int     `json:"carried"`
	Strengthened     int     `json:"strengthened"`
	Weakened         int     `json:"weakened"`
	Missing          int     `json:"missing"`
	NotExpected      int     `json:"not_expected_below"`
	Coverage         float64 `json:"coverage"`
	Expected         int     `json:"expected"`
	ExpectedCoverage float64 `json:"expected_coverage"`
}

func (t *Tally) add(v Verdict) {
	t.Total++
	switch v {
	case Carried:
		t.Carried++
	case Strengthened:
		t.Strengthened++
	case Weakened:
		t.Weakened++
	case Missing:
		t.Missing++
	case NotExpected:
		t.NotExpected++
	}
	t.Expected = t.Total - t.NotExpected
	covered := float64(t.Carried + t.Strengthened)
	t.Coverage = round(covered / float64(t.Total))
	t.ExpectedCoverage = 0
	if t.Expected > 0 {
		t.ExpectedCoverage = round(covered / float64(t.Expected))
	}
}

// SectionTally is the tally of one top-level section of an upper document.
type SectionTally struct {
	Doc     string `json:"doc"`
	Section string `json:"section"` // its number, "" for duties outside any section
	Heading string `json:"heading"`
	Tally
}

// LevelReport is a lower-level document checked against upper-level ones.
type LevelReport struct {
	Lower  DocInfo   `json:"lower"`
	Uppers []DocInfo `json:"uppers"`
	// Duties are the upper duties, document by document in the order given,
	// each in reading order.
	Duties   []Duty               `json:"duties"`
	Local    []*corpus.Obligation `json:"local"` // lower duties traced to no upper duty
	Total    Tally                `json:"total"`
	Sections []SectionTally       `json:"sections"`
}

// LevelError is the refusal to compare two documents as lower and upper.
type LevelError struct {
	Lower, Upper DocInfo // the two documents, as named in the message
	Reason       string  // why upper cannot be lower's upper document
}

// Error names both documents and the reason for the refusal.
func (e *LevelError) Error() string {
	return fmt.Sprintf("cannot compare %q against %q: %s", e.Lower.Name(), e.Upper.Name(), e.Reason)
}

// Check returns a *LevelError when upper cannot serve as an upper-level
// document of lower: it is the same document, or its level (known on both
// sides) is not above lower's. Unknown levels are let through.
func Check(lower, upper *corpus.Document) error {
	li, ui := DocInfo{ID: lower.ID, Source: lower.Source, Title: lower.Title}, DocInfo{ID: upper.ID, Source: upper.Source, Title: upper.Title}
	if lower.ID == upper.ID {
		return &LevelError{li, ui, "it is the same document"}
	}
	lr, ur := lower.Level.Rank(), upper.Level.Rank()
	if lr > 0 && ur > 0 && ur <= lr {
		return &LevelError{li, ui, fmt.Sprintf("the upper document is at %s level, not above the lower one's %s level", upper.Level, lower.Level)}
	}
	return nil
}

// Levels checks the duties of lower against those of each upper document:
// for every upper duty whether lower carried it, strengthened it, weakened
// it or left it out, or whether it is addressed to the upper level itself
// and not expected below; which lower duties trace to no upper duty
// (local); with coverage tallies overall and per top-level section of each
// upper document. Each verdict rests on the fields of the matched duties
// only (frequency, deadline, modality, units), with its reasons and the
// lower words matched. An upper document given twice counts once. It
// returns a *LevelError, and no report, when an upper fails Check.
func Levels(seg *segment.Segmenter, lower corpus.Parsed, uppers []corpus.Parsed) (*LevelReport, error) {
	seen := map[string]bool{}
	var distinct []corpus.Parsed
	for _, u := range uppers {
		if err := Check(lower.Doc, u.Doc); err != nil {
			return nil, err
		}
		if !seen[u.Doc.ID] {
			seen[u.Doc.ID] = true
			distinct = append(distinct, u)
		}
	}
	lo := prepareLevel(seg, lower, true)
	prs := make([]pairResult, len(distinct))
	forEach(len(distinct), func(i int) { prs[i] = comparePair(prepareLevel(seg, distinct[i], lo.sectors), lo) })
	r := &LevelReport{Lower: docInfo(lower)}
	traced := make([]bool, len(lower.Obligations))
	for i, u := range distinct {
		pr := prs[i]
		r.Uppers = append(r.Uppers, docInfo(u))
		r.Duties = append(r.Duties, pr.duties...)
		for j, t := range pr.traced {
			traced[j] = traced[j] || t
		}
		r.Sections = append(r.Sections, pr.sections...)
		for _, d := range pr.duties {
			r.Total.add(d.Verdict)
		}
	}
	for j, t := range traced {
		if !t {
			r.Local = append(r.Local, &lower.Obligations[j])
		}
	}
	return r, nil
}

// levelDoc is a document cut into parts, ready to be compared with others.
type levelDoc struct {
	p       corpus.Parsed
	parts   []part
	extra   []bag // the headings and labels, counted once each in the model
	names   []string
	sectors bool // some part has a sector heading
}

// prepareLevel cuts a document into parts; topics says whether to find
// their topics, which only a document compared with one that has sector
// headings needs.
func prepareLevel(seg *segment.Segmenter, p corpus.Parsed, topics bool) *levelDoc {
	parts, extra := cutParts(seg, p, topics)
	d := &levelDoc{p: p, parts: parts, extra: extra, names: placeNames(p.Doc)}
	for i := range parts {
		d.sectors = d.sectors || len(parts[i].sector) > 0
	}
	return d
}

// pairResult is an upper document checked against one lower document.
type pairResult struct {
	duties   []Duty
	traced   []bool // lower obligations that carry some upper duty
	sections []SectionTally
}

// comparePair checks the duties of up against lo.
func comparePair(up, lo *levelDoc) pairResult {
	m := newModel()
	for _, d := range []*levelDoc{up, lo} {
		for i := range d.parts {
			m.add(d.parts[i].content)
		}
		for _, b := range d.extra {
			m.add(b)
		}
	}
	al := align(partItems(m, up.parts), partItems(m, lo.parts), m, CompareOptions())
	partners := make([][]Pair, len(up.parts))
	for _, p := range al.Pairs {
		partners[p.A] = append(partners[p.A], p)
	}
	res := pairResult{traced: make([]bool, len(lo.p.Obligations))}
	upDoc := up.p.Doc
	var order []string
	secs := map[string]*SectionTally{}
	for i := range up.parts {
		pt := &up.parts[i]
		ob := &up.p.Obligations[pt.obl]
		d := Duty{Doc: upDoc.ID, Upper: ob, Text: ob.Text[pt.start:pt.end],
			Expected: !pt.scope.own, Addressed: pt.scope.lower, Verdict: Missing}
		if alone(up.parts, i) {
			d.Text = ob.Text // the duty is the whole obligation
		}
		ps := partners[i]
		sort.SliceStable(ps, func(x, y int) bool { return ps[x].Score > ps[y].Score })
		var matched []*part
		for _, p := range ps {
			lp := &lo.parts[p.B]
			lob := &lo.p.Obligations[lp.obl]
			res.traced[lp.obl] = true
			matched = append(matched, lp)
			d.Merged = d.Merged || p.Merged
			words := lob.Text[lp.start:lp.end]
			if alone(lo.parts, p.B) {
				words = lob.Text
			}
			if k := indexOf(d.Lower, lob); k >= 0 {
				d.Matched[k] += "…" + words
				continue
			}
			d.Lower = append(d.Lower, lob)
			d.Matched = append(d.Matched, words)
		}
		if len(ps) > 0 {
			d.Score = ps[0].Score
			lp, loUnits := joined(matched, lo.p.Obligations)
			for _, c := range dutyChanges(pt, lp, attributed(ob), loUnits, up.names, lo.names, planYear(upDoc), planYear(lo.p.Doc)) {
				d.Reasons = append(d.Reasons, reasonOf(c))
			}
			d.Verdict = verdict(d.Reasons)
		}
		if !d.Expected {
			d.Verdict = NotExpected
		}
		res.duties = append(res.duties, d)
		sec := ""
		if len(ob.Path) > 0 {
			sec = ob.Path[0]
		}
		st, ok := secs[sec]
		if !ok {
			st = &SectionTally{Doc: upDoc.ID, Section: sec, Heading: sectionHeading(upDoc, sec)}
			secs[sec] = st
			order = append(order, sec)
		}
		st.add(d.Verdict)
	}
	for _, s := range order {
		res.sections = append(res.sections, *secs[s])
	}
	return res
}

// alone reports whether parts[i] is the only part of its obligation.
func alone(parts []part, i int) bool {
	return (i == 0 || parts[i-1].obl != parts[i].obl) && (i+1 == len(parts) || parts[i+1].obl != parts[i].obl)
}

func indexOf(os []*corpus.Obligation, o *corpus.Obligation) int {
	for i, x := range os {
		if x == o {
			return i
		}
	}
	return -1
}

// partItems weighs the parts of one document for alignment.
func partItems(m *model, parts []part) []item {
	out := make([]item, len(parts))
	for i := range parts {
		p := &parts[i]
		out[i] = item{own: m.vector(p.content), full: m.vector(p.full), quotes: p.quotes, actions: p.actions,
			sector: p.sector, topics: p.topics, pos: relPos(i, len(parts))}
	}
	return out
}

// dutyChanges compares an upper duty with the lower words that carry it:
// their frequency, deadline and modality, and the units carrying them,
// level-free (市应急局 = 县应急局; names are each side's place names).
func dutyChanges(up, lo *part, upUnits, loUnits, upNames, loNames []string, planUp, planLo int) []Change {
	cs := partChanges(up, lo, planUp, planLo)
	if add, rem := unitDiff(upUnits, loUnits, upNames, loNames); len(add)+len(rem) > 0 {
		cs = append(cs, Change{Kind: UnitsChanged, Role: "all", Added: add, Removed: rem})
	}
	return cs
}

// joined is the lower parts that carry one upper duty, taken together:
// their frequencies and deadlines, the modality of the best, and the units
// of their obligations.
func joined(lows []*part, obls []corpus.Obligation) (*part, []string) {
	lo := &part{mod: lows[0].mod}
	var units []string
	seen := map[int]bool{}
	for _, l := range lows {
		lo.freqs = append(lo.freqs, l.freqs...)
		lo.deadlines = append(lo.deadlines, l.deadlines...)
		if !seen[l.obl] {
			seen[l.obl] = true
			units = append(units, attributed(&obls[l.obl])...)
		}
	}
	return lo, units
}

func planYear(d *corpus.Document) int {
	if d == nil {
		return 0
	}
	return d.PlanYear
}

// verdict classes a carried duty by its reasons: any loosening makes it
// weakened, since that is what an inspector must see; else any tightening
// makes it strengthened.
func verdict(rs []Reason) Verdict {
	up := false
	for _, r := range rs {
		switch r.Direction() {
		case -1:
			return Weakened
		case 1:
			up = true
		}
	}
	if up {
		return Strengthened
	}
	return Carried
}
