package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

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

In a folder, the files dutymap reads are taken (.txt .md .html .htm .docx …);
files of other kinds, pages dutymap wrote (report.html) and hidden files are
left out, and all but hidden ones are reported as skipped; links to files
inside the folder are followed; a subfolder that cannot be read, a link
leading elsewhere, a named pipe or a device is reported and skipped. A file
named on its own is read whatever its name. A document in which no obligation
is found is added, with a warning: it is most likely no work plan. When another dutymap (watch, serve, a
long add) holds the corpus, the files are handed to it to add.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runAdd(cmd.Context(), opts, args)
		},
	}
	opts.corpus.register(cmd)
	cmd.Flags().BoolVar(&opts.json, "json", false, "write one JSON line per file instead of the summary (docs/json.md)")
	cmd.Flags().BoolVar(&opts.samples, "samples", false, "add the sample documents shipped with dutymap")
	return cmd
}

// progressMin is the number of files from which add shows a progress bar
// (on a terminal only).
const progressMin = 20

func (a *app) runAdd(ctx context.Context, opts addOptions, args []string) error {
	if len(args) == 0 && !opts.samples {
		return usage("name the files or folders to add (or --samples for the sample documents)")
	}
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	ins, skipped := workspace.Inputs(args)
	for _, err := range skipped {
		fmt.Fprintln(a.stderr, "dutymap add:", err)
		if opts.json {
			enc.Encode(workspace.NotAdded(skippedPath(err), workspace.Skipped, err))
		}
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
	empty := 0
	report := func(r workspace.AddResult, err error) {
		if bar != nil {
			bar.Add(1)
		}
		if err != nil || len(r.Empty) > 0 {
			if bar != nil {
				bar.Clear()
			}
		}
		switch {
		case err != nil:
			// Interrupted, the files not reached are not each worth a line.
			if ctx.Err() == nil || !errors.Is(err, ctx.Err()) {
				fmt.Fprintln(a.stderr, "dutymap add:", err)
			}
			r = workspace.NotAdded(r.Name, workspace.Failed, err)
		case len(r.Empty) > 0:
			empty += len(r.Empty)
			where := "it"
			if len(r.Docs) > 1 {
				where = fmt.Sprintf("%s of its %d documents", plural(len(r.Empty), "one", "%d"), len(r.Docs))
			}
			fmt.Fprintf(a.stderr, "dutymap add: %s: no obligation found in %s (%s): is it a work plan?\n",
				r.Name, where, strings.Join(r.Empty, ", "))
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
		if empty > 0 {
			fmt.Fprintf(a.stdout, ", %s without obligations", plural(empty, "1 document", "%d documents"))
		}
		fmt.Fprintf(a.stdout, " — corpus %s\n", dir)
	}
	if sum.Failed > 0 {
		return fmt.Errorf("add: %d of %d files failed", sum.Failed, total)
	}
	return nil
}

// skippedPath returns the path a skip of workspace.Inputs names.
func skippedPath(err error) string {
	p, _, _ := strings.Cut(err.Error(), ": skipped")
	return p
}

// plural writes n as one when it is 1, else with many (a format of n).
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf(many, n)
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
	if opts.samples {
		ins = append(workspace.SampleInputs(), ins...)
	}
	// One group: the files' documents reach the index in a few updates,
	// not one per file.
	return w.AddFiles(ctx, ins, report)
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
