package index

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dutymap/dutymap/corpus"
)

// TestApply replaces a document by a new version and takes another out in
// one Change, and checks stamps, counts and the recorded position.
func TestApply(t *testing.T) {
	ix := openHand(t)
	ctx := context.Background()
	docs := handDocs()
	city, town := docs[0], docs[1]
	if pos, err := ix.Position(); err != nil || pos != 0 {
		t.Fatalf("Position of a new index = %d, %v", pos, err)
	}
	v2 := corpus.Parsed{Doc: &corpus.Document{ID: "d-city2", Title: city.Doc.Title, Issuer: city.Doc.Issuer, Level: city.Doc.Level},
		Obligations: city.Obligations[:1]}
	v2.Obligations = append([]corpus.Obligation(nil), v2.Obligations...)
	v2.Obligations[0].ID, v2.Obligations[0].Doc = "d-city2/o-1", "d-city2"
	err := ix.Apply(ctx, Change{Add: []Doc{{Parsed: v2, Stamp: 7}}, Remove: []string{"d-city", "d-none"}, Position: 7})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(); n != 3 {
		t.Errorf("Count = %d, want 3 (town 2 + city2 1)", n)
	}
	if got, ok, err := ix.Lookup("d-city2"); err != nil || !ok || got != (Indexed{Obligations: 1, Stamp: 7}) {
		t.Errorf("Lookup(d-city2) = %+v %v %v", got, ok, err)
	}
	if _, ok, _ := ix.Lookup("d-city"); ok {
		t.Error("d-city still indexed")
	}
	if got, ok, _ := ix.Lookup(town.Doc.ID); !ok || got.Stamp != 0 || got.Obligations != 2 {
		t.Errorf("Lookup(d-town) = %+v %v", got, ok)
	}
	if pos, err := ix.Position(); err != nil || pos != 7 {
		t.Errorf("Position = %d, %v; want 7", pos, err)
	}
	// Adding and removing the same document adds it.
	if err := ix.Apply(ctx, Change{Add: []Doc{{Parsed: city, Stamp: 8}}, Remove: []string{"d-city"}}); err != nil {
		t.Fatal(err)
	}
	if got, ok, _ := ix.Lookup("d-city"); !ok || got.Stamp != 8 {
		t.Errorf("d-city after add+remove: %+v %v", got, ok)
	}
	if pos, _ := ix.Position(); pos != 7 {
		t.Errorf("a Change without a position moved it to %d", pos)
	}
}

// TestApplyTotalNeverFalls searches while versions replace each other: a
// search sees the index before a Change or after it, never between.
func TestApplyTotalNeverFalls(t *testing.T) {
	ix := openHand(t)
	ctx := context.Background()
	city := handDocs()[0]
	want, err := ix.Search(ctx, Query{Text: "安全"})
	if err != nil {
		t.Fatal(err)
	}
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		prev := "d-city"
		for i := 0; !stop.Load(); i++ {
			id := "d-v" + string(rune('a'+i%26))
			if id == prev {
				id += "x"
			}
			v := corpus.Parsed{Doc: &corpus.Document{ID: id, Title: city.Doc.Title, Level: city.Doc.Level}}
			for _, o := range city.Obligations {
				o.ID, o.Doc = id+o.ID[len("d-city"):], id
				v.Obligations = append(v.Obligations, o)
			}
			if err := ix.Apply(ctx, Change{Add: []Doc{{Parsed: v}}, Remove: []string{prev}}); err != nil {
				t.Error(err)
				return
			}
			prev = id
		}
	}()
	deadline := time.Now().Add(time.Second)
	n := 0
	for ; time.Now().Before(deadline); n++ {
		res, err := ix.Search(ctx, Query{Text: "安全"})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != want.Total {
			t.Fatalf("search %d saw %d obligations, want %d", n, res.Total, want.Total)
		}
	}
	stop.Store(true)
	wg.Wait()
	t.Logf("%d searches", n)
}

