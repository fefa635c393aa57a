package web

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/dutymap/dutymap/index"
)

// Counting facets costs about a microsecond per hit (bleve visits the
// values of every hit), far more than finding a page of hits: 80 ms for
// the 100,000 obligations of an empty query, against 5 ms for its first
// page. So the page's hits are searched without facets, and the facets
// of a query are counted by a search of their own whose answer is kept
// for a while: paging through a result, or coming back to it, counts
// them once.

// facetTTL is how long counted facets are kept. A file added meanwhile
// changes the query's total, which counts them again at once; an older
// version replaced by one with as many matching obligations shows the
// old counts until then.
const facetTTL = 2 * time.Minute

// facetCacheSize bounds the queries whose facets are kept.
const facetCacheSize = 256

type facetEntry struct {
	total  uint64
	facets []index.Facet
	at     time.Time
}

// facetCache keeps the facets of recent queries, by query.
type facetCache struct {
	mu      sync.Mutex
	entries map[string]facetEntry
}

// facets returns the facets of q, whose hits number total: from the cache
// when counted lately for as many hits, else counted now.
func (s *Server) facets(ctx context.Context, q index.Query, total uint64) ([]index.Facet, error) {
	if total == 0 {
		return nil, nil
	}
	q.Limit, q.Offset, q.Facets = 1, 0, true
	key := fmt.Sprintf("%#v", q)
	c := &s.facetCache
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && e.total == total && time.Since(e.at) < facetTTL {
		return e.facets, nil
	}
	res, err := s.core.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= facetCacheSize {
		// Dropping all at once keeps the cache simple; it refills with
		// the queries in use.
		c.entries = map[string]facetEntry{}
	}
	c.entries[key] = facetEntry{total: res.Total, facets: res.Facets, at: time.Now()}
	return res.Facets, nil
}
