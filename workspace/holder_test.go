package workspace

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/segment"
	"github.com/dutymap/dutymap/store"
)

// serve runs w.Serve until the test ends (or the returned stop is called).
func serve(t testing.TB, w *Workspace) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Serve(ctx) }()
	path, _ := SocketPath(w.Dir())
	for i := 0; i < 500; i++ {
		if _, err := dial(context.Background(), w.Dir()); err == nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
		if _, err := os.Stat(path); err == nil {
			t.Errorf("socket %s left after Serve returned", path)
		}
	}
	t.Cleanup(stop)
	return stop
}

func TestHolderAnswersSearches(t *testing.T) {
	w := openTest(t)
	ctx := context.Background()
	for _, n := range []string{seedTown, seedCounty} {
		if _, err := w.Add(ctx, n, seed(t, n)); err != nil {
			t.Fatal(err)
		}
	}
	stop := serve(t, w)
	path, _ := SocketPath(w.Dir())
	if fi, err := os.Stat(path); err != nil || fi.Mode()&os.ModeSocket == 0 || fi.Mode().Perm() != 0o600 {
		t.Fatalf("socket %s: %v %v, want a socket of mode 0600", path, fi.Mode(), err)
	}
	served := true
	v, err := OpenView(ctx, w.Dir(), Options{Segmenter: func() (*segment.Segmenter, error) {
		if served {
			t.Error("a View served by a holder loaded a segmenter")
		}
		return testSeg()
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if pid, role, ok := v.Held(); !ok || pid != os.Getpid() || role != "test" {
		t.Fatalf("Held = %d %q %v", pid, role, ok)
	}
	for _, q := range []index.Query{{Text: "每月 会议"}, {Level: "town", Limit: 3, Facets: true}, {Text: `"召开一次会议"`, Period: "month"}} {
		got, err := v.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := w.Search(ctx, q)
		got.Took, want.Took = 0, 0
		if !reflect.DeepEqual(got, want) {
			t.Errorf("search %+v through the holder:\n got %+v\nwant %+v", q, got, want)
		}
		if len(got.Hits) > 0 && got.Hits[0].Highlight("【", "】") != want.Hits[0].Highlight("【", "】") {
			t.Error("highlighting differs through the holder")
		}
	}
	// The holder goes: the View searches the index itself once it is free.
	stop()
	served = false
	if _, err := v.Search(ctx, index.Query{Text: "会议"}); err == nil || !strings.Contains(err.Error(), "does not answer searches") {
		t.Errorf("search while the corpus is held but not served: %v", err)
	}
	w.Close()
	res, err := v.Search(ctx, index.Query{Text: "会议"})
	if err != nil || res.Total == 0 {
		t.Errorf("search after the holder closed: %v, %v", res, err)
	}
}

func TestHandOff(t *testing.T) {
	w := openTest(t)
	serve(t, w)
	ctx := context.Background()
	src := t.TempDir()
	var ins []Input
	for _, n := range []string{seedTown, seedSmall} {
		p := filepath.Join(src, n)
		os.WriteFile(p, seed(t, n), 0o644)
		ins = append(ins, Input{Name: n, Path: p})
	}
	ins = append(ins, Input{Name: "missing.txt", Path: filepath.Join(src, "missing.txt")})
	var got []string
	sum, ok, err := HandOff(ctx, w.Dir(), ins, func(r AddResult, err error) {
		if err != nil {
			got = append(got, "failed "+r.Name)
			return
		}
		got = append(got, string(r.Status)+" "+r.Name)
	})
	if err != nil || !ok {
		t.Fatalf("HandOff: %v, %v", ok, err)
	}
	if want := []string{"added " + seedTown, "added " + seedSmall, "failed missing.txt"}; !slices.Equal(got, want) {
		t.Errorf("reported %v, want %v", got, want)
	}
	if sum != (AddSummary{Added: 2, Failed: 1}) {
		t.Errorf("summary %+v", sum)
	}
	list, _ := w.List()
	if len(list) != 2 || list[0].Source != seedTown {
		t.Errorf("the holder stored %+v", list)
	}
	checkConsistent(t, w)

	// Busy with a rebuild, the holder says so at once.
	w.setActivity("rebuilding the search index")
	start := time.Now()
	_, ok, err = HandOff(ctx, w.Dir(), ins[:1], func(AddResult, error) {})
	var be *BusyError
	if !ok || !errors.As(err, &be) || !strings.Contains(err.Error(), "is rebuilding the search index") || time.Since(start) > 5*time.Second {
		t.Errorf("HandOff to a busy holder: %v, %v after %v", ok, err, time.Since(start))
	}
	w.setActivity("")
}

func TestHandOffWithoutHolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	if _, ok, err := HandOff(context.Background(), dir, nil, nil); ok || err != nil {
		t.Errorf("HandOff with nobody holding the corpus: %v, %v; want not ok", ok, err)
	}
	// A process that holds the corpus and answers on no socket: told at
	// once (after the short grace for a holder starting up).
	st, err := store.Open(dir, "reindex")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start := time.Now()
	_, ok, err := HandOff(context.Background(), dir, []Input{{Name: "a.txt", Path: "a.txt"}}, nil)
	var le *store.LockedError
	if ok || !errors.As(err, &le) || !strings.Contains(err.Error(), "which takes no files") {
		t.Errorf("HandOff to a silent holder: %v, %v", ok, err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v to say so", d)
	}
}

// TestStaleSocket leaves the socket of a holder that died: clients are not
// fooled, and the next holder takes the path.
func TestStaleSocket(t *testing.T) {
	w := openTest(t)
	path, _ := SocketPath(w.Dir())
	l, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	l.(*net.UnixListener).SetUnlinkOnClose(false)
	l.Close() // the file stays, nobody listens: a holder killed with -9
	if _, err := dial(context.Background(), w.Dir()); !errors.Is(err, errNoHolder) {
		t.Errorf("dial to a dead socket: %v", err)
	}
	serve(t, w)
	if _, err := dial(context.Background(), w.Dir()); err != nil {
		t.Errorf("dial after a new holder took the path: %v", err)
	}
}

// TestSocketPathFallback puts a corpus deeper than a socket's path can
// reach: the socket goes to $XDG_RUNTIME_DIR, else a private folder of the
// temporary directory, named for the corpus; holder and client agree.
func TestSocketPathFallback(t *testing.T) {
	deep := filepath.Join(t.TempDir(), strings.Repeat("很长的目录名", 6), "corpus")
	runtime := t.TempDir()
	tests := []struct {
		name, xdg, wantDir string
	}{
		{"XDG_RUNTIME_DIR", runtime, runtime},
		{"temporary directory", "", filepath.Join(os.TempDir(), "dutymap-"+strconv.Itoa(os.Getuid()))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("XDG_RUNTIME_DIR", tt.xdg)
			p, err := SocketPath(deep)
			if err != nil || filepath.Dir(p) != tt.wantDir || len(p) > maxSocketPath {
				t.Fatalf("SocketPath = %s, %v; want it under %s", p, err, tt.wantDir)
			}
			if p2, _ := SocketPath(filepath.Join(deep, ".", "")); p2 != p {
				t.Errorf("the same corpus named otherwise gives %s", p2)
			}
			w, err := Open(context.Background(), deep, testOptions("test"))
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			serve(t, w)
			if _, err := dial(context.Background(), deep); err != nil {
				t.Errorf("dial: %v", err)
			}
			if fi, err := os.Stat(filepath.Dir(p)); err != nil || (tt.xdg == "" && fi.Mode().Perm() != 0o700) {
				t.Errorf("socket folder %v %v", fi.Mode(), err)
			}
		})
	}
}

// TestProtocolMismatch speaks another version of the protocol.
func TestProtocolMismatch(t *testing.T) {
	w := openTest(t)
	serve(t, w)
	path, _ := SocketPath(w.Dir())
	conn, err := net.Dial("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	json.NewEncoder(conn).Encode(request{Protocol: 99, Op: "search", Query: &index.Query{}})
	var a answer
	if err := json.NewDecoder(conn).Decode(&a); err != nil || !strings.Contains(a.Error, "another version of dutymap") {
		t.Errorf("answer %+v, %v", a, err)
	}
}

// BenchmarkHolderSearch measures searches a running holder answers over
// its socket, on the sample corpus, as `dutymap search` makes them: a
// connection per search, a query with facets, ten hits back. It reports
// the 99th percentile. Target: ≤ 20 ms.
func BenchmarkHolderSearch(b *testing.B) {
	w := sampleCorpus(b)
	serve(b, w)
	v, err := OpenView(context.Background(), w.Dir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer v.Close()
	if _, _, ok := v.Held(); !ok {
		b.Fatal("no holder answers")
	}
	queries := []index.Query{
		{Text: "每月 会议", Facets: true, Limit: 10},
		{Text: "安全生产", Facets: true, Limit: 10},
		{Text: "自建房", Level: "town", Facets: true, Limit: 10},
		{Lead: "市应急局", Facets: true, Limit: 10},
		{Text: `"召开一次会议"`, Period: "month", Facets: true, Limit: 10},
	}
	var took []time.Duration
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if _, err := v.Search(ctx, queries[i%len(queries)]); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	p := func(q float64) float64 {
		return float64(took[min(len(took)-1, int(q*float64(len(took))))].Microseconds()) / 1000
	}
	b.ReportMetric(p(0.5), "p50-ms")
	b.ReportMetric(p(0.99), "p99-ms")
}

// TestViewRepairs searches a corpus whose index was deleted, with no
// process holding it: the View repairs it first and says so.
func TestViewRepairs(t *testing.T) {
	w := openTest(t)
	if _, err := w.Add(context.Background(), seedSmall, seed(t, seedSmall)); err != nil {
		t.Fatal(err)
	}
	dir := w.Dir()
	w.Close()
	os.RemoveAll(index.Path(dir))
	v, err := OpenView(context.Background(), dir, testOptions(""))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	res, err := v.Search(context.Background(), index.Query{Text: "安全"})
	if err != nil || res.Total == 0 {
		t.Fatalf("search: %v, %v", res, err)
	}
	if r := strings.Join(v.Repairs(), "\n"); !strings.Contains(r, "rebuilt it") {
		t.Errorf("repairs %q", r)
	}
}

// TestServeStopsGently stops serving while a handed-over add is under way:
// gently (ErrStopServing), every file is added; abruptly, the add stops
// between files.
func TestServeStopsGently(t *testing.T) {
	for _, gentle := range []bool{true, false} {
		t.Run(map[bool]string{true: "gently", false: "abruptly"}[gentle], func(t *testing.T) {
			w := openTest(t)
			ctx, cancel := context.WithCancelCause(context.Background())
			done := make(chan error, 1)
			go func() { done <- w.Serve(ctx) }()
			for {
				if _, err := dial(context.Background(), w.Dir()); err == nil {
					break
				}
				time.Sleep(10 * time.Millisecond)
			}
			src := t.TempDir()
			var ins []Input
			for i, n := range []string{seedTown, seedTown2, seedSmall, seedCounty, seedMulti} {
				p := filepath.Join(src, strconv.Itoa(i)+".txt")
				os.WriteFile(p, seed(t, n), 0o644)
				ins = append(ins, Input{Name: n, Path: p})
			}
			handed := make(chan AddSummary, 1)
			go func() {
				sum, _, _ := HandOff(context.Background(), w.Dir(), ins, func(AddResult, error) {})
				handed <- sum
			}()
			// The files are reported once their group is indexed: stop once
			// the first is stored.
			for {
				if files, _ := w.st.Files(); len(files) > 0 {
					break
				}
				time.Sleep(time.Millisecond)
			}
			if gentle {
				cancel(ErrStopServing)
			} else {
				cancel(nil)
			}
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			sum := <-handed
			if gentle && sum.Added != len(ins) {
				t.Errorf("stopped gently: %+v, want all %d added", sum, len(ins))
			}
			if !gentle && sum.Added == len(ins) {
				t.Errorf("stopped abruptly, yet all %d were added", len(ins))
			}
		})
	}
}
