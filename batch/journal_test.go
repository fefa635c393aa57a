package batch

import (
	"context"
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
			if name == "" || e.Name != name {
				t.Errorf("entry %q under %q", e.Name, name)
			}
		}
		if j.damaged != nil {
			if _, err := os.Stat(p + ".damaged"); err != nil {
				t.Errorf("damaged journal not set aside: %v", err)
			}
		}
	})
}
