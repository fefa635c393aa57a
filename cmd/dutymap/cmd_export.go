package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/internal/atomicfile"
	"github.com/dutymap/dutymap/report"
	"github.com/dutymap/dutymap/workspace"
)

// exportOptions are the flags of `dutymap export`.
type exportOptions struct {
	corpus corpusFlag
	xlsx   string
	csv    string
	query  index.Query
}

func (a *app) newExportCommand() *cobra.Command {
	var opts exportOptions
	cmd := &cobra.Command{
		Use:   "export (--xlsx FILE | --csv FILE) [DOC | QUERY...]",
		Short: "Write the task breakdown table (任务分解表) of a document or a search",
		Long: `export writes the task breakdown table — 序号, 工作任务, 牵头单位, 配合单位, 频次,
完成时限, 出处, one row per obligation — as an Excel workbook (--xlsx: frozen
header row with filters) or as CSV (--csv: UTF-8 with a byte order mark, so
that Excel reads it right), or both.

DOC is a document file (read and analysed, not stored) or the ID of a stored
document (d-…, see dutymap list). Anything else is a search of the corpus, as
with dutymap search, narrowed by the same flags; the table then holds the hits
in order of relevance.`,
		Example: `  dutymap export --xlsx 任务分解表.xlsx plan.docx
  dutymap export --csv tasks.csv d-3f9a0c11de
  dutymap export --xlsx 燃气.xlsx 燃气 --level county --limit 500`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runExport(cmd.Context(), opts, args)
		},
	}
	opts.corpus.register(cmd)
	cmd.Flags().StringVar(&opts.xlsx, "xlsx", "", "write the table to this Excel file")
	cmd.Flags().StringVar(&opts.csv, "csv", "", "write the table to this CSV file")
	registerQuery(cmd, &opts.query, 1000, "search: ")
	return cmd
}

func (a *app) runExport(ctx context.Context, opts exportOptions, args []string) error {
	if opts.xlsx == "" && opts.csv == "" {
		return errors.New("export: say where to write the table: --xlsx FILE or --csv FILE")
	}
	var tab *report.Table
	var err error
	switch {
	case len(args) == 1 && isFile(args[0]):
		tab, err = a.exportFile(ctx, args[0])
	case len(args) == 1 && strings.HasPrefix(args[0], "d-") && !strings.ContainsAny(args[0], " \t"):
		tab, err = a.exportStored(ctx, opts.corpus, args[0])
	default:
		opts.query.Text = strings.Join(args, " ")
		tab, err = a.exportSearch(ctx, opts)
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	for _, out := range []struct {
		name  string
		write func(io.Writer) error
	}{{opts.xlsx, tab.WriteXLSX}, {opts.csv, tab.WriteCSV}} {
		if out.name == "" {
			continue
		}
		if err := atomicfile.WriteFile(out.name, out.write); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		fmt.Fprintf(a.stdout, "%s: %d tasks\n", out.name, len(tab.Rows))
	}
	return nil
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// exportFile reads and analyses a document file without storing it: the
// table holds the obligations of all its documents.
func (a *app) exportFile(ctx context.Context, name string) (*report.Table, error) {
	tab := &report.Table{}
	_, err := a.eachParsed(ctx, []workspace.Input{{Name: name, Path: name}}, func(_ workspace.Input, ps []corpus.Parsed, err error) error {
		if err != nil {
			return err
		}
		for _, p := range ps {
			if tab.Title == "" {
				tab.Title = p.Doc.Title
			}
			tab.Add(p.Doc, p.Obligations...)
		}
		return nil
	})
	return tab, err
}

// exportStored reads a document of the corpus.
func (a *app) exportStored(ctx context.Context, f corpusFlag, id string) (*report.Table, error) {
	v, err := a.openView(ctx, f)
	if err != nil {
		return nil, err
	}
	defer a.closeView(v)
	p, err := v.Document(id)
	if err != nil {
		return nil, err
	}
	return report.NewTable(p.Doc, p.Obligations), nil
}

// exportSearch searches the corpus and tabulates the hits, in order, with
// the stored obligations behind them.
func (a *app) exportSearch(ctx context.Context, opts exportOptions) (*report.Table, error) {
	if err := checkQuery(opts.query); err != nil {
		return nil, err
	}
	v, err := a.openView(ctx, opts.corpus)
	if err != nil {
		return nil, err
	}
	defer a.closeView(v)
	res, err := v.Search(ctx, opts.query)
	if err != nil {
		return nil, err
	}
	docs := map[string]corpus.Parsed{}
	tab := &report.Table{Title: "检索：" + opts.query.Text}
	for _, h := range res.Hits {
		p, ok := docs[h.Doc]
		if !ok {
			if p, err = v.Document(h.Doc); err != nil {
				return nil, err
			}
			docs[h.Doc] = p
		}
		for _, o := range p.Obligations {
			if o.ID == h.ID {
				tab.Add(p.Doc, o)
				break
			}
		}
	}
	return tab, nil
}
