package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/dutymap/dutymap/corpus"
)

// Calendar is the events of a set of duties, as an iCalendar file holds
// them: an all-day event for each dated deadline (spanning the dates of a
// range deadline), and for each frequency a recurring event through the
// plan year.
type Calendar struct {
	Name   string
	Events []Event
	// Skipped counts the duties that gave no event: no deadline with a
	// date and no frequency, or a frequency in a document with no plan year.
	Skipped int
}

// Event is one calendar entry of a duty.
type Event struct {
	// UID is derived from the duty's place, plan year, task text and which
	// of its deadlines or frequencies the event is, so that exporting the
	// same duty again updates the event rather than adding another.
	UID         string
	Start       time.Time // the first day (all-day, UTC midnight)
	End         time.Time // the day after the last, as DTEND of an all-day event is
	RRule       string    // the recurrence rule of a frequency's event; "" for a deadline
	Summary     string
	Description string
	Duty        Duty
}

// NewCalendar returns the events of duties, in their order: for each duty
// its deadlines, then its frequencies. A deadline whose year the text
// leaves out (--MM-DD) takes the plan year, as do the recurrences; a
// document without a plan year gives the year of its date.
func NewCalendar(name string, duties []Duty) *Calendar {
	c := &Calendar{Name: name}
	seen := map[string]int{}
	for _, d := range duties {
		n := len(c.Events)
		c.Events = append(c.Events, deadlineEvents(d)...)
		c.Events = append(c.Events, recurringEvents(d)...)
		if len(c.Events) == n {
			c.Skipped++
		}
		// A sentence written twice in one plan is two duties: the second
		// gets a UID of its own, the same on every export.
		for i := n; i < len(c.Events); i++ {
			e := &c.Events[i]
			if k := seen[e.UID]; k > 0 {
				seen[e.UID]++
				e.UID = digest(e.UID + "#" + strconv.Itoa(k))
			} else {
				seen[e.UID] = 1
			}
		}
	}
	return c
}

// planYear returns the year a document plans for: its plan year, else the
// year of its date; 0 when neither is known.
func planYear(d *corpus.Document) int {
	if d.PlanYear > 0 {
		return d.PlanYear
	}
	if len(d.Date) >= 4 {
		if y, err := strconv.Atoi(d.Date[:4]); err == nil {
			return y
		}
	}
	return 0
}

func deadlineEvents(d Duty) []Event {
	var out []Event
	year := planYear(d.Doc)
	for i, x := range d.Obligation.Deadlines {
		end, err := time.Parse(time.DateOnly, fullDate(x.Date, year))
		if err != nil {
			continue
		}
		start := end
		if x.Kind == corpus.Range {
			start = rangeStart(x.Raw, end)
		}
		out = append(out, Event{
			UID:   uid(d, "deadline", i),
			Start: start, End: end.AddDate(0, 0, 1),
			Summary:     eventSummary(d, ""),
			Description: description(d, "完成时限："+deadlineText([]corpus.Deadline{x})),
			Duty:        d,
		})
	}
	return out
}

func recurringEvents(d Duty) []Event {
	year := planYear(d.Doc)
	if year == 0 {
		return nil
	}
	var out []Event
	for i, f := range d.Obligation.Frequencies {
		rule, exact := rrule(f)
		if rule == "" {
			continue
		}
		start := periodStart(d.Doc, year, f.Period)
		note := ""
		if !exact {
			note = "（" + frequencyText([]corpus.Frequency{{Period: f.Period, Count: f.Count, Qualifier: f.Qualifier}}) + "）"
		}
		out = append(out, Event{
			UID:   uid(d, "frequency", i),
			Start: start, End: start.AddDate(0, 0, 1),
			RRule:       rule + ";UNTIL=" + strconv.Itoa(year) + "1231",
			Summary:     eventSummary(d, note),
			Description: description(d, "频次："+frequencyText([]corpus.Frequency{f})),
			Duty:        d,
		})
	}
	return out
}

// rrule returns the recurrence of a frequency (RFC 5545 RECUR, without its
// end): 每月 FREQ=MONTHLY, 每季度 FREQ=MONTHLY;INTERVAL=3, 每半年 INTERVAL=6,
// 每年 FREQ=YEARLY, 每周 FREQ=WEEKLY, 每日 FREQ=DAILY; a count per period
// that makes an even interval becomes it (年内4次 quarterly, 每两周 = 26 a
// year fortnightly). exact is false when the event recurs per period but
// the count within it (每月2次) is left to the summary.
func rrule(f corpus.Frequency) (rule string, exact bool) {
	count := max(f.Count, 1)
	perYear := count * int(f.Period.PerYear())
	switch {
	case f.Period == corpus.PeriodDay:
		return "FREQ=DAILY", count == 1
	case perYear == 1:
		return "FREQ=YEARLY", true
	case f.Period != corpus.PeriodWeek && perYear <= 12 && 12%perYear == 0:
		return interval("FREQ=MONTHLY", 12/perYear), true
	case perYear <= 52 && 52%perYear == 0:
		return interval("FREQ=WEEKLY", 52/perYear), true
	}
	switch f.Period {
	case corpus.PeriodWeek:
		return "FREQ=WEEKLY", false
	case corpus.PeriodMonth:
		return "FREQ=MONTHLY", false
	case corpus.PeriodQuarter:
		return "FREQ=MONTHLY;INTERVAL=3", false
	case corpus.PeriodHalfYear:
		return "FREQ=MONTHLY;INTERVAL=6", false
	case corpus.PeriodYear:
		return "FREQ=YEARLY", false
	}
	return "", false
}

func interval(freq string, n int) string {
	if n == 1 {
		return freq
	}
	return freq + ";INTERVAL=" + strconv.Itoa(n)
}

