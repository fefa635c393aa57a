package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/batch"
	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/report"
	"github.com/dutymap/dutymap/segment"
)

// inboxOptions are the flags shared by `dutymap run` and `dutymap watch`.
type inboxOptions struct {
	corpus  string
	out     string
	jsonLog bool
	poll    bool
	settle  time.Duration
}

func (o *inboxOptions) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.corpus, "corpus", "", corpusDirFlag)
	cmd.Flags().StringVar(&o.out, "out", "", "report folder (default: outbox beside INBOX)")
	cmd.Flags().BoolVar(&o.jsonLog, "json-log", false, "log one JSON object a line instead of text")
	cmd.Flags().DurationVar(&o.settle, "settle", batch.DefaultSettle, "how long a file must stay unchanged before it is taken")
}

const inboxLong = `Every file of INBOX is added to the corpus (like dutymap add), compared with
the previous version of the same document and with the upper-level documents in
the corpus, and reported in a folder per document under --out: report.html
(self-contained), report.json and report.xlsx (the 任务分解表: 序号, 工作任务,
牵头单位, 配合单位, 频次, 完成时限, 出处). The file then moves to INBOX/done/, or to
INBOX/failed/ with NAME.error.txt beside it saying why. A file with the same
bytes as one already stored is reported as a duplicate. Files are taken once
their size and time stop changing (--settle); hidden and partial files (.part,
.tmp, ~$…) are left alone. One log line per file goes to standard error.
Killed at any moment, a restart finishes the work: no file is lost or filed twice.`

