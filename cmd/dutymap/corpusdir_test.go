package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/segment"
)

// testSeg builds the segmenter once for the package's tests.
var testSeg = sync.OnceValues(segment.New)

// builtBinary is the dutymap binary the subprocess tests run, built once.
var builtBinary struct {
	once sync.Once
	path string
	err  error
}

func dutymapBinary(t testing.TB) string {
	t.Helper()
	builtBinary.once.Do(func() {
		dir, err := os.MkdirTemp("", "dutymap-bin-")
		if err != nil {
			builtBinary.err = err
			return
		}
		builtBinary.path = filepath.Join(dir, "dutymap")
		out, err := exec.Command("go", "build", "-o", builtBinary.path, ".").CombinedOutput()
		if err != nil {
			builtBinary.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if builtBinary.err != nil {
		t.Fatal(builtBinary.err)
	}
	return builtBinary.path
}

// sampleFiles writes n files to dir: the samples, and then copies of them
// made different by a line of their own, so that each is new content.
func sampleFiles(t testing.TB, dir string, n int) []string {
	t.Helper()
	names, err := fs.Glob(corpus.Samples(), "samples/*")
	if err != nil || len(names) == 0 {
		t.Fatal("no samples", err)
	}
	var out []string
	for i := 0; i < n; i++ {
		data, err := fs.ReadFile(corpus.Samples(), names[i%len(names)])
		if err != nil {
			t.Fatal(err)
		}
		if i >= len(names) {
			data = append(data, fmt.Sprintf("\n\n（第%d份副本）\n", i)...)
		}
		p := filepath.Join(dir, fmt.Sprintf("%03d_%s", i, filepath.Base(names[i%len(names)])))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// checkConsistent asserts that the index holds exactly the obligations of
// the corpus's current documents, each once.
func checkConsistent(t *testing.T, dir string) {
	t.Helper()
	docs, err := corpus.ViewStore(dir).List()
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, d := range docs {
		if d.Current() {
			want += d.Obligations
		}
	}
	seg, err := testSeg()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(index.Path(dir), seg, &index.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("index does not open: %v", err)
	}
	defer ix.Close()
	for _, d := range docs {
		has, err := ix.Has(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if has != d.Current() {
			t.Errorf("document %s (current %v) indexed %v", d.ID, d.Current(), has)
		}
	}
	res, err := ix.Search(context.Background(), index.Query{Limit: want + 10})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, h := range res.Hits {
		if seen[h.ID] {
			t.Errorf("obligation %s indexed twice", h.ID)
		}
		seen[h.ID] = true
	}
	if int(res.Total) != want {
		t.Errorf("index holds %d obligations, the current documents have %d", res.Total, want)
	}
}

// checkOpens asserts that the index of dir opens for writing.
func checkOpens(t *testing.T, dir string) {
	t.Helper()
	seg, err := testSeg()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(index.Path(dir), seg, nil)
	if err != nil {
		t.Fatalf("index does not open after kill -9: %v", err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestAddIsIdempotent(t *testing.T) {
	dir := t.TempDir()
	files := sampleFiles(t, t.TempDir(), 5)
	ctx := context.Background()
	var out, errOut bytes.Buffer
	if err := runAdd(ctx, addOptions{corpus: dir}, files, &out, &errOut); err != nil {
		t.Fatalf("add: %v\n%s", err, errOut.String())
	}
	if !strings.HasPrefix(out.String(), "5 added, 0 unchanged, 0 failed") {
		t.Errorf("first add said %q", out.String())
	}
	out.Reset()
	if err := runAdd(ctx, addOptions{corpus: dir}, files, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "0 added, 5 unchanged, 0 failed") {
		t.Errorf("second add said %q", out.String())
	}
	checkConsistent(t, dir)

	out.Reset()
	if err := runList(ctx, listOptions{corpus: dir}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"水政发〔2024〕1号", "朔州市人民政府", "town", "city"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("list lacks %q:\n%s", want, out.String())
		}
	}
}

func TestAddFailedFileMakesExitNonZero(t *testing.T) {
	dir := t.TempDir()
	files := sampleFiles(t, t.TempDir(), 1)
	missing := filepath.Join(t.TempDir(), "missing.txt")
	var out, errOut bytes.Buffer
	err := runAdd(context.Background(), addOptions{corpus: dir}, append(files, missing), &out, &errOut)
	if err == nil {
		t.Fatal("add of a missing file succeeded")
	}
	// listInputs refuses a missing argument before anything is added; a
	// file that cannot be parsed is counted as failed instead.
	empty := filepath.Join(t.TempDir(), "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	out.Reset()
	err = runAdd(context.Background(), addOptions{corpus: dir}, append(files, empty), &out, &errOut)
	if err == nil || !strings.Contains(out.String(), "1 failed") {
		t.Errorf("add with an empty file: err %v, summary %q", err, out.String())
	}
}

func TestSecondWriterFailsAtOnce(t *testing.T) {
	dir := t.TempDir()
	st, err := corpus.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	files := sampleFiles(t, t.TempDir(), 1)
	// The context only guards against a hang; the answer comes at once.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, dutymapBinary(t), "add", "--corpus", dir, files[0])
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatal("second writer hung")
	}
	want := fmt.Sprintf("corpus %s in use by pid %d", dir, os.Getpid())
	if err == nil || !strings.Contains(string(out), want) {
		t.Errorf("second writer: err %v, output %q; want %q", err, out, want)
	}
}

func TestKilledAddCompletes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills a subprocess")
	}
	dir := t.TempDir()
	files := sampleFiles(t, t.TempDir(), 15)
	bin := dutymapBinary(t)
	cmd := exec.Command(bin, "add", "--corpus", dir)
	cmd.Args = append(cmd.Args, files...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once a few files are committed and before it is done.
	deadline := time.Now().Add(60 * time.Second)
	for {
		n, _ := filepath.Glob(filepath.Join(dir, "files", "*.json"))
		if len(n) >= 3 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	n, _ := filepath.Glob(filepath.Join(dir, "files", "*.json"))
	if len(n) >= len(files) {
		t.Skip("add finished before it could be killed")
	}
	t.Logf("killed after %d of %d files", len(n), len(files))

	// The index opens, and a second run completes the corpus.
	checkOpens(t, dir)
	cmd = exec.Command(bin, append([]string{"add", "--corpus", dir, "--json"}, files...)...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("re-run: %v\n%s", err, out)
	}
	added := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var r addResult
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if r.Status != unchanged {
			added++
		}
	}
	if added == 0 {
		t.Error("re-run added nothing")
	}
	n, _ = filepath.Glob(filepath.Join(dir, "files", "*.json"))
	if len(n) != len(files) {
		t.Errorf("%d files stored, want %d", len(n), len(files))
	}
	checkConsistent(t, dir)
}

func TestReindexRepairsIndex(t *testing.T) {
	dir := t.TempDir()
	files := sampleFiles(t, t.TempDir(), 5)
	ctx := context.Background()
	var out, errOut bytes.Buffer
	if err := runAdd(ctx, addOptions{corpus: dir}, files, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	search := func() (string, error) {
		var b bytes.Buffer
		err := runSearch(ctx, searchOptions{corpus: dir, query: index.Query{Text: "安全生产", Limit: 3}}, &b)
		return b.String(), err
	}
	before, err := search()
	if err != nil {
		t.Fatal(err)
	}
	damage := []struct {
		name string
		do   func() error
	}{
		{"missing", func() error { return os.RemoveAll(index.Path(dir)) }},
		{"corrupt", func() error {
			return os.WriteFile(filepath.Join(index.Path(dir), "index_meta.json"), []byte("{garbage"), 0o644)
		}},
		{"corrupt store", func() error {
			root, _ := filepath.Glob(filepath.Join(index.Path(dir), "store", "root.bolt"))
			if len(root) != 1 {
				return fmt.Errorf("no root.bolt")
			}
			return os.WriteFile(root[0], bytes.Repeat([]byte{0xff}, 4096), 0o644)
		}},
	}
	for _, d := range damage {
		t.Run(d.name, func(t *testing.T) {
			if err := d.do(); err != nil {
				t.Fatal(err)
			}
			if got, err := search(); err == nil && got != before {
				// A missing index is rebuilt on the spot.
				t.Errorf("search on a %s index: %q, want %q or an error", d.name, got, before)
			}
			out.Reset()
			if err := runReindex(ctx, reindexOptions{corpus: dir}, &out, &errOut); err != nil {
				t.Fatalf("reindex: %v", err)
			}
			after, err := search()
			if err != nil {
				t.Fatalf("search after reindex: %v", err)
			}
			if after != before {
				t.Errorf("search after reindex:\n%s\nwant\n%s", after, before)
			}
			checkConsistent(t, dir)
		})
	}
}

// BenchmarkColdSearch reports the wall time of one `dutymap search` run
// as a new process on the sample corpus: loading the dictionary, opening
// the index, searching and printing.
func BenchmarkColdSearch(b *testing.B) {
	bin := dutymapBinary(b)
	dir := b.TempDir()
	if out, err := exec.Command(bin, "add", "--corpus", dir).CombinedOutput(); err != nil {
		b.Fatalf("add: %v\n%s", err, out)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if out, err := exec.Command(bin, "search", "--corpus", dir, "每月", "会议").CombinedOutput(); err != nil {
			b.Fatalf("search: %v\n%s", err, out)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/search")
}

func TestNewVersionReplacesOld(t *testing.T) {
	dir := t.TempDir()
	src := t.TempDir()
	old, err := fs.ReadFile(corpus.Samples(), "samples/000_b8c2bae4e8864faf.txt")
	if err != nil {
		t.Fatal(err)
	}
	const was, now = "每月至少召开一次党政专题会议", "每半月至少召开一次党政专题会议"
	if !bytes.Contains(old, []byte(was)) {
		t.Fatalf("the sample no longer says %s", was)
	}
	v1, v2 := filepath.Join(src, "v1.txt"), filepath.Join(src, "v2.txt")
	os.WriteFile(v1, old, 0o644)
	os.WriteFile(v2, bytes.Replace(old, []byte(was), []byte(now), 1), 0o644)
	ctx := context.Background()
	var out, errOut bytes.Buffer
	for _, f := range []string{v1, v2} {
		if err := runAdd(ctx, addOptions{corpus: dir}, []string{f}, &out, &errOut); err != nil {
			t.Fatal(err)
		}
	}
	docs, err := corpus.ViewStore(dir).List()
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Current() || !docs[1].Current() || docs[0].SupersededBy != docs[1].ID {
		t.Fatalf("after adding two versions: %+v", docs)
	}
	var js bytes.Buffer
	err = runSearch(ctx, searchOptions{corpus: dir, json: true, query: index.Query{Text: "党政专题会议"}}, &js)
	if err != nil {
		t.Fatal(err)
	}
	var res searchJSON
	if err := json.Unmarshal(js.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Fatal("no hit for 党政专题会议")
	}
	for _, h := range res.Hits {
		if h.Doc != docs[1].ID || strings.Contains(h.Text, was) {
			t.Errorf("hit from the old version: %s %s", h.Doc, h.Text)
		}
	}
	out.Reset()
	if err := runList(ctx, listOptions{corpus: dir, all: true}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "(old)") {
		t.Errorf("list --all does not mark the old version:\n%s", out.String())
	}
	checkConsistent(t, dir)
}

func TestIdleWriterLetsSearchesIn(t *testing.T) {
	dir := t.TempDir()
	seg, err := testSeg()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c, err := openCorpus(ctx, dir, seg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	files := sampleFiles(t, t.TempDir(), 2)
	add := func(name string) {
		t.Helper()
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if r, err := addFile(ctx, c, name, data); err != nil || r.Status != added {
			t.Fatalf("addFile(%s) = %+v, %v", name, r, err)
		}
	}
	add(files[0])
	if err := c.Idle(); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := runSearch(ctx, searchOptions{corpus: dir, query: index.Query{Text: "安全生产"}}, &out); err != nil {
		t.Fatalf("search while the writer is idle: %v", err)
	}
	add(files[1]) // opens the index again
	if err := c.Idle(); err != nil {
		t.Fatal(err)
	}
	checkConsistent(t, dir)
}

// TestAddFinishesStoredButUnindexed is the crash between storing a file and
// indexing it, made on purpose: the next add of the same bytes indexes it.
func TestAddFinishesStoredButUnindexed(t *testing.T) {
	dir := t.TempDir()
	seg, err := testSeg()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c, err := openCorpus(ctx, dir, seg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	name := sampleFiles(t, t.TempDir(), 1)[0]
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := c.parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.store.Put(name, data, parsed); err != nil {
		t.Fatal(err)
	}
	res, err := addFile(ctx, c, name, data)
	if err != nil || res.Status != completed {
		t.Fatalf("addFile after a crash before indexing: %+v, %v; want completed", res, err)
	}
	if res, err = addFile(ctx, c, name, data); err != nil || res.Status != unchanged {
		t.Fatalf("addFile again: %+v, %v; want unchanged", res, err)
	}
	if err := c.Idle(); err != nil {
		t.Fatal(err)
	}
	checkConsistent(t, dir)
}
