package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// writeInbox creates the inbox in root with the given files.
func writeInbox(t *testing.T, root string, files map[string]string) string {
	t.Helper()
	inbox := filepath.Join(root, "inbox")
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(inbox, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return inbox
}

// logLines decodes the JSON log lines of a run.
func logLines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

func TestRun(t *testing.T) {
	root := t.TempDir()
	inbox := writeInbox(t, root, map[string]string{
		"a.txt":         document(1),
		"b.md":          document(2),
		"copy-of-a.txt": document(1), // same bytes as a.txt
		"bad.html":      "BAD <html>",
		"panic.txt":     "PANIC",
		".hidden.txt":   document(3),
		"c.docx.part":   document(4),
		"~$draft.docx":  document(5),
	})
	// Files arrive in this order: copy-of-a.txt after a.txt, so it is the duplicate.
	for i, name := range []string{"a.txt", "b.md", "bad.html", "panic.txt", "copy-of-a.txt"} {
		mod := time.Now().Add(time.Duration(i-10) * time.Second)
		if err := os.Chtimes(filepath.Join(inbox, name), mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	proc := newFakeStore(root)
	var logs bytes.Buffer
	var results []Result
	in := &Inbox{Dir: inbox, Processor: proc, Settle: 10 * time.Millisecond,
		Logger:   slog.New(slog.NewJSONHandler(&logs, nil)),
		OnResult: func(r Result) { results = append(results, r) }}
	sum, err := in.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := (Summary{Done: 2, Duplicates: 1, Failed: 2}); sum != want {
		t.Errorf("summary %+v, want %+v", sum, want)
	}
	if got := listDir(filepath.Join(inbox, DoneDir)); !slices.Equal(got, []string{"a.txt", "b.md", "copy-of-a.txt"}) {
		t.Errorf("done/ holds %v", got)
	}
	if got := listDir(filepath.Join(inbox, FailedDir)); !slices.Equal(got, []string{"bad.html", "bad.html.error.txt", "panic.txt", "panic.txt.error.txt"}) {
		t.Errorf("failed/ holds %v", got)
	}
	if got := listDir(inbox); !slices.Equal(got, []string{".hidden.txt", "c.docx.part", "done", "failed", "~$draft.docx"}) {
		t.Errorf("inbox holds %v (the journal should be gone)", got)
	}
	msg, _ := os.ReadFile(filepath.Join(inbox, FailedDir, "bad.html.error.txt"))
	if !strings.HasPrefix(string(msg), "not a policy document: no title line\n") || !strings.Contains(string(msg), "file: bad.html") {
		t.Errorf("bad.html.error.txt = %q", msg)
	}
	msg, _ = os.ReadFile(filepath.Join(inbox, FailedDir, "panic.txt.error.txt"))
	if !strings.Contains(string(msg), "internal error: index out of range") {
		t.Errorf("panic.txt.error.txt = %q", msg)
	}
	// One log line per file, with the fields a machine reads.
	lines := logLines(t, &logs)
	if len(lines) != 5 {
		t.Fatalf("%d log lines, want 5:\n%s", len(lines), logs.String())
	}
	byFile := map[string]map[string]any{}
	for _, l := range lines {
		keys, none := []string{"file", "status", "doc", "obligations", "changes", "seconds"}, []string{"error"}
		if l["status"] == "failed" {
			// A failed file has no documents to name.
			keys, none = []string{"file", "status", "error", "seconds", "moved_to"}, []string{"doc", "obligations", "changes"}
		}
		for _, k := range keys {
			if _, ok := l[k]; !ok {
				t.Errorf("log line %v lacks %q", l, k)
			}
		}
		for _, k := range none {
			if _, ok := l[k]; ok {
				t.Errorf("log line %v has %q", l, k)
			}
		}
		byFile[l["file"].(string)] = l
	}
	if l := byFile["copy-of-a.txt"]; l["status"] != "duplicate" || l["doc"] != byFile["a.txt"]["doc"] {
		t.Errorf("duplicate logged as %v (a.txt: %v)", l, byFile["a.txt"])
	}
	if l := byFile["a.txt"]; l["status"] != "done" || l["obligations"] != 2.0 || l["level"] != "INFO" || l["report"] != filepath.Join(root, "out", "a.txt") {
		t.Errorf("a.txt logged as %v", l)
	}
	if l := byFile["bad.html"]; l["status"] != "failed" || l["level"] != "ERROR" || l["error"] != "not a policy document: no title line" {
		t.Errorf("bad.html logged as %v", l)
	}
	if len(results) != 5 || results[0].Name != "a.txt" || results[4].Name != "copy-of-a.txt" {
		t.Errorf("results in order %v", names(results))
	}

	// A second run finds nothing to do; a new file of an old name does not
	// overwrite its namesake in done/.
	writeInbox(t, root, map[string]string{"a.txt": document(6)})
	sum, err = in.Run(context.Background())
	if err != nil || sum != (Summary{Done: 1}) {
		t.Fatalf("second run: %+v, %v", sum, err)
	}
	if got := listDir(filepath.Join(inbox, DoneDir)); !slices.Equal(got, []string{"a (2).txt", "a.txt", "b.md", "copy-of-a.txt"}) {
		t.Errorf("done/ holds %v", got)
	}
}

func names(rs []Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Name)
	}
	return out
}

func TestRunLeavesGrowingFile(t *testing.T) {
	root := t.TempDir()
	inbox := writeInbox(t, root, map[string]string{"slow.txt": "某镇方案\n"})
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		f, err := os.OpenFile(filepath.Join(inbox, "slow.txt"), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				f.WriteString("一、每月召开一次会议。\n")
			}
		}
	}()
	in := &Inbox{Dir: inbox, Processor: newFakeStore(root), Settle: 200 * time.Millisecond}
	sum, err := in.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sum != (Summary{Skipped: 1}) {
		t.Errorf("summary %+v, want the growing file skipped", sum)
	}
}

