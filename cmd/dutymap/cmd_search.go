package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/index"
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
	cmd.Flags().BoolVar(&opts.json, "json", false, "write the result as one JSON object")
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
	f.StringVar(&q.Issuer, "issuer", "", prefix+"the issuer, as written in the document")
	f.StringVar(&q.Region, "region", "", prefix+"a place code (GB/T 2260) of the issuer or a division containing it")
	f.StringVar(&q.DocNumber, "number", "", prefix+"the document number (文号), as written")
	f.StringVar(&q.Period, "period", "", prefix+"a frequency period: day, week, month, quarter, halfyear, year")
	f.StringVar(&q.DueBefore, "due-before", "", prefix+"a deadline on or before this date (2024-06-30)")
	f.StringVar(&q.Sector, "sector", "", prefix+"a sector (消防, 燃气, 建筑施工 …)")
	f.StringVar(&q.Modality, "modality", "", prefix+"must, must_not, should or may")
	f.IntVar(&q.Year, "year", 0, prefix+"the plan year")
	f.IntVar(&q.Limit, "limit", limit, prefix+"how many obligations at most")
}

// searchJSON is what --json writes: the result, with every hit's text
// also given highlighted with 【】.
type searchJSON struct {
	Query  string        `json:"query"`
	Total  uint64        `json:"total"`
	Hits   []hitJSON     `json:"hits"`
	Facets []index.Facet `json:"facets"`
}

type hitJSON struct {
	index.Hit
	Highlighted string `json:"highlighted"`
}

func (a *app) runSearch(ctx context.Context, opts searchOptions) error {
	if err := checkQuery(opts.query); err != nil {
		return err
	}
	v, err := a.openView(ctx, opts.corpus)
	if err != nil {
		return err
	}
	defer a.closeView(v)
	res, err := v.Search(ctx, opts.query)
	if err != nil {
		return err
	}
	stdout := a.stdout
	if opts.json {
		out := searchJSON{Query: opts.query.Text, Total: res.Total, Hits: []hitJSON{}, Facets: res.Facets}
		for _, h := range res.Hits {
			out.Hits = append(out.Hits, hitJSON{Hit: h, Highlighted: h.Highlight("【", "】")})
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	return printResult(stdout, opts, res)
}

// checkQuery refuses flag values that could never match, naming the choices.
func checkQuery(q index.Query) error {
	oneOf := func(flag, v string, choices ...string) error {
		if v == "" {
			return nil
		}
		for _, c := range choices {
			if v == c {
				return nil
			}
		}
		return fmt.Errorf("--%s %s: want one of %s", flag, v, strings.Join(choices, ", "))
	}
	return errors.Join(
		oneOf("level", q.Level, "town", "county", "city", "province", "national"),
		oneOf("period", q.Period, "day", "week", "month", "quarter", "halfyear", "year"),
		oneOf("modality", q.Modality, "must", "must_not", "should", "may"),
	)
}

func printResult(w io.Writer, opts searchOptions, res *index.Result) error {
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
		fmt.Fprintf(w, "   %s%s  %s%s\n", dim, h.Source, h.ID, reset)
	}
	shown := ""
	if len(res.Hits) > 0 && uint64(len(res.Hits)) < res.Total {
		shown = fmt.Sprintf(", showing %d–%d", opts.query.Offset+1, opts.query.Offset+len(res.Hits))
	}
	if len(res.Hits) > 0 {
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%d obligations%s\n", res.Total, shown)
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
