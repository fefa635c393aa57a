package workspace

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/org"
	"github.com/dutymap/dutymap/report"
)

// Duties returns the duties of unit across the corpus r (every obligation
// when unit is empty) in role ("lead", "support", "responsible", or "any"
// and "" for every role), narrowed by f: the index finds the documents that
// name the body in any of its forms, and their stored obligations are read
// with the role the unit takes in each (report.SelectDuties). Documents are
// taken in the order of their files, so a list reads the same on every run.
func Duties(ctx context.Context, r Reader, unit, role string, f report.DutyFilter) ([]report.Duty, error) {
	q := index.Query{Level: string(f.Level), Year: f.Year, DueBefore: f.DueBefore}
	switch role {
	case "lead":
		q.Lead, f.Role = unit, org.Lead
	case "support":
		q.Support, f.Role = unit, org.Support
	case "responsible":
		q.Unit, f.Role = unit, org.Responsible
	case "any", "":
		q.Unit = unit
	default:
		return nil, fmt.Errorf("role %q: want lead, support, responsible or any", role)
	}
	res, err := org.Standard()
	if err != nil {
		return nil, err
	}
	p := res.Pattern(unit)
	if unit != "" && p.Body.Name == "" {
		return nil, errors.New("no unit named")
	}
	ids, err := matchingDocs(ctx, r, q)
	if err != nil {
		return nil, err
	}
	docs := make([]corpus.Parsed, 0, len(ids))
	for _, id := range ids {
		d, err := r.Document(id)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	sort.Slice(docs, func(i, j int) bool {
		a, b := docs[i].Doc, docs[j].Doc
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Part < b.Part
	})
	return report.SelectDuties(res, p, f, docs), nil
}

// matchingDocs returns the IDs of the documents holding an obligation that
// q finds, each once: a first search counts the hits, a second takes them all.
func matchingDocs(ctx context.Context, r Reader, q index.Query) ([]string, error) {
	q.Limit = 1
	first, err := r.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	if first.Total == 0 {
		return nil, nil
	}
	q.Limit = int(first.Total)
	all, err := r.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	var ids []string
	seen := map[string]bool{}
	for _, h := range all.Hits {
		if !seen[h.Doc] {
			seen[h.Doc] = true
			ids = append(ids, h.Doc)
		}
	}
	return ids, nil
}

// Lowers is the one place that chooses the lower-level documents of upper
// for the inspector's matrix: among the current documents of r, those
// compare.FindLowers admits (the documents under upper's place, and those
// that cite it), read with their obligations. When there are none it
// returns ErrNoLowers (wrapped) with the reason.
func Lowers(r Reader, upper *corpus.Document) ([]corpus.Parsed, error) {
	list, err := r.List()
	if err != nil {
		return nil, err
	}
	var cands []*corpus.Document
	for _, m := range currentMetas(list) {
		if m.ID != upper.ID {
			cands = append(cands, m)
		}
	}
	found, unplaced := compare.FindLowers(upper, cands)
	if len(found) == 0 {
		if unplaced != nil {
			return nil, fmt.Errorf("%w: %w", ErrNoLowers, unplaced)
		}
		return nil, fmt.Errorf("%w of %q (%s, plan year %d) in corpus %s", ErrNoLowers, docName(upper), upper.Level, upper.PlanYear, r.Dir())
	}
	out := make([]corpus.Parsed, 0, len(found))
	for _, f := range found {
		p, err := r.Document(f.Doc.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// ErrNoLowers is returned (wrapped) by Lowers when the corpus holds no
// lower-level document of the one given.
var ErrNoLowers = errors.New("no lower-level document")
