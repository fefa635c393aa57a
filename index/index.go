package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/segment"
)

// Index is a bleve index of obligations. One writer at a time may open an
// index directory; readers open it with Options.ReadOnly.
type Index struct {
	b     bleve.Index
	seg   *segment.Segmenter
	bulk  bool
	words subCache // finest words of the words of texts and queries
}

// Options tune Open.
type Options struct {
	// ReadOnly opens an existing index for searching only. Open then fails
	// rather than create a missing index.
	ReadOnly bool
	// Bulk lets batches return before they reach the disk: faster for a
	// rebuild that is redone from scratch if interrupted, wrong for adds
	// that must survive a crash. Close then merges the index into one
	// segment.
	Bulk bool
}

// ErrNotExist is returned (wrapped) by Open when a read-only index is missing.
var ErrNotExist = errors.New("index does not exist")

// ErrBusy is returned (wrapped) by Open when another process holds the
// index for writing.
var ErrBusy = errors.New("index in use by another process")

// ErrStale is returned (wrapped) by Open when the index was written by
// another version of dutymap and must be rebuilt.
var ErrStale = errors.New("index was built by another version of dutymap")

const (
	schemaKey   = "dutymap:schema"
	docPrefix   = "dutymap:doc:"
	positionKey = "dutymap:position"
)

// Open opens the index in dir, creating it when it does not exist (unless
// opts.ReadOnly). seg is the segmenter the index's analyzer cuts with; the
// caller builds it once per process and may share it.
//
// A writer holding the index makes Open fail after about a second, with an
// error naming the directory, rather than wait.
func Open(dir string, seg *segment.Segmenter, opts *Options) (*Index, error) {
	if opts == nil {
		opts = &Options{}
	}
	cfg := map[string]interface{}{"bolt_timeout": "1s"}
	if opts.ReadOnly {
		cfg["read_only"] = true
	}
	if opts.Bulk {
		cfg["unsafe_batch"] = true
	}
	b, err := bleve.OpenUsing(dir, cfg)
	switch {
	case errors.Is(err, bleve.ErrorIndexPathDoesNotExist) || errors.Is(err, bleve.ErrorIndexMetaMissing):
		if opts.ReadOnly {
			return nil, fmt.Errorf("open index %s: %w", dir, ErrNotExist)
		}
		b, err = create(dir, opts)
	case err != nil && strings.Contains(err.Error(), "timeout"):
		return nil, fmt.Errorf("open index %s: %w (%v)", dir, ErrBusy, err)
	}
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	ix := &Index{b: b, seg: seg, bulk: opts.Bulk}
	v, err := b.GetInternal([]byte(schemaKey))
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	if string(v) != schemaVersion {
		b.Close()
		return nil, fmt.Errorf("open index %s: %w", dir, ErrStale)
	}
	return ix, nil
}

