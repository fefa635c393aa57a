package fsname

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFit(t *testing.T) {
	long := strings.Repeat("关于做好安全生产工作的通知", 7) + ".docx" // 91 characters, 278 bytes
	tests := []struct {
		name string
		max  int
		keep bool // returned unchanged
	}{
		{"方案.txt", Max, true},
		{long, Max, false},
		{long, 100, false},
		{strings.Repeat("a", 300), Max, false},
		{strings.Repeat("通", 100) + "." + strings.Repeat("x", 40), Max, false}, // a long "extension" is not kept
		{long, 3, false},
	}
	for _, tt := range tests {
		got := Fit(tt.name, tt.max)
		if tt.keep {
			if got != tt.name {
				t.Errorf("Fit(%q) = %q, want it unchanged", tt.name, got)
			}
			continue
		}
		if len(got) > maxInt(tt.max, 16) || !utf8.ValidString(got) || !strings.Contains(got, "~") {
			t.Errorf("Fit(%.20q…, %d) = %q (%d bytes)", tt.name, tt.max, got, len(got))
		}
		if ext := filepath.Ext(tt.name); len(ext) <= 16 && tt.max > 30 && !strings.HasSuffix(got, ext) {
			t.Errorf("Fit(%.20q…) = %q lost the extension %s", tt.name, got, ext)
		}
		if Fit(tt.name, tt.max) != got {
			t.Error("Fit is not deterministic")
		}
	}
	// Two long names with the same beginning stay apart.
	a, b := Fit(long+"一", Max), Fit(long+"二", Max)
	if a == b {
		t.Errorf("distinct names fit to the same %q", a)
	}
}

// TestFitOnDisk creates the files: every fitted name is accepted by the
// file system, even with a suffix added up to the limit.
func TestFitOnDisk(t *testing.T) {
	dir := t.TempDir()
	name := strings.Repeat("经营性自建房安全专项整治", 8) + ".txt"
	for _, suffix := range []string{"", ".error.txt", " (2)"} {
		p := filepath.Join(dir, Fit(name+suffix, Max))
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Errorf("suffix %q: %v", suffix, err)
		}
	}
}

func FuzzFit(f *testing.F) {
	f.Add("方案.txt", 255)
	f.Add(strings.Repeat("通知", 100)+".docx", 255)
	f.Add("\xff\xfe.txt", 3)
	f.Fuzz(func(t *testing.T, name string, max int) {
		if max > 4096 || max < -4096 {
			return
		}
		got := Fit(name, max)
		if len(name) <= maxInt(max, 16) {
			if got != name {
				t.Fatalf("Fit changed a name that fits: %q → %q", name, got)
			}
			return
		}
		if len(got) > maxInt(max, 16) {
			t.Fatalf("Fit(%q, %d) = %q: %d bytes", name, max, got, len(got))
		}
		if utf8.ValidString(name) && !utf8.ValidString(got) {
			t.Fatalf("Fit(%q) = %q cut a character", name, got)
		}
	})
}
