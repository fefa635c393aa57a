package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/internal/atomicfile"
	"github.com/dutymap/dutymap/internal/filelock"
)

// Format is the version of the directory layout and record encoding this
// package writes. Version 1 (no format file) kept the spans of frequencies,
// deadlines and targets in lists beside the obligation; version 2 keeps
// them in place.
const Format = 2

// formatFile holds the layout's version, written when a directory is made.
const formatFile = "format"

// ErrNotCorpus is returned (wrapped) by View for a directory that holds no
// corpus, so that a mistyped path is reported rather than read as empty.
var ErrNotCorpus = errors.New("not a dutymap corpus")

// Store is a corpus directory. A Store from Open is the only writer of its
// directory until Close; one from View only reads and takes no lock. Reads
// may run concurrently with each other and with a writer's Put and
// Rewrite; Put and Rewrite are serialised.
type Store struct {
	dir      string
	readOnly bool
	lock     *filelock.Lock
	format   int

	mu sync.Mutex
	// files caches the committed entries by hash, for a writer only: it
	// alone changes the directory. Loaded on first use, kept up to date by
	// Put and Rewrite.
	files   map[string]FileEntry
	damaged []Damage // of the last load
}

// FileEntry records one source file of the corpus.
type FileEntry struct {
	Hash  string    `json:"hash"` // hex SHA-256 of the bytes
	Name  string    `json:"name"` // the name it was added under
	Size  int       `json:"size"`
	Added time.Time `json:"added"`
	// Seq is the commit's number in the store's sequence: each Put and
	// Rewrite takes the next one. 0 for files stored before sequences.
	Seq  uint64     `json:"seq,omitempty"`
	Docs []DocEntry `json:"docs"` // the Documents found in it, in file order
}

// DocEntry is what a listing knows of a stored Document: all its metadata
// (corpus.Document without text, outline, passages and tables) and the
// number of its obligations.
type DocEntry struct {
	corpus.Document
	Obligations int `json:"obligations"`

	// Set by List, not stored.
	Hash         string    `json:"hash"`                    // the FileEntry's hash
	Added        time.Time `json:"added"`                   // when its file was added
	Seq          uint64    `json:"seq,omitempty"`           // its file's commit
	SupersededBy string    `json:"superseded_by,omitempty"` // ID of the newer version; "" if current
}

// Current reports whether d is the current version of its document.
func (d DocEntry) Current() bool { return d.SupersededBy == "" }

// Meta returns the document's metadata as a Document without text, for
// what chooses among documents by their metadata (compare.FindUppers).
func (d DocEntry) Meta() *corpus.Document {
	m := d.Document
	return &m
}

// Damage is a record of the corpus that could not be read.
type Damage struct {
	Path string // the record's file
	Err  error
}

// DamagedError is returned for a stored record that cannot be read: a
// document file cut short, emptied or not JSON, a source whose bytes no
// longer match their hash.
type DamagedError struct {
	Path string
	Err  error
}

func (e *DamagedError) Error() string { return fmt.Sprintf("damaged record %s: %v", e.Path, e.Err) }

func (e *DamagedError) Unwrap() error { return e.Err }

// LockedError is returned by Open when another process writes to the
// corpus directory.
type LockedError struct {
	Dir  string
	PID  int    // 0 when the holder's pid could not be read
	Role string // what the holder does ("watch", "add"), when it said
}

func (e *LockedError) Error() string {
	switch {
	case e.PID == 0:
		return fmt.Sprintf("corpus %s in use by another process", e.Dir)
	case e.Role == "":
		return fmt.Sprintf("corpus %s in use by pid %d", e.Dir, e.PID)
	}
	return fmt.Sprintf("corpus %s in use by pid %d (dutymap %s)", e.Dir, e.PID, e.Role)
}

// Holder returns the pid and role of the process writing to dir, if one
// does; 0 and "" otherwise (or when it cannot tell).
func Holder(dir string) (pid int, role string) {
	return filelock.Holder(filepath.Join(dir, "lock"))
}

// SourceHash returns the content hash under which data is stored.
func SourceHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// IsCorpus reports whether dir holds a corpus (or the start of one).
func IsCorpus(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, "files"))
	return err == nil && fi.IsDir()
}

// Open opens the corpus directory dir for writing, creating it if needed,
// and removes the temporary files a crashed writer left. role says what
// the opening process does, for the message others get: Open fails at
// once with a *LockedError if another process has the directory open for
// writing.
func Open(dir, role string) (*Store, error) {
	fresh := !IsCorpus(dir)
	for _, sub := range []string{"sources", "docs", "files"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return nil, fmt.Errorf("open corpus: %w", err)
		}
	}
	lock, err := filelock.TryLock(filepath.Join(dir, "lock"), role)
	var held *filelock.HeldError
	if errors.As(err, &held) {
		return nil, &LockedError{Dir: dir, PID: held.PID, Role: held.Role}
	}
	if err != nil {
		return nil, fmt.Errorf("open corpus: %w", err)
	}
	s := &Store{dir: dir, lock: lock}
	if fresh {
		if err := s.SetFormat(); err != nil {
			lock.Unlock()
			return nil, err
		}
	}
	s.format = readFormat(dir)
	return s, nil
}

