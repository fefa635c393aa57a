package workspace

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dutymap/dutymap/batch"
	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/internal/fsname"
	"github.com/dutymap/dutymap/report"
)

// Report builds the report of p, a document of the corpus r, as its file
// source: its task breakdown table, the diff against its previous version
// when r holds one, and its comparison with its upper-level documents
// (Uppers, at most MaxUppers). It returns the number of duties changed
// against the previous version. A comparison that cannot be made is noted
// in the report, not returned.
func (e *Engine) Report(ctx context.Context, r Reader, source string, p corpus.Parsed) (*report.Report, int, error) {
	rep := report.New(source, p.Doc, p.Obligations, time.Now())
	changes := 0
	prev, ok, err := Previous(r, p.Doc.ID)
	if err != nil {
		return nil, 0, err
	}
	if ok {
		old, err := r.Document(prev.ID)
		if err != nil {
			return nil, 0, err
		}
		d := e.Diff(old, p)
		rep.Changes = diffSection(d)
		changes = len(d.Entries)
	}
	uppers, why, err := Uppers(r, p.Doc, MaxUppers)
	switch {
	case errors.Is(err, ErrNoUppers):
	case err != nil:
		return nil, 0, err
	default:
		lr, err := e.Compare(ctx, p, uppers)
		if ctx.Err() != nil {
			return nil, 0, ctx.Err()
		}
		if err != nil {
			rep.Notes = append(rep.Notes, "与上级文件的对照未能完成："+err.Error())
		} else {
			rep.Upper = levelSections(lr, why)
		}
	}
	return rep, changes, nil
}

// ReportDir returns the folder under out that holds the report of the
// document id of the file name: report.DirName, with the name shortened
// (internal/fsname) so that the folder and its temporary twin fit the
// file system's limit on a name.
func ReportDir(out, name, id string) string {
	const room = fsname.Max - len("-") - 16 - len(".") - len(".tmp-") - 10
	return filepath.Join(out, report.DirName(fsname.Fit(filepath.Base(name), room), id))
}

// InboxProcessor returns the batch.Processor that `dutymap run` and
// `dutymap watch` put each inbox file through (ProcessInboxFile), writing
// reports under out. It is a batch.Grouper: the files of a group are
// stored one by one, their documents indexed in one update (a Group), and
// each file reported after it, as ProcessInboxFile would have. It first
// removes what a killed run left half-written in out: only the holder of
// the corpus writes its reports.
func (w *Workspace) InboxProcessor(out string) (batch.Processor, error) {
	if err := report.RemoveTemps(out); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return inboxProcessor{w: w, out: out}, nil
}

// inboxProcessor is the batch.Grouper of InboxProcessor.
type inboxProcessor struct {
	w   *Workspace
	out string
}

var _ batch.Grouper = inboxProcessor{}

func (p inboxProcessor) Process(ctx context.Context, f batch.File) (batch.Outcome, error) {
	return p.w.ProcessInboxFile(ctx, f, p.out)
}

func (p inboxProcessor) Group() batch.Group {
	return &inboxGroup{p: p, g: p.w.NewGroup(), added: map[string]AddResult{}}
}

// inboxGroup is a batch.Group of inbox files: Stage stores a file (Put),
// Commit indexes the group (Flush), Finish writes a file's reports.
type inboxGroup struct {
	p     inboxProcessor
	g     *Group
	added map[string]AddResult // by inbox name, after Commit
}

func (ig *inboxGroup) Stage(ctx context.Context, f batch.File) (bool, error) {
	return ig.g.Put(ctx, f.Name, f.Data)
}

func (ig *inboxGroup) Commit(ctx context.Context) error {
	res, err := ig.g.Flush(ctx)
	if err != nil {
		return err
	}
	for _, r := range res {
		ig.added[r.Name] = r
	}
	return nil
}

func (ig *inboxGroup) Finish(ctx context.Context, f batch.File) (batch.Outcome, error) {
	added, ok := ig.added[f.Name]
	if !ok {
		return batch.Outcome{}, fmt.Errorf("%s: not staged in this group", f.Name)
	}
	return ig.p.w.reportInboxFile(ctx, f, added, ig.p.out)
}

// ProcessInboxFile is the pipeline of an inbox file: Add, then for each of
// the file's documents its report (Report) in its folder under out
// (ReportDir); then, for a document that is the upper level of documents
// reported in out before it arrived, their reports again, now compared
// with it too. It is idempotent, as batch requires: the same bytes again
// are stored once and reported as a duplicate — unless they are the
// file's own, stored by a run that died before filing it (f.Resumed).
//
// Once the file is stored, its reports are written even if ctx passes a
// deadline (the time budget of batch.Inbox bounds parsing, the part whose
// cost grows with the file); they stop only when ctx is cancelled.
func (w *Workspace) ProcessInboxFile(ctx context.Context, f batch.File, out string) (batch.Outcome, error) {
	added, err := w.Add(ctx, f.Name, f.Data)
	if err != nil {
		return batch.Outcome{}, err
	}
	return w.reportInboxFile(ctx, f, added, out)
}

