package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/dutymap/dutymap/batch"
)

// BenchmarkWatchLatency measures the time from a seed-sized document (seed
// 000, 14 KB) landing in a watched inbox to its report being written, with
// the default settle interval. Target: ≤ 2 s.
func BenchmarkWatchLatency(b *testing.B) {
	seed := batchSeed(b, seedTown)
	root := b.TempDir()
	inbox := filepath.Join(root, "inbox")
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		b.Fatal(err)
	}
	opts := inboxOptions{corpus: corpusFlag{filepath.Join(root, "corpus")}, out: filepath.Join(root, "outbox"), settle: batch.DefaultSettle}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- newApp(nil, io.Discard, io.Discard, testSeg).runWatch(ctx, opts, inbox) }()
	defer func() {
		cancel()
		if err := <-stopped; err != nil {
			b.Error(err)
		}
	}()
	time.Sleep(time.Second) // let watch open the corpus
	for i := 0; b.Loop(); i++ {
		name := fmt.Sprintf("plan-%d.txt", i)
		data := append(seed[:len(seed):len(seed)], fmt.Sprintf("\n（收文%d）\n", i)...)
		// Write under a hidden name and rename: the file lands whole, at once.
		tmp := filepath.Join(inbox, "."+name)
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(inbox, name)); err != nil {
			b.Fatal(err)
		}
		done := filepath.Join(inbox, batch.DoneDir, name)
		deadline := time.Now().Add(time.Minute)
		for {
			if _, err := os.Stat(done); err == nil {
				break
			}
			if time.Now().After(deadline) {
				b.Fatalf("%s not processed after a minute", name)
			}
			time.Sleep(2 * time.Millisecond)
		}
	}
	b.StopTimer()
	if n := len(batchList(opts.out)); n == 0 {
		b.Fatal("no report written")
	}
}

// BenchmarkRunThroughput measures `dutymap run` over an inbox of many
// documents (the four small seeds in turn, each with a line of its own):
// $DUTYMAP_BENCH_DOCS of them, 100 by default (the figure is 1000).
func BenchmarkRunThroughput(b *testing.B) {
	n := 100
	if s := os.Getenv("DUTYMAP_BENCH_DOCS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil {
			b.Fatalf("DUTYMAP_BENCH_DOCS=%s: %v", s, err)
		}
		n = v
	}
	files := burst(b, n)
	delete(files, "broken.docx")
	delete(files, "dup.txt")
	for b.Loop() {
		b.StopTimer()
		root := b.TempDir()
		inbox := filepath.Join(root, "inbox")
		if err := os.MkdirAll(inbox, 0o755); err != nil {
			b.Fatal(err)
		}
		for name, data := range files {
			if err := os.WriteFile(filepath.Join(inbox, name), data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		opts := inboxOptions{corpus: corpusFlag{filepath.Join(root, "corpus")}, out: filepath.Join(root, "outbox"), settle: 10 * time.Millisecond}
		b.StartTimer()
		if err := newApp(nil, io.Discard, io.Discard, testSeg).runRun(context.Background(), opts, inbox); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
}
