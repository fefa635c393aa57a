package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dutymap/dutymap/batch"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/report"
	"github.com/dutymap/dutymap/store"
	"github.com/dutymap/dutymap/workspace"
)

// TestKillRestart runs `dutymap run` as a subprocess on a burst of files,
// kills it with SIGKILL mid-batch several times, restarts it, and checks
// that every file ends in done/ or failed/ exactly once, that its documents
// are stored and indexed once, and that every report is complete.
func TestKillRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds dutymap and runs it as a subprocess")
	}
	bin := dutymapBinary(t)
	files := burst(t, 24)
	opts, inbox := newTestInbox(t, files)
	args := []string{"run", inbox, "--corpus", opts.corpus.dir, "--out", opts.out, "--json-log", "--settle", "10ms"}
	// Files are stored one by one and filed once their group is indexed:
	// progress counts both, so that runs are killed while they store a
	// group as well as while they file it.
	progress := func() int {
		return len(batchList(filepath.Join(inbox, batch.DoneDir))) + len(batchList(filepath.Join(opts.corpus.dir, "files")))
	}

	rng := rand.New(rand.NewPCG(1, 2))
	kills, finished := 0, false
	for round := 0; round < 30 && !finished; round++ {
		cmd := exec.Command(bin, args...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		// The first rounds are killed a random moment after a file or two
		// more is stored or filed.
		target, killAt := progress()+1+round%2, time.Time{}
	wait:
		for {
			select {
			case err := <-exited:
				// Exit status 1 is the broken file's doing.
				var ee *exec.ExitError
				if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1 && strings.Contains(stderr.String(), "1 of")) {
					t.Fatalf("round %d: %v\n%s", round, err, stderr.String())
				}
				finished = true
				break wait
			case <-time.After(5 * time.Millisecond):
			}
			if round >= 5 {
				continue
			}
			if killAt.IsZero() && progress() >= target {
				killAt = time.Now().Add(time.Duration(rng.IntN(100)) * time.Millisecond)
			}
			if !killAt.IsZero() && time.Now().After(killAt) {
				cmd.Process.Signal(syscall.SIGKILL)
				<-exited
				kills++
				break wait
			}
		}
	}
	if !finished {
		t.Fatal("the runs never finished the inbox")
	}
	if kills < 3 {
		t.Errorf("only %d runs were killed mid-batch", kills)
	}
	t.Logf("%d runs killed", kills)

	var want []string
	for name := range files {
		if name != "broken.docx" {
			want = append(want, name)
		}
	}
	sort.Strings(want)
	if got := batchList(filepath.Join(inbox, batch.DoneDir)); !slices.Equal(got, want) {
		t.Errorf("done/ holds %v, want %v", got, want)
	}
	if got := batchList(filepath.Join(inbox, batch.FailedDir)); !slices.Equal(got, []string{"broken.docx", "broken.docx.error.txt"}) {
		t.Errorf("failed/ holds %v", got)
	}
	if got := batchList(inbox); !slices.Equal(got, []string{batch.DoneDir, batch.FailedDir}) {
		t.Errorf("inbox holds %v", got)
	}
	for _, e := range batchList(opts.out) {
		if strings.HasPrefix(e, ".") {
			t.Errorf("outbox holds a temporary %s", e)
		}
	}

	// Every report complete, every document stored once and indexed once.
	st, err := store.View(opts.corpus.dir)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := st.Files()
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != len(want)-1 { // dup.txt is stored once, as its twin
		t.Errorf("corpus holds %d files, want %d", len(stored), len(want)-1)
	}
	checkIndexed(t, opts.corpus.dir)
	duplicates := 0
	for _, name := range want {
		entry, ok, err := st.Lookup(store.SourceHash(files[name]))
		if err != nil || !ok {
			t.Errorf("%s is not in the corpus: %v", name, err)
			continue
		}
		for _, d := range entry.Docs {
			dir := workspace.ReportDir(opts.out, name, d.ID)
			r := readTestReport(t, dir)
			if r.Duplicate {
				// Only dup.txt or its twin, whichever came second, is one.
				if name != "dup.txt" && name != "000-"+seedTown {
					t.Errorf("%s reported as a duplicate", name)
				}
				duplicates++
			}
			if len(r.Obligations) != d.Obligations {
				t.Errorf("%s: report has %d obligations, the corpus %d", name, len(r.Obligations), d.Obligations)
			}
			if rows := readTaskXLSX(t, filepath.Join(dir, report.XLSXFile)); len(rows) != d.Obligations+1 {
				t.Errorf("%s: report.xlsx has %d rows for %d obligations", name, len(rows), d.Obligations)
			}
		}
	}
	if duplicates != 1 {
		t.Errorf("%d reports of a duplicate, want 1 (dup.txt or its twin)", duplicates)
	}
}

