package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
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
			if fi, _ := os.Stat(name); fi.Mode().Perm() != 0o644 {
				t.Errorf("mode %v", fi.Mode())
			}
		})
	}
}