// TestRecover starts runs on inboxes whose journal a killed run left behind.
func TestRecover(t *testing.T) {
	doc := document(1)
	tests := []struct {
		name     string
		journal  string // in_flight entries; SIZE is the size of f.txt
		storedAs string // the name f.txt's bytes are in the store under already
		wantDir  string // where f.txt ends
		wantLog  string
		wantCall bool // the processor sees f.txt, Resumed
		wantErr  string
	}{
		{
			name:     "killed while processing, stored already",
			journal:  `{"name":"f.txt","size":SIZE,"mod_time":"MOD","attempts":1}`,
			storedAs: "f.txt", wantDir: DoneDir, wantLog: "done", wantCall: true,
		},
		{
			name:     "killed while processing, a duplicate",
			journal:  `{"name":"f.txt","size":SIZE,"mod_time":"MOD","attempts":1}`,
			storedAs: "e.txt", wantDir: DoneDir, wantLog: "duplicate", wantCall: true,
		},
		{
			name:    "killed while processing, not stored",
			journal: `{"name":"f.txt","size":SIZE,"mod_time":"MOD","attempts":2}`,
			wantDir: DoneDir, wantLog: "done", wantCall: true,
		},
		{
			name:    "killed while processing, too often",
			journal: `{"name":"f.txt","size":SIZE,"mod_time":"MOD","attempts":3}`,
			wantDir: FailedDir, wantLog: "failed", wantErr: "dutymap stopped 3 times while processing this file",
		},
		{
			name:    "killed after the verdict, before the move",
			journal: `{"name":"f.txt","size":SIZE,"mod_time":"MOD","attempts":1,"verdict":"failed","dest":"failed/f.txt","error":"ingest f.txt: truncated docx"}`,
			wantDir: FailedDir, wantLog: "failed", wantErr: "ingest f.txt: truncated docx",
		},
		{
			name:    "damaged journal",
			journal: `{"name":"f.txt","size":SIZE,"mod_tim`,
			wantDir: DoneDir, wantLog: "done",
		},
		{
			name:    "journal of another file of the same name",
			journal: `{"name":"f.txt","size":3,"mod_time":"2001-01-01T00:00:00Z","attempts":3}`,
			wantDir: DoneDir, wantLog: "done",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			inbox := writeInbox(t, root, map[string]string{"f.txt": doc})
			fi, _ := os.Stat(filepath.Join(inbox, "f.txt"))
			proc := newFakeStore(root)
			if tt.storedAs != "" {
				if _, err := proc.Process(context.Background(), File{Name: tt.storedAs, Data: []byte(doc)}); err != nil {
					t.Fatal(err)
				}
				proc.calls = nil
			}
			j := strings.NewReplacer("SIZE", itoa(fi.Size()), "MOD", fi.ModTime().Format(time.RFC3339Nano)).Replace(tt.journal)
			if err := os.WriteFile(filepath.Join(inbox, JournalFile), []byte(`{"version":1,"in_flight":[`+j+`]}`), 0o644); err != nil {
				t.Fatal(err)
			}
			var logs bytes.Buffer
			in := &Inbox{Dir: inbox, Processor: proc, Settle: 10 * time.Millisecond, Logger: slog.New(slog.NewJSONHandler(&logs, nil))}
			if _, err := in.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(inbox, tt.wantDir, "f.txt")); err != nil {
				t.Errorf("f.txt is not in %s/: %v", tt.wantDir, err)
			}
			wantInbox := []string{tt.wantDir}
			lines := logLines(t, &logs)
			if strings.HasPrefix(tt.name, "damaged") {
				wantInbox = []string{JournalFile + ".damaged", tt.wantDir}
				if len(lines) == 0 || lines[0]["msg"] != "journal damaged; starting a new one" {
					t.Errorf("no warning of the damaged journal: %v", lines)
				} else {
					lines = lines[1:]
				}
			}
			if got := listDir(inbox); !slices.Equal(got, wantInbox) {
				t.Errorf("inbox holds %v, want %v", got, wantInbox)
			}
			if len(lines) != 1 || lines[0]["status"] != tt.wantLog {
				t.Errorf("log %v, want one line with status %s", lines, tt.wantLog)
			}
			calls := proc.callsFor("f.txt")
			if tt.wantCall != (len(calls) == 1 && calls[0].Resumed) {
				t.Errorf("processor calls %+v, want resumed call: %v", calls, tt.wantCall)
			}
			if tt.wantErr != "" {
				msg, _ := os.ReadFile(filepath.Join(inbox, FailedDir, "f.txt"+ErrorSuffix))
				if !strings.HasPrefix(string(msg), tt.wantErr) {
					t.Errorf("error file %q, want %q", msg, tt.wantErr)
				}
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestIgnored(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"方案.docx", false}, {"plan.TXT", false}, {"notice.html", false},
		{".dutymap-journal.json", true}, {".DS_Store", true}, {"~$方案.docx", true},
		{"plan.docx.part", true}, {"page.crdownload", true}, {"x.tmp", true}, {".x.swp", true},
	}
	for _, tt := range tests {
		if got := Ignored(tt.name); got != tt.want {
			t.Errorf("Ignored(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
