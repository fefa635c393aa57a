package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/segment"
)

// addOptions are the flags of `dutymap add`.
type addOptions struct {
	corpus string
	json   bool
}

func newAddCommand() *cobra.Command {
	var opts addOptions
	cmd := &cobra.Command{
		Use:   "add [FILE|DIR]...",
		Short: "Add documents to the corpus and index their obligations",
		Long: `add reads each file (directories are walked), finds its documents and their
obligations, and stores and indexes them in the corpus directory. Source files
are stored by content hash: adding the same bytes twice is a no-op. A document
with the issuer and title of a stored one but different text is a new version:
it is stored beside the old one and replaces it in searches. With no files,
the sample corpus shipped with dutymap is added.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAdd(cmd.Context(), opts, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&opts.corpus, "corpus", "", corpusDirFlag)
	cmd.Flags().BoolVar(&opts.json, "json", false, "write one JSON line per file instead of the summary")
	return cmd
}

// progressMin is the number of files from which add shows a progress bar
// (on a terminal only).
const progressMin = 20

func runAdd(ctx context.Context, opts addOptions, args []string, stdout, stderr io.Writer) error {
	ins, err := listInputs(args)
	if err != nil {
		return err
	}
	dir, err := corpusDir(opts.corpus)
	if err != nil {
		return err
	}
	seg, err := segment.New()
	if err != nil {
		return err
	}
	c, err := openCorpus(ctx, dir, seg)
	if err != nil {
		return err
	}
	defer c.Close()

	var bar *progressbar.ProgressBar
	if len(ins) >= progressMin && isTerminal(stderr) {
		bar = progressbar.NewOptions(len(ins), progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("adding"), progressbar.OptionShowCount(),
			progressbar.OptionClearOnFinish())
	}
	counts := map[addStatus]int{}
	failed := 0
	enc := json.NewEncoder(stdout)
	for _, in := range ins {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := in.read()
		var res addResult
		if err == nil {
			res, err = addFile(ctx, c, in.name, data)
		} else {
			err = fmt.Errorf("%s: %w", in.name, err)
		}
		if bar != nil {
			bar.Add(1)
		}
		if err != nil {
			failed++
			if bar != nil {
				bar.Clear()
			}
			fmt.Fprintln(stderr, "dutymap add:", err)
			continue
		}
		counts[res.Status]++
		if opts.json {
			if err := enc.Encode(res); err != nil {
				return err
			}
		}
	}
	if bar != nil {
		bar.Finish()
	}
	if !opts.json {
		fmt.Fprintf(stdout, "%d added, %d unchanged, %d failed", counts[added]+counts[completed], counts[unchanged], failed)
		if n := counts[completed]; n > 0 {
			fmt.Fprintf(stdout, " (%d finished after an interrupted add)", n)
		}
		fmt.Fprintf(stdout, " — corpus %s\n", dir)
	}
	if failed > 0 {
		return fmt.Errorf("add: %d of %d files failed", failed, len(ins))
	}
	return nil
}

// isTerminal reports whether w is a character device (a terminal), where
// progress bars and colours belong.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
