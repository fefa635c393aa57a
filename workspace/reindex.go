package workspace

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/store"
)

// ReindexOptions tune Reindex.
type ReindexOptions struct {
	// Reparse parses every stored source again and rewrites its documents
	// first, so that a newer ingest and extract apply to files added
	// before.
	Reparse bool
	// Progress, if set, is called after each source file with the files
	// done and the total (twice the files with Reparse: parsed, then
	// indexed).
	Progress func(done, total int)
}

// ReindexResult reports a rebuild.
type ReindexResult struct {
	Files       int `json:"files"`
	Documents   int `json:"documents"`   // current documents indexed
	Obligations int `json:"obligations"` // obligations indexed
	// Notes say what the rebuild repaired (a damaged record parsed again
	// from its source) or left out (a record whose source is gone too), and
	// what to do about it.
	Notes []string `json:"notes,omitempty"`
}

// Reindex builds the search index afresh from the stored documents — the
// way out of a damaged index — and, with Reparse, parses the stored
// sources again first. The new index is built beside the old one, which
// answers searches until the new one replaces it whole; a rebuild that is
// interrupted leaves the old index in place. A damaged document record is
// parsed again from its source; one whose source is gone too is left out
// and named in Notes. Adds wait until the rebuild is done.
func (w *Workspace) Reindex(ctx context.Context, opts ReindexOptions) (ReindexResult, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	before := len(w.Repairs())
	err := w.rebuild(ctx, opts.Reparse, opts.Progress)
	res := ReindexResult{Notes: w.Repairs()[before:]}
	if err != nil {
		return res, err
	}
	files, err := w.st.Files()
	if err != nil {
		return res, err
	}
	list, err := w.st.List()
	if err != nil {
		return res, err
	}
	res.Files = len(files)
	w.ixMu.RLock()
	defer w.ixMu.RUnlock()
	for _, d := range list {
		if got, ok, err := w.ix.Lookup(d.ID); err == nil && ok {
			res.Documents++
			res.Obligations += got.Obligations
		}
	}
	return res, nil
}

// rebuild builds a new index from the store into index.new and swaps it
// in for the old one (see settleIndexDirs); w.mu is held, or the
// workspace is being opened.
func (w *Workspace) rebuild(ctx context.Context, reparse bool, progress func(done, total int)) error {
	w.setActivity("rebuilding the search index")
	defer w.setActivity("")
	files, err := w.st.Files()
	if err != nil {
		return err
	}
	total := len(files)
	if reparse {
		total *= 2
		for i, f := range files {
			if err := w.reparse(ctx, f); err != nil {
				return err
			}
			if progress != nil {
				progress(i+1, total)
			}
		}
	}
	path := index.Path(w.dir)
	newPath := path + ".new"
	if err := os.RemoveAll(newPath); err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	bulk, err := index.Open(newPath, w.seg, &index.Options{Bulk: true})
	if err != nil {
		return err
	}
	list, err := w.st.List()
	if err != nil {
		bulk.Close()
		return err
	}
	// AddAll batches the documents to keep every core busy without holding
	// a large corpus in memory. Progress is counted in source files, as
	// they are read.
	i, done := 0, 0
	next := func() (index.Doc, bool, error) {
		for i < len(list) {
			d := list[i]
			i++
			var doc index.Doc
			if d.Current() {
				p, stamp, err := w.document(ctx, d)
				switch {
				case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
					return doc, false, err
				case err != nil:
					w.repaired("left out document %s of %s: %v", d.ID, d.Source, err)
				default:
					doc = index.Doc{Parsed: p, Stamp: stamp}
				}
			}
			if progress != nil && (i == len(list) || list[i].Hash != d.Hash) {
				done++
				progress(total-len(files)+done, total)
			}
			if doc.Doc != nil {
				return doc, true, nil
			}
		}
		return index.Doc{}, false, nil
	}
	if err := bulk.AddAll(ctx, next); err != nil {
		bulk.Close()
		os.RemoveAll(newPath)
		return err
	}
	seq, err := w.st.Seq()
	if err == nil {
		err = bulk.Apply(ctx, index.Change{Position: max(seq, 1)})
	}
	// Closing a bulk index persists it whole.
	if cerr := bulk.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.RemoveAll(newPath)
		return err
	}
	return w.swapIndex(ctx, path)
}

// swapIndex replaces the open index by the one built in path.new.
func (w *Workspace) swapIndex(ctx context.Context, path string) error {
	w.ixMu.Lock()
	defer w.ixMu.Unlock()
	if w.ix != nil {
		w.ix.Close()
		w.ix = nil
	}
	oldPath := path + ".old"
	if err := os.RemoveAll(oldPath); err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	if err := os.Rename(path, oldPath); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("rebuild index: %w", err)
	}
	if err := os.Rename(path+".new", path); err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	if err := os.RemoveAll(oldPath); err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	ix, err := openIndex(ctx, path, w.seg)
	if err != nil {
		return err
	}
	w.ix = ix
	return nil
}

// reparse parses one stored source again and rewrites its documents. A
// source that cannot be read or parsed keeps its documents as they are.
func (w *Workspace) reparse(ctx context.Context, f store.FileEntry) error {
	data, err := w.st.Source(f.Hash)
	if err != nil {
		w.repaired("kept %s as it was stored: %v", f.Name, err)
		return nil
	}
	parsed, err := w.Parse(ctx, f.Name, data)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		w.repaired("kept %s as it was stored: %v", f.Name, err)
		return nil
	}
	_, err = w.st.Rewrite(f.Hash, parsed)
	return err
}
