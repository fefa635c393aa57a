package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/extract"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/ingest"
	"github.com/dutymap/dutymap/segment"
)

// corpusDirFlag is the help text of every command's --corpus flag.
const corpusDirFlag = "corpus directory (default $DUTYMAP_HOME, else $XDG_DATA_HOME/dutymap or ~/.local/share/dutymap)"

// corpusDir returns the corpus directory to use: flag if set, else
// $DUTYMAP_HOME, else dutymap's directory in the user's data directory
// ($XDG_DATA_HOME/dutymap, or ~/.local/share/dutymap).
func corpusDir(flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if d := os.Getenv("DUTYMAP_HOME"); d != "" {
		return d, nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "dutymap"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no corpus directory: set --corpus or $DUTYMAP_HOME (%w)", err)
	}
	return filepath.Join(home, ".local", "share", "dutymap"), nil
}

// corpusHandle is a corpus directory opened for writing: its store (whose
// lock it holds until Close), its index, and the stages that parse what is
// added. Commands that change a corpus (add, reindex, watch, run) open one
// with openCorpus and hand every file to addFile; one that waits long
// between files (watch) calls Idle while it waits, since an open index
// keeps searches out.
type corpusHandle struct {
	dir   string
	store *corpus.Store
	index *index.Index
	seg   *segment.Segmenter
	ext   *extract.Extractor

	rebuilt bool // the index was rebuilt since the corpus was opened
}

// openCorpus opens the corpus directory dir for writing, creating it if
// needed, with seg as the process's segmenter. It fails at once with a
// *corpus.LockedError ("corpus DIR in use by pid N") when another process
// writes to it. An index built by another version of dutymap is rebuilt;
// a damaged one is reported with the advice to run `dutymap reindex`.
func openCorpus(ctx context.Context, dir string, seg *segment.Segmenter) (*corpusHandle, error) {
	st, err := corpus.OpenStore(dir)
	if err != nil {
		return nil, err
	}
	c := &corpusHandle{dir: dir, store: st, seg: seg, ext: extract.New(seg)}
	c.index, err = index.Open(index.Path(dir), seg, nil)
	if err == nil && rebuilding(dir) {
		c.index.Close()
		c.index, err = nil, index.ErrStale
	}
	if errors.Is(err, index.ErrStale) {
		err = c.rebuild(ctx, false, nil)
	}
	if err != nil {
		st.Close()
		return nil, damaged(err)
	}
	return c, nil
}

// damaged adds the way out to an error opening an index.
func damaged(err error) error {
	return fmt.Errorf("%w (run `dutymap reindex` to rebuild the index from the stored sources)", err)
}

// Idle closes the index while the corpus stays locked, so that searches
// (which open the index read-only) can run while a long-lived writer such
// as watch waits for files; the next addFile opens it again.
func (c *corpusHandle) Idle() error {
	if c.index == nil {
		return nil
	}
	err := c.index.Close()
	c.index = nil
	return err
}

// ensureIndex opens the index again after Idle.
func (c *corpusHandle) ensureIndex() error {
	if c.index != nil {
		return nil
	}
	ix, err := index.Open(index.Path(c.dir), c.seg, nil)
	if err != nil {
		return damaged(err)
	}
	c.index = ix
	return nil
}

// Close closes the index and releases the corpus lock.
func (c *corpusHandle) Close() error {
	var err error
	if c.index != nil {
		err = c.index.Close()
	}
	if cerr := c.store.Close(); err == nil {
		err = cerr
	}
	return err
}

// addStatus says what addFile did with a file.
type addStatus string

const (
	added     addStatus = "added"     // stored and indexed
	unchanged addStatus = "unchanged" // the same bytes were stored and indexed already
	completed addStatus = "completed" // stored before, and an interrupted indexing was finished
)

// addResult reports what addFile did with one file.
type addResult struct {
	Name        string    `json:"name"`
	Hash        string    `json:"hash"`
	Status      addStatus `json:"status"`
	Docs        []string  `json:"docs"`        // IDs of the file's documents
	Obligations int       `json:"obligations"` // obligations of the file's documents
	Superseded  []string  `json:"superseded"`  // older versions this file replaced
}

