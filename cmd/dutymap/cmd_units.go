package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/index"
)

// unitsOptions are the flags of `dutymap units`.
type unitsOptions struct {
	corpus corpusFlag
	query  index.Query
	json   bool
}

func (a *app) newUnitsCommand() *cobra.Command {
	var opts unitsOptions
	cmd := &cobra.Command{
		Use:   "units",
		Short: "List the bodies the corpus names, with their duties by role",
		Long: `units lists the bodies that the obligations of the corpus name, each by its
standard name in its place (市应急局 and 应急管理局 of a 朔州市 plan are both
朔州市应急管理局), with the number of obligations naming it as lead (牵头),
support (配合) and responsible (负责), the most often named first. Any name it
shows can be given to dutymap duties and dutymap calendar.`,
		Example: `  dutymap units
  dutymap units --level county --year 2024`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runUnits(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	opts.corpus.register(cmd)
	f.StringVar(&opts.query.Level, "level", "", "only plans of this level: town, county, city, province, national")
	f.IntVar(&opts.query.Year, "year", 0, "only plans of this year")
	f.BoolVar(&opts.json, "json", false, "write one JSON object per body")
	return cmd
}

func (a *app) runUnits(ctx context.Context, opts unitsOptions) error {
	stdout := a.stdout
	if err := checkQuery(opts.query); err != nil {
		return err
	}
	v, err := a.openView(ctx, opts.corpus)
	if err != nil {
		return err
	}
	defer v.Close()
	bodies, err := v.Bodies(ctx, opts.query)
	if err != nil {
		return err
	}
	if opts.json {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		for _, b := range bodies {
			if err := enc.Encode(b); err != nil {
				return err
			}
		}
		return nil
	}
	rows := [][]string{{"UNIT", "LEAD", "SUPPORT", "RESPONSIBLE"}}
	for _, b := range bodies {
		rows = append(rows, []string{b.Name, strconv.Itoa(b.Lead), strconv.Itoa(b.Support), strconv.Itoa(b.Responsible)})
	}
	if err := writeTable(stdout, rows); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "%d bodies\n", len(bodies))
	return err
}
