package extract

import (
	"io/fs"
	"testing"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/samples"
)

// BenchmarkExtract measures extraction throughput over the sample corpus;
// b.Loop repeats it, so a run of -benchtime=80x extracts the seeds repeated
// to about 20 MB. Besides the wall-clock MB/s it reports MB/s-cpu: bytes per
// second of CPU time, the throughput of one core even on a busy machine.
func BenchmarkExtract(b *testing.B) {
	e := newTestExtractor(b)
	fsys := samples.FS()
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil || len(names) == 0 {
		b.Fatalf("no samples: %v", err)
	}
	var docs []*corpus.Document
	size := 0
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, buildDoc(n, 2024, string(data)))
		size += len(data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	n, start := 0, cpuTime()
	for b.Loop() {
		for _, d := range docs {
			e.Extract(d)
		}
		n++
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(n*size)/cpu.Seconds()/1e6, "MB/s-cpu")
	}
}
