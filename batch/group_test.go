package batch

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestRunGroups runs an inbox through a Grouper: the good files go in
// groups as Stage fills them, each filed only after its group's Commit
// (fakeGroup.Finish fails a file that is not indexed yet); a file that
// fails fails alone, and its group goes on.
func TestRunGroups(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{}
	for i := range 12 {
		files[fmt.Sprintf("%02d.txt", i)] = document(i)
	}
	files["03b-bad.txt"] = "BAD"
	files["07b-panic.txt"] = "PANIC"
	inbox := writeInbox(t, root, files)
	proc := newFakeIndex(root, 5)
	var logs bytes.Buffer
	in := &Inbox{Dir: inbox, Processor: proc, Settle: 10 * time.Millisecond, Logger: slog.New(slog.NewJSONHandler(&logs, nil))}
	sum, err := in.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sum.Done != 12 || sum.Failed != 2 {
		t.Errorf("summary %+v, want 12 done and 2 failed", sum)
	}
	var sizes []int
	for _, c := range proc.commits {
		sizes = append(sizes, len(c))
	}
	if !slices.Equal(sizes, []int{5, 5, 2}) {
		t.Errorf("groups of %v files, want [5 5 2]: %v", sizes, proc.commits)
	}
	if got := listDir(filepath.Join(inbox, FailedDir)); !slices.Equal(got, []string{"03b-bad.txt", "03b-bad.txt" + ErrorSuffix, "07b-panic.txt", "07b-panic.txt" + ErrorSuffix}) {
		t.Errorf("failed/ holds %v", got)
	}
	if got := listDir(filepath.Join(inbox, DoneDir)); len(got) != 12 {
		t.Errorf("done/ holds %v", got)
	}
	for _, l := range logLines(t, &logs) {
		if l["status"] == "done" && (l["doc"] == "" || l["obligations"] != 2.0) {
			t.Errorf("log line %v", l)
		}
	}
	if _, err := os.Stat(filepath.Join(inbox, JournalFile)); err == nil {
		t.Error("journal left behind")
	}
}

// TestRunGroupOfOne takes the files one by one with MaxGroup 1.
func TestRunGroupOfOne(t *testing.T) {
	root := t.TempDir()
	inbox := writeInbox(t, root, map[string]string{"a.txt": document(1), "b.txt": document(2), "c.txt": document(3)})
	proc := newFakeIndex(root, 100)
	in := &Inbox{Dir: inbox, Processor: proc, Settle: 10 * time.Millisecond, MaxGroup: 1}
	if sum, err := in.Run(context.Background()); err != nil || sum.Done != 3 {
		t.Fatalf("Run = %+v, %v", sum, err)
	}
	if len(proc.commits) != 3 {
		t.Errorf("commits %v, want one per file", proc.commits)
	}
}

// TestRunGroupCommitFails fails every file of a group whose Commit fails,
// with its error, and only those: a file that failed on its own keeps its
// own reason.
func TestRunGroupCommitFails(t *testing.T) {
	root := t.TempDir()
	inbox := writeInbox(t, root, map[string]string{"a.txt": document(1), "b.txt": document(2), "bad.txt": "BAD"})
	proc := newFakeIndex(root, 100)
	proc.failCommit = true
	in := &Inbox{Dir: inbox, Processor: proc, Settle: 10 * time.Millisecond}
	sum, err := in.Run(context.Background())
	if err != nil || sum.Failed != 3 {
		t.Fatalf("Run = %+v, %v; want 3 failed", sum, err)
	}
	for name, want := range map[string]string{"a.txt": "index: disk full", "b.txt": "index: disk full", "bad.txt": "not a policy document"} {
		msg, err := os.ReadFile(filepath.Join(inbox, FailedDir, name+ErrorSuffix))
		if err != nil || !strings.HasPrefix(string(msg), want) {
			t.Errorf("%s: error file %q, %v; want it to begin %q", name, msg, err, want)
		}
	}
	if got := listDir(filepath.Join(inbox, DoneDir)); len(got) != 0 {
		t.Errorf("done/ holds %v", got)
	}
}

