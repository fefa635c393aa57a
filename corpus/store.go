package corpus

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
	"strings"
	"time"
)

// A corpus directory holds:
//
//	lock               the writer's lock; holds its pid
//	sources/HASH       each source file's bytes, named by their SHA-256
//	docs/ID.json       each Document (with its text and outline) and its Obligations
//	files/HASH.json    one FileEntry per source: written last, it commits the file
//	index/             the search index (owned by package index)
//
// Every file is written to a temporary file and renamed into place, so a
// crash leaves either the old state or the new one. A source whose
// files/HASH.json is missing was never added: adding it again redoes it.

// Store is a corpus directory: source files by content hash, their parsed
// Documents and Obligations, and which version of each document is current.
// A Store opened with OpenStore is the only writer of its directory until
// Close; one opened with ViewStore only reads and takes no lock.
type Store struct {
	dir      string
	readOnly bool
	unlock   func() error

	// files caches the committed entries by hash. It is loaded on first use
	// and kept up to date by Put; only a writer may cache, since it alone
	// changes the directory.
	files map[string]FileEntry
}

// FileEntry records one source file of the corpus.
type FileEntry struct {
	Hash  string     `json:"hash"` // hex SHA-256 of the bytes
	Name  string     `json:"name"` // the name it was added under
	Size  int        `json:"size"`
	Added time.Time  `json:"added"`
	Docs  []DocEntry `json:"docs"` // the Documents found in it, in file order
}

// DocEntry is the summary of a stored Document that a listing needs.
type DocEntry struct {
	ID          string `json:"id"`
	Part        int    `json:"part"`
	Title       string `json:"title"`
	Issuer      string `json:"issuer"`
	DocNumber   string `json:"doc_number"`
	Level       Level  `json:"level"`
	Date        string `json:"date"`
	PlanYear    int    `json:"plan_year"`
	Obligations int    `json:"obligations"`

	// Set by Store.List, not stored.
	Source       string    `json:"source"`                  // the FileEntry's name
	Hash         string    `json:"hash"`                    // the FileEntry's hash
	Added        time.Time `json:"added"`                   // when its file was added
	SupersededBy string    `json:"superseded_by,omitempty"` // ID of the newer version; "" if current
}

// Current reports whether d is the current version of its document.
func (d DocEntry) Current() bool { return d.SupersededBy == "" }

// Parsed is a Document with the Obligations extracted from it: what Put
// stores for each document of a source file.
type Parsed struct {
	Doc         *Document
	Obligations []Obligation
}

// SourceHash returns the content hash under which data is stored.
func SourceHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// OpenStore opens the corpus directory dir for writing, creating it if
// needed. It fails at once with a *LockedError if another process has it
// open for writing.
func OpenStore(dir string) (*Store, error) {
	for _, sub := range []string{"sources", "docs", "files"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return nil, fmt.Errorf("open corpus: %w", err)
		}
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	return &Store{dir: dir, unlock: unlock}, nil
}

// ViewStore opens the corpus directory dir for reading only. It takes no
// lock: what it sees is the state committed so far. A missing directory
// reads as an empty corpus.
func ViewStore(dir string) *Store {
	return &Store{dir: dir, readOnly: true}
}

// Dir returns the corpus directory.
func (s *Store) Dir() string { return s.dir }

// Close releases the writer's lock. The Store must not be used afterwards.
func (s *Store) Close() error {
	if s.unlock == nil {
		return nil
	}
	err := s.unlock()
	s.unlock = nil
	return err
}

// Lookup returns the entry of the source file with the given hash, and
// whether it is stored.
func (s *Store) Lookup(hash string) (FileEntry, bool, error) {
	if s.files != nil {
		e, ok := s.files[hash]
		return e, ok, nil
	}
	e, err := s.readEntry(filepath.Join(s.dir, "files", hash+".json"))
	if errors.Is(err, fs.ErrNotExist) {
		return FileEntry{}, false, nil
	}
	if err != nil {
		return FileEntry{}, false, err
	}
	return e, true, nil
}

// Put stores a source file and the Documents parsed from it, unless bytes
// with the same hash are stored already, in which case it returns the
// stored entry and added false. Documents are written before the entry that
// commits them, so a crash in between leaves the file not added.
func (s *Store) Put(name string, data []byte, parsed []Parsed) (e FileEntry, added bool, err error) {
	if s.readOnly {
		return FileEntry{}, false, fmt.Errorf("store %s: opened read-only", name)
	}
	hash := SourceHash(data)
	if e, ok, err := s.Lookup(hash); err != nil || ok {
		return e, false, err
	}
	if err := writeFileAtomic(filepath.Join(s.dir, "sources", hash), data); err != nil {
		return FileEntry{}, false, fmt.Errorf("store %s: %w", name, err)
	}
	e = FileEntry{Hash: hash, Name: name, Size: len(data), Added: s.nextTime()}
	for _, p := range parsed {
		if err := s.writeDoc(p); err != nil {
			return FileEntry{}, false, fmt.Errorf("store %s: %w", name, err)
		}
		e.Docs = append(e.Docs, summarize(p))
	}
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return FileEntry{}, false, fmt.Errorf("store %s: %w", name, err)
	}
	if err := writeFileAtomic(filepath.Join(s.dir, "files", hash+".json"), b); err != nil {
		return FileEntry{}, false, fmt.Errorf("store %s: %w", name, err)
	}
	if s.files != nil {
		s.files[hash] = e
	}
	return e, true, nil
}

// nextTime returns the time to record a new file under: now, but always
// after every file stored so far, so that versions are ordered even when the
// clock is coarse or steps back.
func (s *Store) nextTime() time.Time {
	t := time.Now().UTC()
	files, err := s.Files()
	if err != nil {
		return t
	}
	for _, f := range files {
		if !t.After(f.Added) {
			t = f.Added.Add(time.Microsecond)
		}
	}
	return t
}

// Source returns the bytes of the stored source file with the given hash.
func (s *Store) Source(hash string) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(s.dir, "sources", filepath.Base(hash)))
	if err != nil {
		return nil, fmt.Errorf("read source %s: %w", hash, err)
	}
	return b, nil
}

// Files returns the entries of every stored source file, oldest first.
func (s *Store) Files() ([]FileEntry, error) {
	if s.files == nil {
		files, err := s.loadFiles()
		if err != nil {
			return nil, err
		}
		if s.readOnly {
			return sortedEntries(files), nil
		}
		s.files = files
	}
	return sortedEntries(s.files), nil
}

func (s *Store) loadFiles() (map[string]FileEntry, error) {
	names, err := filepath.Glob(filepath.Join(s.dir, "files", "*.json"))
	if err != nil {
		return nil, fmt.Errorf("list corpus %s: %w", s.dir, err)
	}
	files := make(map[string]FileEntry, len(names))
	for _, n := range names {
		e, err := s.readEntry(n)
		if err != nil {
			return nil, err
		}
		files[e.Hash] = e
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

func (s *Store) readEntry(path string) (FileEntry, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return FileEntry{}, err
	}
	var e FileEntry
	if err := json.Unmarshal(b, &e); err != nil {
		return FileEntry{}, fmt.Errorf("read %s: %w", path, err)
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
			d.Source, d.Hash, d.Added = f.Name, f.Hash, f.Added
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
