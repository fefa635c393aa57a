package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteFileLongName writes a file whose name is at the file system's
// limit: the temporary name must fit too.
func TestWriteFileLongName(t *testing.T) {
	dir := t.TempDir()
	base := strings.Repeat("关于做好安全生产工作的通知", 6) + "附件.error.txt" // 253 bytes
	if len(base) > 255 {
		t.Fatalf("test name is %d bytes", len(base))
	}
	name := filepath.Join(dir, base)
	if err := WriteBytes(name, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(name); err != nil || string(b) != "x" {
		t.Errorf("read back %q, %v", b, err)
	}
}

func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{".a.json.tmp-123", ".b.tmp-9", "c.json", ".hidden"} {
		os.WriteFile(filepath.Join(dir, n), nil, 0o644)
	}
	os.Mkdir(filepath.Join(dir, ".d.tmp-1"), 0o755) // a folder is not WriteFile's
	n, err := RemoveTemps(dir)
	if err != nil || n != 2 {
		t.Fatalf("RemoveTemps = %d, %v; want 2", n, err)
	}
	ents, _ := os.ReadDir(dir)
	var left []string
	for _, e := range ents {
		left = append(left, e.Name())
	}
	if strings.Join(left, " ") != ".d.tmp-1 .hidden c.json" {
		t.Errorf("left %v", left)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "t.txt")
	tests := []struct {
		name     string
		write    func(io.Writer) error
		wantErr  string
		wantData string
	}{
		{"new file", func(w io.Writer) error { _, err := io.WriteString(w, "one"); return err }, "", "one"},
		{"replace", func(w io.Writer) error { _, err := io.WriteString(w, "two"); return err }, "", "two"},
		{"failed write keeps the old file", func(w io.Writer) error {
			io.WriteString(w, "half")
			return errors.New("disk on fire")
		}, "disk on fire", "two"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := WriteFile(name, tt.write)
			if (err != nil) != (tt.wantErr != "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			b, _ := os.ReadFile(name)
			if string(b) != tt.wantData {
				t.Errorf("file holds %q, want %q", b, tt.wantData)
			}
			ents, _ := os.ReadDir(dir)
			if len(ents) != 1 {
				t.Errorf("folder holds %d entries, want 1: a temporary file was left", len(ents))
			}
			if fi, _ := os.Stat(name); fi.Mode().Perm() != plainMode(t) {
				t.Errorf("mode %v, want %v as os.WriteFile gives", fi.Mode(), plainMode(t))
			}
		})
	}
}

// plainMode returns the mode os.WriteFile gives a file of mode 0644 under
// the process's umask.
func plainMode(t *testing.T) fs.FileMode {
	t.Helper()
	p := filepath.Join(t.TempDir(), "plain")
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

// TestWriteFileUmask: the file's mode is 0644 less the umask, as
// os.WriteFile's, not the 0600 of a temporary file.
func TestWriteFileUmask(t *testing.T) {
	for _, mask := range []int{0o022, 0o077, 0o002} {
		old := syscall.Umask(mask)
		name := filepath.Join(t.TempDir(), "report.html")
		err := WriteBytes(name, []byte("<p>"))
		fi, serr := os.Stat(name)
		want := plainMode(t)
		syscall.Umask(old)
		if err != nil || serr != nil {
			t.Fatal(err, serr)
		}
		if fi.Mode().Perm() != want || want != 0o644&^fs.FileMode(mask) {
			t.Errorf("umask %03o: mode %v, want %v", mask, fi.Mode().Perm(), want)
		}
	}
}
