package index

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// BatchObligations is about how many obligations one batch should hold when
// many Documents are indexed at once (a rebuild, a run over an inbox): each
// batch becomes one segment that bleve later merges, so batches of a few
// thousand obligations cost some 15 % less CPU than batches of one
// thousand, and far less than one batch per Document; larger ones save
// little more and hold about 100 KB per obligation in memory while they
// are built. AddAll batches by it, and Apply hands bleve batches of up to
// this many obligations of whole Documents (a long Document is split into
// pieces of maxBatch, to bound the memory of one add, unless the index is
// opened with Options.Bulk).
const BatchObligations = 3000

// AddAll indexes the Documents that next hands out, until it reports no
// more, in batches of about BatchObligations obligations, as many at once
// as the process has CPUs: bleve builds the segments of concurrent batches
// in parallel, and more batches than CPUs only add memory. Each batch is
// applied whole (see Apply), in any order; it stops at the first error.
func (ix *Index) AddAll(ctx context.Context, next func() (Doc, bool, error)) error {
	done := false
	return ix.ApplyMany(ctx, runtime.GOMAXPROCS(0), func() (*Change, error) {
		c := &Change{}
		for n := 0; !done && n < BatchObligations; {
			d, ok, err := next()
			if err != nil {
				return nil, err
			}
			if !ok {
				done = true
				break
			}
			c.Add = append(c.Add, d)
			n += len(d.Obligations)
		}
		if len(c.Add) == 0 {
			return nil, nil
		}
		return c, nil
	})
}

// finishBulk makes an index opened with Options.Bulk whole on disk before
// it is closed: its segments merged into one, that segment persisted, and
// the files of the segments merged away deleted. A rebuilt index is then
// as small as it gets, and a search of it reads one dictionary per term
// rather than one per segment.
func (ix *Index) finishBulk() error {
	sc, err := ix.scorch()
	if err != nil {
		return err
	}
	// Only segments on disk are merged, and the merged one is on disk once
	// a snapshot holding it is.
	if err := ix.persist(); err != nil {
		return err
	}
	// bleve's plan for one segment merges ten at a time, once.
	one := mergeplan.SingleSegmentMergePlanOptions
	one.SegmentsPerMergeTask = math.MaxInt32
	if err := sc.ForceMerge(context.Background(), &one); err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	if err := ix.persist(); err != nil {
		return err
	}
	return ix.settle(sc)
}

func (ix *Index) scorch() (*scorch.Scorch, error) {
	adv, err := ix.b.Advanced()
	if err != nil {
		return nil, err
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil, fmt.Errorf("unexpected index type %T", adv)
	}
	return sc, nil
}

// settleWait bounds how long settle waits for bleve's cleaner.
const settleWait = time.Minute

// settle waits until no file of a segment merged away is left on disk:
// bleve deletes them in the background, once the snapshot that replaced
// them is persisted, and closing the index first leaves them there until
// it is next opened for writing. It gives up, leaving them, after
// settleWait.
func (ix *Index) settle(sc *scorch.Scorch) error {
	for deadline := time.Now().Add(settleWait); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		r, err := sc.Reader()
		if err != nil {
			return err
		}
		live := 0
		if s, ok := r.(*scorch.IndexSnapshot); ok {
			live = len(s.Segments())
		}
		if err := r.Close(); err != nil {
			return err
		}
		// The files are the live segments' and root.bolt.
		if files, ok := sc.StatsMap()["CurOnDiskFiles"].(uint64); !ok || files <= uint64(live)+1 {
			return nil
		}
	}
	return nil
}
