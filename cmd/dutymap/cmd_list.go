package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/internal/width"
)

// listOptions are the flags of `dutymap list`.
type listOptions struct {
	corpus corpusFlag
	all    bool
	json   bool
}

func (a *app) newListCommand() *cobra.Command {
	var opts listOptions
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the documents of the corpus",
		Long: `list shows the current documents of the corpus, oldest first: level, issuer,
document number, date, number of obligations and title. With --all, older
versions replaced by a newer one are listed too, marked "old".`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runList(cmd.Context(), opts)
		},
	}
	opts.corpus.register(cmd)
	cmd.Flags().BoolVar(&opts.all, "all", false, "also list versions that a newer one replaced")
	cmd.Flags().BoolVar(&opts.json, "json", false, "write one JSON object per document")
	return cmd
}

func (a *app) runList(ctx context.Context, opts listOptions) error {
	v, err := a.openView(ctx, opts.corpus)
	if err != nil {
		return err
	}
	defer a.closeView(v)
	docs, err := v.List()
	if err != nil {
		return err
	}
	for _, d := range v.Store().Damaged() {
		fmt.Fprintf(a.stderr, "dutymap list: left out the damaged record %s (%v); the next add or reindex repairs it\n", d.Path, d.Err)
	}
	stdout, dir := a.stdout, v.Dir()
	if opts.json {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		for _, d := range docs {
			if d.Current() || opts.all {
				if err := enc.Encode(d); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if len(docs) == 0 {
		fmt.Fprintf(stdout, "corpus %s is empty: add documents with `dutymap add FILE...`\n", dir)
		return nil
	}
	rows := [][]string{{"LEVEL", "ISSUER", "NUMBER", "DATE", "OBLIGATIONS", "TITLE"}}
	for _, d := range docs {
		if !d.Current() && !opts.all {
			continue
		}
		title := d.Title
		if !d.Current() {
			title += "  (old)"
		}
		rows = append(rows, []string{dash(string(d.Level)), dash(d.Issuer), dash(d.DocNumber), dash(d.Date), strconv.Itoa(d.Obligations), dash(title)})
	}
	if err := writeTable(stdout, rows); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d documents in %s\n", len(rows)-1, dir)
	return nil
}

// writeTable writes rows in columns padded to the widest cell, counting a
// Chinese character as two columns as terminals show it (tabwriter counts
// it as one).
func writeTable(w io.Writer, rows [][]string) error {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], width.Of(c))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-width.Of(c)+2))
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
