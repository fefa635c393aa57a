package main

import (
	"context"
	"fmt"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/workspace"
)

// reindexOptions are the flags of `dutymap reindex`.
type reindexOptions struct {
	corpus  corpusFlag
	reparse bool
}

func (a *app) newReindexCommand() *cobra.Command {
	var opts reindexOptions
	cmd := &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the search index from the stored documents",
		Long: `reindex builds the index again from the documents stored in the corpus: the
way out of a damaged or missing index. The new index is built beside the old
one, which answers searches until the new one is whole. A damaged document
record is parsed again from its stored source. With --reparse, every stored
source file is first parsed again, so that a newer dutymap's ingest and extract
apply to documents added before.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runReindex(cmd.Context(), opts)
		},
	}
	opts.corpus.register(cmd)
	cmd.Flags().BoolVar(&opts.reparse, "reparse", false, "parse the stored sources again before indexing")
	return cmd
}

func (a *app) runReindex(ctx context.Context, opts reindexOptions) error {
	w, err := a.openWorkspace(ctx, opts.corpus, "reindex")
	if err != nil {
		return err
	}
	defer w.Close()
	defer a.hold(ctx, w)()
	ro := workspace.ReindexOptions{Reparse: opts.reparse}
	if isTerminal(a.stderr) {
		bar := progressbar.NewOptions(1, progressbar.OptionSetWriter(a.stderr),
			progressbar.OptionSetDescription("indexing"), progressbar.OptionClearOnFinish())
		ro.Progress = func(done, total int) {
			bar.ChangeMax(total)
			bar.Set(done)
		}
	}
	res, err := w.Reindex(ctx, ro)
	for _, n := range res.Notes {
		fmt.Fprintln(a.stderr, "dutymap reindex:", n)
	}
	if err != nil {
		return fmt.Errorf("reindex %s: %w", w.Dir(), err)
	}
	fmt.Fprintf(a.stdout, "indexed %d obligations of %d documents of %d files in %s\n", res.Obligations, res.Documents, res.Files, w.Dir())
	return nil
}
