package workspace

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/segment"
	"github.com/dutymap/dutymap/store"
)

// Options configure Open and OpenView.
type Options struct {
	// Segmenter returns the process's segmenter. It is called once, when
	// one is first needed — at once by Open, only for a local search or a
	// comparison by a View — so that a search a holder answers loads no
	// dictionary. nil means segment.New.
	Segmenter func() (*segment.Segmenter, error)
	// Role says what the opening process does ("add", "watch", "serve"),
	// for the messages other processes get while it holds the corpus.
	Role string
	// Limits bound the work one file may ask for.
	Limits Limits
}

func (o Options) segmenter() (*segment.Segmenter, error) {
	if o.Segmenter != nil {
		return o.Segmenter()
	}
	return segment.New()
}

// Workspace is a corpus directory opened for writing: its store (whose lock
// it holds until Close), its search index, and the Engine that parses what
// is added. It is safe for concurrent use: changes are made one at a time,
// searches run beside them and see each change whole or not at all.
type Workspace struct {
	*Engine
	dir  string
	st   *store.Store
	role string

	mu       sync.Mutex // serialises changes to store and index
	actMu    sync.Mutex // guards activity and repairs
	activity string     // a long change under way ("rebuilding the index")

	ixMu sync.RWMutex // guards ix: searches hold it shared, a rebuild's swap exclusively
	ix   *index.Index

	repairs []string // guarded by actMu
}

var _ Reader = (*Workspace)(nil)

// Open opens the corpus directory dir for writing, creating it if needed.
// It fails at once with a *store.LockedError when another process writes
// to it. Opening repairs what a crash or a full disk left: temporary files
// are removed, damaged records restored from their stored sources (or set
// aside when they cannot be), an index that is missing, damaged or built
// by another version rebuilt, and an index that fell behind the store
// brought up to date. Repairs says what was done.
func Open(ctx context.Context, dir string, opts Options) (*Workspace, error) {
	st, err := store.Open(dir, opts.Role)
	if err != nil {
		return nil, err
	}
	seg, err := opts.segmenter()
	if err != nil {
		st.Close()
		return nil, err
	}
	w := &Workspace{Engine: NewEngine(seg, opts.Limits), dir: dir, st: st, role: opts.Role}
	if err := w.repair(ctx); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

// Dir returns the corpus directory.
func (w *Workspace) Dir() string { return w.dir }

// Store returns the workspace's store, for reading.
func (w *Workspace) Store() *store.Store { return w.st }

// Repairs returns what opening the corpus repaired, one sentence each;
// none for a corpus in good order.
func (w *Workspace) Repairs() []string {
	w.actMu.Lock()
	defer w.actMu.Unlock()
	return append([]string(nil), w.repairs...)
}

func (w *Workspace) repaired(format string, args ...any) {
	w.actMu.Lock()
	w.repairs = append(w.repairs, fmt.Sprintf(format, args...))
	w.actMu.Unlock()
}

// Close closes the index and releases the corpus.
func (w *Workspace) Close() error {
	w.ixMu.Lock()
	var err error
	if w.ix != nil {
		err = w.ix.Close()
		w.ix = nil
	}
	w.ixMu.Unlock()
	if cerr := w.st.Close(); err == nil {
		err = cerr
	}
	return err
}

func (w *Workspace) setActivity(s string) {
	w.actMu.Lock()
	w.activity = s
	w.actMu.Unlock()
}

// Activity returns the long change under way, if any ("rebuilding the
// index"): what a process handing files over is told instead of waiting.
func (w *Workspace) Activity() string {
	w.actMu.Lock()
	defer w.actMu.Unlock()
	return w.activity
}

// index returns the open index, for use while holding ixMu.
func (w *Workspace) index() (*index.Index, error) {
	if w.ix == nil {
		return nil, errors.New("index is not open")
	}
	return w.ix, nil
}

// repair is what Open does after taking the lock; see Open.
func (w *Workspace) repair(ctx context.Context) error {
	if n, err := w.st.RemoveTemps(); err != nil {
		return err
	} else if n > 0 {
		w.repaired("removed %d temporary files left by an interrupted write", n)
	}
	if err := w.repairEntries(ctx); err != nil {
		return err
	}
	path := index.Path(w.dir)
	if err := settleIndexDirs(path); err != nil {
		return err
	}
	if w.st.FormatVersion() < store.Format {
		files, err := w.st.Files()
		if err != nil {
			return err
		}
		if len(files) > 0 {
			// Parse everything again and build a new index from it: the old
			// one holds the old parse.
			if err := w.rebuild(ctx, true, nil); err != nil {
				return fmt.Errorf("update the documents of %s: %w", w.dir, err)
			}
			w.repaired("parsed the %d stored files again: they were stored by an older dutymap", len(files))
		}
		if err := w.st.SetFormat(); err != nil {
			return err
		}
	}
	if w.ix != nil {
		return nil
	}
	ix, err := openIndex(ctx, path, w.seg)
	if err == nil && w.emptyIndex(ix) {
		// Missing (created just now) with documents stored: a rebuild in
		// batches is quicker than catching up one batch at a time.
		ix.Close()
		ix, err = nil, errors.New("it was missing or empty")
	}
	switch {
	case err == nil:
		w.ix = ix
	case errors.Is(err, index.ErrBusy):
		return err
	default:
		// Missing, built by another version, or damaged: built afresh from
		// the store, which is the record; the old index stays until the new
		// one is whole.
		files, ferr := w.st.Files()
		if ferr != nil {
			return ferr
		}
		if len(files) > 0 {
			w.repaired("the search index could not be used (%v); rebuilt it from the stored documents", err)
		}
		if err := w.rebuild(ctx, false, nil); err != nil {
			return fmt.Errorf("rebuild the index of %s: %w", w.dir, err)
		}
	}
	added, removed, err := w.catchUp(ctx, nil, nil)
	if err != nil {
		return err
	}
	if len(added) > 0 || len(removed) > 0 {
		w.repaired("brought the search index up to date with the store: %d documents indexed, %d taken out", len(added), len(removed))
	}
	return nil
}

// emptyIndex reports whether ix holds nothing while the store holds files.
func (w *Workspace) emptyIndex(ix *index.Index) bool {
	seq, err := w.st.Seq()
	if err != nil || seq == 0 {
		return false
	}
	pos, err := ix.Position()
	if err != nil || pos != 0 {
		return false
	}
	n, err := ix.Count()
	return err == nil && n == 0
}

// openIndex opens the index for writing, waiting a few seconds for a
// process that searches it without a holder (it holds bleve's lock shared
// for the moment of a search).
func openIndex(ctx context.Context, path string, seg *segment.Segmenter) (*index.Index, error) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		ix, err := index.Open(path, seg, nil)
		if !errors.Is(err, index.ErrBusy) || time.Now().After(deadline) || ctx.Err() != nil {
			return ix, err
		}
	}
}

