package batch

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// longName is a file name of 80 Chinese characters and an extension, 245
// bytes: NAME.error.txt just fits the file system's limit, its temporary
// file and NAME (2).docx do not (issue 13's jammed inbox had 78).
var longName = strings.Repeat("关于进一步做好全县安全生产隐患排查整治工作的通知", 4)[:234] + "附件.docx"

// TestLongNames fails and files files whose names leave no room for
// NAME.error.txt, its temporary file or NAME (2).txt.
func TestLongNames(t *testing.T) {
	if n := len(longName); n > 255 || n < 240 {
		t.Fatalf("test name is %d bytes", n)
	}
	root := t.TempDir()
	inbox := writeInbox(t, root, map[string]string{longName: "BAD", "ok.txt": document(1)})
	in := &Inbox{Dir: inbox, Processor: newFakeStore(root), Settle: time.Millisecond}
	sum, err := in.Run(context.Background())
	if err != nil || sum != (Summary{Done: 1, Failed: 1}) {
		t.Fatalf("run: %+v, %v", sum, err)
	}
	failed := listDir(filepath.Join(inbox, FailedDir))
	if len(failed) != 2 {
		t.Fatalf("failed/ holds %v", failed)
	}
	for _, n := range failed {
		if len(n) > 255 {
			t.Errorf("%q is %d bytes", n, len(n))
		}
	}
	msg, err := os.ReadFile(filepath.Join(inbox, FailedDir, failed[0]+ErrorSuffix))
	if err != nil {
		msg, err = os.ReadFile(filepath.Join(inbox, FailedDir, failed[1]+ErrorSuffix))
	}
	if err != nil || !strings.Contains(string(msg), "file: "+longName) {
		t.Errorf("error file: %q, %v; want it to name the file", msg, err)
	}
	// The same name again: failed/NAME (2).docx, shortened too.
	writeInbox(t, root, map[string]string{longName: "BAD again"})
	if sum, err := in.Run(context.Background()); err != nil || sum.Failed != 1 {
		t.Fatalf("second run: %+v, %v", sum, err)
	}
	if got := listDir(filepath.Join(inbox, FailedDir)); len(got) != 4 {
		t.Errorf("failed/ holds %v after the second file of that name", got)
	}
	if left := listDir(inbox); !slices.Equal(left, []string{DoneDir, FailedDir}) {
		t.Errorf("inbox holds %v", left)
	}
}

// TestRecoveryGoesOn leaves a verdict that cannot be carried out (its
// destination is taken by a folder) and expects the run to file the other
// files, keep the stuck one for the next run, and file it then without
// processing it again.
func TestRecoveryGoesOn(t *testing.T) {
	root := t.TempDir()
	inbox := writeInbox(t, root, map[string]string{"stuck.txt": document(1), "b.txt": document(2), "c.txt": document(3)})
	fi, _ := os.Stat(filepath.Join(inbox, "stuck.txt"))
	blocker := filepath.Join(inbox, DoneDir, "stuck.txt", "x")
	if err := os.MkdirAll(blocker, 0o755); err != nil {
		t.Fatal(err)
	}
	j := `{"version":1,"in_flight":[{"name":"stuck.txt","size":` + itoa(fi.Size()) + `,"mod_time":"` +
		fi.ModTime().Format(time.RFC3339Nano) + `","attempts":1,"verdict":"done","dest":"done/stuck.txt"}]}`
	if err := os.WriteFile(filepath.Join(inbox, JournalFile), []byte(j), 0o644); err != nil {
		t.Fatal(err)
	}
	proc := newFakeStore(root)
	var logs bytes.Buffer
	in := &Inbox{Dir: inbox, Processor: proc, Settle: time.Millisecond, Logger: slog.New(slog.NewJSONHandler(&logs, nil))}
	sum, err := in.Run(context.Background())
	if err != nil {
		t.Fatalf("run stopped on the stuck entry: %v", err)
	}
	if sum.Done != 2 || sum.Stuck != 1 {
		t.Errorf("summary %+v, want 2 done and 1 stuck", sum)
	}
	if !strings.Contains(logs.String(), "could not be filed") {
		t.Errorf("no error logged for the stuck file:\n%s", logs.String())
	}
	os.RemoveAll(filepath.Dir(blocker))
	if sum, err := in.Run(context.Background()); err != nil || sum.Done != 1 {
		t.Fatalf("next run: %+v, %v", sum, err)
	}
	if calls := proc.callsFor("stuck.txt"); len(calls) != 0 {
		t.Errorf("the decided file was processed %d times again", len(calls))
	}
	if left := listDir(inbox); !slices.Equal(left, []string{DoneDir}) {
		t.Errorf("inbox holds %v", left)
	}
}

