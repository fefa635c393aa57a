package compare

import (
	"io/fs"
	"sync"
	"testing"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/extract"
	"github.com/dutymap/dutymap/ingest"
	"github.com/dutymap/dutymap/samples"
	"github.com/dutymap/dutymap/segment"
)

var (
	segOnce sync.Once
	segTest *segment.Segmenter
	segErr  error
)

// testSegmenter returns the test binary's one segmenter.
func testSegmenter(t testing.TB) *segment.Segmenter {
	t.Helper()
	segOnce.Do(func() { segTest, segErr = segment.New() })
	if segErr != nil {
		t.Fatal(segErr)
	}
	return segTest
}

// seedParsed reads a seed of the sample corpus through the real ingest and
// extract stages; it must hold exactly one document.
func seedParsed(t testing.TB, name string) corpus.Parsed {
	t.Helper()
	ps := seedAll(t, name)
	if len(ps) != 1 {
		t.Fatalf("%s holds %d documents, want 1", name, len(ps))
	}
	return ps[0]
}

// seedAll reads every document of a seed through ingest and extract.
func seedAll(t testing.TB, name string) []corpus.Parsed {
	t.Helper()
	data, err := fs.ReadFile(samples.FS(), name)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := ingest.Parse(name, data)
	if err != nil {
		t.Fatalf("ingest %s: %v", name, err)
	}
	ex := extract.New(testSegmenter(t))
	var out []corpus.Parsed
	for _, d := range docs {
		d.Source = name
		out = append(out, corpus.Parsed{Doc: d, Obligations: ex.Extract(d)})
	}
	return out
}
