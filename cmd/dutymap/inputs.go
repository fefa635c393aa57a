package main

import (
	"context"
	"fmt"
	"path"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/ingest"
	"github.com/dutymap/dutymap/workspace"
)

// listInputs expands args into files (workspace.Inputs), reporting the
// paths skipped to stderr under the command's name; no args give the
// embedded sample corpus.
func (a *app) listInputs(command string, args []string) []workspace.Input {
	if len(args) == 0 {
		return workspace.SampleInputs()
	}
	ins, skipped := workspace.Inputs(args)
	for _, err := range skipped {
		fmt.Fprintf(a.stderr, "dutymap %s: %v\n", command, err)
	}
	return ins
}

// eachParsed reads each input and hands fn its Documents with their
// Obligations (Engine.Parse), or the error that stopped the file. A bad
// file does not stop the others; it returns how many failed, and stops
// early only when fn returns an error or ctx ends.
func (a *app) eachParsed(ctx context.Context, ins []workspace.Input, fn func(in workspace.Input, ps []corpus.Parsed, err error) error) (failed int, err error) {
	seg, err := a.segmenter()
	if err != nil {
		return 0, err
	}
	eng := workspace.NewEngine(seg, workspace.Limits{})
	for _, in := range ins {
		if err := ctx.Err(); err != nil {
			return failed, err
		}
		data, err := workspace.ReadInput(in, workspace.Limits{})
		var ps []corpus.Parsed
		if err == nil {
			ps, err = eng.Parse(ctx, in.Name, data)
		}
		if err != nil {
			failed++
		}
		if ferr := fn(in, ps, err); ferr != nil {
			return failed, ferr
		}
	}
	return failed, nil
}

// eachDocument reads and ingests each input (no extraction) and hands fn
// its Documents, as eachParsed does.
func (a *app) eachDocument(ctx context.Context, ins []workspace.Input, fn func(in workspace.Input, docs []*corpus.Document, err error) error) (failed int, err error) {
	for _, in := range ins {
		if err := ctx.Err(); err != nil {
			return failed, err
		}
		data, err := workspace.ReadInput(in, workspace.Limits{})
		var docs []*corpus.Document
		if err == nil {
			docs, err = ingest.Parse(path.Base(in.Name), data)
			for _, d := range docs {
				d.Source = in.Name
			}
		}
		if err != nil {
			failed++
			if data != nil {
				err = fmt.Errorf("%s: %w", in.Name, err)
			}
		}
		if ferr := fn(in, docs, err); ferr != nil {
			return failed, ferr
		}
	}
	return failed, nil
}