// checkIndexed opens the corpus dir, as the next command would — which
// repairs what a kill left — and checks that the index holds exactly the
// obligations of its current documents. It returns what opening repaired.
func checkIndexed(t *testing.T, dir string) []string {
	t.Helper()
	w, err := workspace.Open(context.Background(), dir, workspace.Options{Segmenter: testSeg, Role: "test"})
	if err != nil {
		t.Fatalf("open after the kill: %v", err)
	}
	defer w.Close()
	list, err := w.List()
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, d := range list {
		res, err := w.Search(context.Background(), index.Query{DocID: d.ID, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		want := uint64(d.Obligations)
		if !d.Current() {
			want = 0
		}
		total += int(want)
		if res.Total != want {
			t.Errorf("%s (%s): %d obligations indexed, want %d", d.ID, d.Source, res.Total, want)
		}
	}
	if res, err := w.Search(context.Background(), index.Query{}); err != nil || int(res.Total) != total {
		t.Errorf("the index holds %v obligations, the current documents %d (%v)", res.Total, total, err)
	}
	return w.Repairs()
}

// TestKilledAddCompletes kills `dutymap add` with SIGKILL mid-add: the
// next command finds store and index in step again (list and search agree),
// no temporary file stays, and adding the files again completes the corpus.
func TestKilledAddCompletes(t *testing.T) {
	if testing.Short() {
		t.Skip("runs dutymap as a subprocess")
	}
	bin := dutymapBinary(t)
	dir := filepath.Join(t.TempDir(), "corpus")
	src := t.TempDir()
	var paths []string
	for name, data := range burst(t, 16) {
		if name == "broken.docx" || name == "dup.txt" {
			continue
		}
		p := filepath.Join(src, name)
		os.WriteFile(p, data, 0o644)
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for round := 0; round < 3; round++ {
		cmd := exec.Command(bin, append([]string{"add", "--corpus", dir}, paths...)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill it once a few more files are committed, at a varying moment.
		before, _ := filepath.Glob(filepath.Join(dir, "files", "*.json"))
		deadline := time.Now().Add(2 * time.Minute)
		for {
			n, _ := filepath.Glob(filepath.Join(dir, "files", "*.json"))
			if len(n) >= len(before)+2+round || time.Now().After(deadline) {
				break
			}
			time.Sleep(time.Duration(1+round) * time.Millisecond)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		t.Logf("round %d: killed after %d files", round, len(before))
		checkIndexed(t, dir)
		if temps, _ := filepath.Glob(filepath.Join(dir, "*", ".*")); len(temps) != 0 {
			t.Errorf("temporary files left after the repair: %v", temps)
		}
	}
	out, err := exec.Command(bin, append([]string{"add", "--corpus", dir, "--json"}, paths...)...).Output()
	if err != nil {
		t.Fatalf("add again: %v\n%s", err, out)
	}
	if n, _ := filepath.Glob(filepath.Join(dir, "files", "*.json")); len(n) != len(paths) {
		t.Errorf("%d files stored, want %d", len(n), len(paths))
	}
	checkIndexed(t, dir)
}

// TestKilledReindex kills `dutymap reindex --reparse` mid-rebuild: the old
// index is still there and in step after the repair, and searches work.
func TestKilledReindex(t *testing.T) {
	if testing.Short() {
		t.Skip("runs dutymap as a subprocess")
	}
	bin := dutymapBinary(t)
	dir := filepath.Join(t.TempDir(), "corpus")
	if out, err := exec.Command(bin, "add", "--corpus", dir, "--samples").CombinedOutput(); err != nil {
		t.Fatalf("add: %v\n%s", err, out)
	}
	for _, wait := range []time.Duration{50 * time.Millisecond, 300 * time.Millisecond, 800 * time.Millisecond} {
		cmd := exec.Command(bin, "reindex", "--reparse", "--corpus", dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(wait)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		repairs := checkIndexed(t, dir)
		t.Logf("killed after %v; repaired: %q", wait, repairs)
		out, err := exec.Command(bin, "search", "--corpus", dir, "每月", "会议").CombinedOutput()
		if err != nil || !strings.Contains(string(out), "obligations") {
			t.Errorf("search after the kill: %v\n%s", err, out)
		}
	}
}

// TestSIGTERMEndsRun sends SIGTERM to `dutymap run` in the middle of a
// file: it ends within two seconds, saying so, with the journal whole;
// the next run finishes the inbox, every file filed once.
func TestSIGTERMEndsRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs dutymap as a subprocess")
	}
	bin := dutymapBinary(t)
	// A long document (the seven plans of the multi-plan seed, four
	// times over): seconds of work, so the signal lands inside it.
	long := bytes.Repeat(batchSeed(t, "001_1f896dcc82d4bd9a.txt"), 4)
	opts, inbox := newTestInbox(t, map[string][]byte{"long.txt": long, "town.txt": batchSeed(t, seedTown)})
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(inbox, "long.txt"), old, old)
	cmd := exec.Command(bin, "run", inbox, "--corpus", opts.corpus.dir, "--out", opts.out, "--json-log", "--settle", "10ms")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Once it has begun long.txt (the journal names it), signal.
	deadline := time.Now().Add(time.Minute)
	for {
		if b, _ := os.ReadFile(filepath.Join(inbox, batch.JournalFile)); bytes.Contains(b, []byte("long.txt")) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("run never began long.txt")
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	sent := time.Now()
	err := cmd.Wait()
	took := time.Since(sent)
	if took > 2*time.Second {
		t.Errorf("run took %v to end after SIGTERM", took)
	}
	if err == nil || !strings.Contains(stderr.String(), "run interrupted") {
		t.Errorf("run after SIGTERM: %v\n%s", err, stderr.String())
	}
	t.Logf("ended %v after SIGTERM", took)
	j, err := os.ReadFile(filepath.Join(inbox, batch.JournalFile))
	if err != nil || !json.Valid(j) {
		t.Fatalf("journal after SIGTERM: %v %q", err, j)
	}
	if _, err := os.Stat(filepath.Join(inbox, "long.txt")); err != nil {
		t.Errorf("the file in hand left the inbox: %v", err)
	}
	out, err := exec.Command(bin, "run", inbox, "--corpus", opts.corpus.dir, "--out", opts.out, "--settle", "10ms").CombinedOutput()
	if err != nil {
		t.Fatalf("next run: %v\n%s", err, out)
	}
	if got := batchList(filepath.Join(inbox, batch.DoneDir)); !slices.Equal(got, []string{"long.txt", "town.txt"}) {
		t.Errorf("done/ holds %v", got)
	}
	checkIndexed(t, opts.corpus.dir)
}
