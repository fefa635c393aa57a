package testset

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLoad(t *testing.T) {
	dir := filepath.Join(Root(t), "testdata", "unseen2")
	files, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 20 {
		t.Fatalf("%d gold files in %s, want 20", len(files), dir)
	}
	for _, f := range files {
		if f.Part < 1 {
			t.Errorf("%s: part %d", f.Path, f.Part)
		}
		if _, err := os.Stat(filepath.Join(dir, f.Doc)); err != nil {
			t.Errorf("%s names a document that is not there: %v", f.Path, err)
		}
		if f.Meta.Title == nil || len(f.Units) == 0 {
			t.Errorf("%s: title or units not read", f.Path)
		}
	}
	if _, err := Load(t.TempDir()); err == nil {
		t.Error("a folder without gold files loaded")
	}
}

func TestCanon(t *testing.T) {
	for in, want := range map[string]string{
		"４月底前 完成\n":   "4月底前完成",
		"（牵头单位：市安委办）": "(牵头单位:市安委办)",
		"":            "",
	} {
		if got := Canon(in); got != want {
			t.Errorf("Canon(%q) = %q, want %q", in, got, want)
		}
	}
}
