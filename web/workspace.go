package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/report"
	"github.com/dutymap/dutymap/workspace"
)

// FromWorkspace returns the Core of an opened workspace: every page asks
// w, which holds the corpus, so that a file added by the upload form, by
// the inbox or handed over by `dutymap add` is searchable at once. The
// caller keeps w open while the pages are served.
func FromWorkspace(w *workspace.Workspace) Core { return wsCore{w} }

// wsCore adapts a *workspace.Workspace to Core: it only translates.
type wsCore struct{ w *workspace.Workspace }

var _ Core = wsCore{}

// The pages check a query before they search (parseSearch), so an error
// of a search is the corpus's, not the user's.

func (c wsCore) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	return c.w.Search(ctx, q)
}

func (c wsCore) Table(ctx context.Context, q index.Query) (*report.Table, error) {
	return workspace.SearchTable(ctx, c.w, q)
}

func (c wsCore) Documents(ctx context.Context) ([]Entry, error) {
	list, err := c.w.List()
	if err != nil {
		return nil, err
	}
	out := make([]Entry, len(list))
	for i, d := range list {
		out[i] = Entry{Doc: d.Meta(), Obligations: d.Obligations, SupersededBy: d.SupersededBy}
	}
	return out, nil
}

func (c wsCore) Document(ctx context.Context, id string) (corpus.Parsed, error) {
	return c.w.Document(id)
}

func (c wsCore) Related(ctx context.Context, d *corpus.Document) (*Related, error) {
	l, err := workspace.Related(c.w, d)
	if err != nil {
		return nil, err
	}
	r := &Related{Previous: l.Previous, Next: l.Next, Cited: l.Cited}
	for _, u := range l.Uppers {
		r.Uppers = append(r.Uppers, Upper{Doc: u.Doc, Why: u.Reason})
	}
	for _, lo := range l.Lowers {
		r.Lowers = append(r.Lowers, lo.Doc)
	}
	return r, nil
}

func (c wsCore) Diff(ctx context.Context, oldID, newID string) (*compare.DiffReport, error) {
	o, err := c.w.Document(oldID)
	if err != nil {
		return nil, err
	}
	n, err := c.w.Document(newID)
	if err != nil {
		return nil, err
	}
	return c.w.Diff(o, n), nil
}

func (c wsCore) Compare(ctx context.Context, id string) (*compare.LevelReport, map[string]string, error) {
	p, err := c.w.Document(id)
	if err != nil {
		return nil, nil, err
	}
	uppers, why, err := workspace.Uppers(c.w, p.Doc, workspace.MaxUppers)
	if errors.Is(err, workspace.ErrNoUppers) {
		return nil, nil, InputError(fmt.Errorf("语料库中没有可与之对照的上级文件（%w）", err))
	}
	if err != nil {
		return nil, nil, err
	}
	lr, err := c.w.Compare(ctx, p, uppers)
	return lr, why, err
}

func (c wsCore) Coverage(ctx context.Context, id string) (*compare.CoverageReport, error) {
	p, err := c.w.Document(id)
	if err != nil {
		return nil, err
	}
	lowers, err := workspace.Lowers(c.w, p.Doc)
	if errors.Is(err, workspace.ErrNoLowers) {
		return nil, InputError(fmt.Errorf("语料库中没有该文件的下级文件（%w）", err))
	}
	if err != nil {
		return nil, err
	}
	return c.w.Coverage(ctx, p, lowers)
}

func (c wsCore) Add(ctx context.Context, name string, data []byte) (*Added, error) {
	res, err := c.w.Add(ctx, name, data)
	var tl *workspace.TooLargeError
	if errors.As(err, &tl) {
		return nil, &inputError{status: http.StatusRequestEntityTooLarge, err: err}
	}
	if err != nil {
		return nil, err
	}
	return &Added{Docs: res.Docs, New: res.Status == workspace.Added}, nil
}

func (c wsCore) MaxUpload() int64 { return c.w.Limits().MaxFileSize() }

func (c wsCore) Bodies(ctx context.Context, q index.Query) ([]index.BodyCount, error) {
	return c.w.Bodies(ctx, q)
}

func (c wsCore) Duties(ctx context.Context, q DutyQuery) ([]report.Duty, error) {
	duties, err := workspace.Duties(ctx, c.w, q.Unit, q.Role, q.Filter)
	if errors.Is(err, workspace.ErrNoUnit) {
		return nil, InputError(err)
	}
	return duties, err
}
