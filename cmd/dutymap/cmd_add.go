package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/store"
	"github.com/dutymap/dutymap/workspace"
)

// addOptions are the flags of `dutymap add`.
type addOptions struct {
	corpus  corpusFlag
	json    bool
	samples bool
}

func (a *app) newAddCommand() *cobra.Command {
	var opts addOptions
	cmd := &cobra.Command{
		Use:   "add FILE|DIR...",
		Short: "Add documents to the corpus and index their obligations",
		Long: `add reads each file (folders are walked), finds its documents and their
obligations, and stores and indexes them in the corpus directory. Source files
are stored by content hash: adding the same bytes twice is a no-op. A document
with the issuer and title of a stored one but different text is a new version:
it is stored beside the old one and replaces it in searches. --samples adds the
sample corpus shipped with dutymap.

In a folder, hidden files are left out; links to files inside the folder are
followed; a subfolder that cannot be read, a link leading elsewhere, a named
pipe or a device is reported and skipped. When another dutymap (watch, serve, a
long add) holds the corpus, the files are handed to it to add.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runAdd(cmd.Context(), opts, args)
		},
	}
	opts.corpus.register(cmd)
	cmd.Flags().BoolVar(&opts.json, "json", false, "write one JSON line per file instead of the summary")
	cmd.Flags().BoolVar(&opts.samples, "samples", false, "add the sample documents shipped with dutymap")
	return cmd
}

// progressMin is the number of files from which add shows a progress bar
// (on a terminal only).
const progressMin = 20

func (a *app) runAdd(ctx context.Context, opts addOptions, args []string) error {
	if len(args) == 0 && !opts.samples {
		return errors.New("add: name the files or folders to add (or --samples for the sample documents)")
	}
	ins, skipped := workspace.Inputs(args)
	for _, err := range skipped {
		fmt.Fprintln(a.stderr, "dutymap add:", err)
	}
	total := len(ins)
	if opts.samples {
		total += len(workspace.SampleInputs())
	}
	var bar *progressbar.ProgressBar
	if total >= progressMin && isTerminal(a.stderr) {
		bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(a.stderr),
			progressbar.OptionSetDescription("adding"), progressbar.OptionShowCount(),
			progressbar.OptionClearOnFinish())
	}
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	report := func(r workspace.AddResult, err error) {
		if bar != nil {
			bar.Add(1)
		}
		if err != nil {
			if bar != nil {
				bar.Clear()
			}
			fmt.Fprintln(a.stderr, "dutymap add:", err)
			return
		}
		if opts.json {
			enc.Encode(r)
		}
	}

	dir, _, err := opts.corpus.resolve()
	if err != nil {
		return err
	}
	sum, err := a.addFiles(ctx, opts, ins, report)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		return fmt.Errorf("add: %w", err)
	}
	if !opts.json {
		fmt.Fprintf(a.stdout, "%d added, %d unchanged, %d failed", sum.Added+sum.Completed, sum.Unchanged, sum.Failed)
		if sum.Completed > 0 {
			fmt.Fprintf(a.stdout, " (%d finished after an interrupted add)", sum.Completed)
		}
		if len(skipped) > 0 {
			fmt.Fprintf(a.stdout, ", %d skipped", len(skipped))
		}
		fmt.Fprintf(a.stdout, " — corpus %s\n", dir)
	}
	if sum.Failed > 0 {
		return fmt.Errorf("add: %d of %d files failed", sum.Failed, total)
	}
	return nil
}

// addFiles adds ins (and the samples, with --samples) to the corpus: itself,
// holding it meanwhile, or through the process that holds it already.
func (a *app) addFiles(ctx context.Context, opts addOptions, ins []workspace.Input, report func(workspace.AddResult, error)) (workspace.AddSummary, error) {
	w, err := a.openWorkspace(ctx, opts.corpus, "add")
	var le *store.LockedError
	if errors.As(err, &le) {
		sum, ok, herr := a.handOff(ctx, opts, ins, report)
		if ok || herr != nil {
			return sum, herr
		}
		// The holder let go meanwhile: open the corpus after all.
		w, err = a.openWorkspace(ctx, opts.corpus, "add")
	}
	if err != nil {
		return workspace.AddSummary{}, err
	}
	defer w.Close()
	defer a.hold(ctx, w)()
	var sum workspace.AddSummary
	if opts.samples {
		if sum, err = w.AddSamples(ctx, report); err != nil {
			return sum, err
		}
	}
	for _, in := range ins {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		r, err := w.AddFile(ctx, in)
		if err != nil {
			sum.Failed++
		} else {
			switch r.Status {
			case workspace.Added:
				sum.Added++
			case workspace.Completed:
				sum.Completed++
			default:
				sum.Unchanged++
			}
		}
		report(r, err)
	}
	return sum, nil
}

// handOff gives the files to the process holding the corpus; ok false
// when no process holds it any more.
func (a *app) handOff(ctx context.Context, opts addOptions, ins []workspace.Input, report func(workspace.AddResult, error)) (workspace.AddSummary, bool, error) {
	var none workspace.AddSummary
	dir, _, err := opts.corpus.resolve()
	if err != nil {
		return none, false, err
	}
	if opts.samples {
		// The holder reads files by path: give it the samples as files.
		tmp, err := os.MkdirTemp("", "dutymap-samples-")
		if err != nil {
			return none, false, err
		}
		defer os.RemoveAll(tmp)
		var sampleIns []workspace.Input
		for _, in := range workspace.SampleInputs() {
			data, err := workspace.ReadInput(in, workspace.Limits{})
			if err != nil {
				return none, false, err
			}
			p := filepath.Join(tmp, filepath.Base(in.Name))
			if err := os.WriteFile(p, data, 0o644); err != nil {
				return none, false, err
			}
			sampleIns = append(sampleIns, workspace.Input{Name: in.Name, Path: p})
		}
		ins = append(sampleIns, ins...)
	}
	pid, role := store.Holder(dir)
	sum, ok, err := workspace.HandOff(ctx, dir, ins, report)
	if ok && err == nil {
		fmt.Fprintf(a.stderr, "dutymap add: corpus %s is held by pid %d (dutymap %s), which added the files\n", dir, pid, role)
	}
	return sum, ok, err
}
