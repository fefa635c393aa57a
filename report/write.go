package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dutymap/dutymap/internal/atomicfile"
)

// The files of a report folder.
const (
	JSONFile = "report.json"
	HTMLFile = "report.html"
	XLSXFile = "report.xlsx"
)

// DirName returns the name of the report folder of a document: the source
// file's name without its extension, then the document's ID without its
// "d-" prefix, so that two versions of a file named alike, or two documents
// of one file, do not collide.
func DirName(source, docID string) string {
	clean := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r < ' ' || strings.ContainsRune(`/\:*?"<>|`, r) {
				return '_'
			}
			return r
		}, s)
	}
	base := filepath.Base(source)
	stem := strings.TrimLeft(clean(strings.TrimSuffix(base, filepath.Ext(base))), ".")
	if stem == "" {
		stem = "document"
	}
	id := clean(strings.TrimPrefix(docID, "d-"))
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
		{XLSXFile, r.WriteXLSX},
	}
	for _, f := range files {
		if err := writeSynced(filepath.Join(tmp, f.name), f.write); err != nil {
			return fmt.Errorf("write report %s: %w", dir, err)
		}
	}
	if err := atomicfile.SyncDir(tmp); err != nil {
		return fmt.Errorf("write report %s: %w", dir, err)
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

// writeSynced writes a new file of the private temporary folder and syncs
// it: the folder as a whole is renamed into place, so the file needs no
// rename of its own.
func writeSynced(name string, write func(io.Writer) error) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
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

// RemoveTemps removes from the folder out what Write leaves there when the
// process dies mid-write: hidden .NAME.tmp-… folders. Only call it when no
// other process is writing reports into out.
func RemoveTemps(out string) error {
	temps, err := filepath.Glob(filepath.Join(out, ".*.tmp-*"))
	if err != nil {
		return fmt.Errorf("clean %s: %w", out, err)
	}
	for _, p := range temps {
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("clean %s: %w", out, err)
		}
	}
	return nil
}
