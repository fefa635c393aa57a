package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/extract"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/workspace"
)

// searchOptions are the flags of `dutymap search`.
type searchOptions struct {
	corpus corpusFlag
	query  index.Query
	json   bool
	color  bool // highlight with terminal colours instead of 【】
}

func (a *app) newSearchCommand() *cobra.Command {
	var opts searchOptions
	cmd := &cobra.Command{
		Use:   "search [QUERY]...",
		Short: "Search the obligations of the corpus",
		Long: `search finds obligations by words and by what they bind: each word of the
query must occur, also inside a longer word (安全 finds 安全生产, 自建房 finds
经营性自建房); a "quoted phrase" must occur as written. Flags narrow the result
by unit, level, issuer, region, document number, period, deadline, sector,
modality and year. Hits are ranked by relevance, with the
matched words highlighted, and followed by counts by level, lead unit, period
and sector. With no corpus of your own yet, the sample corpus is searched.

While another dutymap holds the corpus (watch, serve, a long add), it answers
the search.`,
		Example: `  dutymap search 每月 会议
  dutymap search 自建房 --level town
  dutymap search --lead 市应急局 --due-before 2024-06-30
  dutymap search '"召开一次会议"' --period month --json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.query.Text = strings.Join(args, " ")
			opts.query.Facets = true
			opts.color = isTerminal(a.stdout) && os.Getenv("NO_COLOR") == ""
			return a.runSearch(cmd.Context(), opts)
		},
	}
	opts.corpus.register(cmd)
	registerQuery(cmd, &opts.query, 10, "")
	cmd.Flags().IntVar(&opts.query.Offset, "offset", 0, "skip this many of the best hits first (the next page)")
	cmd.Flags().BoolVar(&opts.json, "json", false, "write the result as one JSON object (docs/json.md)")
	return cmd
}

// registerQuery registers the flags that narrow a search into q, for
// search and export: --limit defaults to limit, and every help text starts
// with prefix.
func registerQuery(cmd *cobra.Command, q *index.Query, limit int, prefix string) {
	f := cmd.Flags()
	f.StringVar(&q.Unit, "unit", "", prefix+"a unit named in any role (lead, support, responsible)")
	f.StringVar(&q.Lead, "lead", "", prefix+"the lead unit (牵头)")
	f.StringVar(&q.Level, "level", "", prefix+"the issuer's level: town, county, city, province, national")
	f.StringVar(&q.Issuer, "issuer", "", prefix+"the issuer as written, or its start (朔州市 finds 朔州市人民政府)")
	f.StringVar(&q.Region, "region", "", prefix+"a place, by full name (山西省, 交城县) or GB/T 2260 code: its documents and those of every place under it")
	f.StringVar(&q.DocNumber, "number", "", prefix+"the document number (文号), as written")
	f.StringVar(&q.Period, "period", "", prefix+"a frequency period: day, week, month, quarter, halfyear, year")
	f.StringVar(&q.DueBefore, "due-before", "", prefix+"a deadline on or before this date (2024-06-30)")
	f.StringVar(&q.Sector, "sector", "", prefix+"a sector: "+strings.Join(extract.Sectors(), ", "))
	f.StringVar(&q.Modality, "modality", "", prefix+"must, must_not, should or may")
	f.IntVar(&q.Year, "year", 0, prefix+"the plan year")
	q.Limit = limit
	f.Var((*countFlag)(&q.Limit), "limit", prefix+"how many obligations at most (1 or more)")
}

// countFlag is an int flag that must be 1 or more: --limit 0 is a
// mistake, not "all" nor "none".
type countFlag int

func (c *countFlag) String() string { return strconv.Itoa(int(*c)) }
func (c *countFlag) Type() string   { return "int" }
func (c *countFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return fmt.Errorf("want a whole number, 1 or more")
	}
	*c = countFlag(n)
	return nil
}

func (a *app) runSearch(ctx context.Context, opts searchOptions) error {
	if err := opts.query.Check(); err != nil {
		return err
	}
	v, err := a.openView(ctx, opts.corpus)
	if err != nil {
		return err
	}
	defer a.closeView(v)
	q, err := workspace.CheckQuery(v, opts.query)
	if err != nil {
		return err
	}
	res, err := v.Search(ctx, q)
	if err != nil {
		return err
	}
	stdout := a.stdout
	if opts.json {
		out, err := workspace.NewSearchJSON(ctx, v, q, res)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	ids, err := workspace.IDsOf(v)
	if err != nil {
		return err
	}
	opts.query = q
	return printResult(stdout, opts, res, ids)
}

func printResult(w io.Writer, opts searchOptions, res *index.Result, ids *workspace.IDs) error {
	open, close := "【", "】"
	dim, bold, reset := "", "", ""
	if opts.color {
		open, close = "\x1b[1;31m", "\x1b[0m"
		dim, bold, reset = "\x1b[2m", "\x1b[1m", "\x1b[0m"
	}
	for i, h := range res.Hits {
		fmt.Fprintf(w, "%s%d. %s%s", bold, opts.query.Offset+i+1, h.Title, reset)
		if h.Path != "" {
			fmt.Fprintf(w, " › %s", h.Path)
		}
		fmt.Fprintf(w, "  %s[%s]%s\n", dim, strings.Join(nonEmpty(h.Level, h.Issuer), " · "), reset)
		fmt.Fprintf(w, "   %s\n", h.Fragment(open, close, 160))
		var facts []string
		add := func(label string, v []string, sep string) {
			if len(v) > 0 {
				facts = append(facts, label+": "+strings.Join(v, sep))
			}
		}
		add("lead", h.Lead, "、")
		add("support", h.Support, "、")
		add("responsible", h.Responsible, "、")
		add("frequency", h.Frequency, "；")
		add("deadline", h.Deadline, "；")
		if len(facts) > 0 {
			fmt.Fprintf(w, "   %s\n", strings.Join(facts, "   "))
		}
		fmt.Fprintf(w, "   %s%s  %s%s%s\n", dim, h.Source, ids.Short(h.Doc), strings.TrimPrefix(h.ID, h.Doc), reset)
	}
	if len(res.Hits) > 0 {
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%d obligations", res.Total)
	if cut := workspace.Cut(opts.query, res); cut != "" {
		fmt.Fprintf(w, "; %s (--limit and --offset show others)", cut)
	}
	fmt.Fprintln(w)
	for _, f := range res.Facets {
		if len(f.Terms) == 0 {
			continue
		}
		var parts []string
		for _, t := range f.Terms {
			parts = append(parts, fmt.Sprintf("%s %d", t.Term, t.Count))
		}
		fmt.Fprintf(w, "  %-7s %s\n", f.Field+":", strings.Join(parts, " · "))
	}
	return nil
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
