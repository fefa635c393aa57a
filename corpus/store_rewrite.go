package corpus

import (
	"encoding/json"
	"fmt"
	"path/filepath"
)

// Rewrite replaces the stored Documents of the source file with the given
// hash by a new parse of it (after a better ingest or extract), keeping the
// file's name and the time it was added. Documents of the old parse that the
// new one lacks stay on disk, unreferenced.
func (s *Store) Rewrite(hash string, parsed []Parsed) (FileEntry, error) {
	if s.readOnly {
		return FileEntry{}, fmt.Errorf("rewrite %s: store opened read-only", hash)
	}
	e, ok, err := s.Lookup(hash)
	if err != nil {
		return FileEntry{}, err
	}
	if !ok {
		return FileEntry{}, fmt.Errorf("rewrite %s: no such source", hash)
	}
	e.Docs = nil
	for _, p := range parsed {
		if err := s.writeDoc(p); err != nil {
			return FileEntry{}, fmt.Errorf("rewrite %s: %w", e.Name, err)
		}
		e.Docs = append(e.Docs, summarize(p))
	}
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return FileEntry{}, fmt.Errorf("rewrite %s: %w", e.Name, err)
	}
	if err := writeFileAtomic(filepath.Join(s.dir, "files", hash+".json"), b); err != nil {
		return FileEntry{}, fmt.Errorf("rewrite %s: %w", e.Name, err)
	}
	if s.files != nil {
		s.files[hash] = e
	}
	return e, nil
}

// summarize returns the listing entry of a parsed Document.
func summarize(p Parsed) DocEntry {
	d := p.Doc
	return DocEntry{
		ID: d.ID, Part: d.Part, Title: d.Title, Issuer: d.Issuer, DocNumber: d.DocNumber,
		Level: d.Level, Date: d.Date, PlanYear: d.PlanYear, Obligations: len(p.Obligations),
	}
}
