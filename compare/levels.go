package compare

import (
	"fmt"
	"sort"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/segment"
)

// Verdict is how a lower-level document treats an upper-level duty.
type Verdict string

// Verdicts of a cross-level comparison.
const (
	Carried      Verdict = "carried"      // the same duty, maybe in other words
	Strengthened Verdict = "strengthened" // more often, earlier, stricter, or more units, and nothing looser
	Weakened     Verdict = "weakened"     // less often, later or dropped deadline, looser, or fewer units
	Missing      Verdict = "missing"      // no duty of the lower document matches
	Local        Verdict = "local"        // a lower duty that no upper duty accounts for
)

// Duty is one upper-level obligation and what the lower document made of it.
type Duty struct {
	Doc     string             `json:"doc"` // the upper document's ID
	Upper   *corpus.Obligation `json:"upper"`
	Verdict Verdict            `json:"verdict"`
	// Lower are the lower duties that carry it, best first: usually one;
	// more where the lower plan spread the duty over several sentences.
	Lower  []*corpus.Obligation `json:"lower,omitempty"`
	Score  float64              `json:"score,omitempty"`  // of the best lower duty
	Merged bool                 `json:"merged,omitempty"` // a lower duty here also carries another upper duty
	// Changes compare the upper duty with its best lower duty.
	Changes []Change `json:"changes,omitempty"`
}

// Tally counts verdicts. Coverage is (carried + strengthened) / total, 0
// when there is nothing to cover.
type Tally struct {
	Total        int     `json:"total"`
	Carried      int     `json:"carried"`
	Strengthened int     `json:"strengthened"`
	Weakened     int     `json:"weakened"`
	Missing      int     `json:"missing"`
	Coverage     float64 `json:"coverage"`
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
	}
	t.Coverage = round(float64(t.Carried+t.Strengthened) / float64(t.Total))
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
// for every upper duty whether lower carried it, strengthened it, weakened it
// or left it out, and which lower duties trace to no upper duty (local); with
// coverage tallies overall and per top-level section of each upper document.
// An upper document given twice counts once. It returns a *LevelError,
// and no report, when an upper fails Check.
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
	uppers = distinct
	m := newModel()
	sl := cut(seg, m, lower.Obligations, true)
	sus := make([]*side, len(uppers))
	for i, u := range uppers {
		sus[i] = cut(seg, m, u.Obligations, true)
	}
	sl.weigh(m)
	for _, s := range sus {
		s.weigh(m)
	}

	r := &LevelReport{Lower: docInfo(lower)}
	traced := make([]bool, len(lower.Obligations))
	for ui, u := range uppers {
		r.Uppers = append(r.Uppers, docInfo(u))
		al := align(sus[ui], sl, CompareOptions())
		partners := make([][]Pair, len(u.Obligations))
		for _, p := range al.Pairs {
			partners[p.A] = append(partners[p.A], p)
		}
		var order []string
		secs := map[string]*SectionTally{}
		for i := range u.Obligations {
			up := &u.Obligations[i]
			d := Duty{Doc: u.Doc.ID, Upper: up, Verdict: Missing}
			ps := partners[i]
			sort.SliceStable(ps, func(x, y int) bool { return ps[x].Score > ps[y].Score })
			for _, p := range ps {
				traced[p.B] = true
				d.Lower = append(d.Lower, &lower.Obligations[p.B])
				d.Merged = d.Merged || p.Merged
			}
			if len(ps) > 0 {
				d.Score = ps[0].Score
				d.Changes = levelChanges(up, d.Lower[0], u.Doc.PlanYear, lower.Doc.PlanYear)
				d.Verdict = verdict(d.Changes)
			}
			r.Duties = append(r.Duties, d)
			r.Total.add(d.Verdict)
			sec := ""
			if len(up.Path) > 0 {
				sec = up.Path[0]
			}
			st, ok := secs[sec]
			if !ok {
				st = &SectionTally{Doc: u.Doc.ID, Section: sec, Heading: sectionHeading(u.Doc, sec)}
				secs[sec] = st
				order = append(order, sec)
			}
			st.add(d.Verdict)
		}
		for _, s := range order {
			r.Sections = append(r.Sections, *secs[s])
		}
	}
	for j, t := range traced {
		if !t {
			r.Local = append(r.Local, &lower.Obligations[j])
		}
	}
	return r, nil
}

// levelChanges compares an upper duty with the lower duty that carries it.
// Unit names differ between levels by nature (市应急局, 县应急局), so units
// count only by number, and only when the lower duty names any.
func levelChanges(up, lo *corpus.Obligation, planUp, planLo int) []Change {
	cs := factChanges(up, lo, planUp, planLo)
	lu, uu := lo.Units(), up.Units()
	if len(lu) > 0 && len(lu) != len(uu) {
		cs = append(cs, Change{Kind: UnitsChanged, Role: "all", Added: setDiff(lu, uu), Removed: setDiff(uu, lu)})
	}
	return cs
}

// verdict classes a carried duty by its changes: any loosening makes it
// weakened, since that is what an inspector must see; else any tightening
// makes it strengthened.
func verdict(cs []Change) Verdict {
	up := false
	for _, c := range cs {
		switch c.Direction() {
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
