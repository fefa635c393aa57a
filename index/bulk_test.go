package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

// TestAddAllBulk indexes more obligations than one batch holds with AddAll
// into a bulk index, and checks that every one is found after Close, which
// leaves one segment and no file of the segments merged into it.
func TestAddAllBulk(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(dir, seg(t), &Options{Bulk: true})
	if err != nil {
		t.Fatal(err)
	}
	const docs, per = 62, 50 // 3,100 obligations: two batches
	i := 0
	err = ix.AddAll(context.Background(), func() (Doc, bool, error) {
		if i == docs {
			return Doc{}, false, nil
		}
		i++
		id := fmt.Sprintf("d-%02d", i)
		p := corpus.Parsed{Doc: &corpus.Document{ID: id, Level: corpus.LevelTown, PlanYear: 2024}}
		for j := range per {
			p.Obligations = append(p.Obligations, corpus.Obligation{ID: fmt.Sprintf("%s/o-%d", id, j+1), Doc: id,
				Text: fmt.Sprintf("第%d项：开展燃气安全专项整治，%d月底前完成排查。", j+1, j%12+1)})
		}
		return Doc{Parsed: p}, true, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	files, err := os.ReadDir(filepath.Join(dir, "store"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name())
	}
	if len(names) != 2 || !slices.Contains(names, "root.bolt") {
		t.Errorf("closed bulk index holds %v, want root.bolt and one segment", names)
	}
	ro, err := Open(dir, seg(t), &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if n, _ := ro.Count(); n != docs*per {
		t.Errorf("%d obligations indexed, want %d", n, docs*per)
	}
	r, err := ro.Search(context.Background(), Query{Text: `"燃气安全专项整治"`, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != docs*per {
		t.Errorf("the phrase all obligations share finds %d, want %d", r.Total, docs*per)
	}
	for _, id := range []string{"d-01", "d-62"} {
		if ok, _ := ro.Has(id); !ok {
			t.Errorf("!Has(%s)", id)
		}
	}
}
