package main

import (
	"context"
	"fmt"

	"github.com/dutymap/dutymap/workspace"
)

// engine returns an Engine on the process's segmenter.
func (a *app) engine() (*workspace.Engine, error) {
	seg, err := a.segmenter()
	if err != nil {
		return nil, err
	}
	return workspace.NewEngine(seg, workspace.Limits{}), nil
}

// lazyCorpus opens the corpus the first time an argument needs it — to
// look up a stored document's ID — so that a command given files alone
// opens none.
type lazyCorpus struct {
	a    *app
	ctx  context.Context
	flag corpusFlag
	view *workspace.View
	ids  *workspace.IDs
	err  error
}

func (a *app) lazyCorpus(ctx context.Context, f corpusFlag) *lazyCorpus {
	return &lazyCorpus{a: a, ctx: ctx, flag: f}
}

// reader returns the corpus, opening it (openView) on first use.
func (l *lazyCorpus) reader() (workspace.Reader, error) {
	if l.view == nil && l.err == nil {
		l.view, l.err = l.a.openView(l.ctx, l.flag)
	}
	if l.err != nil {
		return nil, l.err
	}
	return l.view, nil
}

// IDs returns the IDs of the corpus's documents, for workspace.Resolve.
func (l *lazyCorpus) IDs() (*workspace.IDs, error) {
	if l.ids != nil {
		return l.ids, nil
	}
	r, err := l.reader()
	if err != nil {
		return nil, err
	}
	l.ids, err = workspace.IDsOf(r)
	return l.ids, err
}

// sources are where workspace.Engine.Load finds standard input and stored
// documents.
func (l *lazyCorpus) sources(ingestOnly bool) workspace.Sources {
	return workspace.Sources{Stdin: l.a.stdin, Corpus: l.reader, Ingest: ingestOnly}
}

func (l *lazyCorpus) close() {
	if l.view != nil {
		l.a.closeView(l.view)
	}
}

// eachLoaded reads the documents args name, for extract and inspect — the
// sample corpus when there are none — and hands fn each input's result
// (workspace.Engine.Load). An argument that names nothing is reported on
// stderr under the command's name and counts as a failed input, as does
// a file that cannot be read or parsed; the paths a folder's walk leaves
// out are reported and do not count. It returns how many inputs failed of
// how many, and stops early only when fn returns an error or ctx ends.
func (a *app) eachLoaded(ctx context.Context, command string, f corpusFlag, args []string, ingestOnly bool, fn func(workspace.Loaded) error) (failed, total int, err error) {
	eng, err := a.engine()
	if err != nil {
		return 0, 0, err
	}
	report := func(l workspace.Loaded) error {
		if l.Err != nil {
			fmt.Fprintf(a.stderr, "dutymap %s: %v\n", command, l.Err)
			if l.Skipped {
				return nil
			}
			failed++
		}
		total++
		return fn(l)
	}
	if len(args) == 0 {
		for _, in := range workspace.SampleInputs() {
			if err := ctx.Err(); err != nil {
				return failed, total, err
			}
			if err := report(eng.LoadInput(ctx, in, ingestOnly)); err != nil {
				return failed, total, err
			}
		}
		return failed, total, nil
	}
	lc := a.lazyCorpus(ctx, f)
	defer lc.close()
	for _, arg := range args {
		r, err := workspace.ResolveDocument(arg, lc.IDs)
		if err != nil {
			if err := report(workspace.Loaded{Name: arg, Err: err}); err != nil {
				return failed, total, err
			}
			continue
		}
		if err := eng.Load(ctx, r, lc.sources(ingestOnly), report); err != nil {
			return failed, total, err
		}
	}
	return failed, total, nil
}
