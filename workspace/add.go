package workspace

import (
	"context"
	"fmt"
	"slices"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/store"
)

// AddStatus says what Add did with a file.
type AddStatus string

// The outcomes of Add.
const (
	Added     AddStatus = "added"     // stored and indexed
	Unchanged AddStatus = "unchanged" // the same bytes were stored and indexed already
	Completed AddStatus = "completed" // stored before, and an interrupted indexing was finished
	Failed    AddStatus = "failed"    // not stored: it could not be read or parsed (NotAdded)
	Skipped   AddStatus = "skipped"   // left out of a folder: no document (NotAdded)
)

// AddResult reports what Add did with one file.
type AddResult struct {
	Name        string    `json:"name"`
	Hash        string    `json:"hash,omitempty"` // "" when Failed or Skipped
	Status      AddStatus `json:"status"`
	Docs        []string  `json:"docs"`        // IDs of the file's documents
	Obligations int       `json:"obligations"` // obligations of the file's documents
	Superseded  []string  `json:"superseded"`  // older versions this file replaced
	// Empty are the IDs of the file's documents in which no obligation was
	// found: most likely no work plan (a news page, a list of names).
	Empty []string `json:"empty"`
	// StoredAs is the name the bytes were first stored under; it differs
	// from Name when the file is a copy of one added before.
	StoredAs string `json:"stored_as,omitempty"`
	// Error says why a file Failed or was Skipped.
	Error string `json:"error,omitempty"`
}

// NotAdded returns the result of a file that failed or was skipped
// (status Failed or Skipped) for err, in the shape of the others.
func NotAdded(name string, status AddStatus, err error) AddResult {
	r := AddResult{Name: name, Status: status, Docs: []string{}, Superseded: []string{}, Empty: []string{}}
	if err != nil {
		r.Error = err.Error()
	}
	return r
}

// Add puts one file into the corpus: unless the same bytes are stored
// already, it parses them (Engine.Parse, name recorded as the Documents'
// Source), stores source, documents and obligations, and brings the index
// up to date in one batch: the file's current documents indexed, the older
// versions they replace taken out. It is a Group of one file.
//
// Add is idempotent by content hash: the same bytes again change nothing
// and report Unchanged, unless an earlier run was killed after storing and
// before indexing, which Add finishes (Completed). A parse error stores
// nothing; nothing already stored is touched. Once the file is being
// stored, Add finishes the change even if ctx ends, so that store and
// index never part.
func (w *Workspace) Add(ctx context.Context, name string, data []byte) (AddResult, error) {
	g := w.NewGroup()
	if _, err := g.Put(ctx, name, data); err != nil {
		return AddResult{Name: name, Hash: store.SourceHash(data)}, err
	}
	res, err := g.Flush(ctx)
	if err != nil {
		return res[0], fmt.Errorf("%s: %w", name, err)
	}
	return res[0], nil
}

// catchUp makes the index agree with the store: every current document
// indexed with its commit's stamp, every superseded one taken out, and the
// index's position set to the store's last commit, in as few batches as
// index.Apply takes (a long backlog, as after a crash, in several Changes
// of about index.BatchObligations obligations, to bound memory, the
// position with the last). When the index was in step before the commits
// of entries (the usual case of Add and of a Group: their files are the
// store's last commits), only their documents and those they replace are
// looked at; else every document is. It returns the documents indexed and
// those taken out. Documents in fresh are indexed as they are; the others
// are read from the store. w.mu is held.
func (w *Workspace) catchUp(ctx context.Context, entries []store.FileEntry, fresh map[freshKey]corpus.Parsed) (indexed, removed []store.DocEntry, err error) {
	w.ixMu.RLock()
	defer w.ixMu.RUnlock()
	ix, err := w.index()
	if err != nil {
		return nil, nil, err
	}
	pos, err := ix.Position()
	if err != nil {
		return nil, nil, err
	}
	seq, err := w.st.Seq()
	if err != nil {
		return nil, nil, err
	}
	list, err := w.st.List()
	if err != nil {
		return nil, nil, err
	}
	only := func(store.DocEntry) bool { return true }
	switch {
	case len(entries) > 0 && (pos == seq || follows(entries, pos, seq)):
		// Unchanged bytes of an index in step: look at these files alone,
		// to finish what a run killed between storing and indexing them
		// left; or the index stopped just before these commits.
		only = related(entries)
	case pos == seq:
		return nil, nil, nil
	}
	var c index.Change
	var adding, dropping []store.DocEntry
	pending := 0
	apply := func() error {
		if err := ix.Apply(ctx, c); err != nil {
			return err
		}
		indexed, removed = append(indexed, adding...), append(removed, dropping...)
		c, adding, dropping, pending = index.Change{}, nil, nil, 0
		return nil
	}
	for _, d := range list {
		if !only(d) {
			continue
		}
		got, has, err := ix.Lookup(d.ID)
		if err != nil {
			return nil, nil, err
		}
		switch {
		case d.Current() && (!has || got.Stamp != d.Seq || got.Obligations != d.Obligations):
			p, ok := fresh[freshKey{d.Hash, d.Seq, d.ID}]
			stamp := d.Seq
			if !ok {
				var derr error
				if p, stamp, derr = w.document(ctx, d); derr != nil {
					w.repaired("document %s of %s could not be indexed: %v", d.ID, d.Source, derr)
					continue
				}
			}
			if pending >= index.BatchObligations {
				if err := apply(); err != nil {
					return nil, nil, err
				}
			}
			c.Add = append(c.Add, index.Doc{Parsed: p, Stamp: stamp})
			adding = append(adding, d)
			pending += len(p.Obligations)
		case !d.Current() && has:
			c.Remove = append(c.Remove, d.ID)
			dropping = append(dropping, d)
		}
	}
	// A document repaired above was rewritten: its commit is the last.
	if seq, err = w.st.Seq(); err != nil {
		return nil, nil, err
	}
	c.Position = seq
	if err := apply(); err != nil {
		return nil, nil, err
	}
	return indexed, removed, nil
}

// freshKey names a document just parsed by the commit that stored it: a
// document is indexed from its parse only while that commit is its
// file's last (a rewrite meanwhile makes the store's copy the one to
// index).
type freshKey struct {
	hash string
	seq  uint64
	id   string
}

// follows reports whether entries hold every commit after pos up to seq:
// the index was in step with the store before them.
func follows(entries []store.FileEntry, pos, seq uint64) bool {
	if pos > seq {
		return false
	}
	for s := pos + 1; s <= seq; s++ {
		if !slices.ContainsFunc(entries, func(e store.FileEntry) bool { return e.Seq == s }) {
			return false
		}
	}
	return true
}

// related returns the test for the documents the commits of entries
// concern: their own, and those they supersede.
func related(entries []store.FileEntry) func(store.DocEntry) bool {
	hashes, mine := map[string]bool{}, map[string]bool{}
	for _, e := range entries {
		hashes[e.Hash] = true
		for _, d := range e.Docs {
			mine[d.ID] = true
		}
	}
	return func(d store.DocEntry) bool { return hashes[d.Hash] || mine[d.SupersededBy] }
}