// View opens the corpus directory dir for reading only. It takes no lock:
// what it sees is the state committed so far. It fails with ErrNotCorpus
// (wrapped) when dir holds no corpus.
func View(dir string) (*Store, error) {
	if !IsCorpus(dir) {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("corpus %s: %w: %w", dir, ErrNotCorpus, err)
		}
		return nil, fmt.Errorf("corpus %s: %w (no files/ folder)", dir, ErrNotCorpus)
	}
	return &Store{dir: dir, readOnly: true, format: readFormat(dir)}, nil
}

// Dir returns the corpus directory.
func (s *Store) Dir() string { return s.dir }

// FormatVersion returns the version of the layout the directory was
// written in: Format, or less for a directory of an older dutymap, whose
// documents should be parsed again (see SetFormat).
func (s *Store) FormatVersion() int { return s.format }

// SetFormat records that the directory is in this package's Format, once
// every stored document has been written in it.
func (s *Store) SetFormat() error {
	if s.readOnly {
		return fmt.Errorf("corpus %s: opened read-only", s.dir)
	}
	if err := atomicfile.WriteBytes(filepath.Join(s.dir, formatFile), []byte("dutymap corpus "+strconv.Itoa(Format)+"\n")); err != nil {
		return fmt.Errorf("corpus %s: %w", s.dir, err)
	}
	s.format = Format
	return nil
}

func readFormat(dir string) int {
	b, err := os.ReadFile(filepath.Join(dir, formatFile))
	if err != nil {
		return 1
	}
	n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(string(b), "dutymap corpus")))
	if err != nil {
		return 1
	}
	return n
}

// Close releases the writer's lock. The Store must not be used afterwards.
func (s *Store) Close() error {
	if s.lock == nil {
		return nil
	}
	err := s.lock.Unlock()
	s.lock = nil
	return err
}

// RemoveTemps removes the temporary files that writes cut short by a crash
// left in the directory, and returns how many. A writer only.
func (s *Store) RemoveTemps() (int, error) {
	if s.readOnly {
		return 0, nil
	}
	total := 0
	for _, sub := range []string{"sources", "docs", "files", "."} {
		dir := filepath.Join(s.dir, sub)
		n, err := atomicfile.RemoveTemps(dir)
		total += n
		if err != nil {
			return total, err
		}
		// dutymap before internal/atomicfile named them .tmp-NAME-NNN.
		old, _ := filepath.Glob(filepath.Join(dir, ".tmp-*"))
		for _, p := range old {
			if err := os.Remove(p); err == nil {
				total++
			}
		}
	}
	return total, nil
}

// Lookup returns the entry of the source file with the given hash, and
// whether it is stored. A damaged entry counts as not stored.
func (s *Store) Lookup(hash string) (e FileEntry, ok bool, err error) {
	err = s.load(func(files map[string]FileEntry) { e, ok = files[hash] })
	return e, ok, err
}

