package main

import (
	"context"
	"fmt"
	"io"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/extract"
	"github.com/dutymap/dutymap/segment"
)

// reindexOptions are the flags of `dutymap reindex`.
type reindexOptions struct {
	corpus  string
	reparse bool
}

func newReindexCommand() *cobra.Command {
	var opts reindexOptions
	cmd := &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the search index from the stored documents",
		Long: `reindex throws the index away and builds it again from the documents stored in
the corpus: the way out of a damaged or missing index. With --reparse, every
stored source file is first parsed again, so that a newer dutymap's ingest and
extract apply to documents added before.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReindex(cmd.Context(), opts, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&opts.corpus, "corpus", "", corpusDirFlag)
	cmd.Flags().BoolVar(&opts.reparse, "reparse", false, "parse the stored sources again before indexing")
	return cmd
}

func runReindex(ctx context.Context, opts reindexOptions, stdout, stderr io.Writer) error {
	dir, err := corpusDir(opts.corpus)
	if err != nil {
		return err
	}
	seg, err := segment.New()
	if err != nil {
		return err
	}
	// The index is not opened: it may be what is broken.
	st, err := corpus.OpenStore(dir)
	if err != nil {
		return err
	}
	c := &corpusHandle{dir: dir, store: st, seg: seg, ext: extract.New(seg)}
	defer c.Close()
	files, err := st.Files()
	if err != nil {
		return err
	}
	var progress func(done, total int)
	if len(files) >= progressMin && isTerminal(stderr) {
		bar := progressbar.NewOptions(len(files), progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("indexing"), progressbar.OptionClearOnFinish())
		progress = func(done, total int) {
			bar.ChangeMax(total)
			bar.Set(done)
		}
	}
	if err := c.rebuild(ctx, opts.reparse, progress); err != nil {
		return fmt.Errorf("reindex %s: %w", dir, err)
	}
	n, err := c.index.Count()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "indexed %d obligations of %d files in %s\n", n, len(files), dir)
	return nil
}
