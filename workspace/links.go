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

// Links are the documents of a corpus that one document is linked to.
// Documents carry their metadata only (store.DocEntry.Meta).
type Links struct {
	Previous *corpus.Document // the latest version it replaced (Previous); nil if none
	Next     *corpus.Document // the version that replaced it; nil if it is current
	// Uppers are its upper-level documents as Uppers chooses them, nearest
	// level first, all of them, with the reason for each.
	Uppers []compare.Found
	// Lowers are the current documents under it (compare.FindLowers).
	Lowers []compare.Found
	// Cited holds, for each of its References in order, the ID of the
	// current document that the reference names, or "" when the corpus
	// has none.
	Cited []string
}

// Related returns the links of d, a document of r, to the other documents
// of r. A document whose level or place is unknown has no uppers or lowers
// by place; that is not an error.
func Related(r Reader, d *corpus.Document) (*Links, error) {
	list, err := r.List()
	if err != nil {
		return nil, err
	}
	l := &Links{Cited: make([]string, len(d.References))}
	for _, e := range list {
		switch {
		case e.SupersededBy == d.ID:
			l.Previous = e.Meta() // list runs oldest first: the last is the latest
		case e.ID == d.ID && !e.Current():
			for _, n := range list {
				if n.ID == e.SupersededBy {
					l.Next = n.Meta()
				}
			}
		}
	}
	metas := currentMetas(list)
	l.Uppers, _ = findUppers(d, metas) // an unplaced document has none
	l.Lowers, _ = findLowers(d, metas)
	for i, ref := range d.References {
		for _, m := range metas {
			if m.ID != d.ID && compare.Cites(ref, m) {
				l.Cited[i] = m.ID
				break
			}
		}
	}
	return l, nil
}

// ErrNoLowers is returned (wrapped) by Lowers when the corpus holds no
// lower-level document under the one given.
var ErrNoLowers = errors.New("no lower-level document")

// findLowers applies compare.FindLowers to the candidates, leaving upper
// itself out.
func findLowers(upper *corpus.Document, metas []*corpus.Document) ([]compare.Found, error) {
	cands := make([]*corpus.Document, 0, len(metas))
	for _, m := range metas {
		if m.ID != upper.ID {
			cands = append(cands, m)
		}
	}
	return compare.FindLowers(upper, cands)
}

// Lowers reads the lower-level documents under upper among the current
// documents of r (compare.FindLowers): those that cite it, and those of a
// lower level in its place and plan year. When there are none it returns
// ErrNoLowers (wrapped) with the reason.
func Lowers(r Reader, upper *corpus.Document) ([]corpus.Parsed, error) {
	list, err := r.List()
	if err != nil {
		return nil, err
	}
	found, ferr := findLowers(upper, currentMetas(list))
	if len(found) == 0 {
		if ferr != nil {
			return nil, fmt.Errorf("%w: %w", ErrNoLowers, ferr)
		}
		return nil, fmt.Errorf("%w under %q (%s, plan year %d) in corpus %s", ErrNoLowers, docName(upper), upper.Level, upper.PlanYear, r.Dir())
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

// Coverage lays the duties of upper out against those of lowers
// (compare.Coverage), returning when ctx ends as Parse does.
func (e *Engine) Coverage(ctx context.Context, upper corpus.Parsed, lowers []corpus.Parsed) (*compare.CoverageReport, error) {
	return run(ctx, e, func() (*compare.CoverageReport, error) {
		return compare.Coverage(e.seg, upper, lowers)
	})
}

// SearchTable searches r with q and returns the task breakdown table of
// the hits, in their order, made from the stored obligations behind them
// (the table of `dutymap export QUERY`).
func SearchTable(ctx context.Context, r Reader, q index.Query) (*report.Table, error) {
	res, err := r.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	docs := map[string]corpus.Parsed{}
	tab := &report.Table{Title: "检索：" + q.Text}
	for _, h := range res.Hits {
		p, ok := docs[h.Doc]
		if !ok {
			if p, err = r.Document(h.Doc); err != nil {
				return nil, err
			}
			docs[h.Doc] = p
		}
		for _, o := range p.Obligations {
			if o.ID == h.ID {
				tab.Add(p.Doc, o)
				break
			}
		}
	}
	return tab, nil
}

// ErrNoUnit is returned (wrapped) by Duties for a name that names no body.
var ErrNoUnit = errors.New("no unit named")

// Duties returns the duties of the body that unit names (every form of
// its name: 市应急局 = 市应急管理局) across the current documents of r, in
// the given role — lead, support, responsible, or "" or "any" for every
// role — narrowed by f (its Role is set from role): the index finds the
// documents, and their stored obligations are read with the role the body
// takes in each. Documents come in the order of their files, so that the
// list reads the same on every run.
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
		q.Unit, f.Role = unit, ""
	default:
		return nil, fmt.Errorf("role %s: want lead, support, responsible or any", role)
	}
	res, err := org.Standard()
	if err != nil {
		return nil, err
	}
	p := res.Pattern(unit)
	if unit != "" && p.Body.Name == "" {
		return nil, fmt.Errorf("%w: %q", ErrNoUnit, unit)
	}
	// Every hit is wanted: ask for one to learn how many there are.
	q.Limit = 1
	hits, err := r.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	if hits.Total > 1 {
		q.Limit = int(hits.Total)
		if hits, err = r.Search(ctx, q); err != nil {
			return nil, err
		}
	}
	var docs []corpus.Parsed
	seen := map[string]bool{}
	for _, h := range hits.Hits {
		if seen[h.Doc] {
			continue
		}
		seen[h.Doc] = true
		d, err := r.Document(h.Doc)
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

// Bodies counts the bodies that the obligations q finds name, by role
// (index.Index.Bodies).
func (w *Workspace) Bodies(ctx context.Context, q index.Query) ([]index.BodyCount, error) {
	w.ixMu.RLock()
	defer w.ixMu.RUnlock()
	ix, err := w.index()
	if err != nil {
		return nil, err
	}
	return ix.Bodies(ctx, q)
}

// Bodies counts the bodies that the obligations q finds name, by role: on
// the holder's index when a holder answers, else on the index opened
// read-only, as Search does.
func (v *View) Bodies(ctx context.Context, q index.Query) ([]index.BodyCount, error) {
	if v.holder != nil {
		var out []index.BodyCount
		err := v.holder.call(ctx, request{Op: "bodies", Query: &q}, &out, nil)
		if !errors.Is(err, errNoHolder) {
			return out, err
		}
		v.holder, v.lastErr = nil, err // the holder has gone since: count here
	}
	ix, err := v.local(ctx)
	if err != nil {
		return nil, err
	}
	return ix.Bodies(ctx, q)
}