// Put stores a source file and the Documents parsed from it, unless bytes
// with the same hash are stored already, in which case it returns the
// stored entry and added false. Documents are written before the entry that
// commits them, so a crash in between leaves the file not added.
func (s *Store) Put(name string, data []byte, parsed []corpus.Parsed) (e FileEntry, added bool, err error) {
	if s.readOnly {
		return FileEntry{}, false, fmt.Errorf("store %s: opened read-only", name)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	files, err := s.loadLocked()
	if err != nil {
		return FileEntry{}, false, err
	}
	hash := SourceHash(data)
	if e, ok := files[hash]; ok {
		return e, false, nil
	}
	e, err = s.commit(FileEntry{Hash: hash, Name: name, Size: len(data), Added: nextTime(files)}, data, parsed)
	return e, err == nil, err
}

// Restore stores a source file again whose entry was damaged (see
// Damaged), keeping the name and time it was first added under. The
// damaged entry is replaced.
func (s *Store) Restore(name string, added time.Time, data []byte, parsed []corpus.Parsed) (FileEntry, error) {
	if s.readOnly {
		return FileEntry{}, fmt.Errorf("store %s: opened read-only", name)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.loadLocked(); err != nil {
		return FileEntry{}, err
	}
	return s.commit(FileEntry{Hash: SourceHash(data), Name: name, Size: len(data), Added: added.UTC()}, data, parsed)
}

// commit writes the source, the documents and then the entry; s.mu is held.
func (s *Store) commit(e FileEntry, data []byte, parsed []corpus.Parsed) (FileEntry, error) {
	if err := atomicfile.WriteBytes(filepath.Join(s.dir, "sources", e.Hash), data); err != nil {
		return FileEntry{}, fmt.Errorf("store %s: %w", e.Name, err)
	}
	e.Seq = maxSeq(s.files) + 1
	for _, p := range parsed {
		d, err := s.writeDoc(p)
		if err != nil {
			return FileEntry{}, fmt.Errorf("store %s: %w", e.Name, err)
		}
		e.Docs = append(e.Docs, d)
	}
	if err := s.writeEntry(e); err != nil {
		return FileEntry{}, fmt.Errorf("store %s: %w", e.Name, err)
	}
	s.files[e.Hash] = e
	s.damaged = dropDamage(s.damaged, s.entryFile(e.Hash))
	return e, nil
}

func (s *Store) writeEntry(e FileEntry) error {
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteBytes(s.entryFile(e.Hash), b)
}

func (s *Store) entryFile(hash string) string {
	return filepath.Join(s.dir, "files", filepath.Base(hash)+".json")
}

// Rewrite replaces the stored Documents of the source file with the given
// hash by a new parse of it (after a better ingest or extract, or to
// repair a damaged document), keeping the file's name and the time it was
// added; the entry takes the next number of the sequence. Documents of the
// old parse that the new one lacks stay on disk, unreferenced.
func (s *Store) Rewrite(hash string, parsed []corpus.Parsed) (FileEntry, error) {
	if s.readOnly {
		return FileEntry{}, fmt.Errorf("rewrite %s: store opened read-only", hash)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	files, err := s.loadLocked()
	if err != nil {
		return FileEntry{}, err
	}
	e, ok := files[hash]
	if !ok {
		return FileEntry{}, fmt.Errorf("rewrite %s: no such source", hash)
	}
	e.Docs = nil
	e.Seq = maxSeq(files) + 1
	for _, p := range parsed {
		d, err := s.writeDoc(p)
		if err != nil {
			return FileEntry{}, fmt.Errorf("rewrite %s: %w", e.Name, err)
		}
		e.Docs = append(e.Docs, d)
	}
	if err := s.writeEntry(e); err != nil {
		return FileEntry{}, fmt.Errorf("rewrite %s: %w", e.Name, err)
	}
	files[hash] = e
	return e, nil
}

// SetAside moves the damaged entry of the source with the given hash out
// of the corpus (files/HASH.json becomes files/HASH.json.damaged, kept for
// a look), so that the file counts as never added and adding it again
// restores it.
func (s *Store) SetAside(hash string) error {
	if s.readOnly {
		return fmt.Errorf("set aside %s: store opened read-only", hash)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.entryFile(hash)
	if err := os.Rename(p, p+".damaged"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("set aside %s: %w", p, err)
	}
	delete(s.files, hash)
	s.damaged = dropDamage(s.damaged, p)
	return atomicfile.SyncDir(filepath.Dir(p))
}

func dropDamage(ds []Damage, path string) []Damage {
	out := ds[:0]
	for _, d := range ds {
		if d.Path != path {
			out = append(out, d)
		}
	}
	return out
}

// nextTime returns the time to record a new file under: now, but always
// after every file stored so far, so that versions are ordered even when the
// clock is coarse or steps back.
func nextTime(files map[string]FileEntry) time.Time {
	t := time.Now().UTC()
	for _, f := range files {
		if !t.After(f.Added) {
			t = f.Added.Add(time.Microsecond)
		}
	}
	return t
}

func maxSeq(files map[string]FileEntry) uint64 {
	var m uint64
	for _, f := range files {
		m = max(m, f.Seq)
	}
	return m
}

// Seq returns the number of the last commit: the highest FileEntry.Seq.
func (s *Store) Seq() (seq uint64, err error) {
	err = s.load(func(files map[string]FileEntry) { seq = maxSeq(files) })
	return seq, err
}

// Source returns the bytes of the stored source file with the given hash;
// a *DamagedError if they no longer match it.
func (s *Store) Source(hash string) ([]byte, error) {
	p := filepath.Join(s.dir, "sources", filepath.Base(hash))
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("read source %s: %w", hash, err)
	}
	if SourceHash(b) != hash {
		return nil, &DamagedError{Path: p, Err: errors.New("its bytes do not match their hash")}
	}
	return b, nil
}

// SourceTime returns when the source with the given hash was written: the
// time it was added, for restoring its damaged entry.
func (s *Store) SourceTime(hash string) (time.Time, error) {
	fi, err := os.Stat(filepath.Join(s.dir, "sources", filepath.Base(hash)))
	if err != nil {
		return time.Time{}, err
	}
	return fi.ModTime().UTC(), nil
}

// Files returns the entries of every stored source file, oldest first.
// Damaged entries are left out (see Damaged).
func (s *Store) Files() (out []FileEntry, err error) {
	err = s.load(func(files map[string]FileEntry) { out = sortedEntries(files) })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Damaged returns the entries that the last reading of the directory
// found damaged and left out, with why.
func (s *Store) Damaged() []Damage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Damage(nil), s.damaged...)
}

// DamagedHash returns the source hash a damaged entry's path names.
func DamagedHash(d Damage) string {
	return strings.TrimSuffix(filepath.Base(d.Path), ".json")
}

// load calls f with the committed entries — the writer's cache, or for a
// reader a fresh read of the directory — under s.mu: the cache is the map
// commit writes to, so it is never read without the lock.
func (s *Store) load(f func(map[string]FileEntry)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	files, err := s.loadLocked()
	if err != nil {
		return err
	}
	f(files)
	return nil
}

func (s *Store) loadLocked() (map[string]FileEntry, error) {
	if s.files != nil {
		return s.files, nil
	}
	names, err := filepath.Glob(filepath.Join(s.dir, "files", "*.json"))
	if err != nil {
		return nil, fmt.Errorf("list corpus %s: %w", s.dir, err)
	}
	files := make(map[string]FileEntry, len(names))
	s.damaged = nil
	for _, n := range names {
		e, err := readEntry(n)
		if errors.Is(err, fs.ErrNotExist) {
			continue // set aside meanwhile
		}
		if err != nil {
			s.damaged = append(s.damaged, Damage{Path: n, Err: err})
			continue
		}
		files[e.Hash] = e
	}
	if !s.readOnly {
		s.files = files
	}
	return files, nil
}

func sortedEntries(m map[string]FileEntry) []FileEntry {
	out := make([]FileEntry, 0, len(m))
	for _, e := range m {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Added.Equal(out[j].Added) {
			return out[i].Added.Before(out[j].Added)
		}
		return out[i].Hash < out[j].Hash
	})
	return out
}

// readEntry reads a files/HASH.json; an entry that does not decode, or
// whose hash is not its file's name, is damaged.
func readEntry(path string) (FileEntry, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return FileEntry{}, err
	}
	var e FileEntry
	if err := json.Unmarshal(b, &e); err != nil {
		return FileEntry{}, err
	}
	if e.Hash != strings.TrimSuffix(filepath.Base(path), ".json") {
		return FileEntry{}, fmt.Errorf("entry names source %q", e.Hash)
	}
	return e, nil
}

