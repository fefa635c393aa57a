package compare

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/dutymap/dutymap/corpus"
)

// Kind names one way a duty differs between two documents.
type Kind string

// The kinds of change a diff reports.
const (
	Added              Kind = "added"               // only in the new document
	Removed            Kind = "removed"             // only in the old document
	Moved              Kind = "moved"               // now under another section
	Reworded           Kind = "reworded"            // wording changed beyond the facts below
	FrequencyTightened Kind = "frequency_tightened" // more often a year (每季度 → 每月), or newly recurring
	FrequencyLoosened  Kind = "frequency_loosened"  // less often, or no longer recurring
	DeadlineEarlier    Kind = "deadline_earlier"    // 6月底前 → 4月底前
	DeadlineLater      Kind = "deadline_later"
	DeadlineAdded      Kind = "deadline_added"
	DeadlineRemoved    Kind = "deadline_removed"
	UnitsChanged       Kind = "units_changed"     // lead, support or responsible units added or removed
	ModalityStricter   Kind = "modality_stricter" // 要 → 必须, 应 → 必须
	ModalityLooser     Kind = "modality_looser"
	ModalityChanged    Kind = "modality_changed" // same strength, other sense: 必须 ↔ 严禁
)

// Change is one difference between two aligned obligations.
type Change struct {
	Kind    Kind     `json:"kind"`
	From    string   `json:"from,omitempty"` // the old value as written, "" if none
	To      string   `json:"to,omitempty"`
	Role    string   `json:"role,omitempty"` // lead, support or responsible, for units_changed
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
}

// Direction says whether the change makes the duty stricter (+1: more
// often, earlier, a stricter modality, more units), looser (-1) or neither (0).
func (c Change) Direction() int {
	switch c.Kind {
	case FrequencyTightened, DeadlineEarlier, DeadlineAdded, ModalityStricter:
		return 1
	case FrequencyLoosened, DeadlineLater, DeadlineRemoved, ModalityLooser:
		return -1
	case UnitsChanged:
		switch {
		case len(c.Added) > len(c.Removed):
			return 1
		case len(c.Added) < len(c.Removed):
			return -1
		}
	}
	return 0
}

