package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/internal/width"
	"github.com/dutymap/dutymap/report"
	"github.com/dutymap/dutymap/workspace"
)

// extractOptions are the flags of `dutymap extract`.
type extractOptions struct {
	corpus corpusFlag
	format string // jsonl or table
	wide   bool   // table: every column whole, however wide
	width  int    // table: the columns to fit; 0 for the terminal's
}

func (a *app) newExtractCommand() *cobra.Command {
	var opts extractOptions
	cmd := &cobra.Command{
		Use:   "extract [FILE|DIR|ID|-]...",
		Short: "Print the obligations of documents as JSON Lines or a table",
		Long: `extract reads documents — files, folders, stored documents by ID (see dutymap
list) or standard input (-); the sample corpus when none is given — and writes,
for each document, a "document" record and then its "obligation" records as
JSON Lines (see SCHEMA.md), or with --format table one obligation a row: item,
units, frequency (每月1次, 每季度至少1次), deadline as written with its date,
and the text, cut to fit the terminal (--wide: whole).

A file that cannot be read or parsed, or an argument that names nothing, is
reported on standard error and the others are still processed; the exit
status is 1 if any failed.`,
		Example: `  dutymap extract plan.docx > plan.jsonl
  dutymap extract --format table plans/
  curl -s https://example.gov.cn/plan.html | dutymap extract -
  dutymap extract d-c1b427-1`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runExtract(cmd.Context(), opts, args)
		},
	}
	opts.corpus.register(cmd)
	cmd.Flags().StringVar(&opts.format, "format", "jsonl", "output format: jsonl or table")
	cmd.Flags().BoolVar(&opts.wide, "wide", false, "table: show every column whole, wider than the terminal if need be")
	return cmd
}

