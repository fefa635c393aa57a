package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/dutymap/dutymap/internal/atomicfile"
)

// fakeStore is a Processor standing in for dutymap's pipeline: a document is
// a text file whose first line is its title; a file beginning "BAD" is
// malformed; one with "PANIC" panics. It stores each distinct content once
// (store/HASH) and writes a report (out/NAME/report.txt) every time, as the
// real pipeline does, so that it is idempotent.
type fakeStore struct {
	store, out string
	delay      time.Duration // per file, to let tests kill a run mid-batch

	mu    sync.Mutex
	calls []File
}

func newFakeStore(root string) *fakeStore {
	f := &fakeStore{store: filepath.Join(root, "store"), out: filepath.Join(root, "out")}
	for _, d := range []string{f.store, f.out} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			panic(err)
		}
	}
	return f
}

func (f *fakeStore) Process(ctx context.Context, file File) (Outcome, error) {
	f.mu.Lock()
	f.calls = append(f.calls, File{Name: file.Name, Path: file.Path, Resumed: file.Resumed, Data: file.Data})
	f.mu.Unlock()
	if f.delay > 0 {
		select {
		case <-ctx.Done():
			return Outcome{}, ctx.Err()
		case <-time.After(f.delay):
		}
	}
	doc, err := f.put(file)
	if err != nil {
		return Outcome{}, err
	}
	return f.report(doc, file)
}

// put checks file and stores its content, as the first half of Process.
func (f *fakeStore) put(file File) (DocOutcome, error) {
	text := string(file.Data)
	switch {
	case strings.HasPrefix(text, "BAD"):
		return DocOutcome{}, errors.New("not a policy document: no title line")
	case strings.HasPrefix(text, "PANIC"):
		panic("index out of range [3] with length 3")
	}
	sum := sha256.Sum256(file.Data)
	id := "d-" + hex.EncodeToString(sum[:8])
	title, _, _ := strings.Cut(text, "\n")
	doc := DocOutcome{ID: id, Title: title, Obligations: strings.Count(text, "。")}
	// The store keeps each content under its hash, with the name it came
	// under; the same bytes again are a duplicate unless they are this
	// file's own, stored by a run that died before filing it.
	stored := filepath.Join(f.store, id)
	if first, err := os.ReadFile(stored); err == nil {
		doc.Duplicate = !(file.Resumed && string(first) == file.Name)
	} else if err := atomicfile.WriteBytes(stored, []byte(file.Name)); err != nil {
		return DocOutcome{}, err
	}
	return doc, nil
}

// report writes the report of doc, the second half of Process.
func (f *fakeStore) report(doc DocOutcome, file File) (Outcome, error) {
	doc.Report = filepath.Join(f.out, file.Name)
	if err := os.MkdirAll(doc.Report, 0o755); err != nil {
		return Outcome{}, err
	}
	report := fmt.Sprintf("%s\n%s\n%d\n", doc.ID, doc.Title, doc.Obligations)
	if err := atomicfile.WriteBytes(filepath.Join(doc.Report, "report.txt"), []byte(report)); err != nil {
		return Outcome{}, err
	}
	return Outcome{Documents: []DocOutcome{doc}}, nil
}

// fakeIndex is fakeStore as a Grouper, standing in for the pipeline that
// indexes a group's documents at once: Stage stores a file, Commit
// "indexes" the staged ones (index/ID, with the group's number), and
// Finish fails a file whose document is not indexed, so that a file filed
// before its group's Commit shows.
type fakeIndex struct {
	*fakeStore
	index string
	full  int // files from which Stage says the group is full
	// commits holds the names of each group committed.
	commits [][]string
	// failCommit, if set, makes every Commit fail.
	failCommit bool
	// onStage, if set, is called as Stage begins.
	onStage func(File)
}

func newFakeIndex(root string, full int) *fakeIndex {
	f := &fakeIndex{fakeStore: newFakeStore(root), index: filepath.Join(root, "index"), full: full}
	if err := os.MkdirAll(f.index, 0o755); err != nil {
		panic(err)
	}
	return f
}

func (f *fakeIndex) Group() Group { return &fakeGroup{f: f, docs: map[string]DocOutcome{}} }

type fakeGroup struct {
	f      *fakeIndex
	staged []string
	docs   map[string]DocOutcome
}

func (g *fakeGroup) Stage(ctx context.Context, file File) (bool, error) {
	f := g.f
	if f.onStage != nil {
		f.onStage(file)
	}
	f.mu.Lock()
	f.calls = append(f.calls, File{Name: file.Name, Path: file.Path, Resumed: file.Resumed, Data: file.Data})
	f.mu.Unlock()
	if f.delay > 0 {
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-time.After(f.delay):
		}
	}
	doc, err := f.put(file)
	if err != nil {
		return false, err
	}
	g.staged = append(g.staged, file.Name)
	g.docs[file.Name] = doc
	return len(g.staged) >= f.full, nil
}

func (g *fakeGroup) Commit(context.Context) error {
	f := g.f
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failCommit {
		return errors.New("index: disk full")
	}
	f.commits = append(f.commits, g.staged)
	for _, name := range g.staged {
		if err := atomicfile.WriteBytes(filepath.Join(f.index, g.docs[name].ID), []byte(fmt.Sprint(len(f.commits)))); err != nil {
			return err
		}
	}
	return nil
}

func (g *fakeGroup) Finish(ctx context.Context, file File) (Outcome, error) {
	doc := g.docs[file.Name]
	if _, err := os.Stat(filepath.Join(g.f.index, doc.ID)); err != nil {
		return Outcome{}, fmt.Errorf("%s filed before it was indexed: %w", file.Name, err)
	}
	return g.f.report(doc, file)
}

func (f *fakeStore) callsFor(name string) []File {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []File
	for _, c := range f.calls {
		if c.Name == name {
			out = append(out, c)
		}
	}
	return out
}

// listDir returns the names in dir, or nil when it does not exist; the
// inbox's lock file, which stays, is left out.
func listDir(dir string) []string {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		panic(err)
	}
	var out []string
	for _, e := range ents {
		if e.Name() != LockFile {
			out = append(out, e.Name())
		}
	}
	return out
}

// document returns the text of a small document numbered n.
func document(n int) string {
	return fmt.Sprintf("某镇2024年安全生产工作方案（第%d号）\n一、镇安委会每月至少召开一次会议。\n二、4月底前制定工作清单。\n", n)
}
