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
	JSON bool
}

func (a *app) newInspectCommand() *cobra.Command {
	var opts inspectOptions
	cmd := &cobra.Command{
		Use:   "inspect [FILE|DIR]...",
		Short: "Show the metadata and outline that dutymap reads from documents",
		Long: `inspect reads each file (text, Markdown, HTML or .docx; UTF-8, GB18030 or
UTF-16) and prints, for every document in it, its metadata (title, issuer,
document number, level and place, date, plan year, addressees, cc, references)
and its numbered outline. With no files it inspects the embedded sample corpus.
--json writes one JSON object per document (JSON Lines) with the outline's
spans, byte offsets into the document's normalised text. A file that cannot be
read is reported on stderr and the others are still printed; the exit status
is non-zero if any file failed.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runInspect(cmd.Context(), opts, args)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "write JSON Lines for machines")
	return cmd
}

// runInspect prints every document of the inputs named by args and returns
// an error when any file failed.
func (a *app) runInspect(ctx context.Context, opts inspectOptions, args []string) error {
	ins := a.listInputs("inspect", args)
	stdout := a.stdout
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	failed, err := a.eachDocument(ctx, ins, func(_ workspace.Input, docs []*corpus.Document, perr error) error {
		if perr != nil {
			_, err := fmt.Fprintln(a.stderr, "dutymap inspect:", perr)
			return err
		}
		for _, d := range docs {
			if opts.JSON {
				if err := enc.Encode(inspectRecordOf(d)); err != nil {
					return err
				}
				continue
			}
			if err := writeInspect(stdout, d, len(docs)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("inspect: %w", err)
	}
	if failed > 0 {
		return fmt.Errorf("inspect: %d of %d files failed", failed, len(ins))
	}
	return nil
}

// inspectRecord is the JSON form of a document: its metadata, body span
// and outline.
type inspectRecord struct {
	*corpus.Document
	Body    corpus.Span    `json:"body"`
	Length  int            `json:"length"` // bytes of normalised text
	Outline []inspectBlock `json:"outline"`
}

// inspectBlock is an outline block with its lead phrase written out.
type inspectBlock struct {
	Number   string         `json:"number"`
	Marker   corpus.Marker  `json:"marker"`
	Depth    int            `json:"depth"`
	Lead     string         `json:"lead"`
	Span     corpus.Span    `json:"span"`
	LeadSpan corpus.Span    `json:"lead_span"`
	BodySpan corpus.Span    `json:"body_span"`
	Children []inspectBlock `json:"children,omitempty"`
}

func inspectRecordOf(d *corpus.Document) inspectRecord {
	var conv func([]*corpus.Block) []inspectBlock
	conv = func(bs []*corpus.Block) []inspectBlock {
		out := make([]inspectBlock, 0, len(bs))
		for _, b := range bs {
			out = append(out, inspectBlock{
				Number: b.Number, Marker: b.Marker, Depth: b.Depth, Lead: d.Slice(b.Lead),
				Span: b.Span, LeadSpan: b.Lead, BodySpan: b.Body, Children: conv(b.Children),
			})
		}
		return out
	}
	return inspectRecord{Document: d, Body: d.Body, Length: len(d.Text), Outline: conv(d.Outline)}
}

// writeInspect prints one document for a person to read.
func writeInspect(w io.Writer, d *corpus.Document, parts int) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s — part %d of %d (%s, %s, %s)\n", d.Source, d.Part, parts, d.Format, d.Charset, d.ID)
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
