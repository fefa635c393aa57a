package workspace

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/store"
)

// threeFiles makes a corpus of three samples in dir and closes it; it
// returns the files' entries.
func threeFiles(t *testing.T, dir string) []store.FileEntry {
	t.Helper()
	w, err := Open(context.Background(), dir, testOptions("test"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, n := range []string{seedTown, seedSmall, seedCounty} {
		if _, err := w.Add(context.Background(), n, seed(t, n)); err != nil {
			t.Fatal(err)
		}
	}
	files, err := w.st.Files()
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestOpenRepairs damages a closed corpus in the ways a crash, a full disk
// or a stray edit does, and expects Open to repair it, say so, and leave
// store and index in step.
func TestOpenRepairs(t *testing.T) {
	tests := []struct {
		name    string
		damage  func(t *testing.T, dir string, files []store.FileEntry)
		want    string // in a repair message
		files   int    // files stored after the repair
		checkFn func(t *testing.T, w *Workspace, files []store.FileEntry)
	}{
		{name: "nothing wrong", damage: func(*testing.T, string, []store.FileEntry) {}, files: 3},
		{name: "temporary files left by a crash", want: "removed 3 temporary files", files: 3,
			damage: func(t *testing.T, dir string, _ []store.FileEntry) {
				for _, p := range []string{"docs/.tmp-d-1.json-123", "docs/.d-2.json.tmp-9", "files/.x.json.tmp-1"} {
					os.WriteFile(filepath.Join(dir, p), []byte("{half"), 0o644)
				}
			}},
		{name: "index deleted", want: "could not be used (it was missing or empty); rebuilt it", files: 3,
			damage: func(t *testing.T, dir string, _ []store.FileEntry) { os.RemoveAll(index.Path(dir)) }},
		{name: "index damaged", want: "rebuilt it from the stored documents", files: 3,
			damage: func(t *testing.T, dir string, _ []store.FileEntry) {
				os.WriteFile(filepath.Join(index.Path(dir), "index_meta.json"), []byte("{garbage"), 0o644)
			}},
		{name: "killed between storing and indexing", want: "1 documents indexed", files: 4,
			damage: func(t *testing.T, dir string, _ []store.FileEntry) {
				st, err := store.Open(dir, "test")
				if err != nil {
					t.Fatal(err)
				}
				defer st.Close()
				seg, _ := testSeg()
				ps, err := NewEngine(seg, Limits{}).Parse(context.Background(), "late.txt", seed(t, seedTown2))
				if err != nil {
					t.Fatal(err)
				}
				if _, _, err := st.Put("late.txt", seed(t, seedTown2), ps); err != nil {
					t.Fatal(err)
				}
			}},
		{name: "file record cut short", want: "restored it from its stored source", files: 3,
			damage: func(t *testing.T, dir string, files []store.FileEntry) {
				p := filepath.Join(dir, "files", files[1].Hash+".json")
				b, _ := os.ReadFile(p)
				os.WriteFile(p, b[:len(b)/3], 0o644)
			},
			checkFn: func(t *testing.T, w *Workspace, files []store.FileEntry) {
				e, ok, _ := w.st.Lookup(files[1].Hash)
				if !ok || e.Name != files[1].Name {
					t.Errorf("restored entry %+v, want the name %s", e, files[1].Name)
				}
			}},
		{name: "file record and source both damaged", want: "set it aside", files: 2,
			damage: func(t *testing.T, dir string, files []store.FileEntry) {
				os.WriteFile(filepath.Join(dir, "files", files[1].Hash+".json"), nil, 0o644)
				os.WriteFile(filepath.Join(dir, "sources", files[1].Hash), []byte("not the bytes"), 0o644)
			},
			checkFn: func(t *testing.T, w *Workspace, files []store.FileEntry) {
				// The advice works: adding the file again restores it.
				r, err := w.Add(context.Background(), files[1].Name, seed(t, seedSmall))
				if err != nil || r.Status != Added {
					t.Errorf("adding the set-aside file again: %+v, %v", r, err)
				}
			}},
		{name: "stored by an older dutymap", want: "parsed the 3 stored files again", files: 3,
			damage: func(t *testing.T, dir string, _ []store.FileEntry) { os.Remove(filepath.Join(dir, "format")) }},
		{name: "rebuild killed before the swap", files: 3,
			damage: func(t *testing.T, dir string, _ []store.FileEntry) {
				os.MkdirAll(index.Path(dir)+".new", 0o755)
				os.WriteFile(filepath.Join(index.Path(dir)+".new", "junk"), nil, 0o644)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "corpus")
			files := threeFiles(t, dir)
			tt.damage(t, dir, files)
			w, err := Open(context.Background(), dir, testOptions("test"))
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer w.Close()
			rep := strings.Join(w.Repairs(), "\n")
			t.Log(rep)
			if tt.want == "" && rep != "" {
				t.Errorf("repairs of a corpus in order: %s", rep)
			}
			if !strings.Contains(rep, tt.want) {
				t.Errorf("repairs %q, want one saying %q", rep, tt.want)
			}
			if got, _ := w.st.Files(); len(got) != tt.files {
				t.Errorf("%d files stored, want %d", len(got), tt.files)
			}
			if _, err := os.Stat(index.Path(dir) + ".new"); err == nil {
				t.Error("index.new left behind")
			}
			if tt.checkFn != nil {
				tt.checkFn(t, w, files)
			}
			checkConsistent(t, w)
		})
	}
}

func TestSettleIndexDirs(t *testing.T) {
	tests := []struct {
		name      string
		cur, new  bool // index and index.new exist, holding "cur" and "new"
		old       bool
		wantIndex string // what index holds afterwards
	}{
		{"nothing to do", true, false, false, "cur"},
		{"rebuild unfinished", true, true, false, "cur"},
		{"killed after moving the old index aside", false, true, true, "new"},
		{"killed before removing the old index", true, false, true, "cur"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "index")
			mk := func(dir, mark string) {
				os.MkdirAll(dir, 0o755)
				os.WriteFile(filepath.Join(dir, mark), nil, 0o644)
			}
			if tt.cur {
				mk(p, "cur")
			}
			if tt.new {
				mk(p+".new", "new")
			}
			if tt.old {
				mk(p+".old", "old")
			}
			if err := settleIndexDirs(p); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(p, tt.wantIndex)); err != nil {
				t.Errorf("index does not hold %s: %v", tt.wantIndex, err)
			}
			for _, gone := range []string{p + ".new", p + ".old"} {
				if _, err := os.Stat(gone); err == nil {
					t.Errorf("%s left", filepath.Base(gone))
				}
			}
		})
	}
}

