package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/internal/atomicfile"
	"github.com/dutymap/dutymap/report"
	"github.com/dutymap/dutymap/workspace"
)

// coverageOptions are the flags of `dutymap coverage`.
type coverageOptions struct {
	corpus corpusFlag
	xlsx   string
	json   bool
}

func (a *app) newCoverageCommand() *cobra.Command {
	var opts coverageOptions
	cmd := &cobra.Command{
		Use:   "coverage UPPER",
		Short: "Lay one upper-level document's duties out against every lower document under it",
		Long: `coverage is the inspector's matrix: for one upper-level document (a file, or
the ID of a stored document), every current document of the corpus under its
place — its counties, their towns — whose plan year is its own or the next, or
that cites it, against each of its duties: carried, strengthened, weakened,
missing, or not expected below (a duty addressed to the upper level itself),
with the coverage of each lower document and of each duty.

--xlsx FILE writes the matrix as a workbook (one row per duty, one column per
lower document, a sheet of the lower clauses matched); --json writes it as one
JSON object; else a summary goes to standard output.`,
		Example: `  dutymap coverage d-3f52411369af-1 --xlsx 覆盖矩阵.xlsx
  dutymap coverage city-plan.docx --json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runCoverage(cmd.Context(), opts, args)
		},
	}
	opts.corpus.register(cmd)
	cmd.Flags().StringVar(&opts.xlsx, "xlsx", "", "write the matrix to this Excel `FILE`")
	cmd.Flags().BoolVar(&opts.json, "json", false, "write the matrix as one JSON object")
	return cmd
}

// runCoverage lays the document args[0] out against its stored lowers.
func (a *app) runCoverage(ctx context.Context, opts coverageOptions, args []string) error {
	if opts.xlsx != "" && opts.json {
		return fmt.Errorf("coverage: --xlsx and --json are exclusive")
	}
	ld, err := a.newDocLoader(opts.corpus)
	if err != nil {
		return fmt.Errorf("coverage: %w", err)
	}
	defer ld.close()
	upper, err := ld.one(ctx, args[0])
	if err != nil {
		return fmt.Errorf("coverage: %w", err)
	}
	v, err := ld.reader(ctx)
	if err != nil {
		return fmt.Errorf("coverage: %w", err)
	}
	lowers, err := workspace.Lowers(v, upper.Doc)
	if err != nil {
		return fmt.Errorf("coverage: %w", err)
	}
	r, err := ld.eng.Coverage(ctx, upper, lowers)
	if err != nil {
		return fmt.Errorf("coverage: %w", err)
	}
	switch {
	case opts.xlsx != "":
		if err := atomicfile.WriteFile(opts.xlsx, func(w io.Writer) error { return report.WriteCoverageXLSX(w, r) }); err != nil {
			return fmt.Errorf("coverage: %w", err)
		}
		_, err = fmt.Fprintf(a.stdout, "%s: %d duties × %d lower documents\n", opts.xlsx, len(r.Rows), len(r.Lowers))
	case opts.json:
		err = report.WriteCoverageJSON(a.stdout, r)
	default:
		err = r.WriteText(a.stdout)
	}
	if err != nil {
		return fmt.Errorf("coverage: %w", err)
	}
	return nil
}
