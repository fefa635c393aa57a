package report

import (
	"sort"
	"strconv"
	"strings"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/org"
)

// Duty is one obligation of a body: the obligation, its document, the role
// the body takes in it, and the unit's name as the document writes it.
type Duty struct {
	Doc        *corpus.Document
	Obligation *corpus.Obligation
	Role       org.Role
	As         string
}

// DutyFilter narrows the duties SelectDuties hands out. The zero value
// keeps every duty of the body, in any role.
type DutyFilter struct {
	Role      org.Role     // only this role; "" for any
	Year      int          // only documents of this plan year; 0 for any
	Level     corpus.Level // only documents of this level, and bodies of places of this level
	DueBefore string       // ISO date: only duties with a deadline on or before it
}

// SelectDuties returns the duties that a body matching p takes in the
// obligations of docs and that f lets through, in the order of docs and of
// their obligations. With the zero Pattern it returns every obligation
// (role "" and As "").
func SelectDuties(r *org.Resolver, p org.Pattern, f DutyFilter, docs []corpus.Parsed) []Duty {
	var out []Duty
	all := p.Body.Name == ""
	for _, pd := range docs {
		d := pd.Doc
		if (f.Year != 0 && d.PlanYear != f.Year) || (f.Level != corpus.LevelUnknown && d.Level != f.Level) {
			continue
		}
		for i := range pd.Obligations {
			o := &pd.Obligations[i]
			if f.DueBefore != "" && !dueBy(d, o, f.DueBefore) {
				continue
			}
			if all {
				out = append(out, Duty{Doc: d, Obligation: o})
				continue
			}
			role, as := r.RoleOf(p, f.Level, d, o)
			if role == "" || (f.Role != "" && role != f.Role) {
				continue
			}
			out = append(out, Duty{Doc: d, Obligation: o, Role: role, As: as})
		}
	}
	return out
}

// dueBy reports whether some deadline of o falls on or before date.
func dueBy(d *corpus.Document, o *corpus.Obligation, date string) bool {
	for _, x := range o.Deadlines {
		if full := fullDate(x.Date, d.PlanYear); full != "" && full <= date {
			return true
		}
	}
	return false
}

// fullDate returns a deadline's ISO date, with the plan year for a date
// whose year the text leaves out (--MM-DD); "" when no full date can be
// made.
func fullDate(date string, planYear int) string {
	if rest, ok := strings.CutPrefix(date, "--"); ok {
		if planYear <= 0 {
			return ""
		}
		date = strconv.Itoa(planYear) + "-" + rest
	}
	if len(date) != len("2006-01-02") {
		return ""
	}
	return date
}

// Groups of a DutyList, in the order they are listed.
const (
	Dated     = "dated"     // the duty has a deadline with a date
	Recurring = "recurring" // no dated deadline, but a frequency
	Undated   = "undated"   // neither
)

// DutyGroup is the duties that fall due alike: on one date, or every
// period of one kind, or with no time given.
type DutyGroup struct {
	Kind   string        `json:"kind"`             // Dated, Recurring or Undated
	Date   string        `json:"date,omitempty"`   // the ISO date of a Dated group
	Period corpus.Period `json:"period,omitempty"` // the period of a Recurring group
	Label  string        `json:"label"`            // 2024-04-30, 每月, 无时限
	Duties []Duty        `json:"-"`
	Rows   []DutyRow     `json:"duties"`
}

// DutyList is a body's duties grouped by when they fall due: dated ones
// first, by date; then recurring ones, the most frequent period first;
// then those with no time given. A duty is listed once, under its earliest
// dated deadline, else its most frequent period.
type DutyList struct {
	Unit   string      `json:"unit"` // the body asked for, as named
	Total  int         `json:"total"`
	Groups []DutyGroup `json:"groups"`
}

// recurrence orders periods from the most frequent.
var recurrence = []corpus.Period{
	corpus.PeriodDay, corpus.PeriodWeek, corpus.PeriodMonth,
	corpus.PeriodQuarter, corpus.PeriodHalfYear, corpus.PeriodYear,
}

