package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dutymap/dutymap/batch"
	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/report"
	"github.com/dutymap/dutymap/segment"
)

// buildDutymap builds the dutymap binary into a temporary directory.
func buildDutymap(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "dutymap")
	goTool, err := exec.LookPath("go") // go test puts its own go first in PATH
	if err != nil {
		t.Skip("no go command to build dutymap with:", err)
	}
	cmd := exec.Command(goTool, "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// burst returns n distinct seed-based files (each seed with a line of its
// own appended, so that later ones are new versions of earlier ones), one
// exact duplicate of the first, and one broken file.
func burst(t testing.TB, n int) map[string][]byte {
	seeds := []string{seedTown, seedTown2, seedSmall, seedCounty}
	files := map[string][]byte{}
	for i := range n {
		data := append(batchSeed(t, seeds[i%len(seeds)]), fmt.Sprintf("\n（第%d批次收文）\n", i)...)
		files[fmt.Sprintf("%03d-%s", i, seeds[i%len(seeds)])] = data
	}
	files["dup.txt"] = files["000-"+seeds[0]]
	files["broken.docx"] = []byte("PK\x03\x04 not a zip archive")
	return files
}

// TestKillRestart runs `dutymap run` as a subprocess on a burst of files,
// kills it with SIGKILL mid-batch several times, restarts it, and checks
// that every file ends in done/ or failed/ exactly once, that its documents
// are stored and indexed once, and that every report is complete.
func TestKillRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds dutymap and runs it as a subprocess")
	}
	bin := buildDutymap(t)
	files := burst(t, 24)
	opts, inbox := newTestInbox(t, files)
	args := []string{"run", inbox, "--corpus", opts.corpus, "--out", opts.out, "--json-log", "--settle", "10ms"}
	done := func() int { return len(batchList(filepath.Join(inbox, batch.DoneDir))) }

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
		// The first rounds are killed a random moment after a file or two more is filed.
		target, killAt := done()+1+round%2, time.Time{}
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
			if killAt.IsZero() && done() >= target {
				killAt = time.Now().Add(time.Duration(rng.IntN(300)) * time.Millisecond)
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
	st := corpus.ViewStore(opts.corpus)
	stored, err := st.Files()
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != len(want)-1 { // dup.txt is stored once, as its twin
		t.Errorf("corpus holds %d files, want %d", len(stored), len(want)-1)
	}
	seg, err := segment.New()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(index.Path(opts.corpus), seg, &index.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	list, err := st.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range list {
		res, err := ix.Search(context.Background(), index.Query{DocID: d.ID, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		want := uint64(d.Obligations)
		if !d.Current() {
			want = 0
		}
		if res.Total != want {
			t.Errorf("%s (%s): %d obligations indexed, want %d", d.ID, d.Source, res.Total, want)
		}
	}
	duplicates := 0
	for _, name := range want {
		entry, ok, err := st.Lookup(corpus.SourceHash(files[name]))
		if err != nil || !ok {
			t.Errorf("%s is not in the corpus: %v", name, err)
			continue
		}
		for _, d := range entry.Docs {
			dir := filepath.Join(opts.out, report.DirName(name, d.ID))
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
