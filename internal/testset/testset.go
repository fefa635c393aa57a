// Package testset finds and reads the sets of documents with hand-checked
// answers that the tests score dutymap against: the *.gold.json files of
// ../shared/gold (the seeds), ../shared/devset and the repository's own
// sets (testdata/unseen*), all in the format of ../shared/gold/README.md.
// It exists so that every package's tests read the files, and find
// ../shared, the same way.
package testset

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// File is one gold file: the answers for one document of a source file.
type File struct {
	Path        string      `json:"-"`    // where the gold file was read from
	Doc         string      `json:"doc"`  // the source file's base name
	Part        int         `json:"part"` // the document's place in its file, from 1
	Meta        Meta        `json:"meta"`
	Frequencies []Frequency `json:"frequencies"`
	Deadlines   []Deadline  `json:"deadlines"`
	Units       []Units     `json:"units"`
}

// Meta is a document's metadata; nil where the document states none.
type Meta struct {
	Issuer     *string     `json:"issuer"`
	DocNumber  *string     `json:"doc_number"`
	Level      *string     `json:"level"`
	Title      *string     `json:"title"`
	Date       *string     `json:"date"`
	PlanYear   *int        `json:"plan_year"`
	References []Reference `json:"references"`
}

// Reference is a document cited, with its number when the citation gives it.
type Reference struct {
	Title  string  `json:"title"`
	Number *string `json:"number"`
}

// Frequency is the frequency of the obligation whose text holds Anchor.
type Frequency struct {
	Anchor    string `json:"anchor"`
	Period    string `json:"period"`
	Count     int    `json:"count"`
	Qualifier string `json:"qualifier"`
}

// Deadline is the deadline of the obligation whose text holds Anchor:
// Date when the year is known, else Month and Day.
type Deadline struct {
	Anchor string  `json:"anchor"`
	Raw    string  `json:"raw"`
	Kind   string  `json:"kind"`
	Date   *string `json:"date"`
	Month  int     `json:"month"`
	Day    int     `json:"day"`
}

// Units are the units of the obligation whose text holds Anchor, by role.
type Units struct {
	Anchor      string   `json:"anchor"`
	Lead        []string `json:"lead"`
	Support     []string `json:"support"`
	Responsible []string `json:"responsible"`
}

// Load reads every *.gold.json of dir, in name order; a missing part is 1.
// A directory without gold files is an error.
func Load(dir string) ([]File, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no gold files in %s", dir)
	}
	sort.Strings(paths)
	files := make([]File, 0, len(paths))
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		f := File{Path: p}
		if err := json.Unmarshal(raw, &f); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if f.Part == 0 {
			f.Part = 1
		}
		files = append(files, f)
	}
	return files, nil
}

// Canon puts text in the form the scorer compares: NFKC, no white space.
func Canon(s string) string {
	return strings.Join(strings.Fields(norm.NFKC.String(s)), "")
}

// Root returns the module's root: the directory above the working
// directory that holds go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}

// Shared returns the directory sub of ../shared beside the module root,
// or skips the test saying what is missing: a fresh clone has no
// ../shared.
func Shared(t testing.TB, sub string) string {
	t.Helper()
	p := filepath.Join(Root(t), "..", "shared", sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("../shared/%s not found (%v): the seeds, gold and dev set live in ../shared beside the repository", sub, err)
	}
	return p
}