// String renders the change for a terminal report.
func (c Change) String() string {
	switch c.Kind {
	case UnitsChanged:
		var parts []string
		if len(c.Added) > 0 {
			parts = append(parts, "+"+strings.Join(c.Added, "、"))
		}
		if len(c.Removed) > 0 {
			parts = append(parts, "-"+strings.Join(c.Removed, "、"))
		}
		return fmt.Sprintf("%s %s: %s", c.Kind, c.Role, strings.Join(parts, " "))
	case Added, Removed, Reworded:
		return string(c.Kind)
	}
	return fmt.Sprintf("%s: %s → %s", c.Kind, orDash(c.From), orDash(c.To))
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// factChanges compares the frequencies, deadlines and modality of two
// obligations; planOld and planNew are their documents' plan years, so that
// 2023's 4月底前 and 2024's 4月底前 are the same deadline.
func factChanges(o, n *corpus.Obligation, planOld, planNew int) []Change {
	return partChanges(wholePart(o), wholePart(n), planOld, planNew)
}

// wholePart is an obligation taken whole, as one part.
func wholePart(o *corpus.Obligation) *part {
	m := modal{rank: rankOf(o.Modality), modality: o.Modality}
	if o.Modal != nil {
		m.rank, m.word = o.Modal.Rank, o.Modal.Word
	}
	return &part{freqs: o.Frequencies, deadlines: o.Deadlines, mod: m}
}

// partChanges compares the frequencies, deadlines and modality of two
// duties. Modality is compared by the rank of its cue (要 → 必须 and 应 → 要
// are stricter, 可 → 应 too), or by the modality alone where no cue is
// known; a change between binding to act and forbidding (必须 ↔ 严禁) has
// no direction.
func partChanges(o, n *part, planOld, planNew int) []Change {
	var out []Change
	fo, fn := perYear(o.freqs), perYear(n.freqs)
	if fo != fn {
		c := Change{Kind: FrequencyTightened, From: raws(o.freqs), To: raws(n.freqs)}
		if fn < fo {
			c.Kind = FrequencyLoosened
		}
		out = append(out, c)
	}
	do, okO := earliest(o.deadlines, planOld)
	dn, okN := earliest(n.deadlines, planNew)
	switch {
	case okO && okN && do != dn:
		c := Change{Kind: DeadlineEarlier, From: deadlineRaws(o.deadlines), To: deadlineRaws(n.deadlines)}
		if dn > do {
			c.Kind = DeadlineLater
		}
		out = append(out, c)
	case okO && !okN:
		out = append(out, Change{Kind: DeadlineRemoved, From: deadlineRaws(o.deadlines)})
	case !okO && okN:
		out = append(out, Change{Kind: DeadlineAdded, To: deadlineRaws(n.deadlines)})
	}
	mo, mn := o.mod, n.mod
	if mo.modality == "" || mn.modality == "" {
		return out // a duty built without a modality says nothing about it
	}
	c := Change{Kind: ModalityChanged, From: mo.word, To: mn.word}
	if mo.word == "" && mn.word == "" {
		c.From, c.To = string(mo.modality), string(mn.modality) // no cue known: name the modalities
	}
	switch {
	case (mo.modality == corpus.MustNot) != (mn.modality == corpus.MustNot):
	case mn.rank > mo.rank:
		c.Kind = ModalityStricter
	case mn.rank < mo.rank:
		c.Kind = ModalityLooser
	default:
		return out
	}
	return append(out, c)
}

// unitChanges lists, role by role, the units named in n and not in o and
// the other way round.
func unitChanges(o, n *corpus.Obligation) []Change {
	var out []Change
	roles := []struct {
		name string
		o, n []string
	}{{"lead", o.Lead, n.Lead}, {"support", o.Support, n.Support}, {"responsible", o.Responsible, n.Responsible}}
	for _, r := range roles {
		if slices.Equal(r.o, r.n) {
			continue
		}
		added, removed := setDiff(r.n, r.o), setDiff(r.o, r.n)
		if len(added)+len(removed) > 0 {
			out = append(out, Change{Kind: UnitsChanged, Role: r.name, Added: added, Removed: removed})
		}
	}
	return out
}

// setDiff returns the unit names of a that are not in b, in a's order,
// compared in their normal form (corpus.NormalizeUnit: 市安委办 = 市安委会办公室).
func setDiff(a, b []string) []string {
	in := map[string]bool{}
	for _, s := range b {
		in[corpus.NormalizeUnit(s)] = true
	}
	var out []string
	for _, s := range a {
		if k := corpus.NormalizeUnit(s); !in[k] {
			in[k] = true
			out = append(out, s)
		}
	}
	return out
}

// modalWords are the words that carry an obligation's modality; a modality
// change rewrites them and only them.
var modalWords = []string{"必须", "务必", "应当", "严禁", "不得", "禁止", "鼓励", "可以", "要", "应", "可"}

// reworded reports whether the texts of o and n differ in more than the
// expressions their facts already account for: the raw frequencies and
// deadlines, the unit names, and the modal cue when the modality changed
// (cut out by its span, or every modal word where no span is known).
// Width and spacing differences do not count.
func reworded(o, n *corpus.Obligation) bool {
	if o.Text == n.Text {
		return false
	}
	to, tn := normalize(o.Text), normalize(n.Text)
	if to == tn {
		return false
	}
	var facts []string
	for _, ob := range []*corpus.Obligation{o, n} {
		for _, f := range ob.Frequencies {
			facts = append(facts, f.Raw)
		}
		for _, d := range ob.Deadlines {
			facts = append(facts, d.Raw)
		}
		facts = append(facts, ob.Units()...)
	}
	if o.Modality != n.Modality || cueWord(o) != cueWord(n) {
		co, okO := withoutCue(o)
		cn, okN := withoutCue(n)
		if okO && okN && (o.Modal != nil || n.Modal != nil) {
			to, tn = normalize(co), normalize(cn)
		} else {
			facts = append(facts, modalWords...) // no cue known: mask every modal word
		}
	}
	for i := range facts {
		facts[i] = normalize(facts[i])
	}
	// Longest first, so that 每季度 is masked before 季度 could be.
	sort.SliceStable(facts, func(i, j int) bool { return len(facts[i]) > len(facts[j]) })
	return mask(to, facts) != mask(tn, facts)
}

func cueWord(o *corpus.Obligation) string {
	if o.Modal == nil {
		return ""
	}
	return o.Modal.Word
}

// withoutCue returns the text of o without its modal cue (all of it when
// it has none), and false when the cue's span does not lie in the text.
func withoutCue(o *corpus.Obligation) (string, bool) {
	if o.Modal == nil {
		return o.Text, true
	}
	s, e := o.Modal.Span.Start-o.Span.Start, o.Modal.Span.End-o.Span.Start
	if o.Modal.Span.End <= o.Modal.Span.Start || s < 0 || e > len(o.Text) || o.Text[s:e] != o.Modal.Word {
		return "", false
	}
	return o.Text[:s] + o.Text[e:], true
}

// mask removes every occurrence of each fact from s, so that a fact added
// or dropped (not only one changed) leaves the rest of the text comparable.
func mask(s string, facts []string) string {
	for _, f := range facts {
		if f != "" {
			s = strings.ReplaceAll(s, f, "")
		}
	}
	return s
}

// normalize folds full-width forms (NFKC) and drops white space.
func normalize(s string) string {
	s = norm.NFKC.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func perYear(fs []corpus.Frequency) float64 {
	var n float64
	for _, f := range fs {
		n += f.PerYear()
	}
	return n
}

func raws(fs []corpus.Frequency) string {
	var s []string
	for _, f := range fs {
		s = append(s, f.Raw)
	}
	return strings.Join(s, "、")
}

func deadlineRaws(ds []corpus.Deadline) string {
	var s []string
	for _, d := range ds {
		s = append(s, d.Raw)
	}
	return strings.Join(s, "、")
}

// earliest returns a sortable key of the earliest deadline: years counted
// from the plan year, then month and day.
func earliest(ds []corpus.Deadline, plan int) (int, bool) {
	best, ok := 0, false
	for _, d := range ds {
		k, good := deadlineKey(d, plan)
		if good && (!ok || k < best) {
			best, ok = k, true
		}
	}
	return best, ok
}

func deadlineKey(d corpus.Deadline, plan int) (int, bool) {
	year, month, day := 0, d.Month, d.Day
	if len(d.Date) == 10 && d.Date[4] == '-' && d.Date[7] == '-' {
		y, e1 := strconv.Atoi(d.Date[:4])
		m, e2 := strconv.Atoi(d.Date[5:7])
		dd, e3 := strconv.Atoi(d.Date[8:])
		if e1 == nil && e2 == nil && e3 == nil {
			month, day = m, dd
			if plan > 0 {
				year = y - plan
			}
		}
	} else if len(d.Date) == 7 && strings.HasPrefix(d.Date, "--") {
		m, e1 := strconv.Atoi(d.Date[2:4])
		dd, e2 := strconv.Atoi(d.Date[5:])
		if e1 == nil && e2 == nil {
			month, day = m, dd
		}
	}
	if month == 0 {
		return 0, false
	}
	return (year+100)*10000 + month*100 + day, true
}
