package workspace

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/segment"
	"github.com/dutymap/dutymap/store"
)

// Reader is what the commands that only read a corpus need of it: its
// documents and their search. A *Workspace is one (its process holds the
// corpus); so is a *View (another process may).
type Reader interface {
	// Dir returns the corpus directory.
	Dir() string
	// Search runs q on the corpus's index.
	Search(ctx context.Context, q index.Query) (*index.Result, error)
	// List returns every stored document, oldest first (store.List).
	List() ([]store.DocEntry, error)
	// Document returns a stored document with its obligations.
	Document(id string) (corpus.Parsed, error)
}

// Search runs q on the index. Searches run beside changes and see each
// change whole or not at all.
func (w *Workspace) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	w.ixMu.RLock()
	defer w.ixMu.RUnlock()
	ix, err := w.index()
	if err != nil {
		return nil, err
	}
	return ix.Search(ctx, q)
}

// List returns every stored document (store.List).
func (w *Workspace) List() ([]store.DocEntry, error) { return w.st.List() }

// Document returns a stored document with its obligations; see
// View.Document for a damaged record.
func (w *Workspace) Document(id string) (corpus.Parsed, error) { return document(w.st, id) }

func document(st *store.Store, id string) (corpus.Parsed, error) {
	p, err := st.Document(id)
	var de *store.DamagedError
	if errors.As(err, &de) {
		return p, fmt.Errorf("%w (run `dutymap reindex --corpus %s`: it parses damaged documents again from their stored sources)", err, st.Dir())
	}
	return p, err
}

// View is a corpus opened for reading only, by a process that does not
// hold it. Documents are read from the store, which may be read while
// another process writes to it. A search goes to the process that holds
// the corpus, when one does — bleve lets one process at a time open an
// index — and otherwise to the index opened read-only by the View itself.
type View struct {
	dir  string
	st   *store.Store
	opts Options

	mu      sync.Mutex
	holder  *client      // the holder that answers searches; nil if none
	lastErr error        // why the holder last did not answer
	ix      *index.Index // the local index, once opened
	eng     *Engine      // once needed
	engErr  error
	repairs []string // what opening the corpus to repair it did
}

var _ Reader = (*View)(nil)

// OpenView opens the corpus directory dir for reading. It fails with
// store.ErrNotCorpus (wrapped) when dir holds no corpus: reading never
// creates one. Searches go to the process holding the corpus when one
// answers on its socket (see Serve).
func OpenView(ctx context.Context, dir string, opts Options) (*View, error) {
	st, err := store.View(dir)
	if err != nil {
		return nil, err
	}
	v := &View{dir: dir, st: st, opts: opts}
	v.holder, v.lastErr = dial(ctx, dir)
	return v, nil
}

// Dir returns the corpus directory.
func (v *View) Dir() string { return v.dir }

// Store returns the View's store.
func (v *View) Store() *store.Store { return v.st }

// Held reports whether another process holds the corpus and answers the
// View's searches, and which (its pid and role).
func (v *View) Held() (pid int, role string, ok bool) {
	if v.holder == nil {
		return 0, "", false
	}
	return v.holder.pid, v.holder.role, true
}

// List returns every stored document (store.List).
func (v *View) List() ([]store.DocEntry, error) { return v.st.List() }

// Document returns a stored document with its obligations. A damaged
// record is reported with the way to repair it.
func (v *View) Document(id string) (corpus.Parsed, error) { return document(v.st, id) }

// Engine returns an Engine built on the View's segmenter, for comparing
// what the View reads.
func (v *View) Engine() (*Engine, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.eng == nil && v.engErr == nil {
		seg, err := v.opts.segmenter()
		if err != nil {
			v.engErr = err
		} else {
			v.eng = NewEngine(seg, v.opts.Limits)
		}
	}
	return v.eng, v.engErr
}

// Search runs q: on the holder's index when a holder answers, else on the
// index opened read-only. An index that is missing or behind the store is
// first brought up to date, when no process holds the corpus.
func (v *View) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	if v.holder != nil {
		res, err := v.holder.search(ctx, q)
		if !errors.Is(err, errNoHolder) {
			return res, err
		}
		// The holder has gone since: search here.
		v.holder, v.lastErr = nil, err
	}
	ix, err := v.local(ctx)
	if err != nil {
		return nil, err
	}
	return ix.Search(ctx, q)
}

// local opens the index read-only, repairing it first when it is missing,
// stale or behind the store and nobody holds the corpus.
func (v *View) local(ctx context.Context) (*index.Index, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.ix != nil {
		return v.ix, nil
	}
	seg, err := v.opts.segmenter()
	if err != nil {
		return nil, err
	}
	path := index.Path(v.dir)
	ix, err := index.Open(path, seg, &index.Options{ReadOnly: true})
	if err == nil && v.inStep(ix) {
		v.ix = ix
		return ix, nil
	}
	if err == nil {
		ix.Close()
	}
	if errors.Is(err, index.ErrBusy) {
		return nil, v.busy()
	}
	// Repair as a writer would, if the corpus is free, then read.
	usable := err == nil // out of step, but searchable as it is
	o := v.opts
	o.Role = "repair"
	o.Segmenter = func() (*segment.Segmenter, error) { return seg, nil }
	w, werr := Open(ctx, v.dir, o)
	var le *store.LockedError
	switch {
	case werr == nil:
		v.repairs = append(v.repairs, w.Repairs()...)
		w.Close()
	case errors.As(werr, &le) && !usable:
		return nil, v.busy()
	case !errors.As(werr, &le) && !usable:
		return nil, werr
	}
	// Repaired, or not ours to repair (held, not served; a folder we may
	// not write): read what is there.
	ix, err = index.Open(path, seg, &index.Options{ReadOnly: true})
	if errors.Is(err, index.ErrBusy) {
		return nil, v.busy()
	}
	if err != nil {
		return nil, err
	}
	v.ix = ix
	return ix, nil
}

// inStep reports whether the index has followed the store to its last
// commit.
func (v *View) inStep(ix *index.Index) bool {
	pos, err := ix.Position()
	if err != nil {
		return false
	}
	seq, err := v.st.Seq()
	return err == nil && pos == seq
}

// busy is the error of a search that neither a holder nor the View can
// answer: a process holds the corpus without serving searches (yet).
func (v *View) busy() error {
	pid, role := store.Holder(v.dir)
	return fmt.Errorf("%w, and does not answer searches yet (%v); try again in a moment", &store.LockedError{Dir: v.dir, PID: pid, Role: role}, v.lastErr)
}

// Repairs returns what the View repaired before it could search (see
// Workspace.Repairs): it does when the index is missing or behind the
// store and no process holds the corpus.
func (v *View) Repairs() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return append([]string(nil), v.repairs...)
}

// Close closes what the View opened.
func (v *View) Close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.ix != nil {
		err := v.ix.Close()
		v.ix = nil
		return err
	}
	return nil
}
