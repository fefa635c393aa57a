package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/batch"
	"github.com/dutymap/dutymap/workspace"
)

// inboxOptions are the flags shared by `dutymap run` and `dutymap watch`.
type inboxOptions struct {
	corpus  corpusFlag
	out     string
	jsonLog bool
	poll    bool
	settle  time.Duration
	timeout time.Duration
}

func (o *inboxOptions) register(cmd *cobra.Command) {
	o.corpus.register(cmd)
	cmd.Flags().StringVar(&o.out, "out", "", "report folder (default: outbox beside INBOX)")
	cmd.Flags().BoolVar(&o.jsonLog, "json-log", false, "log one JSON object a line instead of text")
	cmd.Flags().DurationVar(&o.settle, "settle", batch.DefaultSettle, "how long a file must stay unchanged before it is taken")
	cmd.Flags().DurationVar(&o.timeout, "timeout", batch.DefaultTimeout, "time budget of one file, after which it goes to failed/")
}

const inboxLong = `Every file of INBOX is added to the corpus (like dutymap add), compared with
the previous version of the same document and with the upper-level documents in
the corpus, and reported in a folder per document under --out: report.html
(self-contained), report.json and report.xlsx (the 任务分解表: 序号, 工作任务,
牵头单位, 配合单位, 频次, 完成时限, 出处). When an upper-level document arrives
after its lower ones, their reports are written again, compared with it too.
The file then moves to INBOX/done/, or to INBOX/failed/ with NAME.error.txt
beside it saying why — also when reading it takes longer than --timeout. A file
with the same bytes as one already stored is reported as a duplicate. Files are
taken once their size and time stop changing (--settle); hidden and partial
files (.part, .tmp, ~$…) are left alone. One log line per file goes to standard
error. Killed at any moment, a restart finishes the work: no file is lost or
filed twice. Other dutymap commands can search the corpus meanwhile.`

func (a *app) newRunCommand() *cobra.Command {
	var opts inboxOptions
	cmd := &cobra.Command{
		Use:   "run INBOX",
		Short: "Process the files waiting in an inbox folder once, then exit",
		Long: inboxLong + `

run goes once over what INBOX holds and exits, non-zero if any file failed —
for cron and CI. On a terminal it shows a progress bar. Interrupted (Ctrl-C,
SIGTERM), it stops at once and leaves the file in hand for the next run.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runRun(cmd.Context(), opts, args[0])
		},
	}
	opts.register(cmd)
	return cmd
}

func (a *app) runRun(ctx context.Context, opts inboxOptions, inbox string) error {
	quiet := isTerminal(a.stderr) && !opts.jsonLog
	logw := &barWriter{w: a.stderr}
	in, closeInbox, err := a.openInbox(ctx, opts, inbox, logw, quiet, "run")
	if err != nil {
		return err
	}
	defer closeInbox()
	if quiet {
		// The bar shows progress; the log keeps to failures.
		in.OnQueue = func(n int) {
			logw.bar = progressbar.NewOptions(n, progressbar.OptionSetWriter(a.stderr),
				progressbar.OptionSetDescription("processing"), progressbar.OptionShowCount(),
				progressbar.OptionClearOnFinish())
		}
		in.OnResult = func(batch.Result) { logw.bar.Add(1) }
	}
	sum, err := in.Run(ctx)
	if logw.bar != nil {
		logw.bar.Finish()
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("run interrupted after %d files; the rest stay in %s for the next run", sum.Total(), inbox)
	}
	if err != nil {
		return err
	}
	if opts.jsonLog {
		in.Logger.Info("run finished", "inbox", inbox, "done", sum.Done, "duplicates", sum.Duplicates,
			"failed", sum.Failed, "skipped", sum.Skipped, "stuck", sum.Stuck)
	} else {
		fmt.Fprintf(a.stderr, "%s: %d done, %d duplicates, %d failed", inbox, sum.Done, sum.Duplicates, sum.Failed)
		if sum.Skipped > 0 {
			fmt.Fprintf(a.stderr, ", %d still being written (left for the next run)", sum.Skipped)
		}
		if sum.Stuck > 0 {
			fmt.Fprintf(a.stderr, ", %d could not be moved (see the log; left for the next run)", sum.Stuck)
		}
		fmt.Fprintln(a.stderr)
	}
	if sum.Failed > 0 {
		return fmt.Errorf("run: %d of %d files failed (see %s)", sum.Failed, sum.Total(), filepath.Join(inbox, batch.FailedDir))
	}
	if sum.Stuck > 0 {
		return fmt.Errorf("run: %d files could not be moved out of %s", sum.Stuck, inbox)
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

// openInbox opens the corpus as role, serves it to other processes, and
// returns the Inbox that feeds INBOX's files to it and the function that
// closes it all. The log goes to logw; quiet logs warnings and errors only.
func (a *app) openInbox(ctx context.Context, opts inboxOptions, inbox string, logw io.Writer, quiet bool, role string) (*batch.Inbox, func(), error) {
	w, err := a.openWorkspace(ctx, opts.corpus, role)
	if err != nil {
		return nil, nil, err
	}
	in, err := a.inboxOf(w, opts, inbox, logw, quiet)
	if err != nil {
		w.Close()
		return nil, nil, err
	}
	stop := a.hold(ctx, w)
	return in, func() { stop(); w.Close() }, nil
}

// inboxOf returns the inbox of the open workspace w: its files go through
// w.InboxProcessor, their reports under opts.out (default: outbox beside
// the inbox), one log line each to logw; quiet logs warnings and errors
// only.
func (a *app) inboxOf(w *workspace.Workspace, opts inboxOptions, inbox string, logw io.Writer, quiet bool) (*batch.Inbox, error) {
	out := opts.out
	if out == "" {
		out = filepath.Join(filepath.Dir(filepath.Clean(inbox)), "outbox")
	}
	if filepath.Clean(out) == filepath.Clean(inbox) {
		return nil, errors.New("the report folder (--out) must not be the inbox")
	}
	proc, err := w.InboxProcessor(out)
	if err != nil {
		return nil, err
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
	return &batch.Inbox{
		Dir:       inbox,
		Processor: proc,
		Logger:    slog.New(h),
		Settle:    opts.settle,
		Poll:      opts.poll,
		Timeout:   opts.timeout,
		MaxSize:   w.Limits().MaxFileSize(),
	}, nil
}