// settleIndexDirs finishes or undoes a rebuild's swap that a crash cut
// short. A rebuild writes index.new, then renames index to index.old,
// index.new to index, and removes index.old.
func settleIndexDirs(path string) error {
	newDir, oldDir := path+".new", path+".old"
	_, errCur := os.Stat(path)
	_, errNew := os.Stat(newDir)
	if _, err := os.Stat(oldDir); err == nil {
		if errCur != nil && errNew == nil {
			// Died between the two renames: index.new is complete.
			if err := os.Rename(newDir, path); err != nil {
				return fmt.Errorf("finish rebuilding the index: %w", err)
			}
		}
		if err := os.RemoveAll(oldDir); err != nil {
			return fmt.Errorf("finish rebuilding the index: %w", err)
		}
	}
	if _, err := os.Stat(newDir); err == nil {
		// A rebuild that did not finish.
		if err := os.RemoveAll(newDir); err != nil {
			return fmt.Errorf("remove an unfinished index: %w", err)
		}
	}
	return nil
}

// repairEntries restores the file entries that cannot be read from their
// stored sources, or sets them aside when the source is gone too.
func (w *Workspace) repairEntries(ctx context.Context) error {
	if _, err := w.st.Files(); err != nil {
		return err
	}
	for _, d := range w.st.Damaged() {
		hash := store.DamagedHash(d)
		name, err := w.restoreEntry(ctx, hash)
		if err == nil {
			w.repaired("the record of %s was damaged (%v); restored it from its stored source", name, d.Err)
			continue
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var de *store.DamagedError
		if errors.As(err, &de) {
			err = de.Err
		}
		if err := w.st.SetAside(hash); err != nil {
			return err
		}
		w.repaired("the record %s was damaged (%v) and its source cannot be read again (%v): set it aside as %s.damaged; add that file again to restore it",
			filepath.Base(d.Path), d.Err, err, filepath.Base(d.Path))
	}
	return nil
}

// restoreEntry rebuilds the entry of the stored source with the given
// hash: it parses the source again, and takes the name the file was added
// under from its documents' records when they can still be read.
func (w *Workspace) restoreEntry(ctx context.Context, hash string) (string, error) {
	data, err := w.st.Source(hash)
	if err != nil {
		return "", err
	}
	name := filepath.Join("sources", hash)
	parsed, err := w.Parse(ctx, name, data)
	if err != nil {
		return "", err
	}
	for _, p := range parsed {
		if old, err := w.st.Document(p.Doc.ID); err == nil && old.Doc.Source != "" {
			name = old.Doc.Source
			break
		}
	}
	if name != filepath.Join("sources", hash) {
		if parsed, err = w.Parse(ctx, name, data); err != nil {
			return "", err
		}
	}
	added, err := w.st.SourceTime(hash)
	if err != nil {
		return "", err
	}
	if _, err := w.st.Restore(name, added, data, parsed); err != nil {
		return "", err
	}
	return name, nil
}

// document reads a stored document and returns it with the stamp to index
// it under: its file's commit. One whose record is damaged is parsed again
// from its source and rewritten (a new commit), w.mu held.
func (w *Workspace) document(ctx context.Context, d store.DocEntry) (corpus.Parsed, uint64, error) {
	p, err := w.st.Document(d.ID)
	var de *store.DamagedError
	if !errors.As(err, &de) {
		return p, d.Seq, err
	}
	data, serr := w.st.Source(d.Hash)
	if serr != nil {
		return corpus.Parsed{}, 0, fmt.Errorf("%w, and its source cannot be read (%v): add %s again", err, serr, d.Source)
	}
	e, _, lerr := w.st.Lookup(d.Hash)
	if lerr != nil {
		return corpus.Parsed{}, 0, lerr
	}
	parsed, perr := w.Parse(ctx, e.Name, data)
	if perr != nil {
		return corpus.Parsed{}, 0, fmt.Errorf("%w, and parsing its source again failed: %w", err, perr)
	}
	e, err = w.st.Rewrite(d.Hash, parsed)
	if err != nil {
		return corpus.Parsed{}, 0, err
	}
	w.repaired("the record of document %s of %s was damaged (%v); parsed it again from its stored source", d.ID, e.Name, de.Err)
	for _, p := range parsed {
		if p.Doc.ID == d.ID {
			return p, e.Seq, nil
		}
	}
	return corpus.Parsed{}, 0, fmt.Errorf("damaged record %s: its source, parsed again, no longer holds document %s", de.Path, d.ID)
}
