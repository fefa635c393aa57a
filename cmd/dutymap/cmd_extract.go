package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/internal/width"
	"github.com/dutymap/dutymap/workspace"
)

// extractOptions are the flags of `dutymap extract`.
type extractOptions struct {
	format string // jsonl or table
}

func (a *app) newExtractCommand() *cobra.Command {
	var opts extractOptions
	cmd := &cobra.Command{
		Use:   "extract [FILE|DIR]...",
		Short: "Print the obligations of documents as JSON Lines or a table",
		Long: `extract reads documents (the sample corpus when no file is given) and writes,
for each document, a "document" record and then its "obligation" records as
JSON Lines (see SCHEMA.md), or with --format table one obligation a row:
path, units, frequency, deadline and the start of its text.

A file that cannot be read or parsed is reported on standard error and the
others are still processed; the exit status is non-zero if any file failed.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runExtract(cmd.Context(), opts, args)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "jsonl", "output format: jsonl or table")
	return cmd
}

// runExtract extracts the obligations of the documents in args (files or
// directories; the samples when empty) and writes them to stdout.
func (a *app) runExtract(ctx context.Context, opts extractOptions, args []string) error {
	if opts.format != "jsonl" && opts.format != "table" {
		return fmt.Errorf("extract: unknown format %q (want jsonl or table)", opts.format)
	}
	ins := a.listInputs("extract", args)
	w := bufio.NewWriter(a.stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var table *obligationTable
	if opts.format == "table" {
		table = &obligationTable{}
	}
	failed, err := a.eachParsed(ctx, ins, func(_ workspace.Input, ps []corpus.Parsed, perr error) error {
		if perr != nil {
			fmt.Fprintln(a.stderr, "dutymap extract:", perr)
			return nil
		}
		for _, p := range ps {
			drec, orecs := corpus.NewRecords(p.Doc, p.Obligations)
			if table != nil {
				table.add(p.Doc, orecs)
				continue
			}
			if err := enc.Encode(drec); err != nil {
				return err
			}
			for i := range orecs {
				if err := enc.Encode(&orecs[i]); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	if table != nil {
		table.write(w)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	if failed > 0 {
		return fmt.Errorf("extract: %d of %d files failed", failed, len(ins))
	}
	return nil
}

// obligationTable lays out obligations one a row for a person to read,
// padding columns by display width (a CJK character takes two cells).
type obligationTable struct {
	rows [][]string
}

func (t *obligationTable) add(d *corpus.Document, obs []corpus.ObligationRecord) {
	title := d.Title
	if title == "" {
		title = d.Source
	}
	t.rows = append(t.rows, []string{"# " + title})
	for _, o := range obs {
		var units []string
		for _, u := range o.Lead {
			units = append(units, u+"(牵头)")
		}
		for _, u := range o.Support {
			units = append(units, u+"(配合)")
		}
		units = append(units, o.Responsible...)
		var freqs, dls []string
		for _, f := range o.Frequencies {
			freqs = append(freqs, fmt.Sprintf("%d/%s", f.Count, f.Period))
		}
		for _, x := range o.Deadlines {
			dls = append(dls, x.Date)
		}
		t.rows = append(t.rows, []string{
			strings.Join(o.Path, "."), clip(strings.Join(units, "、"), 30),
			strings.Join(freqs, ","), strings.Join(dls, ","), clip(o.Text, 40),
		})
	}
}

func (t *obligationTable) write(w io.Writer) {
	header := []string{"PATH", "UNITS", "FREQUENCY", "DEADLINE", "TEXT"}
	widths := make([]int, len(header))
	for _, r := range append([][]string{header}, t.rows...) {
		if len(r) != len(header) {
			continue
		}
		for i, c := range r {
			widths[i] = max(widths[i], width.Of(c))
		}
	}
	for _, r := range append([][]string{header}, t.rows...) {
		if len(r) != len(header) {
			fmt.Fprintln(w, r[0])
			continue
		}
		for i, c := range r {
			if i == len(r)-1 {
				fmt.Fprintln(w, c)
				break
			}
			fmt.Fprint(w, c, strings.Repeat(" ", widths[i]-width.Of(c)+2))
		}
	}
}

// clip shortens s to n runes, marking the cut with …, and puts it on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
