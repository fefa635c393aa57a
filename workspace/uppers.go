package workspace

import (
	"errors"
	"fmt"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/store"
)

// MaxUppers bounds the upper-level documents a report compares a document
// with: the nearest levels matter most, and each comparison costs time.
const MaxUppers = 3

// ErrNoUppers is returned (wrapped) by Uppers when the corpus holds no
// upper-level document of the one given.
var ErrNoUppers = errors.New("no upper-level document")

// Uppers is the one place that chooses the upper-level documents of lower:
// among the current documents of r, those compare.FindUppers admits (the
// documents lower cites, and those of a higher level whose place contains
// lower's, of its plan year or the year before), nearest level first, at
// most max of them (all when max is 0). It reads them with their
// obligations and says, by ID, why each was chosen. When there are none it
// returns ErrNoUppers (wrapped) with the reason: lower's level or place is
// unknown, or the corpus holds nothing above it.
func Uppers(r Reader, lower *corpus.Document, max int) (uppers []corpus.Parsed, why map[string]string, err error) {
	list, err := r.List()
	if err != nil {
		return nil, nil, err
	}
	// A document of unknown place gets the uppers it cites, if any; noUppers
	// says why there are none.
	found, _ := findUppers(lower, currentMetas(list))
	if max > 0 && len(found) > max {
		found = found[:max]
	}
	if len(found) == 0 {
		return nil, nil, noUppers(r.Dir(), lower)
	}
	why = map[string]string{}
	for _, u := range found {
		p, err := r.Document(u.Doc.ID)
		if err != nil {
			return nil, nil, err
		}
		uppers = append(uppers, p)
		why[u.Doc.ID] = u.Reason
	}
	return uppers, why, nil
}

// findUppers applies compare.FindUppers to the candidates, leaving lower
// itself out.
func findUppers(lower *corpus.Document, metas []*corpus.Document) ([]compare.Found, error) {
	cands := make([]*corpus.Document, 0, len(metas))
	for _, m := range metas {
		if m.ID != lower.ID {
			cands = append(cands, m)
		}
	}
	return compare.FindUppers(lower, cands)
}

func noUppers(dir string, lower *corpus.Document) error {
	name := docName(lower)
	switch {
	case lower.Level.Rank() == 0:
		return fmt.Errorf("%w of %q: its level is unknown, so its upper levels are too; name the upper documents", ErrNoUppers, name)
	case lower.Place == nil && len(lower.Region) == 0:
		return fmt.Errorf("%w of %q chosen: its place is unknown; name the upper documents", ErrNoUppers, name)
	}
	return fmt.Errorf("%w of %q (%s, plan year %d) in corpus %s", ErrNoUppers, name, lower.Level, lower.PlanYear, dir)
}

// currentMetas returns the metadata of the current documents of list.
func currentMetas(list []store.DocEntry) []*corpus.Document {
	out := make([]*corpus.Document, 0, len(list))
	for _, d := range list {
		if d.Current() {
			out = append(out, d.Meta())
		}
	}
	return out
}

// Previous returns the latest stored document that the document id
// replaced, and whether there is one.
func Previous(r Reader, id string) (store.DocEntry, bool, error) {
	list, err := r.List()
	if err != nil {
		return store.DocEntry{}, false, err
	}
	var prev store.DocEntry
	ok := false
	for _, d := range list {
		if d.SupersededBy == id { // list runs oldest first: the last is the latest
			prev, ok = d, true
		}
	}
	return prev, ok, nil
}

// docName is what messages call a document: its title, else its source.
func docName(d *corpus.Document) string {
	if d.Title != "" {
		return d.Title
	}
	return d.Source
}
