package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestResolve resolves the arguments of every command in the one order:
// an existing path (FILE#N a part of it), "-", a stored ID or start of
// one, else a query — and a name that looks like a file but is not there
// is an error, never a search for its words.
func TestResolve(t *testing.T) {
	w := sampleCorpus(t)
	x, err := IDsOf(w)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := w.List()
	town := list[0]
	dir := t.TempDir()
	file := filepath.Join(dir, "plan.txt")
	if err := os.WriteFile(file, []byte("一、工作任务"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A file in the working folder named like an ID is a file.
	t.Chdir(dir)
	if err := os.WriteFile(x.Short(town.ID), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	asked := 0
	ids := func() (*IDs, error) { asked++; return x, nil }
	for _, tt := range []struct {
		arg  string
		want Arg
		ids  bool // the corpus is looked at
	}{
		{file, Arg{Kind: ArgPath, Path: file}, false},
		{file + "#2", Arg{Kind: ArgPath, Path: file, Part: 2}, false},
		{dir, Arg{Kind: ArgPath, Path: dir}, false},
		{"-", Arg{Kind: ArgStdin}, false},
		{x.Short(town.ID), Arg{Kind: ArgPath, Path: x.Short(town.ID)}, false},
		{town.ID, Arg{Kind: ArgStored, ID: town.ID}, true},
		{town.ID[:7], Arg{Kind: ArgStored, ID: town.ID}, true},
		{"每月 会议", Arg{Kind: ArgQuery}, true},
		{"燃气", Arg{Kind: ArgQuery}, true},
		{"d-", Arg{Kind: ArgQuery}, true},
	} {
		asked = 0
		got, err := Resolve(tt.arg, ids)
		tt.want.Text = tt.arg
		if err != nil || got != tt.want || (asked > 0) != tt.ids {
			t.Errorf("Resolve(%q) = %+v, %v (corpus asked %d times); want %+v", tt.arg, got, err, asked, tt.want)
		}
	}
	for _, arg := range []string{"/no/such/file", "no-such-dir/plan", "方案.docx", "plan.TXT", "old.doc", file + ".bak/x", "tasks.xlsx"} {
		var nf *NotFoundError
		if _, err := Resolve(arg, ids); !errors.As(err, &nf) || !strings.Contains(err.Error(), arg) {
			t.Errorf("Resolve(%q): %v; want no such file", arg, err)
		}
	}
	var amb *AmbiguousError
	if _, err := Resolve(list[1].ID[:8], ids); !errors.As(err, &amb) {
		t.Errorf("Resolve of a start seven IDs share: %v; want AmbiguousError", err)
	}
	// No corpus: every other word is a query.
	if got, err := Resolve("会议", func() (*IDs, error) { return nil, nil }); err != nil || got.Kind != ArgQuery {
		t.Errorf("Resolve without a corpus: %+v, %v", got, err)
	}
	var nd *NotDocumentError
	if _, err := ResolveDocument("每月", ids); !errors.As(err, &nd) || !strings.Contains(err.Error(), w.Dir()) {
		t.Errorf("ResolveDocument of words: %v; want no such file nor stored document in %s", err, w.Dir())
	}
	if _, err := ResolveDocument(town.ID[:5], ids); !errors.As(err, &nd) || !strings.Contains(err.Error(), "needs 4 digits of its hash") {
		t.Errorf("ResolveDocument of a start of 3 digits: %v; want it said to be too short", err)
	}
	if got, err := ResolveDocument(town.ID[:7], ids); err != nil || got.ID != town.ID {
		t.Errorf("ResolveDocument of an ID: %+v, %v", got, err)
	}
}
