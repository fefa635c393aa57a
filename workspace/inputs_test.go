package workspace

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInputs walks a folder holding what users' folders hold: hidden
// files, links of every kind, a named pipe, a subfolder.
func TestInputs(t *testing.T) {
	root := t.TempDir()
	tree := filepath.Join(root, "plans")
	mk := func(p string) {
		t.Helper()
		os.MkdirAll(filepath.Dir(filepath.Join(tree, p)), 0o755)
		if err := os.WriteFile(filepath.Join(tree, p), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk("b.txt")
	mk("a.docx")
	mk("county/c.txt")
	mk(".hidden.txt")
	mk(".git/config")
	os.WriteFile(filepath.Join(root, "outside.txt"), []byte("x"), 0o644)
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(tree, name)); err != nil {
			t.Fatal(err)
		}
	}
	link("b.txt", "link-inside.txt")
	link(filepath.Join(root, "outside.txt"), "link-outside.txt")
	link("county", "link-to-folder")
	link("nowhere.txt", "broken.txt")
	if err := syscall.Mkfifo(filepath.Join(tree, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(root, "missing.txt")

	files, skipped := Inputs([]string{tree, missing})
	var got []string
	for _, f := range files {
		got = append(got, strings.TrimPrefix(f.Path, tree+"/"))
	}
	want := []string{"a.docx", "b.txt", "county/c.txt", "link-inside.txt", missing}
	if !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	var why []string
	for _, err := range skipped {
		why = append(why, strings.TrimPrefix(err.Error(), tree+"/"))
	}
	slices.Sort(why)
	wantWhy := []string{
		"broken.txt: skipped: a link that leads nowhere",
		"link-outside.txt: skipped: a link to " + filepath.Join(root, "outside.txt") + ", outside the folder",
		"link-to-folder: skipped: a link to a folder; links to folders are not followed",
		"pipe.txt: skipped: not a regular file (a named pipe)",
	}
	if !slices.Equal(why, wantWhy) {
		t.Errorf("skipped:\n%s\nwant:\n%s", strings.Join(why, "\n"), strings.Join(wantWhy, "\n"))
	}
}

// TestInputsUnreadableFolder: a subfolder that cannot be read is reported
// and the walk goes on.
func TestInputsUnreadableFolder(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root reads any folder; the walk's handling of the error is tested in TestWalkError")
	}
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "locked"), 0o755)
	os.WriteFile(filepath.Join(root, "locked", "x.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(root, "ok.txt"), nil, 0o644)
	os.Chmod(filepath.Join(root, "locked"), 0)
	defer os.Chmod(filepath.Join(root, "locked"), 0o755)
	files, skipped := Inputs([]string{root})
	if len(files) != 1 || len(skipped) != 1 || !errors.Is(skipped[0], fs.ErrPermission) {
		t.Errorf("files %v, skipped %v", files, skipped)
	}
}

// TestWalkError hands the walk the error filepath.WalkDir reports for an
// unreadable folder, as it does for one (see TestInputsUnreadableFolder).
func TestWalkError(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "locked"), 0o755)
	os.WriteFile(filepath.Join(root, "ok.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(root, "locked", "x.txt"), nil, 0o644)
	walkDir := func(root string, fn fs.WalkDirFunc) error {
		return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() && d.Name() == "locked" {
				if err := fn(p, d, nil); err != nil {
					return err
				}
				return fn(p, d, &fs.PathError{Op: "open", Path: p, Err: fs.ErrPermission})
			}
			return fn(p, d, err)
		})
	}
	files, skipped := walkWith(root, walkDir)
	if len(files) != 1 || !strings.HasSuffix(files[0].Path, "ok.txt") {
		t.Errorf("files %v", files)
	}
	if len(skipped) != 1 || !strings.Contains(skipped[0].Error(), "locked: skipped: permission denied") {
		t.Errorf("skipped %v", skipped)
	}
}

// TestReadInputRefusesAPipe passes a named pipe as a file: refused at
// once, not waited on.
func TestReadInputRefusesAPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe.docx")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := ReadInput(Input{Name: "pipe.docx", Path: p}, Limits{}); done <- err }()
	select {
	case err := <-done:
		if err == nil || err.Error() != "pipe.docx: not a regular file (a named pipe)" {
			t.Errorf("ReadInput of a pipe: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ReadInput waited on the pipe")
	}
	if b, err := ReadInput(SampleInputs()[0], Limits{}); err != nil || len(b) < 1000 {
		t.Errorf("ReadInput of a sample: %d bytes, %v", len(b), err)
	}
}
