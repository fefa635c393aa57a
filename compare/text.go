package compare

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/dutymap/dutymap/corpus"
)

// ANSI styles used on a terminal.
const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
	ansiRed   = "\x1b[31m"
	ansiGreen = "\x1b[32m"
	ansiYel   = "\x1b[33m"
	ansiCyan  = "\x1b[36m"
)

// painter applies ANSI styles, or plain-text marks without colour.
type painter struct{ color bool }

func (p painter) style(code, s string) string {
	if !p.color || s == "" {
		return s
	}
	return code + s + ansiReset
}

// del and ins mark changed runes: coloured on a terminal, [-…-] and {+…+}
// (as git's word diff) in plain text.
func (p painter) del(s string) string {
	if p.color {
		return ansiRed + ansiBold + s + ansiReset
	}
	return "[-" + s + "-]"
}

func (p painter) ins(s string) string {
	if p.color {
		return ansiGreen + ansiBold + s + ansiReset
	}
	return "{+" + s + "+}"
}

// sides renders the old and new text of a rune diff with their changes marked.
func (p painter) sides(es []Edit) (old, new string) {
	var o, n strings.Builder
	for _, e := range es {
		switch e.Op {
		case Equal:
			o.WriteString(e.Text)
			n.WriteString(e.Text)
		case Delete:
			o.WriteString(p.del(e.Text))
		case Insert:
			n.WriteString(p.ins(e.Text))
		}
	}
	return o.String(), n.String()
}

func pathOf(o *corpus.Obligation) string {
	if len(o.Path) == 0 {
		return "—"
	}
	return strings.Join(o.Path, " ")
}

// kindOrder is the order in which summaries list kinds.
var kindOrder = []Kind{Added, Removed, Moved, Reworded, FrequencyTightened, FrequencyLoosened,
	DeadlineEarlier, DeadlineLater, DeadlineAdded, DeadlineRemoved, UnitsChanged,
	ModalityStricter, ModalityLooser, ModalityChanged}

// WriteText writes a readable report of the diff to w; color adds ANSI
// colours (for a terminal), else changed runes are marked [-old-] {+new+}.
func (r *DiffReport) WriteText(w io.Writer, color bool) error {
	p := painter{color}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s %s (%d duties)\n", p.style(ansiRed, "---"), r.Old.Name(), r.Old.Obligations)
	fmt.Fprintf(bw, "%s %s (%d duties)\n", p.style(ansiGreen, "+++"), r.New.Name(), r.New.Obligations)
	fmt.Fprintln(bw, summary(r.Counts, r.Unchanged))
	for _, s := range r.Sections {
		fmt.Fprintf(bw, "%s section %s → %s %s\n", p.style(ansiYel, "~"), s.Old, s.New, s.Heading)
	}
	for _, e := range r.Entries {
		fmt.Fprintln(bw)
		switch {
		case e.Old == nil:
			fmt.Fprintf(bw, "%s [%s] %s\n", p.style(ansiGreen+ansiBold, "+ added"), pathOf(e.New), p.style(ansiGreen, e.New.Text))
			continue
		case e.New == nil:
			fmt.Fprintf(bw, "%s [%s] %s\n", p.style(ansiRed+ansiBold, "- removed"), pathOf(e.Old), p.style(ansiRed, e.Old.Text))
			continue
		}
		var cs []string
		for _, c := range e.Changes {
			cs = append(cs, c.String())
		}
		fmt.Fprintf(bw, "%s [%s → %s] %s\n", p.style(ansiYel+ansiBold, "~"), pathOf(e.Old), pathOf(e.New), p.style(ansiCyan, strings.Join(cs, "; ")))
		if e.Edits != nil {
			o, n := p.sides(e.Edits)
			fmt.Fprintf(bw, "  - %s\n  + %s\n", o, n)
		} else {
			fmt.Fprintf(bw, "  = %s\n", e.New.Text)
		}
	}
	return bw.Flush()
}

