package workspace

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dutymap/dutymap/index"
)

// TestOpenSamples builds the sample corpus on first use, in a folder of
// its own, and reuses it after.
func TestOpenSamples(t *testing.T) {
	ctx := context.Background()
	v, err := OpenSamples(ctx, testOptions(""))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	dir, _ := SamplesDir()
	if v.Dir() != dir || filepath.Dir(filepath.Dir(dir)) != os.Getenv("XDG_CACHE_HOME") {
		t.Errorf("sample corpus in %s, want %s in the cache folder", v.Dir(), dir)
	}
	list, err := v.List()
	if err != nil || len(list) != 11 {
		t.Fatalf("the sample corpus lists %d documents, %v; want the 11 of the five samples", len(list), err)
	}
	res, err := v.Search(ctx, index.Query{Text: "每月 会议"})
	if err != nil || res.Total == 0 {
		t.Errorf("search of the samples: %v, %v", res, err)
	}
	fi, _ := os.Stat(filepath.Join(dir, "complete"))
	v2, err := OpenSamples(ctx, testOptions(""))
	if err != nil {
		t.Fatal(err)
	}
	v2.Close()
	if fi2, _ := os.Stat(filepath.Join(dir, "complete")); !fi2.ModTime().Equal(fi.ModTime()) {
		t.Error("the sample corpus was built again")
	}
}
