package workspace

import (
	"context"
	"fmt"
	"io"
	"path"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/ingest"
	"github.com/dutymap/dutymap/internal/readcap"
)

// Sources are where Load finds what an argument names besides files.
type Sources struct {
	// Stdin is read for the argument "-".
	Stdin io.Reader
	// Corpus returns the corpus whose stored documents IDs name; it is
	// called at the first one.
	Corpus func() (Reader, error)
	// Ingest leaves extraction out: the documents come without
	// obligations, as ingest reads them (a stored document keeps its own).
	Ingest bool
}

// Loaded is what one input gave: the documents of a file, of standard
// input or a stored document — or why there are none.
type Loaded struct {
	Name   string // the file as named, "-", or the stored document's ID
	Parsed []corpus.Parsed
	// Err says why the input gave nothing: it could not be read or parsed
	// (its name is in Err), or it was Skipped.
	Err error
	// Skipped is set for a path a folder's walk left out (Inputs): no
	// failure of the run.
	Skipped bool
}

// Load reads the documents that arg (Resolve) names and hands them to fn,
// one input at a time: each file of a folder (Inputs, with the paths it
// leaves out as Skipped), a file (only its document arg.Part, when set),
// standard input, or a stored document. A file that cannot be read or
// parsed is handed over with its error and the others still follow; Load
// stops early only when fn returns an error, which it returns, or ctx
// ends. A query is no input: Load refuses it.
func (e *Engine) Load(ctx context.Context, arg Arg, src Sources, fn func(Loaded) error) error {
	switch arg.Kind {
	case ArgStdin:
		return fn(e.loadStdin(ctx, src))
	case ArgStored:
		l := Loaded{Name: arg.ID}
		r, err := src.Corpus()
		if err == nil {
			var p corpus.Parsed
			if p, err = r.Document(arg.ID); err == nil {
				l.Parsed = []corpus.Parsed{p}
			}
		}
		l.Err = err
		return fn(l)
	case ArgPath:
	default:
		return &NotDocumentError{Arg: arg.Text}
	}
	ins, skipped := Inputs([]string{arg.Path})
	for _, err := range skipped {
		if ferr := fn(Loaded{Name: arg.Path, Err: err, Skipped: true}); ferr != nil {
			return ferr
		}
	}
	for _, in := range ins {
		if err := ctx.Err(); err != nil {
			return err
		}
		l := e.LoadInput(ctx, in, src.Ingest)
		if arg.Part > 0 && l.Err == nil {
			l.Parsed = part(l.Parsed, arg.Part)
			if len(l.Parsed) == 0 {
				l.Err = fmt.Errorf("%s: no document number %d in it", arg.Text, arg.Part)
			}
		}
		if err := fn(l); err != nil {
			return err
		}
	}
	return nil
}

func part(ps []corpus.Parsed, n int) []corpus.Parsed {
	for _, p := range ps {
		if p.Doc.Part == n {
			return []corpus.Parsed{p}
		}
	}
	return nil
}

// LoadInput reads and parses one input (Parse; only ingest.Parse when
// ingestOnly).
func (e *Engine) LoadInput(ctx context.Context, in Input, ingestOnly bool) Loaded {
	l := Loaded{Name: in.Name}
	data, err := ReadInput(in, e.limits)
	if err == nil {
		l.Parsed, err = e.parse(ctx, in.Name, data, ingestOnly)
	}
	l.Err = err
	return l
}

// loadStdin reads standard input, keeping to the limit on a file's size.
func (e *Engine) loadStdin(ctx context.Context, src Sources) Loaded {
	l := Loaded{Name: Stdin}
	if src.Stdin == nil {
		l.Err = fmt.Errorf("%s: no standard input", Stdin)
		return l
	}
	max := e.limits.maxFile()
	data, err := io.ReadAll(io.LimitReader(src.Stdin, max+1))
	switch {
	case err != nil:
		l.Err = fmt.Errorf("standard input: %w", err)
	case int64(len(data)) > max:
		l.Err = fmt.Errorf("standard input: larger than %s", readcap.Size(max))
	default:
		l.Parsed, l.Err = e.parse(ctx, Stdin, data, src.Ingest)
	}
	return l
}

func (e *Engine) parse(ctx context.Context, name string, data []byte, ingestOnly bool) ([]corpus.Parsed, error) {
	if !ingestOnly {
		return e.Parse(ctx, name, data)
	}
	if Generated(data) {
		return nil, fmt.Errorf("%s: a page dutymap wrote (a report), not a document", name)
	}
	docs, err := ingest.Parse(path.Base(name), data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	out := make([]corpus.Parsed, len(docs))
	for i, d := range docs {
		d.Source = name
		out[i] = corpus.Parsed{Doc: d}
	}
	return out, nil
}

// LoadAll returns every document arg names (Load), or the first error.
func (e *Engine) LoadAll(ctx context.Context, arg Arg, src Sources) ([]corpus.Parsed, error) {
	var out []corpus.Parsed
	err := e.Load(ctx, arg, src, func(l Loaded) error {
		if l.Err != nil && !l.Skipped {
			return l.Err
		}
		out = append(out, l.Parsed...)
		return nil
	})
	if err == nil && len(out) == 0 {
		err = fmt.Errorf("%s: no document found", arg.Text)
	}
	return out, err
}

// LoadOne returns the one document arg names: a file of several needs its
// part named (FILE#N).
func (e *Engine) LoadOne(ctx context.Context, arg Arg, src Sources) (corpus.Parsed, error) {
	ps, err := e.LoadAll(ctx, arg, src)
	if err != nil {
		return corpus.Parsed{}, err
	}
	if len(ps) > 1 {
		return corpus.Parsed{}, fmt.Errorf("%s holds %d documents; name one as %s#N (N from 1 to %d)", arg.Text, len(ps), arg.Text, len(ps))
	}
	return ps[0], nil
}