// WriteText writes a readable report of the comparison to w: the coverage
// overall and per section, every upper duty with its verdict, and the local
// duties; color adds ANSI colours.
func (r *LevelReport) WriteText(w io.Writer, color bool) error {
	p := painter{color}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s %s (%s, %d duties)\n", p.style(ansiBold, "lower:"), r.Lower.Name(), levelName(r.Lower.Level), r.Lower.Obligations)
	names := map[string]string{}
	for _, u := range r.Uppers {
		names[u.ID] = u.Name()
		fmt.Fprintf(bw, "%s %s (%s, %d duties)\n", p.style(ansiBold, "upper:"), u.Name(), levelName(u.Level), u.Obligations)
	}
	fmt.Fprintf(bw, "\ncoverage %s, %s of the duties expected below: %s\n", pct(r.Total.Coverage), pct(r.Total.ExpectedCoverage), tallyLine(r.Total))
	fmt.Fprintf(bw, "\nby section:\n")
	for _, s := range r.Sections {
		fmt.Fprintf(bw, "  %6s  %-4s %s — %s  (%s)\n", pct(s.Coverage), orDash(s.Section), clip(s.Heading, 24), clip(names[s.Doc], 30), tallyLine(s.Tally))
	}
	doc := ""
	for _, d := range r.Duties {
		if d.Doc != doc {
			doc = d.Doc
			fmt.Fprintf(bw, "\n%s\n", p.style(ansiBold, names[doc]))
		}
		fmt.Fprintf(bw, "%s [%s] %s\n", verdictMark(p, d.Verdict), pathOf(d.Upper), d.Text)
		for i, l := range d.Lower {
			fmt.Fprintf(bw, "      ← [%s] %s\n", pathOf(l), p.style(ansiDim, d.Matched[i]))
		}
		for _, c := range d.Reasons {
			fmt.Fprintf(bw, "      %s\n", p.style(ansiCyan, c.String()))
		}
	}
	fmt.Fprintf(bw, "\n%s (%d)\n", p.style(ansiBold, "local duties, traced to no upper duty"), len(r.Local))
	for _, l := range r.Local {
		fmt.Fprintf(bw, "  [%s] %s\n", pathOf(l), l.Text)
	}
	return bw.Flush()
}

func verdictMark(p painter, v Verdict) string {
	s := fmt.Sprintf("%-12s", v)
	if v == NotExpected {
		s = "not expected"
	}
	switch v {
	case Carried:
		return p.style(ansiGreen, s)
	case Strengthened:
		return p.style(ansiGreen+ansiBold, s)
	case Weakened:
		return p.style(ansiYel+ansiBold, s)
	case Missing:
		return p.style(ansiRed+ansiBold, s)
	}
	return s
}

func tallyLine(t Tally) string {
	return fmt.Sprintf("%d of %d upper duties carried or strengthened (%d expected below); %d carried, %d strengthened, %d weakened, %d missing, %d not expected below",
		t.Carried+t.Strengthened, t.Total, t.Expected, t.Carried, t.Strengthened, t.Weakened, t.Missing, t.NotExpected)
}

func pct(x float64) string { return fmt.Sprintf("%.1f%%", x*100) }

func levelName(l corpus.Level) string {
	if l == corpus.LevelUnknown {
		return "level unknown"
	}
	return string(l)
}

// clip shortens s to n runes.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// summary lists the counts of a diff in report order: "3 added, 1 moved".
func summary(counts map[Kind]int, unchanged int) string {
	var sum []string
	for _, k := range kindOrder {
		if n := counts[k]; n > 0 {
			sum = append(sum, fmt.Sprintf("%d %s", n, strings.ReplaceAll(string(k), "_", " ")))
		}
	}
	sum = append(sum, fmt.Sprintf("%d unchanged", unchanged))
	return strings.Join(sum, ", ")
}
