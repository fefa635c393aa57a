package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/ingest"
)

// maxFileSize caps what one input file may weigh; larger files are refused
// with an error rather than read into memory.
const maxFileSize = ingest.MaxSize

// input is one file to read: a path on disk or a sample of the embedded corpus.
type input struct {
	name string // shown to the user and recorded as the Document's Source
	read func() ([]byte, error)
}

// listInputs expands args into files: a directory gives the files below it
// (sorted, hidden ones skipped); no args give the embedded sample corpus.
func listInputs(args []string) ([]input, error) {
	if len(args) == 0 {
		return sampleInputs()
	}
	var out []input
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil || !st.IsDir() {
			// A missing file is reported by parseInputs with the others, so one
			// bad path does not stop the run.

			out = append(out, fileInput(a))
			continue
		}
		var files []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != a && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		for _, f := range files {
			out = append(out, fileInput(f))
		}
	}
	return out, nil
}

func fileInput(p string) input {
	return input{name: p, read: func() ([]byte, error) { return readCapped(p) }}
}

// readCapped reads the file at p, refusing files over maxFileSize.
func readCapped(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxFileSize {
		return nil, fmt.Errorf("file is larger than %d MiB", maxFileSize>>20)
	}
	return b, nil
}

func sampleInputs() ([]input, error) {
	fsys := corpus.Samples()
	names, err := fs.Glob(fsys, "samples/*")
	if err != nil {
		return nil, err
	}
	var out []input
	for _, n := range names {
		out = append(out, input{
			name: "corpus/" + n,
			read: func() ([]byte, error) { return fs.ReadFile(fsys, n) },
		})
	}
	return out, nil
}

// parseInputs reads and ingests every input in order and hands each file's
// Documents, or the error that stopped it, to fn. A bad file does not stop
// the others; parseInputs returns how many files failed, and stops early only
// when fn returns an error or ctx is done.
func parseInputs(ctx context.Context, ins []input, fn func(name string, docs []*corpus.Document, err error) error) (failed int, err error) {
	for _, in := range ins {
		if err := ctx.Err(); err != nil {
			return failed, err
		}
		data, err := in.read()
		var docs []*corpus.Document
		if err == nil {
			docs, err = ingest.Parse(path.Base(in.name), data)
			for _, d := range docs {
				d.Source = in.name
			}
		}
		if err != nil {
			failed++
			err = fmt.Errorf("%s: %w", in.name, err)
		}
		if ferr := fn(in.name, docs, err); ferr != nil {
			return failed, ferr
		}
	}
	return failed, nil
}
