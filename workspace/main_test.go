package workspace

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/samples"
	"github.com/dutymap/dutymap/segment"
)

// The package's tests share one segmenter (its dictionary takes a while
// to load, longer under the race detector) and one corpus of the samples,
// built once, that tests only read.
var (
	testSeg     = sync.OnceValues(segment.New)
	sampleSetUp sync.Once
	sampleWS    *Workspace
	sampleErr   error
	sampleRoot  string
)

func TestMain(m *testing.M) {
	// The sample corpus of OpenSamples goes to a cache folder of the test's.
	cache, err := os.MkdirTemp("", "dutymap-test-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_CACHE_HOME", cache)
	code := m.Run()
	if sampleWS != nil {
		sampleWS.Close()
	}
	os.RemoveAll(sampleRoot)
	os.RemoveAll(cache)
	os.Exit(code)
}

func testOptions(role string) Options {
	return Options{Segmenter: testSeg, Role: role}
}

// sampleCorpus returns the shared, open corpus of the five samples. Tests
// must not change it.
func sampleCorpus(t testing.TB) *Workspace {
	t.Helper()
	sampleSetUp.Do(func() {
		if sampleRoot, sampleErr = os.MkdirTemp("", "dutymap-samples-"); sampleErr != nil {
			return
		}
		ctx := context.Background()
		if sampleWS, sampleErr = Open(ctx, filepath.Join(sampleRoot, "corpus"), testOptions("test")); sampleErr != nil {
			return
		}
		_, sampleErr = sampleWS.AddSamples(ctx, func(_ AddResult, err error) {
			if err != nil && sampleErr == nil {
				sampleErr = err
			}
		})
	})
	if sampleErr != nil {
		t.Fatal(sampleErr)
	}
	return sampleWS
}

// openTest opens a new corpus in a temporary folder.
func openTest(t testing.TB) *Workspace {
	t.Helper()
	w, err := Open(context.Background(), filepath.Join(t.TempDir(), "corpus"), testOptions("test"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// seed returns the bytes of a sample document.
func seed(t testing.TB, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(samples.FS(), name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The samples the tests use: small ones, each a single document.
const (
	seedTown   = "000_b8c2bae4e8864faf.txt" // 水峪贯镇 2024 plan, of 交城县, 吕梁市
	seedMulti  = "001_1f896dcc82d4bd9a.txt" // seven city and county work plans
	seedTown2  = "002_2a096b6dc4a12cff.txt" // 积翠镇 2023 专项排查整治
	seedSmall  = "003_7fa65165f7cec2ac.txt" // an anonymised town's 工作要点
	seedCounty = "004_a5e2ad6881a36660.txt" // 朔州市 2023 (a city)
)

// checkConsistent asserts that the index holds exactly the obligations of
// the corpus's current documents, each once, stamped with their commit,
// and that it has followed the store to its last commit.
func checkConsistent(t testing.TB, w *Workspace) {
	t.Helper()
	list, err := w.List()
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	w.ixMu.RLock()
	defer w.ixMu.RUnlock()
	for _, d := range list {
		got, has, err := w.ix.Lookup(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if has != d.Current() {
			t.Errorf("document %s (current %v) indexed %v", d.ID, d.Current(), has)
		}
		if d.Current() {
			want += d.Obligations
			if got.Obligations != d.Obligations || got.Stamp != d.Seq {
				t.Errorf("document %s indexed as %+v, stored with %d obligations at commit %d", d.ID, got, d.Obligations, d.Seq)
			}
		}
	}
	res, err := w.ix.Search(context.Background(), index.Query{Limit: want + 10})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, h := range res.Hits {
		if seen[h.ID] {
			t.Errorf("obligation %s indexed twice", h.ID)
		}
		seen[h.ID] = true
	}
	if int(res.Total) != want {
		t.Errorf("index holds %d obligations, the current documents have %d", res.Total, want)
	}
	pos, _ := w.ix.Position()
	seq, _ := w.st.Seq()
	if pos != seq {
		t.Errorf("index at position %d, store at commit %d", pos, seq)
	}
}
