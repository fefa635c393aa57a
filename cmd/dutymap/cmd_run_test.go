package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dutymap/dutymap/batch"
	"github.com/dutymap/dutymap/report"
	"github.com/dutymap/dutymap/samples"
	"github.com/dutymap/dutymap/workspace"
)

// batchSeed returns the bytes of a seed of the embedded sample corpus.
func batchSeed(t testing.TB, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(samples.FS(), name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The seeds the tests use: small ones, each a single document, but for
// seedMulti.
const (
	seedTown   = "000_b8c2bae4e8864faf.txt" // 水峪贯镇 2024 plan
	seedMulti  = "001_1f896dcc82d4bd9a.txt" // seven city and county work plans
	seedTown2  = "002_2a096b6dc4a12cff.txt" // 积翠镇 2023 专项排查整治
	seedSmall  = "003_7fa65165f7cec2ac.txt"
	seedCounty = "004_a5e2ad6881a36660.txt"
)

// batchExtractStream runs `dutymap extract FILE` and returns its records: the
// SCHEMA.md contract that the task breakdown table must agree with.
func batchExtractStream(t testing.TB, file string) (docs []map[string]any, obligations map[string][]map[string]any) {
	t.Helper()
	var out, errb bytes.Buffer
	if err := testRun(context.Background(), []string{"extract", file}, nil, &out, &errb); err != nil {
		t.Fatalf("extract %s: %v\n%s", file, err, errb.String())
	}
	obligations = map[string][]map[string]any{}
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		switch rec["type"] {
		case "document":
			docs = append(docs, rec)
		case "obligation":
			obligations[rec["doc"].(string)] = append(obligations[rec["doc"].(string)], rec)
		}
	}
	return docs, obligations
}

func batchStrs(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// checkTaskTable compares the rows of a task breakdown table (header first)
// with a document's obligation records of the extract stream.
func checkTaskTable(t *testing.T, what string, rows [][]string, obs []map[string]any) {
	t.Helper()
	if len(rows) != len(obs)+1 {
		t.Fatalf("%s: %d rows, want a header and %d obligations", what, len(rows), len(obs))
	}
	if !slices.Equal(rows[0], report.Headers()) {
		t.Errorf("%s: header %q", what, rows[0])
	}
	for i, o := range obs {
		row := append(rows[i+1], make([]string, 7)...)[:7] // excelize drops empty trailing cells
		lead := batchStrs(o["lead"])
		if len(lead) == 0 {
			lead = batchStrs(o["responsible"])
		}
		text := o["text"].(string)
		switch {
		case row[0] != strconv.Itoa(i+1):
			t.Errorf("%s row %d: 序号 %q", what, i+1, row[0])
		case !strings.HasPrefix(text, strings.TrimRight(row[1], "。；;.")):
			t.Errorf("%s row %d: 工作任务 %q is not the start of %q", what, i+1, row[1], text)
		case row[2] != strings.Join(lead, "、"):
			t.Errorf("%s row %d: 牵头单位 %q, want %q", what, i+1, row[2], lead)
		case row[3] != strings.Join(batchStrs(o["support"]), "、"):
			t.Errorf("%s row %d: 配合单位 %q, want %q", what, i+1, row[3], o["support"])
		}
		for _, f := range o["frequencies"].([]any) {
			if raw := f.(map[string]any)["raw"].(string); !strings.Contains(row[4], raw) {
				t.Errorf("%s row %d: 频次 %q lacks %q", what, i+1, row[4], raw)
			}
		}
		for _, d := range o["deadlines"].([]any) {
			if raw := d.(map[string]any)["raw"].(string); !strings.Contains(row[5], raw) {
				t.Errorf("%s row %d: 完成时限 %q lacks %q", what, i+1, row[5], raw)
			}
		}
		if want := strings.Join(batchStrs(o["path"]), ""); !strings.Contains(strings.NewReplacer("、", "", ".", "").Replace(row[6]), want) {
			t.Errorf("%s row %d: 出处 %q lacks the path %q", what, i+1, row[6], want)
		}
	}
}

// readTaskXLSX returns the rows of the task breakdown sheet of an xlsx file.
func readTaskXLSX(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(report.SheetName)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// newTestInbox makes a corpus, an inbox holding files and an outbox in a temp dir.
func newTestInbox(t *testing.T, files map[string][]byte) (opts inboxOptions, inbox string) {
	t.Helper()
	root := t.TempDir()
	inbox = filepath.Join(root, "inbox")
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(inbox, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return inboxOptions{corpus: corpusFlag{filepath.Join(root, "corpus")}, out: filepath.Join(root, "outbox"), settle: 20 * time.Millisecond, jsonLog: true}, inbox
}

// readTestReport reads the report.json of the document reported in dir.
func readTestReport(t *testing.T, dir string) report.Report {
	t.Helper()
	for _, f := range []string{report.JSONFile, report.HTMLFile, report.XLSXFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("report incomplete: %v", err)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, report.JSONFile))
	if err != nil {
		t.Fatal(err)
	}
	var r report.Report
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// batchLogRecords decodes the JSON log lines of a run, by file.
func batchLogRecords(t *testing.T, buf *bytes.Buffer) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(line), &m) != nil {
			continue // the summary line
		}
		if f, ok := m["file"].(string); ok {
			out[f] = m
		}
	}
	return out
}

func TestRunInbox(t *testing.T) {
	opts, inbox := newTestInbox(t, map[string][]byte{
		"town.txt":      batchSeed(t, seedTown),
		"county.txt":    batchSeed(t, seedCounty),
		"town-copy.txt": batchSeed(t, seedTown), // a duplicate
		"broken.docx":   []byte("PK\x03\x04 this is no zip archive"),
	})
	old := time.Now().Add(-time.Minute) // town.txt arrives first, so its copy is the duplicate
	os.Chtimes(filepath.Join(inbox, "town.txt"), old, old)
	var logs bytes.Buffer
	err := newApp(nil, io.Discard, &logs, testSeg).runRun(context.Background(), opts, inbox)
	if err == nil || !strings.Contains(err.Error(), "1 of 4 files failed") {
		t.Fatalf("run: %v, want 1 of 4 failed\n%s", err, logs.String())
	}
	if got := batchList(filepath.Join(inbox, batch.DoneDir)); !slices.Equal(got, []string{"county.txt", "town-copy.txt", "town.txt"}) {
		t.Errorf("done/ holds %v", got)
	}
	if got := batchList(filepath.Join(inbox, batch.FailedDir)); !slices.Equal(got, []string{"broken.docx", "broken.docx.error.txt"}) {
		t.Errorf("failed/ holds %v", got)
	}
	msg, _ := os.ReadFile(filepath.Join(inbox, batch.FailedDir, "broken.docx.error.txt"))
	if !strings.Contains(string(msg), "broken.docx") {
		t.Errorf("error file does not name the file: %q", msg)
	}
	logged := batchLogRecords(t, &logs)
	for file, status := range map[string]string{"town.txt": "done", "county.txt": "done", "town-copy.txt": "duplicate", "broken.docx": "failed"} {
		if logged[file]["status"] != status {
			t.Errorf("%s logged %v, want status %s", file, logged[file], status)
		}
	}
	// A failed file's line says why, and names no document.
	if l := logged["broken.docx"]; l["error"] == nil || l["doc"] != nil || l["obligations"] != nil {
		t.Errorf("broken.docx logged %v, want an error and no doc", l)
	}

	for _, file := range []string{"town.txt", "county.txt", "town-copy.txt"} {
		docs, obs := batchExtractStream(t, filepath.Join(inbox, batch.DoneDir, file))
		if len(docs) != 1 {
			t.Fatalf("%s: %d documents", file, len(docs))
		}
		id := docs[0]["id"].(string)
		if logged[file]["doc"] != id || logged[file]["obligations"] != float64(len(obs[id])) {
			t.Errorf("%s logged %v, want doc %s with %d obligations", file, logged[file], id, len(obs[id]))
		}
		dir := workspace.ReportDir(opts.out, file, id)
		r := readTestReport(t, dir)
		if r.Document.ID != id || r.Document.Title != docs[0]["title"] || len(r.Obligations) != len(obs[id]) {
			t.Errorf("%s: report.json has document %s %q and %d obligations", file, r.Document.ID, r.Document.Title, len(r.Obligations))
		}
		if r.Duplicate != (file == "town-copy.txt") {
			t.Errorf("%s: report says duplicate %v", file, r.Duplicate)
		}
		checkTaskTable(t, file, readTaskXLSX(t, filepath.Join(dir, report.XLSXFile)), obs[id])
	}
}

// batchList returns the names in dir; none when it does not exist. The
// inbox's lock file, which stays, is left out.
func batchList(dir string) []string {
	ents, _ := os.ReadDir(dir)
	var out []string
	for _, e := range ents {
		if e.Name() != batch.LockFile {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestWatchInbox(t *testing.T) {
	opts, inbox := newTestInbox(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	var logs batchLogBuffer
	stopped := make(chan error, 1)
	go func() { stopped <- newApp(nil, io.Discard, &logs, testSeg).runWatch(ctx, opts, inbox) }()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-stopped:
				if err != nil {
					t.Errorf("watch: %v", err)
				}
			case <-time.After(30 * time.Second):
				t.Error("watch did not stop")
			}
		})
	}
	defer stop()
	// Two files at once, then a bad one and a duplicate.
	drop := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(inbox, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	drop("a.txt", batchSeed(t, seedTown))
	drop("b.txt", batchSeed(t, seedTown2))
	batchWaitFor(t, 60*time.Second, func() bool { return len(batchList(filepath.Join(inbox, batch.DoneDir))) == 2 })
	drop("bad.docx", []byte("PK\x03\x04 not a zip"))
	drop("a-copy.txt", batchSeed(t, seedTown))
	batchWaitFor(t, 60*time.Second, func() bool {
		return len(batchList(filepath.Join(inbox, batch.DoneDir))) == 3 && len(batchList(filepath.Join(inbox, batch.FailedDir))) == 2
	})
	stop()
	logged := batchLogRecords(t, logs.buffer())
	for file, status := range map[string]string{"a.txt": "done", "b.txt": "done", "a-copy.txt": "duplicate", "bad.docx": "failed"} {
		if logged[file]["status"] != status {
			t.Errorf("%s logged %v, want %s", file, logged[file], status)
		}
	}
	for _, file := range []string{"a.txt", "b.txt", "a-copy.txt"} {
		readTestReport(t, workspace.ReportDir(opts.out, file, logged[file]["doc"].(string)))
	}
}

func batchWaitFor(t *testing.T, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up after %v", timeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// batchLogBuffer is a bytes.Buffer that a watch's log may write to while
// the test reads it.
type batchLogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *batchLogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// buffer returns a copy of what was written.
func (b *batchLogBuffer) buffer() *bytes.Buffer {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.NewBuffer(slices.Clone(b.buf.Bytes()))
}
