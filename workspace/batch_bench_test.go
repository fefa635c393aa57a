package workspace

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/dutymap/dutymap/batch"
)

// smallFiles returns n small documents, each a document of its own: the
// four short seeds in turn, a number put into each one's title.
func smallFiles(t testing.TB, n int) map[string][]byte {
	t.Helper()
	// A word of each seed's title, where the number goes.
	seeds := []struct{ name, inTitle string }{
		{seedTown, "安全生产"}, {seedTown2, "专项排查整治"}, {seedSmall, "安全生产"}, {seedCounty, "安全生产"},
	}
	files := map[string][]byte{}
	for i := range n {
		s := seeds[i%len(seeds)]
		data := bytes.Replace(seed(t, s.name), []byte(s.inTitle), []byte(fmt.Sprintf("第%d批%s", i, s.inTitle)), 1)
		files[fmt.Sprintf("%03d-%s", i, s.name)] = data
	}
	return files
}

// benchFiles is the number of files of BenchmarkBatchedAdd:
// $DUTYMAP_BENCH_FILES, 200 by default.
func benchFiles(t testing.TB) int {
	if s := os.Getenv("DUTYMAP_BENCH_FILES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("DUTYMAP_BENCH_FILES=%s: %v", s, err)
		}
		return n
	}
	return 200
}

// batchedAddCase is one way of adding many files that BenchmarkBatchedAdd
// measures.
type batchedAddCase struct {
	name    string
	inbox   bool // `dutymap run` (reports and all), else `dutymap add DIR`
	grouped bool // in Groups, else file by file as before them
}

var batchedAddCases = []batchedAddCase{
	{"run/files", true, false}, {"run/groups", true, true},
	{"add/files", false, false}, {"add/groups", false, true},
}

// batchedAddFigures is what one pass of a batchedAddCase did.
type batchedAddFigures struct {
	files, obligations int
	batches, merges    uint64
	elapsed            time.Duration
}

// runBatchedAdd makes a new corpus under root, adds files to it the way c
// says, and returns what it did.
func runBatchedAdd(t testing.TB, root string, c batchedAddCase, files map[string][]byte) batchedAddFigures {
	ctx := context.Background()
	src := filepath.Join(root, "inbox")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(src, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w, err := Open(ctx, filepath.Join(root, "corpus"), testOptions("bench"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	before := indexStats(t, w)
	var fig batchedAddFigures
	start := time.Now()
	if c.inbox {
		proc, err := w.InboxProcessor(filepath.Join(root, "outbox"))
		if err != nil {
			t.Fatal(err)
		}
		if !c.grouped {
			// The Processor alone, not the Grouper: the path before groups.
			proc = batch.ProcessorFunc(proc.Process)
		}
		in := &batch.Inbox{Dir: src, Processor: proc, Settle: time.Millisecond, OnResult: func(r batch.Result) {
			fig.files++
			for _, d := range r.Outcome.Documents {
				fig.obligations += d.Obligations
			}
		}}
		if sum, err := in.Run(ctx); err != nil || sum.Done != len(files) {
			t.Fatalf("%s: %+v, %v", c.name, sum, err)
		}
	} else {
		ins, _ := Inputs([]string{src})
		count := func(r AddResult, err error) {
			if err != nil {
				t.Fatal(err)
			}
			fig.files++
			fig.obligations += r.Obligations
		}
		if c.grouped {
			if _, err := w.AddFiles(ctx, ins, count); err != nil {
				t.Fatal(err)
			}
		} else {
			for _, in := range ins {
				count(w.AddFile(ctx, in))
			}
		}
	}
	fig.elapsed = time.Since(start)
	after := indexStats(t, w)
	fig.batches, fig.merges = after.Batches-before.Batches, after.Merges-before.Merges
	return fig
}

// BenchmarkBatchedAdd measures `dutymap run` (an inbox through
// InboxProcessor, reports and all) and `dutymap add DIR` (AddFiles) over
// $DUTYMAP_BENCH_FILES small documents (200 by default), file by file as
// before Groups and in Groups, in the same run: files/s, obligations/s,
// and the index batches and segment merges of one pass. Peak RSS of each
// is TestBatchedAddRSS's.
//
//	go test -run '^$' -bench BatchedAdd -benchtime 1x ./workspace/
func BenchmarkBatchedAdd(b *testing.B) {
	files := smallFiles(b, benchFiles(b))
	for _, c := range batchedAddCases {
		b.Run(c.name, func(b *testing.B) {
			var sum batchedAddFigures
			for b.Loop() {
				fig := runBatchedAdd(b, b.TempDir(), c, files)
				sum.files += fig.files
				sum.obligations += fig.obligations
				sum.batches += fig.batches
				sum.merges += fig.merges
				sum.elapsed += fig.elapsed
			}
			s := sum.elapsed.Seconds()
			b.ReportMetric(float64(sum.files)/s, "files/s")
			b.ReportMetric(float64(sum.obligations)/s, "obligations/s")
			b.ReportMetric(float64(sum.batches)/float64(b.N), "batches/op")
			b.ReportMetric(float64(sum.merges)/float64(b.N), "merges/op")
		})
	}
}
