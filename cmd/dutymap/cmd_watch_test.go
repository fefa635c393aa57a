package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dutymap/dutymap/batch"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/store"
	"github.com/dutymap/dutymap/workspace"
)

// townBurst returns n short notices of towns (testdata/town_notice.txt):
// one town in every four files, so that each town's later notices are new
// versions of its first — with another frequency, so they differ — and one
// exact duplicate of the first file, and one broken file. Short documents
// keep 200 of them within the test's time under the race detector.
func townBurst(t testing.TB, n int) map[string][]byte {
	tmpl, err := os.ReadFile(filepath.Join("testdata", "town_notice.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var towns []string // 50 names: 东岳镇, 东河镇 … 中园镇
	for _, a := range []string{"东", "西", "南", "北", "中"} {
		for _, b := range []string{"岳", "河", "关", "坪", "石", "沙", "岩", "川", "林", "园"} {
			towns = append(towns, a+b+"镇")
		}
	}
	freqs := []string{"每月", "每半月", "每周", "每两周"}
	files := map[string][]byte{}
	for i := range n {
		town := towns[(i/4)%len(towns)]
		doc := strings.NewReplacer("{{TOWN}}", town, "{{YEAR}}", "2024", "{{FREQ}}", freqs[i%4]).Replace(string(tmpl))
		files[fmt.Sprintf("%03d-%s.txt", i, town)] = []byte(doc)
	}
	first := fmt.Sprintf("%03d-%s.txt", 0, towns[0])
	files["dup.txt"] = files[first]
	files["broken.docx"] = []byte("PK\x03\x04 not a zip archive")
	return files
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

// searcher runs `dutymap search` in a loop, as a user at another terminal
// would while watch works, and checks every answer: it succeeds, every hit
// is a document stored in the corpus, and the total never falls.
type searcher struct {
	t      *testing.T
	corpus string
	query  string

	mu       sync.Mutex
	n        int    // searches made
	last     uint64 // the last total
	failures []string
	// seen holds, by document, the obligations of the documents read so
	// far: stored documents do not change, and reading each once keeps
	// the loop from being the test's main cost.
	seen map[string]map[string]bool
}

func (s *searcher) once(ctx context.Context) {
	var out bytes.Buffer
	opts := searchOptions{corpus: corpusFlag{s.corpus}, json: true, query: index.Query{Text: s.query, Limit: 20}}
	err := newApp(nil, &out, io.Discard, testSeg).runSearch(ctx, opts)
	if ctx.Err() != nil {
		return // stopped mid-search by the test
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	fail := func(format string, args ...any) {
		if len(s.failures) < 10 {
			s.failures = append(s.failures, fmt.Sprintf("search %d: ", s.n)+fmt.Sprintf(format, args...))
		}
	}
	if err != nil {
		fail("%v", err)
		return
	}
	var res searchJSON
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		fail("%v: %s", err, out.String())
		return
	}
	if res.Total < s.last {
		fail("total fell from %d to %d", s.last, res.Total)
	}
	s.last = res.Total
	v, err := store.View(s.corpus)
	if err != nil {
		fail("%v", err)
		return
	}
	if s.seen == nil {
		s.seen = map[string]map[string]bool{}
	}
	for _, h := range res.Hits {
		obs, ok := s.seen[h.Doc]
		if !ok {
			p, err := v.Document(h.Doc)
			if err != nil {
				fail("hit %s: %v", h.ID, err)
				continue
			}
			obs = map[string]bool{}
			for _, o := range p.Obligations {
				obs[o.ID] = true
			}
			s.seen[h.Doc] = obs
		}
		if !obs[h.ID] {
			fail("hit %s is not an obligation of the stored %s", h.ID, h.Doc)
		}
	}
}

// loop searches until ctx ends, pausing between searches as a person
// does: the searches are there to check, not to load the machine.
func (s *searcher) loop(ctx context.Context) {
	for ctx.Err() == nil {
		s.once(ctx)
		select {
		case <-ctx.Done():
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (s *searcher) check(min int) {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.failures {
		s.t.Error(f)
	}
	if s.n < min {
		s.t.Errorf("only %d searches ran", s.n)
	}
	s.t.Logf("%d searches, last total %d", s.n, s.last)
}

// TestWatchBurstWhileSearching runs watch, idle and then busy with a burst
// of 200 files, while a loop of searches runs against its corpus: every
// search succeeds, every hit is a stored document, the total never falls,
// and every file is filed exactly once with its report. It also hands a
// file to the watch with `dutymap add`.
func TestWatchBurstWhileSearching(t *testing.T) {
	files := townBurst(t, 198) // and dup.txt and broken.docx
	opts, inbox := newTestInbox(t, nil)
	opts.settle = 50 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs batchLogBuffer
	stopped := make(chan error, 1)
	go func() { stopped <- newApp(nil, io.Discard, &logs, testSeg).runWatch(ctx, opts, inbox) }()
	defer func() {
		cancel()
		if err := <-stopped; err != nil {
			t.Errorf("watch: %v", err)
		}
	}()
	// Idle: the holder answers. A first file makes the total non-zero.
	os.WriteFile(filepath.Join(inbox, "first.txt"), batchSeed(t, seedTown), 0o644)
	batchWaitFor(t, 2*time.Minute, func() bool { return len(batchList(filepath.Join(inbox, batch.DoneDir))) == 1 })
	s := &searcher{t: t, corpus: opts.corpus.dir, query: "安全"}
	for range 20 {
		s.once(ctx)
	}
	if v, err := workspace.OpenView(ctx, opts.corpus.dir, workspace.Options{}); err != nil {
		t.Fatal(err)
	} else if _, role, ok := v.Held(); !ok || role != "watch" {
		t.Fatalf("the corpus is not served by the watch: %q %v", role, ok)
	}

	searching, stopSearching := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); s.loop(searching) }()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(inbox, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// add while watch holds the corpus: the files go to the watch. (A
	// document of its own: a new version with fewer duties would rightly
	// make the total fall.)
	extra := filepath.Join(t.TempDir(), "handed.txt")
	os.WriteFile(extra, bytes.ReplaceAll(batchSeed(t, seedSmall), []byte("**镇"), []byte("东岳镇")), 0o644)
	var addOut, addErr bytes.Buffer
	if err := newApp(nil, &addOut, &addErr, testSeg).runAdd(ctx, addOptions{corpus: opts.corpus}, []string{extra}); err != nil {
		t.Errorf("add while watch runs: %v\n%s", err, addErr.String())
	}
	if !strings.Contains(addErr.String(), "(dutymap watch), which added the files") || !strings.HasPrefix(addOut.String(), "1 added") {
		t.Errorf("add while watch runs said %q / %q", addOut.String(), addErr.String())
	}

	// A file is moved before its log line is written: wait for both.
	batchWaitFor(t, 15*time.Minute, func() bool {
		filed := len(batchList(filepath.Join(inbox, batch.DoneDir))) + len(batchList(filepath.Join(inbox, batch.FailedDir)))
		return filed >= len(files)+2 && len(batchLogRecords(t, logs.buffer())) >= len(files)+2
	})
	stopSearching()
	wg.Wait()
	s.check(50)

	logged := batchLogRecords(t, logs.buffer())
	counts := map[string]int{}
	for name := range files {
		counts[fmt.Sprint(logged[name]["status"])]++
	}
	if counts["done"] != 198 || counts["duplicate"] != 1 || counts["failed"] != 1 {
		t.Errorf("statuses %v, want 198 done, 1 duplicate, 1 failed", counts)
	}
	if n := len(batchList(filepath.Join(inbox, batch.DoneDir))); n != 200 {
		t.Errorf("done/ holds %d files, want 200", n)
	}
	if n := len(batchList(opts.out)); n != 200 {
		t.Errorf("%d report folders, want 200", n)
	}
}
