package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/internal/atomicfile"
	"github.com/dutymap/dutymap/report"
)

// calendarOptions are the flags of `dutymap calendar`.
type calendarOptions struct {
	corpus corpusFlag
	ics    string
	role   string
	year   int
	stamp  time.Time // DTSTAMP of the events; the time of the run
}

func (a *app) newCalendarCommand() *cobra.Command {
	var opts calendarOptions
	cmd := &cobra.Command{
		Use:   "calendar [UNIT] --ics FILE",
		Short: "Write the deadlines and recurring duties of a unit, or of all, as an iCalendar file",
		Long: `calendar writes an iCalendar file (RFC 5545) that calendar programs import:
an all-day event for each dated deadline (a range deadline spans its dates),
and for each frequency an event that recurs through the plan year (每月
monthly, 每季度 every three months, 每半年, 每年, 每周 …), its summary the task
and its description the document, item and units. UNIT, named as for
dutymap duties, keeps that body's duties; without it every duty of the corpus
goes in. Each event's UID comes from the duty's place, plan year and text, so
importing a new export updates the events rather than adding them twice.`,
		Example: `  dutymap calendar 市应急管理局 --year 2024 --ics 应急局.ics
  dutymap calendar --year 2024 --ics 2024.ics`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			unit := ""
			if len(args) == 1 {
				unit = args[0]
			}
			opts.stamp = time.Now()
			return a.runCalendar(cmd.Context(), opts, unit)
		},
	}
	f := cmd.Flags()
	opts.corpus.register(cmd)
	f.StringVar(&opts.ics, "ics", "", "write the calendar to this file")
	f.StringVar(&opts.role, "role", "any", "with UNIT: its role, lead, support, responsible or any")
	f.IntVar(&opts.year, "year", 0, "only plans of this year")
	return cmd
}

func (a *app) runCalendar(ctx context.Context, opts calendarOptions, unit string) error {
	stdout := a.stdout
	if opts.ics == "" {
		return errors.New("calendar: say where to write it: --ics FILE")
	}
	duties, err := a.findDuties(ctx, opts.corpus, unit, opts.role, report.DutyFilter{Year: opts.year})
	if err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	name := unit
	if name == "" {
		name = "dutymap"
	}
	if opts.year != 0 {
		name += " " + strconv.Itoa(opts.year)
	}
	cal := report.NewCalendar(name, duties)
	if err := atomicfile.WriteFile(opts.ics, func(w io.Writer) error { return cal.WriteICS(w, opts.stamp) }); err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	recurring := 0
	for _, e := range cal.Events {
		if e.RRule != "" {
			recurring++
		}
	}
	_, err = fmt.Fprintf(stdout, "%s: %d events (%d deadlines, %d recurring) from %d duties; %d duties have no date or frequency\n",
		opts.ics, len(cal.Events), len(cal.Events)-recurring, recurring, len(duties), cal.Skipped)
	return err
}
