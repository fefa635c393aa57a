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
