package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

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

DOC is a document file (read and analysed, not stored), "-" for standard
input, or a stored document by its ID or the start of one (see dutymap list).
Anything else is a search of the corpus, as with dutymap search, narrowed by
the same flags; the table then holds the hits in order of relevance, and
standard error says when --limit cut it. A name that looks like a file but is
not there is an error, not a search.`,
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
		return usage("say where to write the table: --xlsx FILE or --csv FILE")
	}
	tab, err := a.exportTable(ctx, opts, args)
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

// exportTable builds the table of what args name: one document (a file,
// "-" or a stored one), else a search.
func (a *app) exportTable(ctx context.Context, opts exportOptions, args []string) (*report.Table, error) {
	lc := a.lazyCorpus(ctx, opts.corpus)
	defer lc.close()
	arg := workspace.Arg{Kind: workspace.ArgQuery}
	if len(args) == 1 {
		var err error
		if arg, err = workspace.Resolve(args[0], lc.IDs); err != nil {
			return nil, err
		}
	}
	if arg.Kind != workspace.ArgQuery {
		eng, err := a.engine()
		if err != nil {
			return nil, err
		}
		ps, err := eng.LoadAll(ctx, arg, lc.sources(false))
		if err != nil {
			return nil, err
		}
		tab := &report.Table{Title: ps[0].Doc.Title}
		for _, p := range ps {
			tab.Add(p.Doc, p.Obligations...)
		}
		return tab, nil
	}
	r, err := lc.reader()
	if err != nil {
		return nil, err
	}
	q := opts.query
	q.Text = strings.Join(args, " ")
	tab, cut, err := workspace.SearchTasks(ctx, r, q)
	if cut != "" {
		fmt.Fprintf(a.stderr, "dutymap export: %s; raise --limit to export more\n", cut)
	}
	return tab, err
}