func create(dir string, opts *Options) (bleve.Index, error) {
	// A directory left by a crash during creation holds no index yet.
	if err := os.RemoveAll(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	im, err := newMapping()
	if err != nil {
		return nil, err
	}
	cfg := map[string]interface{}{}
	if opts.Bulk {
		cfg["unsafe_batch"] = true
	}
	b, err := bleve.NewUsing(dir, im, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, cfg)
	if err != nil {
		return nil, err
	}
	if err := b.SetInternal([]byte(schemaKey), []byte(schemaVersion)); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

// Close closes the index. An index opened with Options.Bulk is first
// written to disk whole, merged into one segment (see finishBulk).
func (ix *Index) Close() error {
	if ix.bulk {
		if err := ix.finishBulk(); err != nil {
			ix.b.Close()
			return fmt.Errorf("index: close: %w", err)
		}
	}
	return ix.b.Close()
}

// persist waits until every batch applied so far is on disk: it applies one
// more batch and waits for its persisted callback, which comes once its
// snapshot, holding all earlier batches, is written.
func (ix *Index) persist() error {
	done := make(chan error, 1)
	batch := ix.b.NewBatch()
	batch.SetInternal([]byte(schemaKey), []byte(schemaVersion))
	batch.SetPersistedCallback(func(err error) {
		select {
		case done <- err:
		default:
		}
	})
	if err := ix.b.Batch(batch); err != nil {
		return err
	}
	return <-done
}

// docMarker is stored beside the obligations of an indexed Document, in the
// same batch, so that its presence proves that they are all there.
type docMarker struct {
	Obligations []string `json:"obligations"`
	// Stamp is the caller's mark of the version indexed (Doc.Stamp).
	Stamp uint64 `json:"stamp,omitempty"`
}

func (ix *Index) marker(docID string) (*docMarker, error) {
	v, err := ix.b.GetInternal([]byte(docPrefix + docID))
	if err != nil {
		return nil, fmt.Errorf("index: read %s: %w", docID, err)
	}
	if v == nil {
		return nil, nil
	}
	var m docMarker
	if err := json.Unmarshal(v, &m); err != nil {
		return nil, fmt.Errorf("index: read %s: %w", docID, err)
	}
	return &m, nil
}

// Has reports whether the Document with the given ID is fully indexed.
func (ix *Index) Has(docID string) (bool, error) {
	m, err := ix.marker(docID)
	return m != nil, err
}

// Indexed is what the index holds of one Document: how many obligations,
// and the stamp it was indexed with.
type Indexed struct {
	Obligations int
	Stamp       uint64
}

// Lookup returns what the index holds of the Document with the given ID,
// and whether it holds it at all.
func (ix *Index) Lookup(docID string) (Indexed, bool, error) {
	m, err := ix.marker(docID)
	if err != nil || m == nil {
		return Indexed{}, false, err
	}
	return Indexed{Obligations: len(m.Obligations), Stamp: m.Stamp}, true, nil
}

// Doc is a Document to index with a stamp of the caller's: a number that
// identifies the version indexed (the store's commit that wrote it), so
// that Lookup can tell an out-of-date Document from a current one.
type Doc struct {
	corpus.Parsed
	Stamp uint64
}

// Change is one batch of changes to the index: Documents to index (each
// replacing what the index held of it), Documents to take out, and the
// position the index reaches with them.
type Change struct {
	Add    []Doc
	Remove []string // IDs of Documents
	// Position, if not 0, is recorded with the batch (see Position): the
	// caller's count of the changes the index has followed.
	Position uint64
}

// Add indexes the obligations of the given Documents in one batch, which
// reaches the index whole or not at all. A Document indexed before is
// replaced: obligations it no longer has are removed.
func (ix *Index) Add(ctx context.Context, docs ...corpus.Parsed) error {
	c := Change{Add: make([]Doc, len(docs))}
	for i, p := range docs {
		c.Add[i] = Doc{Parsed: p}
	}
	return ix.Apply(ctx, c)
}

// maxBatch is the most obligations of one Document that Apply hands bleve
// in one batch. Bleve analyses a whole batch before it writes any of it,
// and the token frequencies and positions of an obligation's fields take
// tens of kilobytes: with the store's other savings, `dutymap add` of a
// plan of 4 MB of text (19,000 obligations) peaked at 1.26 GB of RSS with
// one batch per document, 285 MB with batches of 500 and 240 MB with 250;
// 100 saved 15 MB more for a third more CPU time (more segments to merge).
// An index opened with Options.Bulk — a rebuild, where CPU time counts and
// memory is bounded by AddAll's batches anyway — takes BatchObligations.
const maxBatch = 250

// pieceLimit is the most obligations of one Document that Apply hands
// bleve in one batch.
func (ix *Index) pieceLimit() int {
	if ix.bulk {
		return BatchObligations
	}
	return maxBatch
}

// Apply makes the changes of c in as few batches as BatchObligations
// allows. Documents go whole into one batch, which is handed to bleve once
// it holds BatchObligations obligations or more, before the next Document
// (so that a Change a little over the size still goes in one); only a
// Document of more obligations than one batch of an add holds
// (maxBatch, or BatchObligations with Options.Bulk) is split, a batch
// handed to bleve after each such piece of it but the last. Each Document's marker, and the
// removal of the obligations its new version no longer has, go with its
// last obligation; the Documents removed and the position with the last
// batch. A search sees the index before a batch or after it: it sees the
// old version of a Document or the new one whole, never part of one
// (except a split Document, whose new version it may see in part beside
// the old), and a new version that replaces an old one never makes a
// total fall in between; a Document counts as indexed (Has) only once all
// its obligations are. When Apply fails after some batches, the index
// holds them and not the position: the caller's next Apply of the same
// Change completes it. A Document both added and removed is added.
func (ix *Index) Apply(ctx context.Context, c Change) error {
	batch := ix.b.NewBatch()
	pending, piece := 0, ix.pieceLimit()
	send := func() error {
		if err := ix.b.Batch(batch); err != nil {
			return fmt.Errorf("index: %w", err)
		}
		batch, pending = ix.b.NewBatch(), 0
		return ctx.Err()
	}
	adding := make(map[string]bool, len(c.Add))
	for _, d := range c.Add {
		if err := ctx.Err(); err != nil {
			return err
		}
		p := d.Parsed
		if pending >= BatchObligations {
			if err := send(); err != nil {
				return err
			}
		}
		adding[p.Doc.ID] = true
		old, err := ix.marker(p.Doc.ID)
		if err != nil {
			return err
		}
		m := docMarker{Obligations: make([]string, 0, len(p.Obligations)), Stamp: d.Stamp}
		for i := range p.Obligations {
			if i > 0 && i%piece == 0 {
				if err := send(); err != nil {
					return err
				}
			}
			o := &p.Obligations[i]
			if err := batch.Index(o.ID, ix.record(p.Doc, o)); err != nil {
				return fmt.Errorf("index %s: %w", o.ID, err)
			}
			pending++
			m.Obligations = append(m.Obligations, o.ID)
		}
		if old != nil {
			keep := map[string]bool{}
			for _, id := range m.Obligations {
				keep[id] = true
			}
			for _, id := range old.Obligations {
				if !keep[id] {
					batch.Delete(id)
				}
			}
		}
		v, err := json.Marshal(m)
		if err != nil {
			return err
		}
		batch.SetInternal([]byte(docPrefix+p.Doc.ID), v)
	}
	for _, id := range c.Remove {
		if adding[id] {
			continue
		}
		m, err := ix.marker(id)
		if err != nil {
			return err
		}
		if m == nil {
			continue
		}
		for _, oid := range m.Obligations {
			batch.Delete(oid)
		}
		batch.DeleteInternal([]byte(docPrefix + id))
	}
	if c.Position != 0 {
		batch.SetInternal([]byte(positionKey), []byte(strconv.FormatUint(c.Position, 10)))
	}
	if err := ix.b.Batch(batch); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

// Position returns the position recorded by the last Change that set one;
// 0 when none did.
func (ix *Index) Position() (uint64, error) {
	v, err := ix.b.GetInternal([]byte(positionKey))
	if err != nil {
		return 0, fmt.Errorf("index: read position: %w", err)
	}
	if v == nil {
		return 0, nil
	}
	n, err := strconv.ParseUint(string(v), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("index: read position: %w", err)
	}
	return n, nil
}

// Delete removes the obligations of the Document with the given ID. It is
// not an error if the Document is not indexed.
func (ix *Index) Delete(docID string) error {
	if err := ix.Apply(context.Background(), Change{Remove: []string{docID}}); err != nil {
		return fmt.Errorf("index: delete %s: %w", docID, err)
	}
	return nil
}

// Stats counts the work the index has done since it was opened: what
// grouping many Documents into one Change saves, each batch being a
// segment that bleve merges later.
type Stats struct {
	Batches uint64 // batches applied
	Merges  uint64 // segments merged, in memory and on disk
}

// Stats returns the counts of the work done since Open.
func (ix *Index) Stats() (Stats, error) {
	sc, err := ix.scorch()
	if err != nil {
		return Stats{}, err
	}
	m := sc.StatsMap()
	n := func(k string) uint64 { v, _ := m[k].(uint64); return v }
	return Stats{Batches: n("TotBatches"), Merges: n("TotMemMergeSegments") + n("TotFileMergePlanTasksSegments")}, nil
}

// Count returns the number of indexed obligations.
func (ix *Index) Count() (uint64, error) { return ix.b.DocCount() }

// newRecord flattens an obligation and its document into what is indexed.
func newRecord(d *corpus.Document, o *corpus.Obligation) *record {
	r := &record{
		Text:      o.Text,
		Doc:       d.ID,
		Level:     string(d.Level),
		Issuer:    d.Issuer,
		DocNumber: d.DocNumber,
		Sector:    o.Sectors,
		Modality:  string(o.Modality),
		Date:      d.Date,

		ShowTitle:       d.Title,
		ShowSource:      d.Source,
		ShowPath:        strings.Join(o.Path, " "),
		ShowHeading:     o.Heading,
		ShowLead:        strings.Join(o.Lead, "、"),
		ShowSupport:     strings.Join(o.Support, "、"),
		ShowResponsible: strings.Join(o.Responsible, "、"),
	}
	r.setUnits(d, o)
	if d.PlanYear > 0 {
		r.PlanYear = float64(d.PlanYear)
	}
	if d.Place != nil && d.Place.Code != "" {
		r.Region = append(r.Region, d.Place.Code)
	}
	for _, p := range d.Region {
		if p.Code != "" {
			r.Region = append(r.Region, p.Code)
		}
	}
	var freq, due []string
	for _, f := range o.Frequencies {
		r.Period = append(r.Period, string(f.Period))
		r.Count = append(r.Count, float64(f.Count))
		freq = append(freq, f.Raw)
	}
	for _, x := range o.Deadlines {
		if date := deadlineDate(x.Date, d.PlanYear); date != "" {
			r.Deadline = append(r.Deadline, date)
		}
		due = append(due, x.Raw)
	}
	r.ShowFrequency = strings.Join(freq, "；")
	r.ShowDeadline = strings.Join(due, "；")
	return r
}

// deadlineDate returns an ISO deadline date, completing "--MM-DD" with the
// plan year; "" when no full date can be made.
func deadlineDate(date string, planYear int) string {
	if strings.HasPrefix(date, "--") {
		if planYear <= 0 {
			return ""
		}
		date = strconv.Itoa(planYear) + date[1:]
	}
	if len(date) != len("2006-01-02") {
		return ""
	}
	return date
}

// Path returns where a corpus directory keeps its index.
func Path(corpusDir string) string { return filepath.Join(corpusDir, "index") }

// AddMany indexes the batches that next hands out with workers concurrent
// Adds (at least one), until next returns nil. Each batch is applied whole;
// bleve builds the segments of concurrent batches in parallel, which is what
// makes a rebuild use every core. It stops at the first error.
func (ix *Index) AddMany(ctx context.Context, workers int, next func() ([]corpus.Parsed, error)) error {
	return ix.ApplyMany(ctx, workers, func() (*Change, error) {
		docs, err := next()
		if err != nil || docs == nil {
			return nil, err
		}
		c := &Change{Add: make([]Doc, len(docs))}
		for i, p := range docs {
			c.Add[i] = Doc{Parsed: p}
		}
		return c, nil
	})
}

// ApplyMany applies the Changes that next hands out with workers
// concurrent Applies (at least one), until next returns nil, as AddMany
// does. Positions are best set after it returns, by one more Apply: the
// batches may land in any order.
func (ix *Index) ApplyMany(ctx context.Context, workers int, next func() (*Change, error)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan *Change)
	errs := make(chan error, workers+1)
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range work {
				if err := ix.Apply(ctx, *c); err != nil {
					errs <- err
					cancel()
					return
				}
			}
		}()
	}
	var err error
feed:
	for {
		var c *Change
		if c, err = next(); err != nil || c == nil {
			break
		}
		select {
		case work <- c:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	close(errs)
	if err != nil {
		return err
	}
	if werr := <-errs; werr != nil {
		return werr
	}
	return ctx.Err()
}
