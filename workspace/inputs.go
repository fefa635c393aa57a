package workspace

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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

// Inputs expands paths into the files to read. A folder gives the regular
// files below it, sorted, and links to regular files inside it. Hidden
// files and folders (.git, .DS_Store) are left out silently; everything
// else left out is reported in skipped — a subfolder that cannot be read,
// a link leading out of the folder, to a folder or nowhere, a named pipe,
// a device — and the walk goes on. A path that is not a folder is taken as
// it is, even when it does not exist, so that reading it reports the
// problem beside the other files' results.
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
		case t.IsRegular():
			files = append(files, Input{Name: p, Path: p})
		case t&fs.ModeSymlink != 0:
			if why := followable(realRoot, p); why != "" {
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
