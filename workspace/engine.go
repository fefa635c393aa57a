package workspace

import (
	"context"
	"fmt"
	"path"
	"runtime"
	"runtime/debug"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/extract"
	"github.com/dutymap/dutymap/ingest"
	"github.com/dutymap/dutymap/internal/readcap"
	"github.com/dutymap/dutymap/segment"
)

// Limits bound the work one file may ask for. Memory grows with the text
// extract and index work on, so the text is capped, not only the bytes:
// a 1 MB .docx can hold 20 MB of text.
type Limits struct {
	// MaxFile is the largest source file read, in bytes (ingest.MaxSize
	// when 0).
	MaxFile int64
	// MaxText is the most normalised text, in bytes, of the documents of
	// one file; a file with more is refused after ingest and before
	// extraction, which is where time and memory go (DefaultMaxText when 0).
	MaxText int
}

// DefaultMaxText caps the text of one file: 4 MiB, about 1.4 million
// characters, ten times the longest work plan seen. Adding a file costs
// about 250 bytes of memory per byte of text today (peak RSS of `dutymap
// add`: 309 MB for 1 MB of text, 559 MB for 2 MB), so one file stays near
// 1 GB at worst; at issue 13's target (20 bytes per byte and a base) the
// same cap means 400 MB.
const DefaultMaxText = 4 << 20

// MaxFileSize returns the largest source file read, in bytes: MaxFile,
// or its default.
func (l Limits) MaxFileSize() int64 { return l.maxFile() }

func (l Limits) maxFile() int64 {
	if l.MaxFile > 0 {
		return l.MaxFile
	}
	return ingest.MaxSize
}

func (l Limits) maxText() int {
	if l.MaxText > 0 {
		return l.MaxText
	}
	return DefaultMaxText
}

// TooLargeError is returned for a file whose documents hold more text than
// Limits.MaxText.
type TooLargeError struct {
	Name  string
	Text  int // bytes of normalised text of its documents
	Limit int
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: %s of text, more than the %s dutymap reads from one file; split it into its parts and add those",
		e.Name, readcap.Size(int64(e.Text)), readcap.Size(int64(e.Limit)))
}

// Engine runs the stages that need no corpus: ingest and extract (Parse),
// diff and cross-level comparison. It is safe for concurrent use.
type Engine struct {
	seg    *segment.Segmenter
	ext    *extract.Extractor
	limits Limits
	// slots bounds the parses running at once, including those whose
	// caller gave up on them (see run): a runaway file can hold a core, not
	// all of them.
	slots chan struct{}
}

// NewEngine returns an Engine that cuts words with seg and keeps to lim.
func NewEngine(seg *segment.Segmenter, lim Limits) *Engine {
	return &Engine{seg: seg, ext: extract.New(seg), limits: lim, slots: make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))}
}

// Segmenter returns the segmenter the Engine cuts words with.
func (e *Engine) Segmenter() *segment.Segmenter { return e.seg }

// Limits returns the limits the Engine keeps to.
func (e *Engine) Limits() Limits { return e.limits }

// Parse turns the bytes of one file into its Documents and their
// Obligations: ingest.Parse (with name's base for format sniffing), then
// extract; each Document's Source is name. A file over Limits.MaxFile is
// refused before it is read further, one whose documents hold more than
// Limits.MaxText of text before extraction (*TooLargeError). Parse returns
// as soon as ctx ends (its error is then ctx's); the work already begun
// finishes in the background and is dropped. Errors name the file.
func (e *Engine) Parse(ctx context.Context, name string, data []byte) ([]corpus.Parsed, error) {
	if int64(len(data)) > e.limits.maxFile() {
		return nil, fmt.Errorf("%s: file is larger than %s", name, readcap.Size(e.limits.maxFile()))
	}
	return run(ctx, e, func() ([]corpus.Parsed, error) {
		docs, err := ingest.Parse(path.Base(name), data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		text := 0
		for _, d := range docs {
			text += len(d.Text)
		}
		if text > e.limits.maxText() {
			return nil, &TooLargeError{Name: name, Text: text, Limit: e.limits.maxText()}
		}
		out := make([]corpus.Parsed, 0, len(docs))
		for _, d := range docs {
			d.Source = name
			out = append(out, corpus.Parsed{Doc: d, Obligations: e.ext.Extract(d)})
		}
		return out, nil
	})
}

// Diff compares two versions of a document (compare.Diff).
func (e *Engine) Diff(old, new corpus.Parsed) *compare.DiffReport {
	return compare.Diff(e.seg, old, new)
}

// Compare checks the lower-level document lower against the upper-level
// ones (compare.Levels), returning when ctx ends as Parse does.
func (e *Engine) Compare(ctx context.Context, lower corpus.Parsed, uppers []corpus.Parsed) (*compare.LevelReport, error) {
	return run(ctx, e, func() (*compare.LevelReport, error) {
		return compare.Levels(e.seg, lower, uppers)
	})
}

// run runs fn in a parse slot and returns its result, or ctx's error as
// soon as ctx ends: stages that take no context (ingest, extract, compare)
// cannot be stopped, but their caller need not wait for them. A panic in
// fn is returned as an error.
func run[T any](ctx context.Context, e *Engine, fn func() (T, error)) (T, error) {
	var zero T
	select {
	case e.slots <- struct{}{}:
	case <-ctx.Done():
		return zero, context.Cause(ctx)
	}
	type result struct {
		v   T
		err error
	}
	ch := make(chan result, 1)
	go func() {
		defer func() { <-e.slots }()
		defer func() {
			if p := recover(); p != nil {
				ch <- result{err: fmt.Errorf("internal error: %v\n\n%s", p, debug.Stack())}
			}
		}()
		v, err := fn()
		ch <- result{v, err}
	}()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
		return zero, context.Cause(ctx)
	}
}
