package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/internal/atomicfile"
	"github.com/dutymap/dutymap/report"
	"github.com/dutymap/dutymap/workspace"
)

// dutiesOptions are the flags of `dutymap duties`.
type dutiesOptions struct {
	corpus    corpusFlag
	role      string
	year      int
	level     string
	dueBefore string
	json      bool
	xlsx      string
	csv       string
}

func (a *app) newDutiesCommand() *cobra.Command {
	var opts dutiesOptions
	cmd := &cobra.Command{
		Use:   "duties UNIT",
		Short: "List a unit's duties across the corpus, grouped by when they fall due",
		Long: `duties lists what one body must do across the plans of the corpus: each duty
with its document and item, the body's role (牵头, 配合 or 负责), frequency,
deadline and task, the dated ones first by date, then the recurring ones by
period, then those with no time given.

UNIT matches every form of the body's name: 市应急局 = 市应急管理局, and a
bare 应急管理局 in a 市 plan. A name with a place (朔州市应急管理局) is that
body only; with a bare 市 or 县 it is that body of every such place; without
(应急管理局) it is the body at every level, unless --level narrows it.
See dutymap units for the names in the corpus.`,
		Example: `  dutymap duties 市应急管理局 --role lead
  dutymap duties 安委办 --year 2024 --due-before 2024-06-30
  dutymap duties 朔州市应急管理局 --xlsx 应急局职责.xlsx`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runDuties(cmd.Context(), opts, args[0])
		},
	}
	f := cmd.Flags()
	opts.corpus.register(cmd)
	f.StringVar(&opts.role, "role", "any", "the unit's role: lead, support, responsible or any")
	f.IntVar(&opts.year, "year", 0, "only plans of this year")
	f.StringVar(&opts.level, "level", "", "only plans, and bodies, of this level: town, county, city, province, national")
	f.StringVar(&opts.dueBefore, "due-before", "", "only duties with a deadline on or before this date (2024-06-30)")
	f.BoolVar(&opts.json, "json", false, "write the list as JSON")
	f.StringVar(&opts.xlsx, "xlsx", "", "write the list to this Excel file")
	f.StringVar(&opts.csv, "csv", "", "write the list to this CSV file")
	return cmd
}

func (a *app) runDuties(ctx context.Context, opts dutiesOptions, unit string) error {
	stdout := a.stdout
	duties, err := a.findDuties(ctx, opts.corpus, unit, opts.role, report.DutyFilter{
		Year: opts.year, Level: corpus.Level(opts.level), DueBefore: opts.dueBefore,
	})
	if err != nil {
		return fmt.Errorf("duties: %w", err)
	}
	list := report.NewDutyList(unit, duties)
	wrote := false
	for _, out := range []struct {
		name  string
		write func(io.Writer) error
	}{{opts.xlsx, list.WriteXLSX}, {opts.csv, list.WriteCSV}} {
		if out.name == "" {
			continue
		}
		if err := atomicfile.WriteFile(out.name, out.write); err != nil {
			return fmt.Errorf("duties: %w", err)
		}
		fmt.Fprintf(stdout, "%s: %d duties of %s\n", out.name, list.Total, unit)
		wrote = true
	}
	switch {
	case opts.json:
		return list.WriteJSON(stdout)
	case !wrote:
		return list.WriteText(stdout)
	}
	return nil
}

// findDuties returns the duties of unit (every obligation when unit is
// empty) in the given role ("any" or "" for every role), narrowed by f
// (workspace.Duties).
func (a *app) findDuties(ctx context.Context, cf corpusFlag, unit, role string, f report.DutyFilter) ([]report.Duty, error) {
	if err := checkQuery(index.Query{Level: string(f.Level)}); err != nil {
		return nil, err
	}
	switch role {
	case "lead", "support", "responsible", "any", "":
	default:
		return nil, fmt.Errorf("--role %s: want lead, support, responsible or any", role)
	}
	v, err := a.openView(ctx, cf)
	if err != nil {
		return nil, err
	}
	defer v.Close()
	return workspace.Duties(ctx, v, unit, role, f)
}
