package web

import (
	"context"
	"errors"
	"fmt"
	"path"
	"sort"
	"sync"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/extract"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/ingest"
	"github.com/dutymap/dutymap/org"
	"github.com/dutymap/dutymap/report"
	"github.com/dutymap/dutymap/segment"
)

// testCore is a Core over main's store and index, for the tests until the
// application core (package workspace) lands.
type testCore struct {
	mu  sync.Mutex
	seg *segment.Segmenter
	st  *corpus.Store
	ix  *index.Index

	maxUpload int64 // ingest.MaxSize when 0
}

var _ Core = (*testCore)(nil)

func openTestCore(dir string, seg *segment.Segmenter) (*testCore, error) {
	st, err := corpus.OpenStore(dir)
	if err != nil {
		return nil, err
	}
	ix, err := index.Open(index.Path(dir), seg, nil)
	if err != nil {
		st.Close()
		return nil, err
	}
	return &testCore{seg: seg, st: st, ix: ix}, nil
}

func (c *testCore) Close() error {
	c.ix.Close()
	return c.st.Close()
}

func (c *testCore) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	return c.ix.Search(ctx, q)
}

func (c *testCore) Table(ctx context.Context, q index.Query) (*report.Table, error) {
	res, err := c.ix.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	tab := &report.Table{Title: "检索：" + q.Text}
	for _, h := range res.Hits {
		p, err := c.st.Document(h.Doc)
		if err != nil {
			return nil, err
		}
		for _, o := range p.Obligations {
			if o.ID == h.ID {
				tab.Add(p.Doc, o)
			}
		}
	}
	return tab, nil
}

func (c *testCore) Documents(ctx context.Context) ([]Entry, error) {
	list, err := c.st.List()
	if err != nil {
		return nil, err
	}
	var out []Entry
	for _, d := range list {
		p, err := c.st.Document(d.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, Entry{Doc: p.Doc, Obligations: d.Obligations, Added: d.Added, SupersededBy: d.SupersededBy})
	}
	return out, nil
}

func (c *testCore) Document(ctx context.Context, id string) (corpus.Parsed, error) {
	return c.st.Document(id)
}

func (c *testCore) Related(ctx context.Context, d *corpus.Document) (*Related, error) {
	es, err := c.Documents(ctx)
	if err != nil {
		return nil, err
	}
	r := &Related{Cited: make([]string, len(d.References))}
	var current []*corpus.Document
	for _, e := range es {
		if e.SupersededBy == d.ID {
			r.Previous = e.Doc
		}
		if e.Doc.ID == d.ID && e.SupersededBy != "" {
			for _, n := range es {
				if n.Doc.ID == e.SupersededBy {
					r.Next = n.Doc
				}
			}
		}
		if e.SupersededBy == "" {
			current = append(current, e.Doc)
		}
	}
	ups, _ := compare.FindUppers(d, current) // an unplaced document has none
	for _, u := range ups {
		r.Uppers = append(r.Uppers, Upper{Doc: u.Doc, Why: u.Reason})
	}
	lows, _ := compare.FindLowers(d, current)
	for _, l := range lows {
		r.Lowers = append(r.Lowers, l.Doc)
	}
	for i, ref := range d.References {
		for _, e := range current {
			if (ref.Number != "" && ref.Number == e.DocNumber) || ref.Title == e.Title {
				r.Cited[i] = e.ID
			}
		}
	}
	return r, nil
}

func (c *testCore) Diff(ctx context.Context, oldID, newID string) (*compare.DiffReport, error) {
	o, err := c.st.Document(oldID)
	if err != nil {
		return nil, err
	}
	n, err := c.st.Document(newID)
	if err != nil {
		return nil, err
	}
	return compare.Diff(c.seg, o, n), nil
}

func (c *testCore) Compare(ctx context.Context, id string) (*compare.LevelReport, map[string]string, error) {
	p, err := c.st.Document(id)
	if err != nil {
		return nil, nil, err
	}
	rel, err := c.Related(ctx, p.Doc)
	if err != nil {
		return nil, nil, err
	}
	if len(rel.Uppers) == 0 {
		return nil, nil, InputError(fmt.Errorf("语料库中没有《%s》的上级文件", docName(p.Doc)))
	}
	why := map[string]string{}
	var uppers []corpus.Parsed
	for _, u := range rel.Uppers {
		up, err := c.st.Document(u.Doc.ID)
		if err != nil {
			return nil, nil, err
		}
		uppers = append(uppers, up)
		why[u.Doc.ID] = u.Why
	}
	lr, err := compare.Levels(c.seg, p, uppers)
	return lr, why, err
}

func (c *testCore) Coverage(ctx context.Context, id string) (*compare.CoverageReport, error) {
	p, err := c.st.Document(id)
	if err != nil {
		return nil, err
	}
	rel, err := c.Related(ctx, p.Doc)
	if err != nil {
		return nil, err
	}
	if len(rel.Lowers) == 0 {
		return nil, InputError(fmt.Errorf("语料库中没有《%s》的下级文件", docName(p.Doc)))
	}
	var lowers []corpus.Parsed
	for _, l := range rel.Lowers {
		lp, err := c.st.Document(l.ID)
		if err != nil {
			return nil, err
		}
		lowers = append(lowers, lp)
	}
	return compare.Coverage(c.seg, p, lowers)
}

func (c *testCore) Add(ctx context.Context, name string, data []byte) (*Added, error) {
	if int64(len(data)) > c.MaxUpload() {
		return nil, fmt.Errorf("%s: %w", name, ingest.ErrTooLarge)
	}
	docs, err := ingest.Parse(path.Base(name), data)
	if err != nil {
		return nil, err
	}
	ex := extract.New(c.seg)
	var parsed []corpus.Parsed
	for _, d := range docs {
		d.Source = name
		parsed = append(parsed, corpus.Parsed{Doc: d, Obligations: ex.Extract(d)})
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, added, err := c.st.Put(name, data, parsed)
	if err != nil {
		return nil, err
	}
	if err := c.ix.Add(ctx, parsed...); err != nil {
		return nil, err
	}
	a := &Added{New: added}
	for _, d := range e.Docs {
		a.Docs = append(a.Docs, d.ID)
	}
	return a, nil
}

func (c *testCore) MaxUpload() int64 {
	if c.maxUpload > 0 {
		return c.maxUpload
	}
	return ingest.MaxSize
}

func (c *testCore) Bodies(ctx context.Context, q index.Query) ([]index.BodyCount, error) {
	return c.ix.Bodies(ctx, q)
}

func (c *testCore) Duties(ctx context.Context, q DutyQuery) ([]report.Duty, error) {
	res, err := org.Standard()
	if err != nil {
		return nil, err
	}
	p := res.Pattern(q.Unit)
	if p.Body.Name == "" {
		return nil, InputError(errors.New("no unit named"))
	}
	f := q.Filter
	f.Role = org.Role(q.Role)
	es, err := c.Documents(ctx)
	if err != nil {
		return nil, err
	}
	var docs []corpus.Parsed
	for _, e := range es {
		if e.SupersededBy == "" {
			d, err := c.st.Document(e.Doc.ID)
			if err != nil {
				return nil, err
			}
			docs = append(docs, d)
		}
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].Doc.Source < docs[j].Doc.Source })
	return report.SelectDuties(res, p, f, docs), nil
}