// reportInboxFile writes the reports of the inbox file f, added (and
// indexed) as added says: ProcessInboxFile after Add.
func (w *Workspace) reportInboxFile(ctx context.Context, f batch.File, added AddResult, out string) (batch.Outcome, error) {
	var res batch.Outcome
	// Ends when the run is cancelled, not when the budget (a deadline
	// with the cause batch.ErrTimeBudget) runs out.
	ctx, stop := detach(ctx, batch.ErrTimeBudget)
	defer stop()
	var err error
	dup := added.Status == Unchanged && !(f.Resumed && added.StoredAs == f.Name)
	for _, id := range added.Docs {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		p, err := w.Document(id)
		if err != nil {
			return res, err
		}
		r, changes, err := w.Report(ctx, w, f.Name, p)
		if err != nil {
			return res, err
		}
		r.Duplicate = dup
		dir := ReportDir(out, f.Name, id)
		if err := report.Write(dir, r); err != nil {
			return res, err
		}
		res.Documents = append(res.Documents, batch.DocOutcome{
			ID: id, Title: p.Doc.Title, Obligations: len(p.Obligations),
			Changes: changes, Duplicate: dup, Report: dir,
		})
	}
	if !dup {
		if res.Redone, err = w.redoLowers(ctx, out, added.Docs); err != nil {
			return res, err
		}
	}
	return res, nil
}

// redoLowers writes again the reports under out of the documents that
// have one of uppers among their upper-level documents (Uppers) and were
// reported before: a county plan that arrives after its towns' plans
// changes what their reports say. It returns the folders rewritten.
func (w *Workspace) redoLowers(ctx context.Context, out string, uppers []string) ([]string, error) {
	list, err := w.st.List()
	if err != nil {
		return nil, err
	}
	isNew := map[string]bool{}
	top := 0
	for _, d := range list {
		for _, id := range uppers {
			if d.ID == id && d.Current() {
				isNew[id] = true
				top = max(top, d.Level.Rank())
			}
		}
	}
	if len(isNew) == 0 {
		return nil, nil
	}
	metas := currentMetas(list)
	var redone []string
	for _, d := range list {
		if !d.Current() || isNew[d.ID] || d.Level.Rank() == 0 || d.Level.Rank() >= top {
			continue
		}
		found, _ := findUppers(d.Meta(), metas) // an unplaced document has none
		if len(found) > MaxUppers {
			found = found[:MaxUppers]
		}
		concerned := false
		for _, u := range found {
			concerned = concerned || isNew[u.Doc.ID]
		}
		dir := ReportDir(out, d.Source, d.ID)
		if !concerned {
			continue
		}
		if _, err := os.Stat(dir); err != nil {
			continue // not reported here
		}
		if err := ctx.Err(); err != nil {
			return redone, err
		}
		p, err := w.Document(d.ID)
		if err != nil {
			return redone, err
		}
		r, _, err := w.Report(ctx, w, d.Source, p)
		if err != nil {
			return redone, err
		}
		if err := report.Write(dir, r); err != nil {
			return redone, err
		}
		redone = append(redone, dir)
	}
	return redone, nil
}

// detach returns a context that ends when ctx does, unless ctx ends with
// a cause that is keep: that end it outlives.
func detach(ctx context.Context, keep error) (context.Context, func()) {
	out, cancel := context.WithCancelCause(context.WithoutCancel(ctx))
	stop := context.AfterFunc(ctx, func() {
		if cause := context.Cause(ctx); !errors.Is(cause, keep) {
			cancel(cause)
		}
	})
	return out, func() { stop(); cancel(nil) }
}

// diffSection turns a diff into the report's section on the previous version.
func diffSection(d *compare.DiffReport) *report.Section {
	s := &report.Section{Against: docRef(d.Old), Items: []report.Item{}}
	for _, e := range d.Entries {
		it := report.Item{Detail: changeText(e.Changes)}
		switch {
		case e.Old == nil:
			it.Kind = string(compare.Added)
		case e.New == nil:
			it.Kind = string(compare.Removed)
		case len(e.Changes) > 0:
			it.Kind = string(e.Changes[0].Kind)
		default:
			it.Kind = string(compare.Reworded)
		}
		if e.Old != nil {
			it.Old, it.OldID = e.Old.Text, e.Old.ID
		}
		if e.New != nil {
			it.New, it.NewID = e.New.Text, e.New.ID
		}
		s.Items = append(s.Items, it)
	}
	return s
}

// levelSections turns a cross-level comparison into one section per upper
// document, its duties in reading order; why says why each was chosen.
func levelSections(lr *compare.LevelReport, why map[string]string) []report.Section {
	out := make([]report.Section, 0, len(lr.Uppers))
	at := map[string]int{}
	for _, u := range lr.Uppers {
		at[u.ID] = len(out)
		out = append(out, report.Section{Against: docRef(u), Reason: why[u.ID], Items: []report.Item{}})
	}
	for _, d := range lr.Duties {
		i, ok := at[d.Doc]
		if !ok || d.Upper == nil {
			continue
		}
		it := report.Item{Kind: string(d.Verdict), Old: d.Upper.Text, OldID: d.Upper.ID, Detail: d.ReasonText()}
		if len(d.Lower) > 0 {
			it.New, it.NewID = d.Lower[0].Text, d.Lower[0].ID
		}
		out[i].Items = append(out[i].Items, it)
	}
	return out
}

func docRef(d compare.DocInfo) report.DocRef {
	return report.DocRef{ID: d.ID, Title: d.Name(), Issuer: d.Issuer, Level: d.Level, PlanYear: d.PlanYear}
}

// changeText renders a duty's changes for the report: 每季度 → 每月; ….
func changeText(cs []compare.Change) string {
	var parts []string
	for _, c := range cs {
		switch c.Kind {
		case compare.Added, compare.Removed, compare.Reworded:
			continue
		}
		parts = append(parts, c.String())
	}
	return strings.Join(parts, "；")
}
