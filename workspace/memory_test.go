package workspace

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dutymap/dutymap/internal/plantext"
)

// BenchmarkAddPlan adds one work plan of 1 MB of text to a new corpus per
// iteration: the in-process twin of cmd/dutymap's peak RSS test, for
// profiling where adding a big document spends memory (-memprofile, and
// GODEBUG=gctrace=1 for the live heap).
func BenchmarkAddPlan(b *testing.B) {
	src, err := plantext.New()
	if err != nil {
		b.Fatal(err)
	}
	data := []byte(src.Plan(1<<20, 1))
	ctx := context.Background()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		w, err := Open(ctx, filepath.Join(b.TempDir(), "corpus"), testOptions("bench"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := w.Add(ctx, "plan.txt", data); err != nil {
			b.Fatal(err)
		}
		w.Close()
	}
}