func newRunCommand() *cobra.Command {
	var opts inboxOptions
	cmd := &cobra.Command{
		Use:   "run INBOX",
		Short: "Process the files waiting in an inbox folder once, then exit",
		Long: inboxLong + `

run goes once over what INBOX holds and exits, non-zero if any file failed —
for cron and CI. On a terminal it shows a progress bar.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRun(cmd.Context(), opts, args[0], cmd.ErrOrStderr())
		},
	}
	opts.register(cmd)
	return cmd
}

func runRun(ctx context.Context, opts inboxOptions, inbox string, stderr io.Writer) error {
	var bar *progressbar.ProgressBar
	quiet := isTerminal(stderr) && !opts.jsonLog
	in, closeInbox, err := openInbox(ctx, opts, inbox, stderr, quiet)
	if err != nil {
		return err
	}
	defer closeInbox()
	if quiet {
		// The bar shows progress; the log keeps to failures.
		in.OnQueue = func(n int) {
			bar = progressbar.NewOptions(n, progressbar.OptionSetWriter(stderr),
				progressbar.OptionSetDescription("processing"), progressbar.OptionShowCount(),
				progressbar.OptionClearOnFinish())
		}
		in.OnResult = func(batch.Result) { bar.Add(1) }
	}
	sum, err := in.Run(ctx)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%s: %d done, %d duplicates, %d failed", inbox, sum.Done, sum.Duplicates, sum.Failed)
	if sum.Skipped > 0 {
		fmt.Fprintf(stderr, ", %d still being written (left for the next run)", sum.Skipped)
	}
	fmt.Fprintln(stderr)
	if sum.Failed > 0 {
		return fmt.Errorf("run: %d of %d files failed (see %s)", sum.Failed, sum.Total(), filepath.Join(inbox, batch.FailedDir))
	}
	return nil
}

// openInbox opens the corpus and returns the Inbox that feeds INBOX's files
// to it, and the function that closes the corpus. quiet logs warnings and
// errors only.
func openInbox(ctx context.Context, opts inboxOptions, inbox string, stderr io.Writer, quiet bool) (*batch.Inbox, func() error, error) {
	dir, err := corpusDir(opts.corpus)
	if err != nil {
		return nil, nil, err
	}
	out := opts.out
	if out == "" {
		out = filepath.Join(filepath.Dir(filepath.Clean(inbox)), "outbox")
	}
	if filepath.Clean(out) == filepath.Clean(inbox) {
		return nil, nil, errors.New("the report folder (--out) must not be the inbox")
	}
	seg, err := segment.New()
	if err != nil {
		return nil, nil, err
	}
	c, err := openCorpus(ctx, dir, seg)
	if err != nil {
		return nil, nil, err
	}
	// Holding the corpus lock, this process is the only one writing reports
	// of this corpus: what a killed run left half-written can go.
	if err := report.RemoveTemps(out); err != nil && !errors.Is(err, fs.ErrNotExist) {
		c.Close()
		return nil, nil, err
	}
	level := slog.LevelInfo
	if quiet {
		level = slog.LevelWarn
	}
	hopts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(stderr, hopts)
	if opts.jsonLog {
		h = slog.NewJSONHandler(stderr, hopts)
	}
	in := &batch.Inbox{
		Dir:       inbox,
		Processor: &inboxProcessor{corpus: c, seg: seg, out: out, now: time.Now},
		Logger:    slog.New(h),
		Settle:    opts.settle,
		Poll:      opts.poll,
	}
	return in, c.Close, nil
}

// inboxProcessor is the pipeline `run` and `watch` put each inbox file
// through: addFile (ingest, extract, store, index), then for each of the
// file's documents the diff against its previous version and the comparison
// with its upper-level documents, then its report folder. Being built on
// addFile, it is idempotent: the same bytes again are stored once and
// reported as a duplicate, with their report written again.
type inboxProcessor struct {
	corpus *corpusHandle
	seg    *segment.Segmenter
	out    string
	now    func() time.Time
}

var _ batch.Processor = (*inboxProcessor)(nil)

// Process implements batch.Processor.
func (p *inboxProcessor) Process(ctx context.Context, f batch.File) (batch.Outcome, error) {
	var out batch.Outcome
	res, err := addFile(ctx, p.corpus, f.Name, f.Data)
	if err != nil {
		return out, err
	}
	list, err := p.corpus.store.List()
	if err != nil {
		return out, err
	}
	for _, id := range res.Docs {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		parsed, err := p.corpus.store.Document(id)
		if err != nil {
			return out, err
		}
		r := report.New(f.Name, parsed.Doc, parsed.Obligations, p.now())
		r.Duplicate = res.Status == unchanged
		changes, err := p.compare(r, parsed, list)
		if err != nil {
			return out, err
		}
		dir := filepath.Join(p.out, report.DirName(f.Name, id))
		if err := report.Write(dir, r); err != nil {
			return out, err
		}
		out.Documents = append(out.Documents, batch.DocOutcome{
			ID: id, Title: parsed.Doc.Title, Obligations: len(parsed.Obligations),
			Changes: changes, Duplicate: r.Duplicate, Report: dir,
		})
	}
	return out, nil
}

// maxUppers bounds the upper-level documents a report compares with.
const maxUppers = 3

// compare fills r's sections: the diff against the previous version of
// parsed's document, if the corpus holds one, and the comparison with its
// upper-level documents. It returns the number of changed duties against
// the previous version.
func (p *inboxProcessor) compare(r *report.Report, parsed corpus.Parsed, list []corpus.DocEntry) (int, error) {
	changes := 0
	if prev, ok := previousVersion(parsed.Doc.ID, list); ok {
		old, err := p.corpus.store.Document(prev.ID)
		if err != nil {
			return 0, err
		}
		d := compare.Diff(p.seg, old, parsed)
		r.Changes = diffSection(d)
		changes = len(d.Entries)
	}
	var uppers []corpus.Parsed
	for _, e := range upperCandidates(parsed.Doc, list) {
		u, err := p.corpus.store.Document(e.ID)
		if err != nil {
			return 0, err
		}
		if !isUpperOf(parsed.Doc, u.Doc) || compare.Check(parsed.Doc, u.Doc) != nil {
			continue
		}
		uppers = append(uppers, u)
		if len(uppers) == maxUppers {
			break
		}
	}
	if len(uppers) > 0 {
		lr, err := compare.Levels(p.seg, parsed, uppers)
		if err != nil {
			r.Notes = append(r.Notes, "与上级文件的对照未能完成："+err.Error())
		} else {
			r.Upper = levelSections(lr)
		}
	}
	return changes, nil
}

// previousVersion returns the latest stored document that id replaced.
func previousVersion(id string, list []corpus.DocEntry) (corpus.DocEntry, bool) {
	var prev corpus.DocEntry
	ok := false
	for _, d := range list {
		if d.SupersededBy == id { // list runs oldest first: the last is the latest
			prev, ok = d, true
		}
	}
	return prev, ok
}

// upperCandidates returns the current documents that may be upper-level
// documents of doc, most likely first: those doc cites as its basis, then
// those of a higher level and the same plan year; isUpperOf decides on the
// latter once they are loaded.
func upperCandidates(doc *corpus.Document, list []corpus.DocEntry) []corpus.DocEntry {
	refs := map[string]bool{}
	for _, r := range doc.References {
		refs[titleKey(r.Title)] = true
	}
	var cited, higher []corpus.DocEntry
	for _, d := range list {
		switch {
		case !d.Current() || d.ID == doc.ID:
		case refs[titleKey(d.Title)]:
			cited = append(cited, d)
		case doc.Level.Rank() > 0 && d.Level.Rank() > doc.Level.Rank() &&
			(doc.PlanYear == 0 || d.PlanYear == 0 || d.PlanYear == doc.PlanYear):
			higher = append(higher, d)
		}
	}
	sort.SliceStable(higher, func(i, j int) bool { return higher[i].Level.Rank() < higher[j].Level.Rank() })
	return append(cited, higher...)
}

// isUpperOf reports whether upper is an upper-level document of doc: one doc
// cites as its basis; or, of a higher level, one whose issuer's division
// contains doc's, or any when neither says where it comes from (anonymised
// documents: the corpus is then taken to hold one chain of offices).
func isUpperOf(doc, upper *corpus.Document) bool {
	for _, r := range doc.References {
		if titleKey(r.Title) == titleKey(upper.Title) {
			return true
		}
	}
	if doc.Level.Rank() == 0 || upper.Level.Rank() <= doc.Level.Rank() {
		return false
	}
	if upper.Place == nil || len(doc.Region) == 0 {
		return upper.Place == nil && doc.Place == nil
	}
	for _, pl := range doc.Region {
		if pl.Code == upper.Place.Code {
			return true
		}
	}
	return false
}

// titleKey is a title compared as a title: without spaces and book-title marks.
func titleKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || strings.ContainsRune("《》〈〉\"“”", r) {
			return -1
		}
		return r
	}, s)
}

// diffSection turns a diff into the report's section on the previous version.
func diffSection(d *compare.DiffReport) *report.Section {
	s := &report.Section{Against: docRef(d.Old), Items: []report.Item{}}
	for _, e := range d.Entries {
		it := report.Item{Detail: changeText(e.Changes)}
		switch {
		case e.Old == nil:
			it.Kind = string(compare.Added)
		case e.New == nil:
			it.Kind = string(compare.Removed)
		case len(e.Changes) > 0:
			it.Kind = string(e.Changes[0].Kind)
		default:
			it.Kind = string(compare.Reworded)
		}
		if e.Old != nil {
			it.Old, it.OldID = e.Old.Text, e.Old.ID
		}
		if e.New != nil {
			it.New, it.NewID = e.New.Text, e.New.ID
		}
		s.Items = append(s.Items, it)
	}
	return s
}

// levelSections turns a cross-level comparison into one section per upper
// document, its duties in reading order.
func levelSections(lr *compare.LevelReport) []report.Section {
	out := make([]report.Section, 0, len(lr.Uppers))
	at := map[string]int{}
	for _, u := range lr.Uppers {
		at[u.ID] = len(out)
		out = append(out, report.Section{Against: docRef(u), Items: []report.Item{}})
	}
	for _, d := range lr.Duties {
		i, ok := at[d.Doc]
		if !ok || d.Upper == nil {
			continue
		}
		it := report.Item{Kind: string(d.Verdict), Old: d.Upper.Text, OldID: d.Upper.ID, Detail: changeText(d.Changes)}
		if len(d.Lower) > 0 {
			it.New, it.NewID = d.Lower[0].Text, d.Lower[0].ID
		}
		out[i].Items = append(out[i].Items, it)
	}
	return out
}

func docRef(d compare.DocInfo) report.DocRef {
	return report.DocRef{ID: d.ID, Title: d.Name(), Issuer: d.Issuer, Level: d.Level, PlanYear: d.PlanYear}
}

// changeText renders a duty's changes for the report: 每季度 → 每月; ….
func changeText(cs []compare.Change) string {
	var parts []string
	for _, c := range cs {
		switch c.Kind {
		case compare.Added, compare.Removed, compare.Reworded:
			continue
		}
		parts = append(parts, c.String())
	}
	return strings.Join(parts, "；")
}
