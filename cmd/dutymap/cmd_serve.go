package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/ingest"
	"github.com/dutymap/dutymap/report"
	"github.com/dutymap/dutymap/segment"
	"github.com/dutymap/dutymap/web"
)

// serveOptions are the flags of `dutymap serve`.
type serveOptions struct {
	corpus string
	addr   string
	inbox  string
}

func newServeCommand() *cobra.Command {
	var opts serveOptions
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web workbench: search, documents, diffs, comparisons, uploads",
		Long: `serve opens the corpus and answers the workbench's pages in the browser, in
Chinese: a search of the obligations with filters and facet counts, each
document with its obligations marked in the text, what changed against its
previous version, how it carries its upper levels' duties, the matrix of a
document's lower levels, an upload form, the bodies of the corpus and the
duties of each; every result can be exported (任务分解表 .xlsx and .csv).

serve holds the corpus while it runs; dutymap search on it keeps working
(the index is opened for writing only while a file is added).

It listens on this machine only (127.0.0.1:8080) unless --addr says
otherwise; the workbench has no login, so another address prints a warning.`,
		Example: `  dutymap serve
  dutymap serve --corpus /data/plans
  dutymap serve --addr 0.0.0.0:8080   # reachable from other machines`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd.Context(), opts, cmd.ErrOrStderr(), nil)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.corpus, "corpus", "", corpusDirFlag)
	f.StringVar(&opts.addr, "addr", "127.0.0.1:8080", "address to listen on, host:port")
	f.StringVar(&opts.inbox, "inbox", "", "also process the files that land in this folder, as dutymap watch does (needs the application core)")
	return cmd
}

// runServe serves the workbench until ctx ends, then lets the requests in
// hand finish. listening, when set, is told the address once the server
// listens (tests listen on port 0).
func runServe(ctx context.Context, opts serveOptions, stderr io.Writer, listening func(addr string)) error {
	host, _, err := net.SplitHostPort(opts.addr)
	if err != nil {
		return fmt.Errorf("serve: --addr %s: want host:port, such as 127.0.0.1:8080", opts.addr)
	}
	if opts.inbox != "" {
		return errors.New("serve: --inbox needs the application core (package workspace), which this build lacks: run dutymap watch on the inbox instead")
	}
	loopback := web.Loopback(host)
	if !loopback {
		fmt.Fprintf(stderr, "dutymap: warning: serving on %s, which other machines may reach; the workbench has no login: whoever reaches it can read the corpus and add files\n", opts.addr)
	}
	dir, err := corpusDir(opts.corpus)
	if err != nil {
		return err
	}
	seg, err := segment.New()
	if err != nil {
		return err
	}
	core, err := openServeCore(ctx, dir, seg)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer core.Close()
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	srv, err := web.New(core, web.Options{Loopback: loopback, Logger: logger})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	fmt.Fprintf(stderr, "dutymap: workbench at http://%s/ (corpus %s)\n", ln.Addr(), dir)
	if listening != nil {
		listening(ln.Addr().String())
	}
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	shut, done := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer done()
	if serr := hs.Shutdown(shut); err == nil && serr != nil {
		err = serr
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// serveCore is the workbench's web.Core over this build's corpus code: the
// corpus is held (its lock taken) while serve runs, its index opened
// read-only for searches, for writing only while a file is added (as
// watch does while idle), so that other processes' searches keep working.
//
// It stands in for the application core of issue 10 (package workspace),
// which will replace it: web.FromWorkspace.
type serveCore struct {
	dir string
	seg *segment.Segmenter

	mu sync.RWMutex // Add exclusively, the rest shared
	c  *corpusHandle
	ix *index.Index // read-only
}

var _ web.Core = (*serveCore)(nil)

func openServeCore(ctx context.Context, dir string, seg *segment.Segmenter) (*serveCore, error) {
	c, err := openCorpus(ctx, dir, seg)
	if err != nil {
		return nil, err
	}
	if err := c.Idle(); err != nil {
		c.Close()
		return nil, err
	}
	ix, err := index.Open(index.Path(dir), seg, &index.Options{ReadOnly: true})
	if err != nil {
		c.Close()
		return nil, damaged(err)
	}
	return &serveCore{dir: dir, seg: seg, c: c, ix: ix}, nil
}

func (s *serveCore) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ix != nil {
		s.ix.Close()
	}
	return s.c.Close()
}

func (s *serveCore) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.ix.Search(ctx, q)
}

func (s *serveCore) Table(ctx context.Context, q index.Query) (*report.Table, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return exportSearch(ctx, s.seg, exportOptions{corpus: s.dir, query: q})
}

func (s *serveCore) Documents(ctx context.Context) ([]web.Entry, error) {
	list, err := s.c.store.List()
	if err != nil {
		return nil, err
	}
	out := make([]web.Entry, len(list))
	for i, d := range list {
		meta := &corpus.Document{ID: d.ID, Source: d.Source, Part: d.Part, Title: d.Title, Issuer: d.Issuer,
			DocNumber: d.DocNumber, Level: d.Level, Date: d.Date, PlanYear: d.PlanYear}
		out[i] = web.Entry{Doc: meta, Obligations: d.Obligations, Added: d.Added, SupersededBy: d.SupersededBy}
	}
	return out, nil
}