// TestApplyLongDocument replaces a version by one with more obligations
// than one bleve batch holds: the new version is indexed whole, what the
// old one had and the new lacks is gone, the position comes with the last
// batch, and a search running meanwhile never sees fewer obligations.
func TestApplyLongDocument(t *testing.T) {
	ix := openHand(t)
	ctx := context.Background()
	city := handDocs()[0]
	version := func(id string, n int) corpus.Parsed {
		v := corpus.Parsed{Doc: &corpus.Document{ID: id, Title: city.Doc.Title, Level: city.Doc.Level}}
		for i := range n {
			o := city.Obligations[i%len(city.Obligations)]
			o.ID, o.Doc = fmt.Sprintf("%s/o-%d", id, i+1), id
			v.Obligations = append(v.Obligations, o)
		}
		return v
	}
	long := maxBatch + 7
	if err := ix.Apply(ctx, Change{Add: []Doc{{Parsed: version("d-long", long+3)}}, Remove: []string{"d-city"}, Position: 1}); err != nil {
		t.Fatal(err)
	}
	before, _ := ix.Count()
	stop := make(chan struct{})
	fell := make(chan uint64, 1)
	go func() {
		defer close(fell)
		for {
			select {
			case <-stop:
				return
			default:
			}
			if n, _ := ix.Count(); n < before {
				fell <- n
				return
			}
		}
	}()
	// The same document again with three obligations fewer, across a batch
	// boundary, and a second one in the last batch.
	err := ix.Apply(ctx, Change{Add: []Doc{{Parsed: version("d-long", long), Stamp: 2}, {Parsed: version("d-more", 10), Stamp: 2}}, Position: 2})
	close(stop)
	if n, ok := <-fell; ok {
		t.Errorf("a search saw %d obligations during the change, fewer than the %d before", n, before)
	}
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]int{"d-long": long, "d-more": 10} {
		if got, ok, err := ix.Lookup(id); err != nil || !ok || got != (Indexed{Obligations: want, Stamp: 2}) {
			t.Errorf("Lookup(%s) = %+v %v %v, want %d obligations", id, got, ok, err, want)
		}
	}
	town := len(handDocs()[1].Obligations)
	if n, _ := ix.Count(); n != uint64(long+10+town) {
		t.Errorf("Count = %d, want %d", n, long+10+town)
	}
	if pos, _ := ix.Position(); pos != 2 {
		t.Errorf("Position = %d, want 2", pos)
	}
}

// TestApplyWholeDocuments applies one Change of many small Documents, each
// replacing its old version by one of twice the obligations: bleve gets
// one batch per BatchObligations obligations, not one per maxBatch, each
// batch cut between Documents, so that a search meanwhile sees every
// Document old or new, never in part (the total moves by whole Documents).
func TestApplyWholeDocuments(t *testing.T) {
	ix := openHand(t)
	ctx := context.Background()
	city := handDocs()[0]
	const docs, small = 30, 100 // 6,000 new obligations: two batches
	version := func(id string, ids []int) Doc {
		v := corpus.Parsed{Doc: &corpus.Document{ID: id, Title: city.Doc.Title, Level: city.Doc.Level}}
		for _, i := range ids {
			o := city.Obligations[i%len(city.Obligations)]
			o.ID, o.Doc = fmt.Sprintf("%s/o-%d", id, i), id
			v.Obligations = append(v.Obligations, o)
		}
		return Doc{Parsed: v}
	}
	seq := func(from, to int) []int {
		var out []int
		for i := from; i <= to; i++ {
			out = append(out, i)
		}
		return out
	}
	var olds, news Change
	for d := range docs {
		id := fmt.Sprintf("d-%02d", d)
		olds.Add = append(olds.Add, version(id, seq(1, small)))
		// The obligations the old version lacks come first, so that a batch
		// cut inside the Document would show in the total.
		news.Add = append(news.Add, version(id, append(seq(small+1, 2*small), seq(1, small)...)))
	}
	if err := ix.Apply(ctx, olds); err != nil {
		t.Fatal(err)
	}
	before, _ := ix.Count()
	st0, err := ix.Stats()
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	seen := make(chan []uint64, 1)
	go func() {
		var odd []uint64
		defer func() { seen <- odd }()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if n, _ := ix.Count(); (n-before)%small != 0 {
				odd = append(odd, n)
			}
		}
	}()
	err = ix.Apply(ctx, news)
	close(stop)
	if odd := <-seen; len(odd) > 0 {
		t.Errorf("searches saw Documents in part: totals %v (before %d, whole Documents of %d)", odd[:min(len(odd), 5)], before, small)
	}
	if err != nil {
		t.Fatal(err)
	}
	st1, _ := ix.Stats()
	if got, want := st1.Batches-st0.Batches, uint64(2*docs*small/BatchObligations); got != want {
		t.Errorf("%d obligations went in %d batches, want %d", 2*docs*small, got, want)
	}
	if n, _ := ix.Count(); n != before+docs*small {
		t.Errorf("Count = %d, want %d", n, before+docs*small)
	}
}
