package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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