func (s *serveCore) Document(ctx context.Context, id string) (corpus.Parsed, error) {
	return s.c.store.Document(id)
}

// current reads the current documents whole: this build's listing lacks
// the places and references that choosing uppers and lowers reads.
func (s *serveCore) current() ([]*corpus.Document, []corpus.DocEntry, error) {
	list, err := s.c.store.List()
	if err != nil {
		return nil, nil, err
	}
	var docs []*corpus.Document
	for _, d := range list {
		if d.Current() {
			p, err := s.c.store.Document(d.ID)
			if err != nil {
				return nil, nil, err
			}
			docs = append(docs, p.Doc)
		}
	}
	return docs, list, nil
}

func (s *serveCore) Related(ctx context.Context, d *corpus.Document) (*web.Related, error) {
	docs, list, err := s.current()
	if err != nil {
		return nil, err
	}
	r := &web.Related{Cited: make([]string, len(d.References))}
	byID := map[string]*corpus.Document{}
	for _, e := range list {
		byID[e.ID] = &corpus.Document{ID: e.ID, Title: e.Title, Issuer: e.Issuer, Level: e.Level, Date: e.Date, Source: e.Source}
	}
	for _, e := range list {
		switch {
		case e.SupersededBy == d.ID:
			r.Previous = byID[e.ID]
		case e.ID == d.ID && e.SupersededBy != "":
			r.Next = byID[e.SupersededBy]
		}
	}
	var others []*corpus.Document
	for _, o := range docs {
		if o.ID != d.ID {
			others = append(others, o)
		}
	}
	ups, _ := compare.FindUppers(d, others) // an unplaced document has none
	for _, u := range ups {
		r.Uppers = append(r.Uppers, web.Upper{Doc: u.Doc, Why: u.Reason})
	}
	lows, _ := compare.FindLowers(d, others)
	for _, l := range lows {
		r.Lowers = append(r.Lowers, l.Doc)
	}
	for i, ref := range d.References {
		for _, o := range others {
			if compare.Cites(ref, o) {
				r.Cited[i] = o.ID
				break
			}
		}
	}
	return r, nil
}

func (s *serveCore) Diff(ctx context.Context, oldID, newID string) (*compare.DiffReport, error) {
	o, err := s.c.store.Document(oldID)
	if err != nil {
		return nil, err
	}
	n, err := s.c.store.Document(newID)
	if err != nil {
		return nil, err
	}
	return compare.Diff(s.seg, o, n), nil
}

func (s *serveCore) Compare(ctx context.Context, id string) (*compare.LevelReport, map[string]string, error) {
	p, err := s.c.store.Document(id)
	if err != nil {
		return nil, nil, err
	}
	rel, err := s.Related(ctx, p.Doc)
	if err != nil {
		return nil, nil, err
	}
	if len(rel.Uppers) == 0 {
		return nil, nil, web.InputError(fmt.Errorf("语料库中没有可与之对照的上级文件（no upper-level document of %q in corpus %s）", docName(p.Doc), s.dir))
	}
	why := map[string]string{}
	var uppers []corpus.Parsed
	for _, u := range rel.Uppers[:min(len(rel.Uppers), maxUppers)] {
		up, err := s.c.store.Document(u.Doc.ID)
		if err != nil {
			return nil, nil, err
		}
		uppers = append(uppers, up)
		why[u.Doc.ID] = u.Why
	}
	lr, err := compare.Levels(s.seg, p, uppers)
	return lr, why, err
}

func (s *serveCore) Coverage(ctx context.Context, id string) (*compare.CoverageReport, error) {
	p, err := s.c.store.Document(id)
	if err != nil {
		return nil, err
	}
	lowers, err := storedLowers(s.dir, p.Doc)
	if err != nil {
		return nil, web.InputError(fmt.Errorf("语料库中没有该文件的下级文件（%w）", err))
	}
	return compare.Coverage(s.seg, p, lowers)
}

// Add puts one file into the corpus with the add pipeline (addFile), the
// index opened for writing meanwhile.
func (s *serveCore) Add(ctx context.Context, name string, data []byte) (*web.Added, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ix.Close(); err != nil {
		return nil, err
	}
	res, err := addFile(ctx, s.c, name, data)
	if ierr := s.c.Idle(); err == nil {
		err = ierr
	}
	ix, oerr := index.Open(index.Path(s.dir), s.seg, &index.Options{ReadOnly: true})
	if oerr != nil {
		return nil, oerr
	}
	s.ix = ix
	if err != nil {
		return nil, err
	}
	return &web.Added{Docs: res.Docs, New: res.Status == added, Superseded: res.Superseded}, nil
}

func (s *serveCore) MaxUpload() int64 { return ingest.MaxSize }

func (s *serveCore) Bodies(ctx context.Context, q index.Query) ([]index.BodyCount, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.ix.Bodies(ctx, q)
}

func (s *serveCore) Duties(ctx context.Context, q web.DutyQuery) ([]report.Duty, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	role := q.Role
	if role == "" {
		role = "any"
	}
	return findDuties(ctx, s.dir, q.Unit, role, q.Filter)
}
