package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

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
	quiet := isTerminal(stderr) && !opts.jsonLog
	logw := &barWriter{w: stderr}
	in, closeInbox, err := openInbox(ctx, opts, inbox, logw, quiet)
	if err != nil {
		return err
	}
	defer closeInbox()
	if quiet {
		// The bar shows progress; the log keeps to failures.
		in.OnQueue = func(n int) {
			logw.bar = progressbar.NewOptions(n, progressbar.OptionSetWriter(stderr),
				progressbar.OptionSetDescription("processing"), progressbar.OptionShowCount(),
				progressbar.OptionClearOnFinish())
		}
		in.OnResult = func(batch.Result) { logw.bar.Add(1) }
	}
	sum, err := in.Run(ctx)
	if logw.bar != nil {
		logw.bar.Finish()
	}
	if err != nil {
		return err
	}
	if opts.jsonLog {
		in.Logger.Info("run finished", "inbox", inbox, "done", sum.Done, "duplicates", sum.Duplicates,
			"failed", sum.Failed, "skipped", sum.Skipped)
	} else {
		fmt.Fprintf(stderr, "%s: %d done, %d duplicates, %d failed", inbox, sum.Done, sum.Duplicates, sum.Failed)
		if sum.Skipped > 0 {
			fmt.Fprintf(stderr, ", %d still being written (left for the next run)", sum.Skipped)
		}
		fmt.Fprintln(stderr)
	}
	if sum.Failed > 0 {
		return fmt.Errorf("run: %d of %d files failed (see %s)", sum.Failed, sum.Total(), filepath.Join(inbox, batch.FailedDir))
	}
	return nil
}

// barWriter writes log lines to w, clearing the progress bar, if any,
// first: the bar redraws itself below them on its next step.
type barWriter struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func (b *barWriter) Write(p []byte) (int, error) {
	if b.bar != nil {
		b.bar.Clear()
	}
	return b.w.Write(p)
}

// openInbox opens the corpus and returns the Inbox that feeds INBOX's files
// to it, and the function that closes the corpus. The log goes to logw;
// quiet logs warnings and errors only.
func openInbox(ctx context.Context, opts inboxOptions, inbox string, logw io.Writer, quiet bool) (*batch.Inbox, func() error, error) {
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
	var h slog.Handler = slog.NewTextHandler(logw, hopts)
	if opts.jsonLog {
		h = slog.NewJSONHandler(logw, hopts)
	}
	in := &batch.Inbox{
		Dir:       inbox,
		Processor: &inboxProcessor{corpus: c, seg: seg, out: out, now: time.Now, meta: map[string]*corpus.Document{}},
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
	meta   map[string]*corpus.Document // stored documents' metadata, by ID
}

var _ batch.Processor = (*inboxProcessor)(nil)

// Process implements batch.Processor.
func (p *inboxProcessor) Process(ctx context.Context, f batch.File) (batch.Outcome, error) {
	var out batch.Outcome
	res, err := addFile(ctx, p.corpus, f.Name, f.Data)
	if err != nil {
		return out, err
	}
	// The same bytes stored already are a duplicate, unless this file's
	// own: stored under its name by a run that died before filing it.
	dup := res.Status == unchanged
	if dup && f.Resumed {
		entry, _, err := p.corpus.store.Lookup(res.Hash)
		if err != nil {
			return out, err
		}
		dup = entry.Name != f.Name
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
		r.Duplicate = dup
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
	uppers, why, err := p.uppers(parsed.Doc, list)
	if err != nil {
		return 0, err
	}
	if len(uppers) > 0 {
		lr, err := compare.Levels(p.seg, parsed, uppers)
		if err != nil {
			r.Notes = append(r.Notes, "与上级文件的对照未能完成："+err.Error())
		} else {
			r.Upper = levelSections(lr, why)
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

// uppers returns the upper-level documents of doc among the current
// documents of the corpus (compare.FindUppers), nearest level first, at most
// maxUppers of them, with why each was chosen, by ID.
func (p *inboxProcessor) uppers(doc *corpus.Document, list []corpus.DocEntry) ([]corpus.Parsed, map[string]string, error) {
	rank := doc.Level.Rank()
	if rank == 0 {
		return nil, nil, nil
	}
	var docs []*corpus.Document
	for _, e := range list {
		if !e.Current() || e.Level.Rank() <= rank || e.ID == doc.ID {
			continue
		}
		d, ok := p.meta[e.ID]
		if !ok {
			full, err := p.corpus.store.Document(e.ID)
			if err != nil {
				return nil, nil, err
			}
			// Keep the metadata only: stored documents never change, and
			// the texts of a large corpus would not fit.
			m := *full.Doc
			m.Text, m.Outline = "", nil
			d = &m
			p.meta[e.ID] = d
		}
		docs = append(docs, d)
	}
	var out []corpus.Parsed
	why := map[string]string{}
	found, _ := compare.FindUppers(doc, docs) // an unplaced document gets only the uppers it cites
	for _, u := range found {
		full, err := p.corpus.store.Document(u.Doc.ID)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, full)
		why[u.Doc.ID] = u.Reason
		if len(out) == maxUppers {
			break
		}
	}
	return out, why, nil
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
// document, its duties in reading order; why says why each was chosen.
func levelSections(lr *compare.LevelReport, why map[string]string) []report.Section {
	out := make([]report.Section, 0, len(lr.Uppers))
	at := map[string]int{}
	for _, u := range lr.Uppers {
		at[u.ID] = len(out)
		out = append(out, report.Section{Against: docRef(u), Reason: why[u.ID], Items: []report.Item{}})
	}
	for _, d := range lr.Duties {
		i, ok := at[d.Doc]
		if !ok || d.Upper == nil {
			continue
		}
		it := report.Item{Kind: string(d.Verdict), Old: d.Text, OldID: d.Upper.ID, Detail: d.ReasonText()}
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