// addFile is THE add pipeline, shared by every command that puts files into
// a corpus: it hashes data, and unless those bytes are stored already it
// parses them (ingest.Parse with the base of name), extracts each
// Document's obligations, stores source, documents and obligations, then
// brings the index up to date: the file's current documents are indexed and
// the older versions they replace are taken out.
//
// It is idempotent by content hash: adding the same bytes again changes
// nothing and reports unchanged, unless an earlier run was killed after
// storing and before indexing, which it finishes (completed). name is
// recorded as the Documents' Source. A parse error stores nothing and is
// returned wrapped with name; nothing already stored is touched.
func addFile(ctx context.Context, c *corpusHandle, name string, data []byte) (addResult, error) {
	res := addResult{Name: name, Hash: corpus.SourceHash(data), Status: unchanged}
	entry, ok, err := c.store.Lookup(res.Hash)
	if err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	if !ok {
		parsed, err := c.parse(name, data)
		if err != nil {
			return res, err
		}
		if entry, _, err = c.store.Put(name, data, parsed); err != nil {
			return res, err
		}
		res.Status = added
	}
	for _, d := range entry.Docs {
		res.Docs = append(res.Docs, d.ID)
		res.Obligations += d.Obligations
	}
	indexed, superseded, err := c.sync(ctx, entry)
	if err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	res.Superseded = superseded
	if res.Status == unchanged && indexed > 0 {
		res.Status = completed
	}
	return res, nil
}

// parse runs ingest and extract on one file.
func (c *corpusHandle) parse(name string, data []byte) ([]corpus.Parsed, error) {
	docs, err := ingest.Parse(filepath.Base(name), data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	parsed := make([]corpus.Parsed, 0, len(docs))
	for _, d := range docs {
		d.Source = name
		parsed = append(parsed, corpus.Parsed{Doc: d, Obligations: c.ext.Extract(d)})
	}
	return parsed, nil
}

// sync makes the index agree with the store for one file: its current
// documents indexed, its superseded ones and those it supersedes not. It
// returns how many documents it indexed and the IDs it took out.
func (c *corpusHandle) sync(ctx context.Context, entry corpus.FileEntry) (indexed int, removed []string, err error) {
	if err := c.ensureIndex(); err != nil {
		return 0, nil, err
	}
	list, err := c.store.List()
	if err != nil {
		return 0, nil, err
	}
	mine := map[string]bool{}
	for _, d := range entry.Docs {
		mine[d.ID] = true
	}
	var todo []corpus.Parsed
	for _, d := range list {
		switch {
		case mine[d.ID] && d.Current():
			has, err := c.index.Has(d.ID)
			if err != nil {
				return 0, nil, err
			}
			if has {
				continue
			}
			p, err := c.store.Document(d.ID)
			if err != nil {
				return 0, nil, err
			}
			todo = append(todo, p)
		case mine[d.ID] || mine[d.SupersededBy]:
			has, err := c.index.Has(d.ID)
			if err != nil {
				return 0, nil, err
			}
			if has {
				if err := c.index.Delete(d.ID); err != nil {
					return 0, nil, err
				}
				removed = append(removed, d.ID)
			}
		}
	}
	if len(todo) > 0 {
		if err := c.index.Add(ctx, todo...); err != nil {
			return 0, nil, err
		}
	}
	return len(todo), removed, nil
}

// rebuild replaces the index by a new one holding the current documents of
// the store. With reparse, every stored source is first parsed again and
// its stored documents rewritten (after ingest or extract improved). progress,
// if not nil, is called after each source file.
func (c *corpusHandle) rebuild(ctx context.Context, reparse bool, progress func(done, total int)) error {
	if c.index != nil {
		c.index.Close()
		c.index = nil
	}
	path := index.Path(c.dir)
	// The mark says that the index is being rebuilt, so that a rebuild that
	// was killed is redone instead of leaving part of the corpus unindexed.
	mark := filepath.Join(c.dir, rebuildMark)
	if err := os.WriteFile(mark, nil, 0o644); err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	if err := os.RemoveAll(path); err != nil {
		return fmt.Errorf("remove index: %w", err)
	}
	files, err := c.store.Files()
	if err != nil {
		return err
	}
	if reparse {
		for i, f := range files {
			data, err := c.store.Source(f.Hash)
			if err != nil {
				return err
			}
			parsed, err := c.parse(f.Name, data)
			if err != nil {
				return err
			}
			if _, err := c.store.Rewrite(f.Hash, parsed); err != nil {
				return err
			}
			if progress != nil {
				progress(i+1, 2*len(files))
			}
		}
	}
	list, err := c.store.List()
	if err != nil {
		return err
	}
	bulk, err := index.Open(path, c.seg, &index.Options{Bulk: true})
	if err != nil {
		return err
	}
	// Batches of about a thousand obligations, several at a time, keep
	// every core busy without holding a large corpus in memory. Progress is
	// counted in source files, as they are read.
	i, done := 0, 0
	next := func() ([]corpus.Parsed, error) {
		var batch []corpus.Parsed
		n := 0
		for ; i < len(list) && n < 1000; i++ {
			d := list[i]
			if d.Current() {
				p, err := c.store.Document(d.ID)
				if err != nil {
					return nil, err
				}
				batch = append(batch, p)
				n += len(p.Obligations)
			}
			if progress != nil && (i == len(list)-1 || list[i+1].Hash != d.Hash) {
				done++
				if reparse {
					progress(len(files)+done, 2*len(files))
				} else {
					progress(done, len(files))
				}
			}
		}
		if len(batch) == 0 && i >= len(list) {
			return nil, nil
		}
		return batch, nil
	}
	if err := bulk.AddMany(ctx, rebuildWorkers, next); err != nil {
		bulk.Close()
		return err
	}
	// Closing a bulk index persists it; the index is then reopened for
	// safe, durable adds.
	if err := bulk.Close(); err != nil {
		return err
	}
	if err := os.Remove(mark); err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	c.index, err = index.Open(path, c.seg, nil)
	c.rebuilt = err == nil
	return err
}

// rebuildWorkers is the number of batches a rebuild indexes at once: more
// than the cores of a small machine, since a batch also waits for the disk.
const rebuildWorkers = 4

// rebuildMark is the file in a corpus directory that exists while its index
// is being rebuilt.
const rebuildMark = "index.rebuilding"

// rebuilding reports whether a rebuild of dir's index was begun and not
// finished.
func rebuilding(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, rebuildMark))
	return err == nil
}