// periodStart returns the first day of a recurrence within the plan year:
// the start of the period that holds the document's date when the document
// is dated in that year (a plan signed in March meets monthly from March),
// else 1 January.
func periodStart(d *corpus.Document, year int, p corpus.Period) time.Time {
	jan1 := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	signed, err := time.Parse(time.DateOnly, d.Date)
	if err != nil || signed.Year() != year {
		return jan1
	}
	m := int(signed.Month())
	switch p {
	case corpus.PeriodDay:
		return signed
	case corpus.PeriodWeek:
		monday := signed.AddDate(0, 0, -((int(signed.Weekday()) + 6) % 7))
		if monday.Before(jan1) {
			return jan1
		}
		return monday
	case corpus.PeriodMonth:
	case corpus.PeriodQuarter:
		m = (m-1)/3*3 + 1
	case corpus.PeriodHalfYear:
		m = (m-1)/6*6 + 1
	default:
		m = 1
	}
	return time.Date(year, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
}

// reRangeStart finds where a range deadline as written begins: a month, and
// maybe a day, before a range mark (2023年8-11月, 5月—10月, 3月1日至6月30日).
var reRangeStart = regexp.MustCompile(`(?:(\d{4})年)?(\d{1,2})(?:月(?:(\d{1,2})日)?)?份?\s*(?:-|－|—|–|~|～|至|到)`)

// rangeStart returns the first day of a range deadline ending on end: the
// month (and day) its text opens the range with, in end's year or the year
// written; a single month written as a phase (2023年12月) starts on its
// first day. A start that would fall after end is taken as end's month.
func rangeStart(raw string, end time.Time) time.Time {
	monthStart := time.Date(end.Year(), end.Month(), 1, 0, 0, 0, 0, time.UTC)
	m := reRangeStart.FindStringSubmatch(raw)
	if m == nil {
		return monthStart
	}
	year := end.Year()
	if m[1] != "" {
		year, _ = strconv.Atoi(m[1])
	}
	month, _ := strconv.Atoi(m[2])
	day := 1
	if m[3] != "" {
		day, _ = strconv.Atoi(m[3])
	}
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return monthStart
	}
	start := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if start.Month() != time.Month(month) || start.After(end) {
		return monthStart // 2月30日, or a range across the new year
	}
	return start
}

// uid returns an event's UID: a digest of the document's place, plan year
// and title, the task (white space aside) and which deadline or frequency
// of it the event is. The document's ID, the units and the dates are left
// out, so that a revised plan's export updates the events of its duties.
func uid(d Duty, kind string, i int) string {
	place := string(d.Doc.Level) + "|" + d.Doc.Issuer
	if d.Doc.Place != nil && d.Doc.Place.Code != "" {
		place = d.Doc.Place.Code
	}
	task := strings.Join(strings.Fields(taskText(d.Obligation)), "")
	return digest(fmt.Sprintf("%s\x00%d\x00%s\x00%s\x00%s\x00%d", place, planYear(d.Doc), d.Doc.Title, task, kind, i))
}

func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:12]) + "@dutymap"
}

// summaryLen caps an event's summary, in characters: calendars show one line.
const summaryLen = 60

// eventSummary returns the event's title: the task's first sentence, cut to
// summaryLen characters, after note.
func eventSummary(d Duty, note string) string {
	s := taskText(d.Obligation)
	if i := strings.IndexAny(s, "。；;"); i > 0 {
		s = s[:i]
	}
	if utf8.RuneCountInString(s) > summaryLen {
		s = string([]rune(s)[:summaryLen-1]) + "…"
	}
	return note + s
}

// description returns the event's text: the whole task, when it is due,
// the document and item, and the units.
func description(d Duty, due string) string {
	o := d.Obligation
	lines := []string{taskText(o), due, "文件：《" + d.Doc.Title + "》" + PathText(o.Path)}
	for _, u := range []struct {
		label string
		names []string
	}{{"牵头单位", o.Lead}, {"配合单位", o.Support}, {"责任单位", o.Responsible}} {
		if len(u.names) > 0 {
			lines = append(lines, u.label+"："+strings.Join(u.names, "、"))
		}
	}
	if d.As != "" {
		lines = append(lines, "本单位："+d.As+"（"+roleNames[d.Role]+"）")
	}
	return strings.Join(lines, "\n")
}

// WriteICS writes the calendar as an iCalendar file (RFC 5545) with
// arran4/golang-ical: one all-day VEVENT per event, stamped with stamp
// (DTSTAMP), CRLF line ends and lines folded at 75 octets.
func (c *Calendar) WriteICS(w io.Writer, stamp time.Time) error {
	cal := ics.NewCalendarFor("dutymap")
	cal.SetProductId("-//dutymap//duties//ZH")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	if c.Name != "" {
		cal.SetName(c.Name)
		cal.SetXWRCalName(c.Name)
	}
	for _, e := range c.Events {
		ev := cal.AddEvent(e.UID)
		ev.SetDtStampTime(stamp)
		ev.SetAllDayStartAt(e.Start)
		ev.SetAllDayEndAt(e.End)
		if e.RRule != "" {
			ev.AddRrule(e.RRule)
		}
		ev.SetSummary(e.Summary)
		ev.SetDescription(e.Description)
		ev.SetTimeTransparency(ics.TransparencyTransparent)
		if e.Duty.Doc.Title != "" {
			ev.AddCategory(e.Duty.Doc.Title)
		}
	}
	if err := cal.SerializeTo(w, ics.WithNewLineWindows); err != nil {
		return fmt.Errorf("write ics: %w", err)
	}
	return nil
}