// NewDutyList groups duties by when they fall due (see DutyList). Within a
// group the duties keep their order.
func NewDutyList(unit string, duties []Duty) *DutyList {
	l := &DutyList{Unit: unit, Total: len(duties), Groups: []DutyGroup{}}
	byDate := map[string]*DutyGroup{}
	byPeriod := map[corpus.Period]*DutyGroup{}
	var undated *DutyGroup
	var dates []string
	for _, d := range duties {
		if date := earliest(d); date != "" {
			g := byDate[date]
			if g == nil {
				g = &DutyGroup{Kind: Dated, Date: date, Label: date}
				byDate[date] = g
				dates = append(dates, date)
			}
			g.Duties = append(g.Duties, d)
			continue
		}
		if p := mostFrequent(d.Obligation.Frequencies); p != "" {
			g := byPeriod[p]
			if g == nil {
				g = &DutyGroup{Kind: Recurring, Period: p, Label: "每" + periodNames[p]}
				byPeriod[p] = g
			}
			g.Duties = append(g.Duties, d)
			continue
		}
		if undated == nil {
			undated = &DutyGroup{Kind: Undated, Label: "无时限"}
		}
		undated.Duties = append(undated.Duties, d)
	}
	sort.Strings(dates)
	for _, date := range dates {
		l.Groups = append(l.Groups, *byDate[date])
	}
	for _, p := range recurrence {
		if g := byPeriod[p]; g != nil {
			l.Groups = append(l.Groups, *g)
		}
	}
	if undated != nil {
		l.Groups = append(l.Groups, *undated)
	}
	for i := range l.Groups {
		g := &l.Groups[i]
		for _, d := range g.Duties {
			g.Rows = append(g.Rows, newDutyRow(d))
		}
	}
	return l
}

// earliest returns the earliest full date among the duty's deadlines.
func earliest(d Duty) string {
	best := ""
	for _, x := range d.Obligation.Deadlines {
		if full := fullDate(x.Date, d.Doc.PlanYear); full != "" && (best == "" || full < best) {
			best = full
		}
	}
	return best
}

// mostFrequent returns the most frequent period among fs; "" if none.
func mostFrequent(fs []corpus.Frequency) corpus.Period {
	for _, p := range recurrence {
		for _, f := range fs {
			if f.Period == p {
				return p
			}
		}
	}
	return ""
}

// roleNames are the Chinese words for a body's role in a duty.
var roleNames = map[org.Role]string{org.Lead: "牵头", org.Support: "配合", org.Responsible: "负责"}

// DutyRow is one duty as the lists show it.
type DutyRow struct {
	Role        org.Role `json:"role"`        // the body's role: lead, support or responsible
	As          string   `json:"as"`          // the body's name as the document writes it
	Task        string   `json:"task"`        // the obligation's text without its unit bracket
	Lead        []string `json:"lead"`        // lead units as written
	Support     []string `json:"support"`     // supporting units as written
	Responsible []string `json:"responsible"` // units responsible without a lead, as written
	Frequency   string   `json:"frequency"`   // as written
	Deadline    string   `json:"deadline"`    // as written, with the date
	Document    string   `json:"document"`    // the document's title
	Path        string   `json:"path"`        // the item number path: 一、（二）3.
	Source      string   `json:"source"`      // the file the document came from
	Doc         string   `json:"doc"`         // the Document's ID
	ID          string   `json:"id"`          // the Obligation's ID
}

func newDutyRow(d Duty) DutyRow {
	o := d.Obligation
	return DutyRow{
		Role: d.Role, As: d.As, Task: taskText(o),
		Lead: nonNil(o.Lead), Support: nonNil(o.Support), Responsible: nonNil(o.Responsible),
		Frequency: frequencyText(o.Frequencies), Deadline: deadlineText(o.Deadlines),
		Document: d.Doc.Title, Path: PathText(o.Path), Source: d.Doc.Source,
		Doc: d.Doc.ID, ID: o.ID,
	}
}

// DutyHeaders returns the column titles of a duty list table, in order:
// 时限, 职责, 工作任务, 牵头单位, 配合单位, 频次, 完成时限, 文件, 条目.
func DutyHeaders() []string {
	return []string{"时限", "职责", "工作任务", "牵头单位", "配合单位", "频次", "完成时限", "文件", "条目"}
}

// cells returns the row's values under DutyHeaders, in group g. As in the
// task breakdown table, 牵头单位 holds the responsible units where none is
// called lead.
func (r DutyRow) cells(g *DutyGroup) []string {
	lead := r.Lead
	if len(lead) == 0 {
		lead = r.Responsible
	}
	return []string{
		g.Label, roleNames[r.Role], r.Task, strings.Join(lead, "、"), strings.Join(r.Support, "、"),
		r.Frequency, r.Deadline, r.Document, r.Path,
	}
}
