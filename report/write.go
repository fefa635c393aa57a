package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dutymap/dutymap/batch/atomicfile"
)

// The files of a report folder.
const (
	JSONFile = "report.json"
	HTMLFile = "report.html"
	XLSXFile = "report.xlsx"
)

// DirName returns the name of the report folder of a document: the source
// file's name without its extension, and the first hex digits of the
// document's ID so that two versions of a file named alike do not collide.
func DirName(source, docID string) string {
	base := filepath.Base(source)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	stem = strings.Map(func(r rune) rune {
		if r < ' ' || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, stem)
	stem = strings.TrimLeft(stem, ".")
	if stem == "" {
		stem = "document"
	}
	id := strings.TrimPrefix(docID, "d-")
	if len(id) > 10 {
		id = id[:10]
	}
	if id == "" {
		return stem
	}
	return stem + "-" + id
}

// Write writes r's report folder dir — report.json, report.html and
// report.xlsx — as a whole: the files go into a temporary folder beside dir,
// which then replaces dir. A reader, or a run after a crash, sees either the
// old folder or the complete new one; at worst, after a crash in the instant
// of the swap, no folder, which writing the report again repairs.
func Write(dir string, r *Report) error {
	if r.Table == nil {
		if r.Document == nil {
			return fmt.Errorf("write report %s: no document", dir)
		}
		r.Table = NewTable(r.Document, r.Obligations)
	}
	parent, base := filepath.Split(filepath.Clean(dir))
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("write report %s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("write report %s: %w", dir, err)
	}
	defer os.RemoveAll(tmp) // gone after the swap; cleans up on error
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("write report %s: %w", dir, err)
	}
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{JSONFile, r.WriteJSON},
		{HTMLFile, r.WriteHTML},
		{XLSXFile, r.Table.WriteXLSX},
	}
	for _, f := range files {
		if err := atomicfile.WriteFile(filepath.Join(tmp, f.name), f.write); err != nil {
			return fmt.Errorf("write report %s: %w", dir, err)
		}
	}
	// Move the old folder aside, the new one in, then drop the old one.
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("write report %s: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return fmt.Errorf("write report %s: %w", dir, err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("write report %s: remove old folder: %w", dir, err)
		}
	}
	return atomicfile.SyncDir(parent)
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}
