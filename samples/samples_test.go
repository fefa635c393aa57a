package samples_test

import (
	"io/fs"
	"testing"

	"github.com/dutymap/dutymap/samples"
)

func TestFS(t *testing.T) {
	names, err := fs.Glob(samples.FS(), "*.txt")
	if err != nil || len(names) != 5 {
		t.Fatalf("samples: %v, %v; want the five seeds", names, err)
	}
	for _, n := range names {
		b, err := fs.ReadFile(samples.FS(), n)
		if err != nil || len(b) < 1000 {
			t.Errorf("%s: %d bytes, %v", n, len(b), err)
		}
	}
}
