package main

import (
	"context"
	"fmt"
	"io"
	"os"

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
		Long: `diff aligns the obligations of two versions of a document (files, "-" for
standard input, or stored documents by ID or the start of one) and reports the duties added, removed, moved to another
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
		return err
	}
	ld, err := a.newDocLoader(ctx, opts.corpus)
	if err != nil {
		return fmt.Errorf("diff: %w", err)
	}
	defer ld.close()
	var sides [2]corpus.Parsed
	for i, arg := range args {
		if sides[i], err = ld.one(arg); err != nil {
			return fmt.Errorf("diff: %w", err)
		}
	}
	r := ld.eng.Diff(sides[0], sides[1])
	if err := writeReport(a.stdout, opts.reportOptions, r, workspace.NewDiffJSON(r, sides[0], sides[1])); err != nil {
		return fmt.Errorf("diff: %w", err)
	}
	return nil
}

func (o reportOptions) check() error {
	switch o.color {
	case "auto", "always", "never":
		return nil
	}
	return usage("unknown --color %q (want auto, always or never)", o.color)
}

// renderable is a report of diff or compare.
type renderable interface {
	WriteText(w io.Writer, color bool) error
	WriteHTML(w io.Writer) error
}

// writeReport writes r to stdout as text, or v, r's JSON, with --json; and
// r as HTML to opts.html when set (through a temporary file renamed into
// place).
func writeReport(stdout io.Writer, opts reportOptions, r renderable, v any) error {
	if opts.html != "" {
		if err := writeHTMLFile(opts.html, r); err != nil {
			return err
		}
	}
	if opts.json {
		return writeJSON(stdout, v)
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
// obligations: files (FILE#N picks one document of several), "-", or
// stored documents by ID (workspace.ResolveDocument and Engine.Load).
type docLoader struct {
	ctx context.Context
	eng *workspace.Engine
	*lazyCorpus
}

func (a *app) newDocLoader(ctx context.Context, f corpusFlag) (*docLoader, error) {
	eng, err := a.engine()
	if err != nil {
		return nil, err
	}
	return &docLoader{ctx: ctx, eng: eng, lazyCorpus: a.lazyCorpus(ctx, f)}, nil
}

// all returns every document arg names.
func (l *docLoader) all(arg string) ([]corpus.Parsed, error) {
	r, err := workspace.ResolveDocument(arg, l.IDs)
	if err != nil {
		return nil, err
	}
	return l.eng.LoadAll(l.ctx, r, l.sources(false))
}

// one returns the single document arg names.
func (l *docLoader) one(arg string) (corpus.Parsed, error) {
	r, err := workspace.ResolveDocument(arg, l.IDs)
	if err != nil {
		return corpus.Parsed{}, err
	}
	return l.eng.LoadOne(l.ctx, r, l.sources(false))
}
