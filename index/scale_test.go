package index

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"testing"
	"time"
)

// BenchmarkScale is the scale envelope: it builds the synthetic corpus of
// DUTYMAP_BENCH_SCALE obligations (a million, say) with dutymap's index and
// with the anchor, and reports for each the build time, the index bytes on
// disk once closed, the peak resident memory of the build, the resident
// memory of a process that has searched the index, and the p50 and p99 of
// each kind of query (wall and CPU time), with dutymap's figures as ratios
// to the anchor's. Without DUTYMAP_BENCH_SCALE it is skipped, so that no
// ordinary benchmark run pays for it. DUTYMAP_BENCH_QUERIES sets the
// queries per kind and engine (100).
//
//	DUTYMAP_BENCH_SCALE=1000000 go test -run '^$' -bench Scale -benchtime 1x -timeout 6h ./index/
func BenchmarkScale(b *testing.B) {
	n, err := strconv.Atoi(os.Getenv("DUTYMAP_BENCH_SCALE"))
	if err != nil || n <= 0 {
		b.Skip("set DUTYMAP_BENCH_SCALE to a number of obligations to measure the scale envelope")
	}
	queries := 100
	if q, err := strconv.Atoi(os.Getenv("DUTYMAP_BENCH_QUERIES")); err == nil && q > 0 {
		queries = q
	}
	s := newSynth(b, n)
	seg(b)
	dir := b.TempDir()
	settle := func() int64 {
		runtime.GC()
		debug.FreeOSMemory()
		now, _ := rss()
		return now
	}
	base := settle()
	b.ReportMetric(float64(base)/(1<<20), "base-RSS-MiB")
	ixs := map[string]*Index{}
	fig := map[string]map[string]float64{} // engine → figure → value
	report := func(e, name string, v float64) {
		if fig[e] == nil {
			fig[e] = map[string]float64{}
		}
		fig[e][name] = v
		b.ReportMetric(v, e+"-"+name)
	}
	for _, e := range engines {
		settle()
		resetPeakRSS()
		took, cpu := build(b, e, filepath.Join(dir, e.name), s)
		_, peak := rss()
		size := dirSize(filepath.Join(dir, e.name))
		report(e.name, "build-s", took.Seconds())
		report(e.name, "build-cpu-s", cpu.Seconds())
		report(e.name, "MiB", float64(size)/(1<<20))
		report(e.name, "B/obligation", float64(size)/float64(n))
		report(e.name, "build-peak-RSS-MiB", float64(peak)/(1<<20))
		b.Logf("%s: built %d obligations in %v (%v CPU), %d bytes on disk, build peak RSS %d MiB",
			e.name, n, took.Round(time.Second), cpu.Round(time.Second), size, peak>>20)

		// The memory a searching process holds: the index opened alone
		// and every kind of query run on it a few times.
		settle()
		ix, err := Open(filepath.Join(dir, e.name), seg(b), &Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		for _, k := range queryKinds {
			for range 5 {
				if _, err := e.search(context.Background(), ix, k.q); err != nil {
					b.Fatal(err)
				}
			}
		}
		now := settle()
		report(e.name, "search-RSS-MiB", float64(now)/(1<<20))
		ixs[e.name] = ix
	}
	for _, m := range []string{"build-s", "B/obligation", "build-peak-RSS-MiB", "search-RSS-MiB"} {
		b.ReportMetric(fig["dutymap"][m]/fig["cjk"][m], m+"-x-cjk")
	}
	defer func() {
		for _, ix := range ixs {
			ix.Close()
		}
	}()
	for _, k := range queryKinds {
		wall, cpu, hits := latencies(b, ixs, k.q, queries)
		reportLatencies(b, k.name+"-", wall, cpu, hits)
		b.Logf("%s: dutymap p50 %.1f ms, p99 %.1f ms (CPU p50 %.1f, p99 %.1f); cjk p50 %.1f ms, p99 %.1f ms (CPU p50 %.1f, p99 %.1f); %d hits",
			k.name, percentile(wall["dutymap"], 0.5), percentile(wall["dutymap"], 0.99),
			percentile(cpu["dutymap"], 0.5), percentile(cpu["dutymap"], 0.99),
			percentile(wall["cjk"], 0.5), percentile(wall["cjk"], 0.99),
			percentile(cpu["cjk"], 0.5), percentile(cpu["cjk"], 0.99), hits["dutymap"])
	}
}
