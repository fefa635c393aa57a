package batch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// A run killed after filing a file and before saving the journal leaves an
// entry whose file is gone: the next run drops it and does nothing else.
func TestRecoverFiledBeforeDeath(t *testing.T) {
	root := t.TempDir()
	inbox := writeInbox(t, root, nil)
	if err := os.MkdirAll(filepath.Join(inbox, DoneDir), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(inbox, DoneDir, "g.txt"), []byte(document(1)), 0o644)
	os.WriteFile(filepath.Join(inbox, JournalFile), []byte(`{"version":1,"in_flight":[{"name":"g.txt","size":9,"attempts":1}]}`), 0o644)
	proc := newFakeStore(root)
	var n int
	in := &Inbox{Dir: inbox, Processor: proc, Settle: time.Millisecond, OnResult: func(Result) { n++ }}
	sum, err := in.Run(context.Background())
	if err != nil || sum != (Summary{}) || n != 0 || len(proc.calls) != 0 {
		t.Errorf("run: %+v %v, %d results, %d calls", sum, err, n, len(proc.calls))
	}
	if got := listDir(inbox); !slices.Equal(got, []string{DoneDir}) {
		t.Errorf("inbox holds %v", got)
	}
}

// FuzzOpenJournal feeds openJournal any bytes: it must not panic, and must
// either read entries with names or set the journal aside as damaged.
func FuzzOpenJournal(f *testing.F) {
	f.Add([]byte(`{"version":1,"in_flight":[{"name":"a.txt","size":3,"attempts":1}]}`))
	f.Add([]byte(`{"version":1,"in_flight":[{"name":"f.txt","verdict":"failed","dest":"failed/f.txt","error":"x"}]}`))
	f.Add([]byte(`{"in_flight":[{}]}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"in_flight":[{"name":"../x","verdict":"done","dest":"done/../../x"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), JournalFile)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		j, err := openJournal(p)
		if err != nil {
			t.Fatalf("openJournal: %v", err)
		}
		for name, e := range j.m {
			if e.Name != name || filepath.Base(name) != name || name == ".." || (e.Dest != "" && filepath.Dir(filepath.Dir(e.Dest)) != ".") {
				t.Errorf("entry %q under %q, dest %q: not a file of the inbox", e.Name, name, e.Dest)
			}
		}
		if j.damaged != nil {
			if _, err := os.Stat(p + ".damaged"); err != nil {
				t.Errorf("damaged journal not set aside: %v", err)
			}
		}
	})
}

// A second process (here: a second Inbox) on a busy inbox is refused.
func TestInboxBusy(t *testing.T) {
	root := t.TempDir()
	inbox := writeInbox(t, root, map[string]string{"a.txt": document(1)})
	proc := newFakeStore(root)
	proc.delay = 300 * time.Millisecond
	first := &Inbox{Dir: inbox, Processor: proc, Settle: time.Millisecond}
	done := make(chan error, 1)
	go func() { _, err := first.Run(context.Background()); done <- err }()
	deadline := time.Now().Add(5 * time.Second)
	for len(proc.callsFor("a.txt")) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	second := &Inbox{Dir: inbox, Processor: newFakeStore(t.TempDir())}
	_, err := second.Run(context.Background())
	var busy *BusyError
	if !errors.As(err, &busy) || busy.PID != os.Getpid() {
		t.Errorf("second run: %v, want the inbox in use by pid %d", err, os.Getpid())
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := second.Run(context.Background()); err != nil {
		t.Errorf("after the first run: %v", err)
	}
}
