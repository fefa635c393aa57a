package workspace

import (
	"context"
	"fmt"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/store"
)

// maxGroupFiles is the most files a Group takes before it asks to be
// flushed (Put's full) even when their documents hold few obligations:
// results, and the progress shown from them, come once per Flush.
const maxGroupFiles = 200

// Group adds files to the corpus together, so that their documents reach
// the search index in one update rather than one per file: each file is
// parsed and stored as Put comes to it — the store is the record, so a
// crash loses nothing Put returned — and Flush indexes them all, in
// batches of about index.BatchObligations obligations. Until Flush,
// searches see the corpus as it was; a crash before it leaves the files
// stored and not indexed, which the next Open (or an Add of the same
// bytes, reporting Completed) finishes. A Group is used by one goroutine;
// other changes of the workspace may run between its calls.
type Group struct {
	w       *Workspace
	files   []AddResult
	entries []store.FileEntry
	fresh   map[freshKey]corpus.Parsed
	pending int // obligations in fresh
}

// NewGroup returns an empty Group of w.
func (w *Workspace) NewGroup() *Group {
	return &Group{w: w, fresh: map[freshKey]corpus.Parsed{}}
}

// Put stores one file as Add does — parsed unless the same bytes are
// stored already, a parse error storing nothing — and leaves indexing it
// to Flush. full reports that the Group should be flushed before the next
// Put: its new documents hold index.BatchObligations obligations or more
// (memory grows with them until Flush), or it holds maxGroupFiles files.
// Once the file is being stored, Put stores it even if ctx ends.
func (g *Group) Put(ctx context.Context, name string, data []byte) (full bool, err error) {
	w := g.w
	hash := store.SourceHash(data)
	entry, ok, err := w.st.Lookup(hash)
	if err != nil {
		return false, fmt.Errorf("%s: %w", name, err)
	}
	res := AddResult{Name: name, Hash: hash, Status: Unchanged, Docs: []string{}, Superseded: []string{}, Empty: []string{}}
	var parsed []corpus.Parsed
	if !ok {
		// Parsing, the slow part, runs outside the lock: searches and
		// handed-over adds are not held up by it.
		if parsed, err = w.Parse(ctx, name, data); err != nil {
			return false, err
		}
		if err := ctx.Err(); err != nil {
			return false, context.Cause(ctx)
		}
		w.mu.Lock()
		var added bool
		entry, added, err = w.st.Put(name, data, parsed)
		w.mu.Unlock()
		if err != nil {
			return false, err
		}
		if added {
			res.Status = Added
			// The index is fed the documents just parsed, not copies read
			// back.
			for _, p := range parsed {
				g.fresh[freshKey{entry.Hash, entry.Seq, p.Doc.ID}] = p
				g.pending += len(p.Obligations)
			}
		}
	}
	res.StoredAs = entry.Name
	for _, d := range entry.Docs {
		res.Docs = append(res.Docs, d.ID)
		res.Obligations += d.Obligations
		if d.Obligations == 0 {
			res.Empty = append(res.Empty, d.ID)
		}
	}
	g.files = append(g.files, res)
	g.entries = append(g.entries, entry)
	return g.pending >= index.BatchObligations || len(g.files) >= maxGroupFiles, nil
}

// Flush brings the index up to date with the files Put since the last
// Flush — their current documents indexed, the older versions they replace
// taken out, in as few batches as index.Apply takes — and returns their
// results in the order they were Put: Completed for stored bytes whose
// indexing an earlier run left unfinished, Superseded the versions each
// replaced. It finishes even if ctx ends, so that store and index never
// part for long. Its error fails every file of the flush, whose results it
// returns as Put made them: they are stored, and the next Open, or an Add
// of the same bytes, indexes them. The Group
// is empty afterwards, and may be used again.
func (g *Group) Flush(ctx context.Context) ([]AddResult, error) {
	w := g.w
	files, entries, fresh := g.files, g.entries, g.fresh
	g.files, g.entries, g.fresh, g.pending = nil, nil, map[freshKey]corpus.Parsed{}, 0
	if len(files) == 0 {
		return nil, nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	indexed, removed, err := w.catchUp(context.WithoutCancel(ctx), entries, fresh)
	if err != nil {
		return files, err
	}
	list, err := w.st.List()
	if err != nil {
		return files, err
	}
	gone, stored := map[string]bool{}, map[string]bool{}
	for _, d := range removed {
		gone[d.ID] = true
	}
	for _, r := range files {
		if r.Status == Added {
			stored[r.Hash] = true
		}
	}
	for i := range files {
		r := &files[i]
		mine := map[string]bool{}
		for _, id := range r.Docs {
			mine[id] = true
		}
		// A new file replaced every version its documents supersede, even
		// one stored in the same Group and so never indexed; stored bytes
		// again replaced what this flush took out.
		for _, d := range list {
			if mine[d.SupersededBy] && (r.Status == Added || gone[d.ID]) {
				r.Superseded = append(r.Superseded, d.ID)
			}
		}
		// A copy of a file stored earlier in the group is unchanged: the
		// indexing it shares was that file's, not an unfinished one.
		if r.Status == Unchanged && !stored[r.Hash] {
			for _, d := range indexed {
				if d.Hash == r.Hash {
					r.Status = Completed
					break
				}
			}
		}
	}
	return files, nil
}