// openIndex opens the index of the corpus directory dir for searching. On
// first use — no corpus yet — it adds the sample corpus shipped with
// dutymap, so that a search works on a fresh machine; a missing index, or
// one left by an interrupted rebuild or built by another version, is
// rebuilt from the stored sources. Both need the corpus lock for a moment.
func openIndex(ctx context.Context, dir string, seg *segment.Segmenter) (*index.Index, error) {
	ix, err := index.Open(index.Path(dir), seg, &index.Options{ReadOnly: true})
	if err == nil && !rebuilding(dir) {
		return ix, nil
	}
	switch {
	case err == nil:
		ix.Close()
	case errors.Is(err, index.ErrBusy):
		return nil, &corpus.LockedError{Dir: dir, PID: corpus.LockHolder(dir)}
	case !errors.Is(err, index.ErrNotExist) && !errors.Is(err, index.ErrStale):
		return nil, damaged(err)
	}
	if err := prepare(ctx, dir, seg); err != nil {
		return nil, err
	}
	ix, err = index.Open(index.Path(dir), seg, &index.Options{ReadOnly: true})
	if err != nil {
		return nil, damaged(err)
	}
	return ix, nil
}

// prepare makes dir's index searchable: it adds the samples to an empty
// corpus, or rebuilds the index of a stored one.
func prepare(ctx context.Context, dir string, seg *segment.Segmenter) error {
	c, err := openCorpus(ctx, dir, seg)
	if err != nil {
		return err
	}
	defer c.Close()
	files, err := c.store.Files()
	if err != nil {
		return err
	}
	if len(files) > 0 {
		if c.rebuilt {
			return nil
		}
		return c.rebuild(ctx, false, nil)
	}
	ins, err := sampleInputs()
	if err != nil {
		return err
	}
	for _, in := range ins {
		data, err := in.read()
		if err != nil {
			return err
		}
		if _, err := addFile(ctx, c, in.name, data); err != nil {
			return fmt.Errorf("index the sample corpus: %w", err)
		}
	}
	return nil
}