// runExtract extracts the obligations of the documents args name (the
// samples when none) and writes them to stdout.
func (a *app) runExtract(ctx context.Context, opts extractOptions, args []string) error {
	if opts.format != "jsonl" && opts.format != "table" {
		return usage("unknown --format %q (want jsonl or table)", opts.format)
	}
	w := bufio.NewWriter(a.stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var table *obligationTable
	if opts.format == "table" {
		table = &obligationTable{}
	}
	failed, total, err := a.eachLoaded(ctx, "extract", opts.corpus, args, false, func(l workspace.Loaded) error {
		for _, p := range l.Parsed {
			if table != nil {
				table.add(p)
				continue
			}
			drec, orecs := corpus.NewRecords(p.Doc, p.Obligations)
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
		cols := opts.width
		if cols == 0 {
			cols = terminalWidth(a.stdout)
		}
		if opts.wide {
			cols = 0
		}
		table.write(w, cols)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	if failed > 0 {
		return fmt.Errorf("extract: %d of %d inputs failed", failed, total)
	}
	return nil
}

// defaultWidth is the width a table fits when the output is no terminal.
const defaultWidth = 100

// terminalWidth returns the columns of the terminal w writes to, or
// defaultWidth when it is none.
func terminalWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
			return cols
		}
	}
	return defaultWidth
}

// obligationTable lays out obligations one a row for a person to read:
// each document under its title, columns padded by display width (a CJK
// character takes two cells).
type obligationTable struct {
	rows [][]string // a title row has one cell
}

func (t *obligationTable) add(p corpus.Parsed) {
	title := p.Doc.Title
	if title == "" {
		title = p.Doc.Source
	}
	t.rows = append(t.rows, []string{"# " + title})
	for _, o := range p.Obligations {
		var units []string
		for _, u := range o.Lead {
			units = append(units, u+"(牵头)")
		}
		for _, u := range o.Support {
			units = append(units, u+"(配合)")
		}
		units = append(units, o.Responsible...)
		var dls []string
		for _, d := range o.Deadlines {
			dls = append(dls, report.DeadlineLabel(d))
		}
		t.rows = append(t.rows, []string{
			report.PathText(o.Path), strings.Join(units, "、"),
			strings.Join(report.FrequencyLabels(o.Frequencies), "；"), strings.Join(dls, "；"),
			strings.Join(strings.Fields(o.Text), " "),
		})
	}
}

// minText is the fewest columns the text gets, however wide the others.
const minText = 20

// write writes the table to fit cols columns, cutting the text (the last
// column) and titles, never the other cells; every column whole when cols
// is 0. The other columns share three fifths of the width if they can:
// when their widest cells need more, the widest column is narrowed until
// they fit, though none below its widest part that cannot be broken; a cell
// wider than its column goes on over the next lines, broken after its
// separators (、 between units, ； between frequencies or deadlines), so
// that the columns stay aligned. When those parts need more, the text gets
// less than two fifths, minText at least; only beyond that do columns get
// narrower than a part, which then pushes the rest of its line.
func (t *obligationTable) write(w io.Writer, cols int) {
	header := []string{"ITEM", "UNITS", "FREQUENCY", "DEADLINE", "TEXT"}
	widths := make([]int, len(header)-1)
	for _, r := range append([][]string{header}, t.rows...) {
		if len(r) == len(header) {
			for i, c := range r[:len(widths)] {
				widths[i] = max(widths[i], width.Of(c))
			}
		}
	}
	if cols > 0 {
		budget := cols - max(minText, cols*2/5) - 2*len(widths)
		// least is how narrow a column may get: as its widest part that
		// cannot be broken (the item not at all).
		least := make([]int, len(widths))
		for _, r := range append([][]string{header}, t.rows...) {
			if len(r) != len(header) {
				continue
			}
			for i, c := range r[:len(widths)] {
				parts := cellLines(c, 0)
				if i == 0 {
					parts = []string{c}
				}
				for _, p := range parts {
					least[i] = max(least[i], width.Of(p))
				}
			}
		}
		narrow(widths, least, budget)
		// Wider still than leaves the text its minimum: narrower than
		// their parts (which then push the rest of their line), as narrow
		// as their headings.
		for i, h := range header[:len(widths)] {
			least[i] = width.Of(h)
		}
		narrow(widths, least, cols-minText-2*len(widths))
	}
	var b strings.Builder
	for _, r := range append([][]string{header}, t.rows...) {
		if len(r) != len(header) {
			if cols > 0 {
				r[0] = width.Truncate(r[0], cols)
			}
			fmt.Fprintln(w, r[0])
			continue
		}
		cells := make([][]string, len(widths))
		n := 1
		for i, c := range r[:len(widths)] {
			cells[i] = []string{c}
			if cols > 0 {
				cells[i] = cellLines(c, widths[i])
			}
			n = max(n, len(cells[i]))
		}
		for line := range n {
			b.Reset()
			pos, end := 0, 0
			for i, cell := range cells {
				end += widths[i] + 2
				c := ""
				if line < len(cell) {
					c = cell[line]
				}
				b.WriteString(c)
				pos += width.Of(c)
				pad := max(2, end-pos)
				b.WriteString(strings.Repeat(" ", pad))
				pos += pad
			}
			if line > 0 {
				fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
				continue
			}
			text := r[len(r)-1]
			if cols > 0 {
				text = width.Truncate(text, max(minText, cols-pos))
			}
			b.WriteString(text)
			fmt.Fprintln(w, b.String())
		}
	}
}

// narrow narrows the widest of widths, none below its least, until they
// add up to budget or can go no narrower.
func narrow(widths, least []int, budget int) {
	for sum(widths) > budget {
		i := -1
		for j := range widths {
			if widths[j] > least[j] && (i < 0 || widths[j] > widths[i]) {
				i = j
			}
		}
		if i < 0 {
			return
		}
		widths[i]--
	}
}

// cellLines breaks cell into lines of at most cols columns after its
// separators (、 ；); a part wider than cols stays whole on its line.
func cellLines(cell string, cols int) []string {
	if width.Of(cell) <= cols {
		return []string{cell}
	}
	var parts []string
	start := 0
	for i, r := range cell {
		if r == '、' || r == '；' {
			end := i + utf8.RuneLen(r)
			parts = append(parts, cell[start:end])
			start = end
		}
	}
	if start < len(cell) {
		parts = append(parts, cell[start:])
	}
	var lines []string
	line := ""
	for _, p := range parts {
		if line != "" && width.Of(line+p) > cols {
			lines = append(lines, line)
			line = ""
		}
		line += p
	}
	return append(lines, line)
}

func sum(ns []int) int {
	t := 0
	for _, n := range ns {
		t += n
	}
	return t
}
