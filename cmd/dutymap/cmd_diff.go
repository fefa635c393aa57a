package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/internal/atomicfile"
	"github.com/dutymap/dutymap/workspace"
)

// reportOptions are the output flags shared by diff and compare.
type reportOptions struct {
	corpus corpusFlag // for stored document IDs and found uppers
	json   bool
	html   string // write a self-contained HTML page here too
	color  string // auto, always or never
}

func (o *reportOptions) register(cmd *cobra.Command) {
	o.corpus.register(cmd)
	cmd.Flags().BoolVar(&o.json, "json", false, "write the report as one JSON object")
	cmd.Flags().StringVar(&o.html, "html", "", "also write the report as a self-contained HTML page to `FILE`")
	cmd.Flags().StringVar(&o.color, "color", "auto", "colour the terminal report: auto (on a terminal), always or never")
}

// diffOptions are the flags of `dutymap diff`.
type diffOptions struct {
	reportOptions
}

func (a *app) newDiffCommand() *cobra.Command {
	var opts diffOptions
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show the duties added, removed, moved or changed between two versions of a document",
		Long: `diff aligns the obligations of two versions of a document (files, or IDs of
stored documents) and reports the duties added, removed, moved to another
section, reworded (changed characters marked), made more or less frequent
(每季度 → 每月), given an earlier or later deadline, given other lead or
supporting units, or another modality (要 → 必须 / 严禁).

A file holding several documents needs the part number: FILE#2.
The report goes to standard output, coloured on a terminal; --json writes it
as one JSON object, --html FILE also writes a side-by-side HTML page.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runDiff(cmd.Context(), opts, args)
		},
	}
	opts.register(cmd)
	return cmd
}

// runDiff diffs the documents named by args[0] (old) and args[1] (new).
func (a *app) runDiff(ctx context.Context, opts diffOptions, args []string) error {
	if err := opts.check(); err != nil {
		return fmt.Errorf("diff: %w", err)
	}
	ld, err := a.newDocLoader(opts.corpus)
	if err != nil {
		return fmt.Errorf("diff: %w", err)
	}
	defer ld.close()
	var sides [2]corpus.Parsed
	for i, arg := range args {
		if sides[i], err = ld.one(ctx, arg); err != nil {
			return fmt.Errorf("diff: %w", err)
		}
	}
	r := ld.eng.Diff(sides[0], sides[1])
	if err := writeReport(a.stdout, opts.reportOptions, r); err != nil {
		return fmt.Errorf("diff: %w", err)
	}
	return nil
}

func (o reportOptions) check() error {
	switch o.color {
	case "auto", "always", "never":
		return nil
	}
	return fmt.Errorf("unknown --color %q (want auto, always or never)", o.color)
}

// renderable is a report of diff or compare.
type renderable interface {
	WriteText(w io.Writer, color bool) error
	WriteHTML(w io.Writer) error
}

// writeReport writes r to stdout as text or JSON, and as HTML to opts.html
// when set (through a temporary file renamed into place).
func writeReport(stdout io.Writer, opts reportOptions, r renderable) error {
	if opts.html != "" {
		if err := writeHTMLFile(opts.html, r); err != nil {
			return err
		}
	}
	if opts.json {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(r)
	}
	return r.WriteText(stdout, useColor(opts.color, stdout))
}

// writeHTMLFile writes r's HTML page to path, whole or not at all.
func writeHTMLFile(path string, r renderable) error {
	return atomicfile.WriteFile(path, r.WriteHTML)
}

// useColor decides on ANSI colours: always, never, or (auto) when w is a
// terminal and $NO_COLOR is not set.
func useColor(mode string, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// docLoader turns command-line arguments into documents with their
// obligations: files (FILE#N picks one document of several) or the IDs of
// stored documents.
type docLoader struct {
	a      *app
	eng    *workspace.Engine
	corpus corpusFlag
	view   *workspace.View // opened for the first stored ID
}

func (a *app) newDocLoader(corpus corpusFlag) (*docLoader, error) {
	seg, err := a.segmenter()
	if err != nil {
		return nil, err
	}
	return &docLoader{a: a, eng: workspace.NewEngine(seg, workspace.Limits{}), corpus: corpus}, nil
}

func (l *docLoader) close() {
	if l.view != nil {
		l.a.closeView(l.view)
	}
}

// reader returns the corpus the arguments' IDs are looked up in.
func (l *docLoader) reader(ctx context.Context) (*workspace.View, error) {
	if l.view == nil {
		v, err := l.a.openView(ctx, l.corpus)
		if err != nil {
			return nil, err
		}
		l.view = v
	}
	return l.view, nil
}

var partSuffix = regexp.MustCompile(`#([0-9]+)$`)

// all returns every document arg names.
func (l *docLoader) all(ctx context.Context, arg string) ([]corpus.Parsed, error) {
	path, part := arg, 0
	if _, err := os.Stat(arg); err != nil {
		if m := partSuffix.FindStringSubmatch(arg); m != nil {
			path = strings.TrimSuffix(arg, m[0])
			part, _ = strconv.Atoi(m[1])
		}
	}
	if _, err := os.Stat(path); err != nil {
		if strings.HasPrefix(arg, "d-") {
			return l.stored(ctx, arg)
		}
		return nil, fmt.Errorf("%s: no such file or stored document", arg)
	}
	ins, skipped := workspace.Inputs([]string{path})
	if len(skipped) > 0 {
		return nil, skipped[0]
	}
	var out []corpus.Parsed
	for _, in := range ins {
		data, err := workspace.ReadInput(in, l.eng.Limits())
		if err != nil {
			return nil, err
		}
		ps, err := l.eng.Parse(ctx, in.Name, data)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			if part == 0 || p.Doc.Part == part {
				out = append(out, p)
			}
		}
	}
	if len(out) == 0 {
		if part > 0 {
			return nil, fmt.Errorf("%s: no document number %d in %s", arg, part, path)
		}
		return nil, fmt.Errorf("%s: no document found", arg)
	}
	return out, nil
}

// one returns the single document arg names.
func (l *docLoader) one(ctx context.Context, arg string) (corpus.Parsed, error) {
	ps, err := l.all(ctx, arg)
	if err != nil {
		return corpus.Parsed{}, err
	}
	if len(ps) > 1 {
		return corpus.Parsed{}, fmt.Errorf("%s holds %d documents; name one as %s#N (N from 1 to %d)", arg, len(ps), arg, len(ps))
	}
	return ps[0], nil
}

// stored reads a document of the corpus by its ID.
func (l *docLoader) stored(ctx context.Context, id string) ([]corpus.Parsed, error) {
	v, err := l.reader(ctx)
	if err != nil {
		return nil, err
	}
	p, err := v.Document(id)
	if err != nil {
		return nil, fmt.Errorf("%s: not a file, nor a document stored in %s: %w", id, v.Dir(), err)
	}
	return []corpus.Parsed{p}, nil
}
