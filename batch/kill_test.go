package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestHelperRun is not a test: TestKillRestart runs the test binary with
// BATCH_HELPER_ROOT set, and then this runs an Inbox over ROOT/inbox with a
// slow fake processor, to be killed.
func TestHelperRun(t *testing.T) {
	root := os.Getenv("BATCH_HELPER_ROOT")
	if root == "" {
		t.Skip("helper process for TestKillRestart")
	}
	var proc Processor
	if os.Getenv("BATCH_HELPER_GROUP") != "" {
		f := newFakeIndex(root, 7)
		f.delay = 15 * time.Millisecond
		proc = f
	} else {
		f := newFakeStore(root)
		f.delay = 15 * time.Millisecond
		proc = f
	}
	in := &Inbox{Dir: filepath.Join(root, "inbox"), Processor: proc, Settle: 10 * time.Millisecond}
	if _, err := in.Run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	os.Exit(0)
}

// TestKillRestart kills runs with SIGKILL mid-batch and restarts them until
// the inbox is empty, then checks that every file was filed exactly once
// and its report is complete — file by file, and in groups, where a file
// is filed only once its group is indexed (fakeGroup.Finish checks) and
// a kill mid-group blames no file staged before it.
func TestKillRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("runs subprocesses")
	}
	t.Run("files", func(t *testing.T) { killRestart(t, "") })
	t.Run("groups", func(t *testing.T) { killRestart(t, "1") })
}

func killRestart(t *testing.T, group string) {
	const n = 60
	root := t.TempDir()
	files := map[string]string{}
	for i := range n {
		files[fmt.Sprintf("%02d.txt", i)] = document(i)
	}
	files["bad.txt"] = "BAD"
	files["dup.txt"] = document(7)
	inbox := writeInbox(t, root, files)
	inDone := func() int { return len(listDir(filepath.Join(inbox, DoneDir))) }

	kills := 0
	for round := 0; round < 20; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperRun$")
		cmd.Env = append(os.Environ(), "BATCH_HELPER_ROOT="+root, "BATCH_HELPER_GROUP="+group)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		// Kill the first rounds at varying points after a few more files are done.
		target := inDone() + 3 + round%4
		var err error
		killed := false
	wait:
		for {
			select {
			case err = <-exited:
				break wait
			case <-time.After(time.Duration(2+round%3) * time.Millisecond):
				if round < 6 && inDone() >= target {
					cmd.Process.Signal(syscall.SIGKILL)
					err = <-exited
					killed = true
					kills++
					break wait
				}
			}
		}
		if !killed {
			if err != nil {
				t.Fatalf("round %d: %v\n%s", round, err, stderr.String())
			}
			break
		}
	}
	if kills < 3 {
		t.Errorf("only %d runs were killed mid-batch", kills)
	}

	done := listDir(filepath.Join(inbox, DoneDir))
	failed := listDir(filepath.Join(inbox, FailedDir))
	if len(done) != n+1 {
		t.Errorf("done/ holds %d files, want %d: %v", len(done), n+1, done)
	}
	if !slices.Equal(failed, []string{"bad.txt", "bad.txt" + ErrorSuffix}) {
		t.Errorf("failed/ holds %v", failed)
	}
	if left := listDir(inbox); !slices.Equal(left, []string{DoneDir, FailedDir}) {
		t.Errorf("inbox holds %v", left)
	}
	for name, text := range files {
		if name == "bad.txt" {
			continue
		}
		if !slices.Contains(done, name) {
			t.Errorf("%s is not in done/", name)
			continue
		}
		sum := sha256.Sum256([]byte(text))
		report, err := os.ReadFile(filepath.Join(root, "out", name, "report.txt"))
		if err != nil || !strings.HasPrefix(string(report), "d-"+hex.EncodeToString(sum[:8])+"\n") || !strings.HasSuffix(string(report), "\n2\n") {
			t.Errorf("%s: report %q, %v", name, report, err)
		}
	}
	if stored := listDir(filepath.Join(root, "store")); len(stored) != n {
		t.Errorf("store holds %d documents, want %d", len(stored), n)
	}
	if indexed := listDir(filepath.Join(root, "index")); group != "" && len(indexed) != n {
		t.Errorf("index holds %d documents, want %d", len(indexed), n)
	}
	t.Logf("%d runs killed", kills)
}
