package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/workspace"
)

// inspectOptions are the flags of `dutymap inspect`.
type inspectOptions struct {
	corpus corpusFlag
	JSON   bool
}

func (a *app) newInspectCommand() *cobra.Command {
	var opts inspectOptions
	cmd := &cobra.Command{
		Use:   "inspect [FILE|DIR|ID|-]...",
		Short: "Show the metadata and outline that dutymap reads from documents",
		Long: `inspect reads documents — files (text, Markdown, HTML or .docx; UTF-8, GB18030
or UTF-16), folders, stored documents by ID (see dutymap list) or standard
input (-) — and prints, for every document, its metadata (title, issuer,
document number, level and place, date, plan year, addressees, cc,
references) and its numbered outline. With none given it inspects the
embedded sample corpus. --json writes one JSON object per document (JSON
Lines, see docs/json.md) with the outline's spans in characters of the
document's normalised text. A file that cannot be read, or an argument that
names nothing, is reported on stderr and the others are still printed; the
exit status is 1 if any failed.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runInspect(cmd.Context(), opts, args)
		},
	}
	opts.corpus.register(cmd)
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "write JSON Lines for machines")
	return cmd
}

// runInspect prints every document args name and returns an error when
// any input failed.
func (a *app) runInspect(ctx context.Context, opts inspectOptions, args []string) error {
	stdout := a.stdout
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	failed, total, err := a.eachLoaded(ctx, "inspect", opts.corpus, args, true, func(l workspace.Loaded) error {
		for _, p := range l.Parsed {
			if opts.JSON {
				if err := enc.Encode(workspace.NewInspectJSON(p.Doc)); err != nil {
					return err
				}
				continue
			}
			if err := writeInspect(stdout, p.Doc, len(l.Parsed)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("inspect: %w", err)
	}
	if failed > 0 {
		return fmt.Errorf("inspect: %d of %d inputs failed", failed, total)
	}
	return nil
}

// writeInspect prints one document for a person to read.
func writeInspect(w io.Writer, d *corpus.Document, parts int) error {
	var b strings.Builder
	of := ""
	if parts >= d.Part {
		of = fmt.Sprintf(" of %d", parts)
	}
	fmt.Fprintf(&b, "%s — part %d%s (%s, %s, %s)\n", d.Source, d.Part, of, d.Format, d.Charset, d.ID)
	field := func(name, value string) {
		if value == "" {
			value = "—"
		}
		fmt.Fprintf(&b, "  %-11s %s\n", name+":", value)
	}
	field("title", d.Title)
	field("issuer", d.Issuer)
	field("doc number", d.DocNumber)
	level := string(d.Level)
	if len(d.Region) > 0 {
		var chain []string
		for _, p := range d.Region {
			chain = append(chain, p.Name)
		}
		level += fmt.Sprintf("  %s (%s)", strings.Join(chain, " < "), d.Place.Code)
	}
	field("level", level)
	field("date", d.Date)
	year := ""
	if d.PlanYear != 0 {
		year = fmt.Sprint(d.PlanYear)
	}
	field("plan year", year)
	field("addressees", strings.Join(d.Addressees, "、"))
	field("cc", strings.Join(d.CC, "、"))
	var refs []string
	for _, r := range d.References {
		s := "《" + r.Title + "》"
		if r.Number != "" {
			s += "（" + r.Number + "）"
		}
		refs = append(refs, s)
	}
	field("references", strings.Join(refs, " "))
	n := 0
	d.Walk(func(*corpus.Block, []*corpus.Block) bool { n++; return true })
	fmt.Fprintf(&b, "  outline:    %d items\n", n)
	d.Walk(func(bl *corpus.Block, anc []*corpus.Block) bool {
		fmt.Fprintf(&b, "    %s%s %s\n", strings.Repeat("  ", len(anc)), bl.Number, d.Slice(bl.Lead))
		return true
	})
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}
