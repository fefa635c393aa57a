package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/workspace"
)

// compareOptions are the flags of `dutymap compare`.
type compareOptions struct {
	reportOptions
}

func (a *app) newCompareCommand() *cobra.Command {
	var opts compareOptions
	cmd := &cobra.Command{
		Use:   "compare LOWER [UPPER...]",
		Short: "Check which duties of upper-level documents a lower-level one carried down",
		Long: `compare checks a lower-level document (a town plan) against upper-level ones
(its county's and city's plans): for every upper duty whether the lower plan
carried it (maybe in other words), strengthened it (more often, earlier,
stricter, more units), weakened it or left it out; and which lower duties
trace to no upper duty (local). It prints the coverage, (carried +
strengthened) / upper duties, overall and per top-level section.

Documents are files (FILE#N picks one of several in a file) or IDs of stored
documents; every document of an UPPER file is used. The levels come from the
documents: comparing a document with itself, or with one that is not of a
higher level, is refused.

With LOWER alone, its upper-level documents are looked up in the corpus
(--corpus): the documents it cites, and the current documents of a higher
level whose place contains its own and whose plan year is its own or the
year before (the latest such year of each issuing place). A document whose
level or place is unknown gets none chosen: name its upper documents.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runCompare(cmd.Context(), opts, args)
		},
	}
	opts.register(cmd)
	return cmd
}

// runCompare compares the document args[0] against those of args[1:].
func (a *app) runCompare(ctx context.Context, opts compareOptions, args []string) error {
	if err := opts.check(); err != nil {
		return fmt.Errorf("compare: %w", err)
	}
	ld, err := a.newDocLoader(opts.corpus)
	if err != nil {
		return fmt.Errorf("compare: %w", err)
	}
	defer ld.close()
	lower, err := ld.one(ctx, args[0])
	if err != nil {
		return fmt.Errorf("compare: %w", err)
	}
	var uppers []corpus.Parsed
	for _, arg := range args[1:] {
		ps, err := ld.all(ctx, arg)
		if err != nil {
			return fmt.Errorf("compare: %w", err)
		}
		uppers = append(uppers, ps...)
	}
	if len(args) == 1 {
		v, err := ld.reader(ctx)
		if err != nil {
			return fmt.Errorf("compare: %w", err)
		}
		if uppers, _, err = workspace.Uppers(v, lower.Doc, 0); err != nil {
			return fmt.Errorf("compare: %w", err)
		}
	}
	r, err := ld.eng.Compare(ctx, lower, uppers)
	if err != nil {
		return fmt.Errorf("compare: %w", err)
	}
	if err := writeReport(a.stdout, opts.reportOptions, r); err != nil {
		return fmt.Errorf("compare: %w", err)
	}
	return nil
}
