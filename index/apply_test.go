package index

import (
	"context"
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
