package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/store"
	"github.com/dutymap/dutymap/workspace"
)

// corpusFlag is the --corpus flag every command that reads or writes a
// corpus has.
type corpusFlag struct{ dir string }

func (f *corpusFlag) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.dir, "corpus", "", "corpus directory (default $DUTYMAP_HOME, else $XDG_DATA_HOME/dutymap or ~/.local/share/dutymap)")
}

// resolve returns the corpus directory to use, and whether the user named
// it (--corpus or $DUTYMAP_HOME).
func (f corpusFlag) resolve() (dir string, explicit bool, err error) {
	if f.dir != "" {
		return f.dir, true, nil
	}
	return workspace.DefaultDir()
}

func (a *app) options(role string) workspace.Options {
	return workspace.Options{Segmenter: a.segmenter, Role: role}
}

// openView opens the corpus for reading. A corpus the user named must
// exist: reading never creates one, so a mistyped --corpus is an error.
// With none named and none made yet, the sample corpus is read instead,
// and stderr says so.
func (a *app) openView(ctx context.Context, f corpusFlag) (*workspace.View, error) {
	dir, explicit, err := f.resolve()
	if err != nil {
		return nil, err
	}
	v, err := workspace.OpenView(ctx, dir, a.options(""))
	switch {
	case err == nil:
		return v, nil
	case !errors.Is(err, store.ErrNotCorpus):
		return nil, err
	case explicit:
		return nil, fmt.Errorf("no corpus at %s: add documents to it with `dutymap add --corpus %s FILE...`", dir, dir)
	}
	v, err = workspace.OpenSamples(ctx, a.options(""))
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(a.stderr, "dutymap: no corpus at %s yet; reading the sample corpus (add your documents with `dutymap add FILE...`)\n", dir)
	return v, nil
}

// closeView closes v and prints what it repaired on the way.
func (a *app) closeView(v *workspace.View) {
	for _, r := range v.Repairs() {
		fmt.Fprintln(a.stderr, "dutymap: repaired:", r)
	}
	v.Close()
}

// openWorkspace opens the corpus for writing as role, creating it, and
// prints what opening it repaired. It fails at once when another process
// holds the corpus (*store.LockedError).
func (a *app) openWorkspace(ctx context.Context, f corpusFlag, role string) (*workspace.Workspace, error) {
	dir, _, err := f.resolve()
	if err != nil {
		return nil, err
	}
	w, err := workspace.Open(ctx, dir, a.options(role))
	if err != nil {
		return nil, err
	}
	for _, r := range w.Repairs() {
		fmt.Fprintln(a.stderr, "dutymap: repaired:", r)
	}
	return w, nil
}

// hold makes w answer other processes' searches and take their files
// while this command works on it (workspace.Serve); the returned function
// stops that and waits for the requests in hand to finish — unless ctx
// ended (Ctrl-C, SIGTERM), which ends them too.
func (a *app) hold(ctx context.Context, w *workspace.Workspace) func() {
	ctx, cancel := context.WithCancelCause(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := w.Serve(ctx); err != nil {
			fmt.Fprintln(a.stderr, "dutymap: others cannot search this corpus while this runs:", err)
		}
	}()
	return func() {
		cancel(workspace.ErrStopServing)
		wg.Wait()
	}
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
