package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/dutymap/dutymap/internal/testset"
)

// streamObligation is what the extract stream says of an obligation that a
// calendar needs.
type streamObligation struct {
	Type      string `json:"type"`
	ID        string `json:"id"`
	Doc       string `json:"doc"`
	Text      string `json:"text"`
	Title     string `json:"title"`
	PlanYear  int    `json:"plan_year"`
	Deadlines []struct {
		Date string `json:"date"`
		Kind string `json:"kind"`
	} `json:"deadlines"`
	Frequencies []struct {
		Period string `json:"period"`
		Count  int    `json:"count"`
	} `json:"frequencies"`
}

// TestCalendar2024 writes the calendar of the sample corpus's 2024 plans,
// parses it with an independent parser (emersion/go-ical) and checks it
// event by event against the `dutymap extract` stream: one all-day event
// on each dated deadline, one recurring event per frequency, with the
// period's rule, through 2024.
func TestCalendar2024(t *testing.T) {
	dir, _ := sampleCorpus(t)
	ics := filepath.Join(t.TempDir(), "2024.ics")
	var out bytes.Buffer
	opts := calendarOptions{corpus: corpusFlag{dir: dir}, ics: ics, year: 2024, stamp: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}
	if err := testApp(&out).runCalendar(context.Background(), opts, ""); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(ics)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := goical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("the calendar does not parse: %v", err)
	}
	if err := goical.NewEncoder(&bytes.Buffer{}).Encode(cal); err != nil {
		t.Errorf("the calendar is not valid iCalendar: %v", err)
	}

	// What the extract stream says the calendar must hold.
	var stream bytes.Buffer
	if err := testApp(&stream).runExtract(context.Background(), extractOptions{format: "jsonl"}, nil); err != nil {
		t.Fatal(err)
	}
	type due struct {
		title, text string
		start, end  string // ISO dates; start "" when any day up to end will do (a range)
		recurring   bool
		rule        string // FREQ and INTERVAL of a recurring event; "" when any will do
	}
	var want []due
	docs := map[string]streamObligation{}
	sc := bufio.NewScanner(&stream)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var r streamObligation
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		if r.Type == "document" {
			docs[r.ID] = r
			continue
		}
		d := docs[r.Doc]
		if d.PlanYear != 2024 {
			continue
		}
		for _, x := range r.Deadlines {
			date := x.Date
			if strings.HasPrefix(date, "--") {
				date = "2024" + date[1:]
			}
			if len(date) != 10 {
				continue
			}
			w := due{title: d.Title, text: testset.Canon(r.Text), start: date, end: date}
			if x.Kind == "range" {
				w.start = ""
			}
			want = append(want, w)
		}
		for _, f := range r.Frequencies {
			rule := map[string]string{
				"day": "FREQ=DAILY", "week": "FREQ=WEEKLY", "month": "FREQ=MONTHLY",
				"quarter": "FREQ=MONTHLY;INTERVAL=3", "halfyear": "FREQ=MONTHLY;INTERVAL=6", "year": "FREQ=YEARLY",
			}[f.Period]
			if f.Count != 1 {
				rule = "" // the rule of a count per period is checked in package report
			}
			want = append(want, due{title: d.Title, text: testset.Canon(r.Text), recurring: true, rule: rule})
		}
	}
	if len(want) < 40 {
		t.Fatalf("the 2024 plans of the stream give only %d dates and frequencies", len(want))
	}

	events := cal.Events()
	if len(events) != len(want) {
		t.Errorf("%d events, the stream gives %d dated deadlines and frequencies", len(events), len(want))
	}
	used := make([]bool, len(want))
	uids := map[string]bool{}
	yearStart, yearEnd := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, e := range events {
		uid, _ := e.Props.Text(goical.PropUID)
		if uids[uid] {
			t.Errorf("UID %s twice", uid)
		}
		uids[uid] = true
		desc, _ := e.Props.Text(goical.PropDescription)
		lines := strings.Split(desc, "\n")
		start, err1 := e.DateTimeStart(time.UTC)
		end, err2 := e.DateTimeEnd(time.UTC)
		if err1 != nil || err2 != nil || len(lines) < 3 {
			t.Errorf("event %s: dates %v, %v; description %q", uid, err1, err2, desc)
			continue
		}
		rule := ""
		if p := e.Props.Get(goical.PropRecurrenceRule); p != nil {
			rule = p.Value
		}
		first, last := start.Format(time.DateOnly), end.AddDate(0, 0, -1).Format(time.DateOnly)
		task := testset.Canon(lines[0])
		matched := false
		for i, w := range want {
			if used[i] || !strings.Contains(lines[2], "《"+w.title+"》") || !strings.Contains(w.text, strings.TrimSuffix(task, "。")) {
				continue
			}
			if !w.recurring && rule == "" && last == w.end && (w.start == "" || first == w.start) && first <= last {
				matched = true
			}
			if w.recurring && rule != "" && (w.rule == "" || strings.HasPrefix(rule, w.rule+";UNTIL=")) {
				set, err := e.RecurrenceSet(time.UTC)
				if err != nil || set == nil {
					t.Errorf("event %s: recurrence %q: %v", uid, rule, err)
				} else if n := len(set.Between(yearStart, yearEnd, true)); n == 0 || set.After(yearEnd, true) != (time.Time{}) {
					t.Errorf("event %s (%s) occurs %d times in 2024, or after it", uid, rule, n)
				}
				matched = true
			}
			if matched {
				used[i] = true
				break
			}
		}
		if !matched {
			t.Errorf("event %s (%s–%s %s) answers no deadline or frequency of the stream: %s", uid, first, last, rule, lines[0])
		}
	}
	if !strings.Contains(out.String(), strconv.Itoa(len(events))+" events") {
		t.Errorf("the command says %q, the file holds %d events", out.String(), len(events))
	}
}
