package workspace

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/dutymap/dutymap/internal/readcap"
	"github.com/dutymap/dutymap/samples"
)

// Input is a file to read: the name it is known by (shown to the user and
// recorded as its Documents' Source) and where its bytes are; no Path for
// a sample document shipped in the binary (SampleInputs).
type Input struct {
	Name string `json:"name"`
	Path string `json:"path,omitempty"`
}

// Extensions returns the endings of the file names a folder is searched
// for: those of the formats dutymap reads (text, Markdown, HTML, Word
// .docx), lower case. A file named on its own is read whatever its name.
func Extensions() []string {
	return []string{".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".shtml", ".docx"}
}

// readable reports whether the file name p ends in one of Extensions.
func readable(p string) bool {
	return slices.Contains(Extensions(), strings.ToLower(filepath.Ext(p)))
}

// generatorMark is what the HTML pages dutymap writes (report.html, diff
// and compare --html) carry in their head, so that a folder of them is not
// read back as documents.
const generatorMark = `<meta name="generator" content="dutymap">`

// Generated reports whether data is a page dutymap wrote: a report, not a
// document to read.
func Generated(data []byte) bool {
	return bytes.Contains(data[:min(len(data), 4096)], []byte(generatorMark))
}

// generatedFile reports whether the file p is a page dutymap wrote.
func generatedFile(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".html", ".htm", ".xhtml", ".shtml":
	default:
		return false
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	return Generated(head[:n])
}

// Inputs expands paths into the files to read. A folder gives the files
// below it whose names end in one of Extensions, sorted, and links to such
// files inside it. Hidden files and folders (.git, .DS_Store) are left out
// silently; everything else left out is reported in skipped — a file of
// another kind (.py, .csv, a log), a page dutymap wrote (its report.html),
// a subfolder that cannot be read, a link leading out of the folder, to a
// folder or nowhere, a named pipe, a device — and the walk goes on. A path
// that is not a folder is taken as it is, even when it does not exist, so
// that reading it reports the problem beside the other files' results.
func Inputs(paths []string) (files []Input, skipped []error) {
	for _, a := range paths {
		st, err := os.Stat(a)
		if err != nil || !st.IsDir() {
			files = append(files, Input{Name: a, Path: a})
			continue
		}
		fs, sk := walk(a)
		files = append(files, fs...)
		skipped = append(skipped, sk...)
	}
	return files, skipped
}

// walk lists the files below the folder root.
func walk(root string) (files []Input, skipped []error) {
	return walkWith(root, filepath.WalkDir)
}

// walkWith is walk with the folder walker given, for tests.
func walkWith(root string, walkDir func(string, fs.WalkDirFunc) error) (files []Input, skipped []error) {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, []error{fmt.Errorf("%s: %w", root, err)}
	}
	err = walkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			// An unreadable folder: say so, and go on with the others.
			skipped = append(skipped, fmt.Errorf("%s: skipped: %w", p, unwrapPath(err)))
			if d != nil && d.IsDir() && p != root {
				return filepath.SkipDir
			}
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		switch t := d.Type(); {
		case t.IsDir():
		case t.IsRegular() || t&fs.ModeSymlink != 0:
			why := ""
			if t&fs.ModeSymlink != 0 {
				why = followable(realRoot, p)
			}
			switch {
			case why != "":
			case !readable(p):
				why = "not a kind of file dutymap reads (" + strings.Join(Extensions(), " ") + "); name it on its own to read it anyway"
			case generatedFile(p):
				why = "a page dutymap wrote, not a document"
			}
			if why != "" {
				skipped = append(skipped, fmt.Errorf("%s: skipped: %s", p, why))
			} else {
				files = append(files, Input{Name: p, Path: p})
			}
		default:
			skipped = append(skipped, fmt.Errorf("%s: skipped: %v", p, readcap.CheckRegular(p)))
		}
		return nil
	})
	if err != nil {
		skipped = append(skipped, fmt.Errorf("%s: %w", root, err))
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, skipped
}

// followable returns why the link p is not followed, or "" when it leads
// to a regular file inside realRoot.
func followable(realRoot, p string) string {
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "a link that leads nowhere"
	}
	rel, err := filepath.Rel(realRoot, target)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "a link to " + target + ", outside the folder"
	}
	if fi, err := os.Stat(target); err == nil && fi.IsDir() {
		return "a link to a folder; links to folders are not followed"
	}
	if err := readcap.CheckRegular(target); err != nil {
		return "a link to what is " + err.Error()
	}
	return ""
}

// unwrapPath drops the path a *fs.PathError repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ReadInput reads the bytes of in, keeping to lim: a file over
// Limits.MaxFile, or one that is no regular file (a named pipe, a
// device), is refused without waiting on it. Errors name the file.
func ReadInput(in Input, lim Limits) ([]byte, error) {
	if in.Path == "" {
		b, err := fs.ReadFile(samples.FS(), strings.TrimPrefix(in.Name, "samples/"))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", in.Name, err)
		}
		return b, nil
	}
	b, err := readcap.ReadFile(in.Path, lim.maxFile())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.Name, unwrapPath(err))
	}
	return b, nil
}

// AddFile reads the file in and adds it (Add).
func (w *Workspace) AddFile(ctx context.Context, in Input) (AddResult, error) {
	data, err := ReadInput(in, w.limits)
	if err != nil {
		return AddResult{Name: in.Name}, err
	}
	return w.Add(ctx, in.Name, data)
}

// AddFiles reads and adds the files ins as one Group: each is stored as it
// is read, and their documents are indexed together, one update per
// Group's fill (about index.BatchObligations obligations) rather than one
// per file. Each file is reported to fn, in the order of ins, once its
// update is done; a file that cannot be read or parsed is reported with
// its error, and fails alone: the others go on. When ctx ends, what is
// stored is indexed, the files not reached are reported with an error
// saying they were not added, and AddFiles returns ctx's error.
func (w *Workspace) AddFiles(ctx context.Context, ins []Input, fn func(AddResult, error)) (AddSummary, error) {
	var sum AddSummary
	// failed holds the errors of the files of the Group not stored, nil
	// for those stored, in order: a Flush reports them all.
	var failed []error
	var names []string
	g := w.NewGroup()
	flush := func() {
		res, ferr := g.Flush(ctx)
		for i, err := range failed {
			r := AddResult{Name: names[i]}
			if err == nil {
				r, res = res[0], res[1:]
				if ferr != nil {
					r, err = AddResult{Name: r.Name, Hash: r.Hash}, fmt.Errorf("%s: %w", r.Name, ferr)
				}
			}
			sum.count(r, err)
			fn(r, err)
		}
		failed, names = nil, nil
	}
	for i, in := range ins {
		if ctx.Err() != nil {
			for _, in := range ins[i:] {
				failed, names = append(failed, fmt.Errorf("%s: not added: %w", in.Name, ctx.Err())), append(names, in.Name)
			}
			flush()
			return sum, ctx.Err()
		}
		data, err := ReadInput(in, w.limits)
		full := false
		if err == nil {
			full, err = g.Put(ctx, in.Name, data)
		}
		failed, names = append(failed, err), append(names, in.Name)
		if full {
			flush()
		}
	}
	flush()
	return sum, nil
}