// TestReindex rebuilds, reparsing, while searches run: every search is
// answered, with the same total, and a damaged document record is parsed
// again from its source.
func TestReindex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	threeFiles(t, dir)
	w, err := Open(context.Background(), dir, testOptions("test"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	list, _ := w.List()
	os.WriteFile(filepath.Join(dir, "docs", list[1].ID+".json"), nil, 0o644) // emptied by a full disk
	ctx := context.Background()
	want, err := w.Search(ctx, index.Query{Text: "安全"})
	if err != nil {
		t.Fatal(err)
	}
	var stop atomic.Bool
	var searches atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !stop.Load() {
			res, err := w.Search(ctx, index.Query{Text: "安全"})
			if err != nil {
				t.Errorf("search during reindex: %v", err)
				return
			}
			if res.Total != want.Total {
				t.Errorf("search during reindex found %d, want %d", res.Total, want.Total)
				return
			}
			searches.Add(1)
		}
	}()
	res, err := w.Reindex(ctx, ReindexOptions{Reparse: true})
	stop.Store(true)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 3 || res.Documents != 3 || res.Obligations != int(want.Total) && res.Obligations < int(want.Total) {
		t.Errorf("reindex %+v", res)
	}
	if _, err := w.Document(list[1].ID); err != nil {
		t.Errorf("the emptied document is still damaged: %v", err)
	}
	t.Logf("%d searches during the rebuild", searches.Load())
	checkConsistent(t, w)

	// A damaged document whose source is gone too: left out, named, and
	// the rest indexed.
	os.WriteFile(filepath.Join(dir, "docs", list[2].ID+".json"), []byte("{"), 0o644)
	os.Remove(filepath.Join(dir, "sources", list[2].Hash))
	res, err = w.Reindex(ctx, ReindexOptions{})
	if err != nil {
		t.Fatalf("reindex with a lost document: %v", err)
	}
	if res.Documents != 2 || len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "add "+list[2].Source+" again") {
		t.Errorf("reindex %+v", res)
	}
}
