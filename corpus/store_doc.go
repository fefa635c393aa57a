package corpus

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// storedDoc is the on-disk form of a Document and its Obligations. The
// domain types leave text, outline and spans out of their JSON (the extract
// contract speaks rune offsets); the store keeps them, so that a stored
// document reads back exactly as it was parsed.
type storedDoc struct {
	*Document
	Text        string             `json:"text"`
	Body        Span               `json:"body"`
	Outline     []*Block           `json:"outline"`
	Obligations []storedObligation `json:"obligations"`
}

type storedObligation struct {
	Obligation
	Span      Span   `json:"span"`
	FreqSpans []Span `json:"frequency_spans,omitempty"`
	DueSpans  []Span `json:"deadline_spans,omitempty"`
	TgtSpans  []Span `json:"target_spans,omitempty"`
}

// docFile returns the path of a document's JSON file. IDs are made by
// ingest from a digest, but the name is cleaned anyway so that no ID can
// point outside the directory.
func (s *Store) docFile(id string) string {
	id = strings.NewReplacer("/", "_", "\\", "_", "..", "_").Replace(id)
	return filepath.Join(s.dir, "docs", id+".json")
}

func (s *Store) writeDoc(p Parsed) error {
	d := p.Doc
	if d == nil || d.ID == "" {
		return fmt.Errorf("document without an ID")
	}
	sd := storedDoc{Document: d, Text: d.Text, Body: d.Body, Outline: d.Outline}
	for _, o := range p.Obligations {
		so := storedObligation{Obligation: o, Span: o.Span}
		for _, f := range o.Frequencies {
			so.FreqSpans = append(so.FreqSpans, f.Span)
		}
		for _, x := range o.Deadlines {
			so.DueSpans = append(so.DueSpans, x.Span)
		}
		for _, t := range o.Targets {
			so.TgtSpans = append(so.TgtSpans, t.Span)
		}
		sd.Obligations = append(sd.Obligations, so)
	}
	b, err := json.Marshal(sd)
	if err != nil {
		return fmt.Errorf("encode document %s: %w", d.ID, err)
	}
	return writeFileAtomic(s.docFile(d.ID), b)
}

// Document returns the stored Document with the given ID and its
// Obligations, with their text, outline and spans.
func (s *Store) Document(id string) (Parsed, error) {
	b, err := os.ReadFile(s.docFile(id))
	if err != nil {
		return Parsed{}, fmt.Errorf("read document %s: %w", id, err)
	}
	sd := storedDoc{Document: &Document{}}
	if err := json.Unmarshal(b, &sd); err != nil {
		return Parsed{}, fmt.Errorf("read document %s: %w", id, err)
	}
	d := sd.Document
	d.Text, d.Body, d.Outline = sd.Text, sd.Body, sd.Outline
	p := Parsed{Doc: d, Obligations: make([]Obligation, 0, len(sd.Obligations))}
	for _, so := range sd.Obligations {
		o := so.Obligation
		o.Span = so.Span
		for i := range o.Frequencies {
			if i < len(so.FreqSpans) {
				o.Frequencies[i].Span = so.FreqSpans[i]
			}
		}
		for i := range o.Deadlines {
			if i < len(so.DueSpans) {
				o.Deadlines[i].Span = so.DueSpans[i]
			}
		}
		for i := range o.Targets {
			if i < len(so.TgtSpans) {
				o.Targets[i].Span = so.TgtSpans[i]
			}
		}
		p.Obligations = append(p.Obligations, o)
	}
	return p, nil
}

// writeFileAtomic writes data to path through a temporary file in the same
// directory that is synced and then renamed over path, so that readers and
// crashes see either the old content or the new, never a part.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
