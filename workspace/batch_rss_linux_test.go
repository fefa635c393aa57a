package workspace

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// batchChildEnv names the batchedAddCase that TestBatchedAddChild runs.
const batchChildEnv = "DUTYMAP_BATCH_CHILD"

// TestBatchedAddRSS runs each case of BenchmarkBatchedAdd once in a
// process of its own and prints its peak RSS (getrusage, ru_maxrss) beside
// its files/s, obligations/s, index batches and merges; it checks that
// grouping keeps the peak within maxGroupRSS of the file-by-file path. It
// takes a minute, so it runs only when asked:
//
//	DUTYMAP_RSS=1 go test -run TestBatchedAddRSS -v ./workspace/
func TestBatchedAddRSS(t *testing.T) {
	if os.Getenv("DUTYMAP_RSS") == "" {
		t.Skip("measures peak RSS for a minute; set DUTYMAP_RSS=1 to run it")
	}
	// Groups hold up to index.BatchObligations obligations' documents and
	// one bleve batch of them; the budget of one file (issue 13) is 400 MB.
	const maxGroupRSS = 150 << 20
	var table strings.Builder
	fmt.Fprintf(&table, "%-11s %7s %8s %14s %8s %7s %9s\n", "case", "files", "files/s", "obligations/s", "batches", "merges", "peak RSS")
	rss := map[string]int64{}
	for _, c := range batchedAddCases {
		cmd := exec.Command(os.Args[0], "-test.run=^TestBatchedAddChild$")
		cmd.Env = append(os.Environ(), batchChildEnv+"="+c.name)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s: %v\n%s%s", c.name, err, stdout.String(), stderr.String())
		}
		var files, obligations int
		var batches, merges uint64
		var secs float64
		var kb int64
		if _, err := fmt.Sscanf(stdout.String(), "batched %d %d %d %d %g %d", &files, &obligations, &batches, &merges, &secs, &kb); err != nil {
			t.Fatalf("%s: %q: %v", c.name, stdout.String(), err)
		}
		rss[c.name] = kb << 10
		fmt.Fprintf(&table, "%-11s %7d %8.1f %14.0f %8d %7d %7.0fMB\n", c.name, files, float64(files)/secs, float64(obligations)/secs, batches, merges, float64(kb<<10)/1e6)
	}
	t.Logf("peak RSS\n%s", table.String())
	for _, p := range []string{"run", "add"} {
		if grew := rss[p+"/groups"] - rss[p+"/files"]; grew > maxGroupRSS {
			t.Errorf("%s in groups peaks %d MB above file by file, want at most %d MB", p, grew>>20, maxGroupRSS>>20)
		}
	}
}

// TestBatchedAddChild is TestBatchedAddRSS's helper, run in a process of
// its own: it runs the case $DUTYMAP_BATCH_CHILD once and prints its
// figures and the process's peak RSS in KB.
func TestBatchedAddChild(t *testing.T) {
	name := os.Getenv(batchChildEnv)
	if name == "" {
		t.Skip("the helper process of TestBatchedAddRSS")
	}
	for _, c := range batchedAddCases {
		if c.name != name {
			continue
		}
		fig := runBatchedAdd(t, t.TempDir(), c, smallFiles(t, benchFiles(t)))
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("batched %d %d %d %d %g %d\n", fig.files, fig.obligations, fig.batches, fig.merges, fig.elapsed.Seconds(), ru.Maxrss)
		return
	}
	t.Fatalf("%s=%s: no such case", batchChildEnv, name)
}
