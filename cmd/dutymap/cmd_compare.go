package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/segment"
)

// compareOptions are the flags of `dutymap compare`.
type compareOptions struct {
	reportOptions
}

func newCompareCommand() *cobra.Command {
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
year before (the latest such year of each issuing place).`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCompare(cmd.Context(), opts, args, cmd.OutOrStdout())
		},
	}
	opts.register(cmd)
	return cmd
}

// runCompare compares the document args[0] against those of args[1:].
func runCompare(ctx context.Context, opts compareOptions, args []string, stdout io.Writer) error {
	if err := opts.check(); err != nil {
		return fmt.Errorf("compare: %w", err)
	}
	seg, err := segment.New()
	if err != nil {
		return fmt.Errorf("compare: %w", err)
	}
	ld := newDocLoader(seg, opts.corpus)
	lower, err := ld.one(ctx, args[0])
	if err != nil {
		return fmt.Errorf("compare: %w", err)
	}
	var uppers []corpus.Parsed
	for _, a := range args[1:] {
		ps, err := ld.all(ctx, a)
		if err != nil {
			return fmt.Errorf("compare: %w", err)
		}
		uppers = append(uppers, ps...)
	}
	if len(args) == 1 {
		if uppers, err = storedUppers(opts.corpus, lower.Doc); err != nil {
			return fmt.Errorf("compare: %w", err)
		}
	}
	r, err := compare.Levels(seg, lower, uppers)
	if err != nil {
		return fmt.Errorf("compare: %w", err)
	}
	if err := writeReport(stdout, opts.reportOptions, r); err != nil {
		return fmt.Errorf("compare: %w", err)
	}
	return nil
}

// storedUppers finds the upper-level documents of lower among the current
// documents of the corpus (see compare.FindUppers).
func storedUppers(corpusFlag string, lower *corpus.Document) ([]corpus.Parsed, error) {
	dir, err := corpusDir(corpusFlag)
	if err != nil {
		return nil, err
	}
	st := corpus.ViewStore(dir)
	entries, err := st.List()
	if err != nil {
		return nil, err
	}
	rank := lower.Level.Rank()
	if rank == 0 {
		return nil, fmt.Errorf("the level of %q is unknown, so its upper levels are too: name the upper documents", docName(lower))
	}
	loaded := map[string]corpus.Parsed{}
	var docs []*corpus.Document
	for _, e := range entries {
		if !e.Current() || e.Level.Rank() <= rank || e.ID == lower.ID {
			continue
		}
		p, err := st.Document(e.ID)
		if err != nil {
			return nil, err
		}
		loaded[e.ID] = p
		docs = append(docs, p.Doc)
	}
	found, err := compare.FindUppers(lower, docs)
	if len(found) == 0 && err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, fmt.Errorf("no upper-level document of %q (%s, plan year %d) in corpus %s", docName(lower), lower.Level, lower.PlanYear, dir)
	}
	out := make([]corpus.Parsed, 0, len(found))
	for _, u := range found {
		out = append(out, loaded[u.Doc.ID])
	}
	return out, nil
}

// docName is what messages call a document: its title, else its source.
func docName(d *corpus.Document) string {
	if d.Title != "" {
		return d.Title
	}
	return d.Source
}