// TestRunGroupCancelled cancels a run while it stages a group: the staged
// files stay in the inbox, their attempt not counted, and the next run
// files them, resumed.
func TestRunGroupCancelled(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{}
	for i := range 6 {
		files[fmt.Sprintf("%02d.txt", i)] = document(i)
	}
	inbox := writeInbox(t, root, files)
	proc := newFakeIndex(root, 100)
	proc.delay = 40 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	in := &Inbox{Dir: inbox, Processor: proc, Settle: 10 * time.Millisecond}
	time.AfterFunc(150*time.Millisecond, cancel)
	if _, err := in.Run(ctx); err == nil {
		t.Fatal("a cancelled run returned no error")
	}
	if got := listDir(filepath.Join(inbox, DoneDir)); len(got) != 0 {
		t.Errorf("done/ holds %v, though no group was finished", got)
	}
	j, err := openJournal(filepath.Join(inbox, JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range j.list() {
		if e.Attempts != 0 {
			t.Errorf("%s: %d attempts counted after a cancelled run", e.Name, e.Attempts)
		}
	}
	proc.delay = 0
	sum, err := (&Inbox{Dir: inbox, Processor: proc, Settle: 10 * time.Millisecond}).Run(context.Background())
	if err != nil || sum.Done != 6 {
		t.Fatalf("second Run = %+v, %v", sum, err)
	}
	if stored := listDir(filepath.Join(root, "store")); len(stored) != 6 {
		t.Errorf("store holds %d documents, want 6", len(stored))
	}
}

// TestWatchGroups drops a lone file into a watched inbox, which goes as a
// group of one, then a burst, which goes in far fewer groups than files.
func TestWatchGroups(t *testing.T) {
	var proc *fakeIndex
	inbox, results, stop := watchWith(t, false, func(root string) Processor {
		proc = newFakeIndex(root, 1000)
		return proc
	})
	land := func(name, text string) {
		tmp := filepath.Join(inbox, "."+name)
		if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(inbox, name)); err != nil {
			t.Fatal(err)
		}
	}
	land("lone.txt", document(0))
	await(t, results, 1, 10*time.Second)
	proc.mu.Lock()
	if len(proc.commits) != 1 || len(proc.commits[0]) != 1 {
		t.Errorf("the lone file went in groups %v", proc.commits)
	}
	proc.mu.Unlock()
	const n = 40
	for i := range n {
		land(fmt.Sprintf("%02d.txt", i), document(i+1))
	}
	got := await(t, results, n, 30*time.Second)
	stop()
	for name, r := range got {
		if r.Status != StatusDone {
			t.Errorf("%s: %s %v", name, r.Status, r.Err)
		}
	}
	proc.mu.Lock()
	defer proc.mu.Unlock()
	if groups := len(proc.commits) - 1; groups > n/4 {
		t.Errorf("%d files that landed together went in %d groups", n, groups)
	}
}

// TestGroupBlamesTheFileInHand reads the journal as a run would leave it
// if it died while staging the third file of a group: only that file has
// an attempt counted, not the two staged before it, so that a file that
// kills dutymap is the one given up on (MaxAttempts), not its group.
func TestGroupBlamesTheFileInHand(t *testing.T) {
	root := t.TempDir()
	inbox := writeInbox(t, root, map[string]string{"a.txt": document(1), "b.txt": document(2), "c.txt": document(3)})
	proc := newFakeIndex(root, 100)
	var attempts map[string]int
	proc.onStage = func(f File) {
		if f.Name != "c.txt" {
			return
		}
		j, err := openJournal(filepath.Join(inbox, JournalFile))
		if err != nil {
			t.Error(err)
			return
		}
		attempts = map[string]int{}
		for _, e := range j.list() {
			attempts[e.Name] = e.Attempts
		}
	}
	in := &Inbox{Dir: inbox, Processor: proc, Settle: 10 * time.Millisecond}
	if sum, err := in.Run(context.Background()); err != nil || sum.Done != 3 {
		t.Fatalf("Run = %+v, %v", sum, err)
	}
	if want := map[string]int{"a.txt": 0, "b.txt": 0, "c.txt": 1}; fmt.Sprint(attempts) != fmt.Sprint(want) {
		t.Errorf("journal on disk while c.txt is staged: attempts %v, want %v", attempts, want)
	}
}
