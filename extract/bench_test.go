package extract

import (
	"io/fs"
	"testing"
	"time"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/samples"
	"github.com/dutymap/dutymap/segment"
)

// BenchmarkExtract measures extraction throughput over the sample corpus;
// b.Loop repeats it, so a run of -benchtime=80x extracts the seeds repeated
// to about 20 MB. Besides the wall-clock MB/s it reports MB/s-cpu: bytes per
// second of CPU time, the throughput of one core even on a busy machine.
func BenchmarkExtract(b *testing.B) {
	e := newTestExtractor(b)
	docs, size := sampleDocs(b)
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

// BenchmarkCut measures gse's Cut over the same texts, the yardstick of
// extraction speed: run both in one `go test -bench 'Extract$|Cut$'` and
// compare their MB/s-cpu, a ratio that holds on a loaded machine.
func BenchmarkCut(b *testing.B) {
	seg, err := segment.New()
	if err != nil {
		b.Fatal(err)
	}
	docs, size := sampleDocs(b)
	b.SetBytes(int64(size))
	n, start := 0, cpuTime()
	for b.Loop() {
		for _, d := range docs {
			seg.Cut(d.Text)
		}
		n++
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(n*size)/cpu.Seconds()/1e6, "MB/s-cpu")
	}
}

// BenchmarkExtractRatio reports extraction's CPU time over the sample
// corpus as a multiple of gse Cut's over the same texts ("x-cut"), the two
// interleaved in every iteration so that a change of load on a shared
// machine touches both alike. Extraction's speed target is stated as this
// ratio.
func BenchmarkExtractRatio(b *testing.B) {
	e := newTestExtractor(b)
	docs, size := sampleDocs(b)
	b.SetBytes(int64(size))
	var ext, cut time.Duration
	for b.Loop() {
		t0 := cpuTime()
		for _, d := range docs {
			e.seg.Cut(d.Text)
		}
		t1 := cpuTime()
		for _, d := range docs {
			e.Extract(d)
		}
		t2 := cpuTime()
		cut += t1 - t0
		ext += t2 - t1
	}
	if cut > 0 {
		b.ReportMetric(float64(ext)/float64(cut), "x-cut")
	}
}

// sampleDocs returns the sample corpus as Documents and its size in bytes.
func sampleDocs(b *testing.B) ([]*corpus.Document, int) {
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
	return docs, size
}
