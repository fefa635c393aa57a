package workspace

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/store"
)

// TestIDs gives the documents of the sample corpus their short IDs and
// resolves every form people type: whole, short, a start of one, a start
// of several (refused, listing them), nothing.
func TestIDs(t *testing.T) {
	w := sampleCorpus(t)
	x, err := IDsOf(w)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := w.List()
	shortForm := regexp.MustCompile(`^d-[0-9a-f]{6}-[0-9]+$`)
	seen := map[string]bool{}
	var town, multi store.DocEntry
	for _, d := range list {
		s := x.Short(d.ID)
		if !shortForm.MatchString(s) || seen[s] {
			t.Errorf("short ID %q of %s: not of the form d-XXXXXX-N, or given twice", s, d.ID)
		}
		seen[s] = true
		for _, form := range []string{d.ID, s, strings.TrimPrefix(s, "d-"), strings.TrimPrefix(d.ID, "d-")} {
			if got, err := x.Resolve(form); err != nil || got.ID != d.ID {
				t.Errorf("Resolve(%q) = %s, %v; want %s", form, got.ID, err, d.ID)
			}
		}
		switch d.Source {
		case "samples/" + seedTown:
			town = d
		case "samples/" + seedMulti:
			multi = d
		}
	}
	// The town plan is alone in its file: the start of its hash names it.
	if got, err := x.Resolve(town.ID[:6]); err != nil || got.ID != town.ID {
		t.Errorf("Resolve(%q) = %s, %v; want %s", town.ID[:6], got.ID, err, town.ID)
	}
	// Seven plans share seed 001's hash.
	var amb *AmbiguousError
	if _, err := x.Resolve(multi.ID[:8]); !errors.As(err, &amb) || len(amb.Matches) != 7 || !strings.Contains(err.Error(), x.Short(multi.ID)) {
		t.Errorf("Resolve(%q): %v; want the 7 plans of seed 001 listed", multi.ID[:8], err)
	}
	for _, none := range []string{"d-000000-1", "ffffff", "d-", "", x.Short(town.ID) + "0"} {
		if _, err := x.Resolve(none); !errors.Is(err, ErrNoDocument) {
			t.Errorf("Resolve(%q): %v; want ErrNoDocument", none, err)
		}
	}
	if got := x.Short("d-not-stored"); got != "d-not-stored" {
		t.Errorf("Short of an unknown ID: %q", got)
	}
}

// TestShortIDsGrow: two files whose hashes start alike get short IDs
// long enough to tell them apart.
func TestShortIDsGrow(t *testing.T) {
	doc := func(id string) store.DocEntry { return store.DocEntry{Document: corpus.Document{ID: id}} }
	x := NewIDs([]store.DocEntry{doc("d-abcdef12aaaa-1"), doc("d-abcdef12bbbb-1"), doc("d-abcdef12bbbb-2"), doc("d-123456789abc-1")})
	for id, want := range map[string]string{
		"d-abcdef12aaaa-1": "d-abcdef12a-1",
		"d-abcdef12bbbb-2": "d-abcdef12b-2",
		"d-123456789abc-1": "d-123456789-1",
	} {
		if got := x.Short(id); got != want {
			t.Errorf("Short(%s) = %s, want %s", id, got, want)
		}
	}
	if _, err := x.Resolve("d-abcdef-1"); err == nil {
		t.Error("a short ID that two files share resolved")
	}
}
