package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/internal/atomicfile"
	"github.com/dutymap/dutymap/report"
	"github.com/dutymap/dutymap/segment"
)

// coverageOptions are the flags of `dutymap coverage`.
type coverageOptions struct {
	corpus string
	xlsx   string
	json   bool
}

func newCoverageCommand() *cobra.Command {
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
			return runCoverage(cmd.Context(), opts, args, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&opts.corpus, "corpus", "", corpusDirFlag)
	cmd.Flags().StringVar(&opts.xlsx, "xlsx", "", "write the matrix to this Excel `FILE`")
	cmd.Flags().BoolVar(&opts.json, "json", false, "write the matrix as one JSON object")
	return cmd
}

// runCoverage lays the document args[0] out against its stored lowers.
func runCoverage(ctx context.Context, opts coverageOptions, args []string, stdout io.Writer) error {
	if opts.xlsx != "" && opts.json {
		return fmt.Errorf("coverage: --xlsx and --json are exclusive")
	}
	seg, err := segment.New()
	if err != nil {
		return fmt.Errorf("coverage: %w", err)
	}
	upper, err := newDocLoader(seg, opts.corpus).one(ctx, args[0])
	if err != nil {
		return fmt.Errorf("coverage: %w", err)
	}
	lowers, err := storedLowers(opts.corpus, upper.Doc)
	if err != nil {
		return fmt.Errorf("coverage: %w", err)
	}
	r, err := compare.Coverage(seg, upper, lowers)
	if err != nil {
		return fmt.Errorf("coverage: %w", err)
	}
	switch {
	case opts.xlsx != "":
		if err := atomicfile.WriteFile(opts.xlsx, func(w io.Writer) error { return report.WriteCoverageXLSX(w, r) }); err != nil {
			return fmt.Errorf("coverage: %w", err)
		}
		_, err = fmt.Fprintf(stdout, "%s: %d duties × %d lower documents\n", opts.xlsx, len(r.Rows), len(r.Lowers))
	case opts.json:
		err = report.WriteCoverageJSON(stdout, r)
	default:
		err = r.WriteText(stdout)
	}
	if err != nil {
		return fmt.Errorf("coverage: %w", err)
	}
	return nil
}

// storedLowers finds the lower-level documents of upper among the current
// documents of the corpus (see compare.FindLowers).
func storedLowers(corpusFlag string, upper *corpus.Document) ([]corpus.Parsed, error) {
	dir, err := corpusDir(corpusFlag)
	if err != nil {
		return nil, err
	}
	st := corpus.ViewStore(dir)
	entries, err := st.List()
	if err != nil {
		return nil, err
	}
	rank := upper.Level.Rank()
	loaded := map[string]corpus.Parsed{}
	var docs []*corpus.Document
	for _, e := range entries {
		if !e.Current() || e.ID == upper.ID || rank > 0 && e.Level.Rank() >= rank {
			continue
		}
		p, err := st.Document(e.ID)
		if err != nil {
			return nil, err
		}
		loaded[e.ID] = p
		docs = append(docs, p.Doc)
	}
	found, err := compare.FindLowers(upper, docs)
	if len(found) == 0 {
		if err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("no lower-level document of %q (%s, plan year %d) in corpus %s", docName(upper), upper.Level, upper.PlanYear, dir)
	}
	out := make([]corpus.Parsed, 0, len(found))
	for _, f := range found {
		out = append(out, loaded[f.Doc.ID])
	}
	return out, nil
}
