package store

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

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
	err := atomicfile.WriteFile(s.docFile(d.ID), func(f io.Writer) error {
		w := bufio.NewWriterSize(f, 64<<10)
		if err := encodeDoc(w, p); err != nil {
			return fmt.Errorf("encode document %s: %w", d.ID, err)
		}
		return w.Flush()
	})
	if err != nil {
		return DocEntry{}, err
	}
	return summarize(p)
}

// docHead is the part of a docRecord encoded whole: all but the text and
// the obligations, which encodeDoc writes piece by piece.
type docHead struct {
	*corpus.Document
	Body     corpus.Span     `json:"body"`
	Outline  []*corpus.Block `json:"outline"`
	Passages []corpus.Span   `json:"passages,omitempty"`
	Tables   []corpus.Table  `json:"tables,omitempty"`
}

// encodeDoc writes the docRecord of p to w without building it in memory:
// a record is four times its text (each obligation carries its own), and
// one encoded whole, with the growing buffer and the copy json.Marshal
// returns, held more at once than the rest of an add of a long plan.
func encodeDoc(w *bufio.Writer, p corpus.Parsed) error {
	d := p.Doc
	head, err := json.Marshal(docHead{Document: d, Body: d.Body, Outline: d.Outline, Passages: d.Passages, Tables: d.Tables})
	if err != nil {
		return err
	}
	w.Write(head[:len(head)-1]) // without its closing brace; never "{}": body is always there
	w.WriteString(`,"text":`)
	if err := writeString(w, d.Text, stringPiece); err != nil {
		return err
	}
	if d.Fold != d.Text {
		w.WriteString(`,"fold":`)
		if err := writeString(w, d.Fold, stringPiece); err != nil {
			return err
		}
	}
	w.WriteString(`,"obligations":[`)
	for i := range p.Obligations {
		if i > 0 {
			w.WriteByte(',')
		}
		b, err := json.Marshal(&p.Obligations[i])
		if err != nil {
			return err
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	_, err = w.WriteString("]}")
	return err
}

// stringPiece is the most bytes of a string writeString encodes at once.
const stringPiece = 64 << 10

// writeString writes s as a JSON string, as json.Marshal would, in pieces
// of at most piece bytes cut at rune boundaries: JSON escapes character by
// character, so the pieces' encodings, quotes dropped, join into the whole
// one.
func writeString(w *bufio.Writer, s string, piece int) error {
	w.WriteByte('"')
	for s != "" {
		n := min(len(s), piece)
		for n < len(s) && n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		if n == 0 { // a piece shorter than its first rune: that rune (or invalid byte) alone
			_, n = utf8.DecodeRuneInString(s)
		}
		b, err := json.Marshal(s[:n])
		if err != nil {
			return err
		}
		w.Write(b[1 : len(b)-1])
		s = s[n:]
	}
	_, err := w.WriteString(`"`)
	return err
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
