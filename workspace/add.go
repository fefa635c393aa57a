package workspace

import (
	"context"
	"fmt"

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
)

// AddResult reports what Add did with one file.
type AddResult struct {
	Name        string    `json:"name"`
	Hash        string    `json:"hash"`
	Status      AddStatus `json:"status"`
	Docs        []string  `json:"docs"`        // IDs of the file's documents
	Obligations int       `json:"obligations"` // obligations of the file's documents
	Superseded  []string  `json:"superseded"`  // older versions this file replaced
	// StoredAs is the name the bytes were first stored under; it differs
	// from Name when the file is a copy of one added before.
	StoredAs string `json:"stored_as"`
}

// Add puts one file into the corpus: unless the same bytes are stored
// already, it parses them (Engine.Parse, name recorded as the Documents'
// Source), stores source, documents and obligations, and brings the index
// up to date in one batch: the file's current documents indexed, the older
// versions they replace taken out.
//
// Add is idempotent by content hash: the same bytes again change nothing
// and report Unchanged, unless an earlier run was killed after storing and
// before indexing, which Add finishes (Completed). A parse error stores
// nothing; nothing already stored is touched. Once the file is being
// stored, Add finishes the change even if ctx ends, so that store and
// index never part.
func (w *Workspace) Add(ctx context.Context, name string, data []byte) (AddResult, error) {
	res := AddResult{Name: name, Hash: store.SourceHash(data), Status: Unchanged}
	entry, ok, err := w.st.Lookup(res.Hash)
	if err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	var parsed []corpus.Parsed
	if !ok {
		// Parsing, the slow part, runs outside the lock: searches and
		// handed-over adds are not held up by it.
		if parsed, err = w.Parse(ctx, name, data); err != nil {
			return res, err
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !ok {
		if err := ctx.Err(); err != nil {
			return res, context.Cause(ctx)
		}
		var added bool
		entry, added, err = w.st.Put(name, data, parsed)
		if err != nil {
			return res, err
		}
		if added {
			res.Status = Added
		}
	}
	res.StoredAs = entry.Name
	for _, d := range entry.Docs {
		res.Docs = append(res.Docs, d.ID)
		res.Obligations += d.Obligations
	}
	// The index is fed the documents just parsed, not copies read back.
	fresh := make(map[string]corpus.Parsed, len(parsed))
	for _, p := range parsed {
		fresh[p.Doc.ID] = p
	}
	indexed, removed, err := w.catchUp(context.WithoutCancel(ctx), &entry, fresh)
	if err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	res.Superseded = removed
	if res.Status == Unchanged && indexed > 0 {
		res.Status = Completed
	}
	return res, nil
}

// catchUp makes the index agree with the store: every current document
// indexed with its commit's stamp, every superseded one taken out, and the
// index's position set to the store's last commit, in one batch (a long
// backlog, as after a crash, in several, the position with the last). When
// the index was in step before the commit of entry (the usual case of
// Add), only entry's documents and those they replace are looked at; else
// every document is. It returns the number of documents indexed and the
// IDs taken out. Documents in fresh are indexed as they are; the others
// are read from the store. w.mu is held.
func (w *Workspace) catchUp(ctx context.Context, entry *store.FileEntry, fresh map[string]corpus.Parsed) (indexed int, removed []string, err error) {
	w.ixMu.RLock()
	defer w.ixMu.RUnlock()
	ix, err := w.index()
	if err != nil {
		return 0, nil, err
	}
	pos, err := ix.Position()
	if err != nil {
		return 0, nil, err
	}
	seq, err := w.st.Seq()
	if err != nil {
		return 0, nil, err
	}
	list, err := w.st.List()
	if err != nil {
		return 0, nil, err
	}
	only := func(store.DocEntry) bool { return true }
	switch {
	case entry != nil && pos == seq:
		// Unchanged bytes of an index in step: look at this file alone, to
		// finish what a run killed between storing and indexing it left.
		only = related(list, entry)
	case entry != nil && entry.Seq == seq && pos == seq-1:
		only = related(list, entry)
	case pos == seq:
		return 0, nil, nil
	}
	// A long backlog goes in batches of about maxBatch obligations, to
	// bound memory; the position comes with the last.
	const maxBatch = 2000
	var c index.Change
	pending := 0
	for _, d := range list {
		if pending >= maxBatch {
			if err := ix.Apply(ctx, c); err != nil {
				return 0, nil, err
			}
			indexed += len(c.Add)
			removed = append(removed, c.Remove...)
			c, pending = index.Change{}, 0
		}
		if !only(d) {
			continue
		}
		got, has, err := ix.Lookup(d.ID)
		if err != nil {
			return 0, nil, err
		}
		switch {
		case d.Current() && (!has || got.Stamp != d.Seq || got.Obligations != d.Obligations):
			p, ok := fresh[d.ID]
			stamp := d.Seq
			if !ok || entry == nil || d.Hash != entry.Hash {
				var derr error
				if p, stamp, derr = w.document(ctx, d); derr != nil {
					w.repaired("document %s of %s could not be indexed: %v", d.ID, d.Source, derr)
					continue
				}
			}
			c.Add = append(c.Add, index.Doc{Parsed: p, Stamp: stamp})
			pending += len(p.Obligations)
		case !d.Current() && has:
			c.Remove = append(c.Remove, d.ID)
		}
	}
	// A document repaired above was rewritten: its commit is the last.
	if seq, err = w.st.Seq(); err != nil {
		return 0, nil, err
	}
	c.Position = seq
	if err := ix.Apply(ctx, c); err != nil {
		return 0, nil, err
	}
	return indexed + len(c.Add), append(removed, c.Remove...), nil
}

// related returns the test for the documents a commit of entry concerns:
// its own, and those they supersede.
func related(list []store.DocEntry, entry *store.FileEntry) func(store.DocEntry) bool {
	mine := map[string]bool{}
	for _, d := range entry.Docs {
		mine[d.ID] = true
	}
	return func(d store.DocEntry) bool { return d.Hash == entry.Hash || mine[d.SupersededBy] }
}
