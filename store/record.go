package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/internal/atomicfile"
)

// docRecord is the on-disk form of a Document and its Obligations. The
// domain types leave a Document's text, outline, passages and tables out of
// their JSON (reports and `inspect --json` embed the metadata); the store
// keeps them, so that a stored document reads back exactly as it was
// parsed. Obligations and their facts carry their own spans.
type docRecord struct {
	*corpus.Document
	Text string `json:"text"`
	// Fold is kept only where it differs from Text (traditional characters,
	// full-width forms): most documents need no second copy.
	Fold        string              `json:"fold,omitempty"`
	Body        corpus.Span         `json:"body"`
	Outline     []*corpus.Block     `json:"outline"`
	Passages    []corpus.Span       `json:"passages,omitempty"`
	Tables      []corpus.Table      `json:"tables,omitempty"`
	Obligations []corpus.Obligation `json:"obligations"`
}

// docFile returns the path of a document's JSON file. IDs are made by
// ingest from a digest, but the name is cleaned anyway so that no ID can
// point outside the directory.
func (s *Store) docFile(id string) string {
	id = strings.NewReplacer("/", "_", "\\", "_", "..", "_").Replace(id)
	return filepath.Join(s.dir, "docs", id+".json")
}

// writeDoc writes one parsed Document and returns its listing entry.
func (s *Store) writeDoc(p corpus.Parsed) (DocEntry, error) {
	d := p.Doc
	if d == nil || d.ID == "" {
		return DocEntry{}, errors.New("document without an ID")
	}
	rec := docRecord{Document: d, Text: d.Text, Body: d.Body, Outline: d.Outline,
		Passages: d.Passages, Tables: d.Tables, Obligations: p.Obligations}
	if d.Fold != d.Text {
		rec.Fold = d.Fold
	}
	if rec.Obligations == nil {
		rec.Obligations = []corpus.Obligation{}
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return DocEntry{}, fmt.Errorf("encode document %s: %w", d.ID, err)
	}
	if err := atomicfile.WriteBytes(s.docFile(d.ID), b); err != nil {
		return DocEntry{}, err
	}
	return summarize(p)
}

// Document returns the stored Document with the given ID and its
// Obligations, with their text, outline and spans. A record that cannot be
// read is a *DamagedError; a missing one wraps fs.ErrNotExist.
func (s *Store) Document(id string) (corpus.Parsed, error) {
	p := s.docFile(id)
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return corpus.Parsed{}, fmt.Errorf("read document %s: %w", id, err)
	}
	if err != nil {
		return corpus.Parsed{}, fmt.Errorf("read document %s: %w", id, err)
	}
	parsed, err := decodeDoc(b)
	if err != nil {
		return corpus.Parsed{}, &DamagedError{Path: p, Err: err}
	}
	if parsed.Doc.ID != id {
		return corpus.Parsed{}, &DamagedError{Path: p, Err: fmt.Errorf("it holds document %q", parsed.Doc.ID)}
	}
	return parsed, nil
}

// decodeDoc reads a document record, checking what later stages rely on:
// every span of the document and its obligations lies inside its text.
func decodeDoc(b []byte) (corpus.Parsed, error) {
	rec := docRecord{Document: &corpus.Document{}}
	if err := json.Unmarshal(b, &rec); err != nil {
		return corpus.Parsed{}, err
	}
	d := rec.Document
	d.Text, d.Body, d.Outline, d.Passages, d.Tables = rec.Text, rec.Body, rec.Outline, rec.Passages, rec.Tables
	d.Fold = rec.Fold
	if d.Fold == "" {
		d.Fold = d.Text
	}
	if d.ID == "" {
		return corpus.Parsed{}, errors.New("no document ID")
	}
	if err := checkSpans(d, rec.Obligations); err != nil {
		return corpus.Parsed{}, err
	}
	return corpus.Parsed{Doc: d, Obligations: rec.Obligations}, nil
}

func checkSpans(d *corpus.Document, obs []corpus.Obligation) error {
	n := len(d.Text)
	bad := func(s corpus.Span) bool { return s.Start < 0 || s.End < s.Start || s.End > n }
	if bad(d.Body) || len(d.Fold) != n {
		return errors.New("its text does not match its spans")
	}
	var err error
	d.Walk(func(b *corpus.Block, _ []*corpus.Block) bool {
		if b == nil || bad(b.Span) || bad(b.Lead) || bad(b.Body) {
			err = errors.New("an outline item lies outside the text")
			return false
		}
		return true
	})
	if err != nil {
		return err
	}
	for i := range obs {
		o := &obs[i]
		if bad(o.Span) {
			return fmt.Errorf("obligation %s lies outside the text", o.ID)
		}
		for _, f := range o.Frequencies {
			if bad(f.Span) {
				return fmt.Errorf("a frequency of %s lies outside the text", o.ID)
			}
		}
		for _, x := range o.Deadlines {
			if bad(x.Span) {
				return fmt.Errorf("a deadline of %s lies outside the text", o.ID)
			}
		}
		if (o.Modal != nil && bad(o.Modal.Span)) || (o.Attribution != nil && bad(*o.Attribution)) {
			return fmt.Errorf("a cue of %s lies outside the text", o.ID)
		}
	}
	return nil
}