// List returns every stored document, oldest file first and in file order
// within a file, with SupersededBy set on those that a newer version
// replaced. A newer version is a document of a later file with the same
// issuer and title (documents of one file never replace each other, and
// documents without issuer or title are never replaced).
func (s *Store) List() ([]DocEntry, error) {
	files, err := s.Files()
	if err != nil {
		return nil, err
	}
	var out []DocEntry
	type latest struct {
		hash string
		idx  []int // indexes into out
	}
	cur := map[string]*latest{}
	for _, f := range files {
		for _, d := range f.Docs {
			d.Hash, d.Added, d.Seq = f.Hash, f.Added, f.Seq
			if d.Source == "" {
				d.Source = f.Name
			}
			out = append(out, d)
			k := versionKey(d)
			if k == "" {
				continue
			}
			l := cur[k]
			switch {
			case l == nil:
				cur[k] = &latest{hash: f.Hash, idx: []int{len(out) - 1}}
			case l.hash == f.Hash:
				l.idx = append(l.idx, len(out)-1)
			default:
				for _, i := range l.idx {
					if out[i].ID != d.ID {
						out[i].SupersededBy = d.ID
					}
				}
				cur[k] = &latest{hash: f.Hash, idx: []int{len(out) - 1}}
			}
		}
	}
	return out, nil
}

// versionKey identifies a document across versions: issuer and title with
// spaces removed; "" when either is unknown.
func versionKey(d DocEntry) string {
	strip := func(s string) string { return strings.Join(strings.Fields(s), "") }
	is, ti := strip(d.Issuer), strip(d.Title)
	if is == "" || ti == "" {
		return ""
	}
	return is + "\x00" + ti
}

// summarize returns the listing entry of a parsed Document: its metadata
// are what its JSON form holds (the text, outline and spans are not), so a
// JSON round trip keeps exactly them, whatever fields Document gains.
func summarize(p corpus.Parsed) (DocEntry, error) {
	b, err := json.Marshal(p.Doc)
	if err != nil {
		return DocEntry{}, err
	}
	var e DocEntry
	if err := json.Unmarshal(b, &e.Document); err != nil {
		return DocEntry{}, err
	}
	e.Obligations = len(p.Obligations)
	return e, nil
}