// TestTimeBudget gives a file more work than its budget: it fails with the
// reason, and the next file is processed.
func TestTimeBudget(t *testing.T) {
	root := t.TempDir()
	inbox := writeInbox(t, root, map[string]string{"slow.txt": document(1), "next.txt": document(2)})
	old := time.Now().Add(-time.Minute)
	os.Chtimes(filepath.Join(inbox, "slow.txt"), old, old) // taken first
	proc := newFakeStore(root)
	proc.delay = time.Minute // honours ctx, as a Processor must
	var results []Result
	in := &Inbox{Dir: inbox, Processor: ProcessorFunc(func(ctx context.Context, f File) (Outcome, error) {
		if f.Name == "slow.txt" {
			return proc.Process(ctx, f)
		}
		return newFakeStore(t.TempDir()).Process(ctx, f)
	}), Settle: time.Millisecond, Timeout: 50 * time.Millisecond, OnResult: func(r Result) { results = append(results, r) }}
	start := time.Now()
	sum, err := in.Run(context.Background())
	if err != nil || sum != (Summary{Done: 1, Failed: 1}) {
		t.Fatalf("run: %+v, %v", sum, err)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("the run took %v: the budget did not stop the slow file", d)
	}
	if len(results) != 2 || results[0].Name != "slow.txt" || !errors.Is(results[0].Err, ErrTimeBudget) {
		t.Fatalf("results %+v", results)
	}
	msg, _ := os.ReadFile(filepath.Join(inbox, FailedDir, "slow.txt"+ErrorSuffix))
	if !strings.HasPrefix(string(msg), "processing took longer than 50ms, the time budget of one file") {
		t.Errorf("error file %q", msg)
	}
}

// TestCancelLeavesTheFile cancels a run mid-file, as SIGTERM does: the
// file stays in the inbox with its journal entry, not counted as an
// attempt, and the next run processes it once, resumed.
func TestCancelLeavesTheFile(t *testing.T) {
	root := t.TempDir()
	inbox := writeInbox(t, root, map[string]string{"a.txt": document(1)})
	proc := newFakeStore(root)
	proc.delay = time.Minute
	ctx, cancel := context.WithCancel(context.Background())
	in := &Inbox{Dir: inbox, Processor: proc, Settle: time.Millisecond}
	go func() {
		for len(proc.callsFor("a.txt")) == 0 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	start := time.Now()
	if _, err := in.Run(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the cancelled run took %v to stop", d)
	}
	j, err := openJournal(filepath.Join(inbox, JournalFile))
	if err != nil || j.damaged != nil {
		t.Fatalf("journal after the cancel: %v %v", err, j.damaged)
	}
	if e := j.get("a.txt"); e == nil || e.Attempts != 0 || e.Verdict != "" {
		t.Errorf("journal entry %+v, want one with no attempt counted", e)
	}
	proc.delay = 0
	if sum, err := (&Inbox{Dir: inbox, Processor: proc, Settle: time.Millisecond}).Run(context.Background()); err != nil || sum.Done != 1 {
		t.Fatalf("next run: %+v, %v", sum, err)
	}
	if calls := proc.callsFor("a.txt"); len(calls) != 2 || !calls[1].Resumed {
		t.Errorf("calls %+v, want the second resumed", calls)
	}
}
