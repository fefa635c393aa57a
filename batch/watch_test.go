package batch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// watchInbox runs Watch on a new inbox and hands out the results as they
// come, and the function that stops it (also called when the test ends).
func watchInbox(t *testing.T, poll bool) (inbox string, proc *fakeStore, results <-chan Result, stop func()) {
	t.Helper()
	inbox, results, stop = watchWith(t, poll, func(root string) Processor {
		proc = newFakeStore(root)
		return proc
	})
	return inbox, proc, results, stop
}

// watchWith is watchInbox with the Processor that mk makes in the test's
// folder.
func watchWith(t *testing.T, poll bool, mk func(root string) Processor) (inbox string, results <-chan Result, stop func()) {
	t.Helper()
	root := t.TempDir()
	inbox = writeInbox(t, root, nil)
	proc := mk(root)
	ch := make(chan Result, 1000)
	in := &Inbox{Dir: inbox, Processor: proc, Settle: 50 * time.Millisecond,
		Poll: poll, PollInterval: 50 * time.Millisecond,
		OnResult: func(r Result) { ch <- r }}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- in.Watch(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-stopped:
				if err != nil {
					t.Errorf("Watch: %v", err)
				}
			case <-time.After(10 * time.Second):
				t.Error("Watch did not stop")
			}
		})
	}
	t.Cleanup(stop)
	return inbox, ch, stop
}

// await collects results until it has n, failing after timeout.
func await(t *testing.T, results <-chan Result, n int, timeout time.Duration) map[string]Result {
	t.Helper()
	got := map[string]Result{}
	deadline := time.After(timeout)
	for len(got) < n {
		select {
		case r := <-results:
			if _, dup := got[r.Name]; dup {
				t.Errorf("%s filed twice", r.Name)
			}
			got[r.Name] = r
		case <-deadline:
			t.Fatalf("after %v: %d of %d files filed", timeout, len(got), n)
		}
	}
	return got
}

func TestWatch(t *testing.T) {
	for _, poll := range []bool{false, true} {
		t.Run(fmt.Sprintf("poll=%v", poll), func(t *testing.T) {
			inbox, proc, results, _ := watchInbox(t, poll)
			// Two files at once, a bad one and a duplicate.
			writeInbox(t, filepath.Dir(inbox), map[string]string{"a.txt": document(1), "b.txt": document(2), "bad.txt": "BAD"})
			got := await(t, results, 3, 10*time.Second)
			writeInbox(t, filepath.Dir(inbox), map[string]string{"a-again.txt": document(1)})
			got["a-again.txt"] = await(t, results, 1, 10*time.Second)["a-again.txt"]
			for name, want := range map[string]Status{"a.txt": StatusDone, "b.txt": StatusDone, "bad.txt": StatusFailed, "a-again.txt": StatusDuplicate} {
				if got[name].Status != want {
					t.Errorf("%s: %s (%v), want %s", name, got[name].Status, got[name].Err, want)
				}
			}
			if _, err := os.Stat(filepath.Join(inbox, FailedDir, "bad.txt"+ErrorSuffix)); err != nil {
				t.Error(err)
			}

			// A file written slowly is taken once, whole.
			f, err := os.Create(filepath.Join(inbox, "slow.txt"))
			if err != nil {
				t.Fatal(err)
			}
			whole := document(3)
			for _, line := range strings.SplitAfter(whole, "\n") {
				f.WriteString(line)
				time.Sleep(20 * time.Millisecond)
			}
			f.Close()
			if r := await(t, results, 1, 10*time.Second)["slow.txt"]; r.Status != StatusDone {
				t.Errorf("slow.txt: %+v", r)
			}
			calls := proc.callsFor("slow.txt")
			if len(calls) != 1 || string(calls[0].Data) != whole {
				t.Errorf("slow.txt processed %d times, not once whole", len(calls))
			}
		})
	}
}

func TestWatchBurst(t *testing.T) {
	const n = 200
	inbox, _, results, stop := watchInbox(t, false)
	for i := range n {
		name := filepath.Join(inbox, fmt.Sprintf("%03d.txt", i))
		if err := os.WriteFile(name, []byte(document(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := await(t, results, n, 60*time.Second)
	for name, r := range got {
		if r.Status != StatusDone {
			t.Errorf("%s: %s %v", name, r.Status, r.Err)
		}
	}
	stop()
	if done := listDir(filepath.Join(inbox, DoneDir)); len(done) != n {
		t.Errorf("done/ holds %d files, want %d", len(done), n)
	}
	if left := slices.DeleteFunc(listDir(inbox), func(s string) bool { return s == DoneDir }); len(left) != 0 {
		t.Errorf("inbox still holds %v", left)
	}
}
