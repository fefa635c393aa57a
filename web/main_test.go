package web

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/dutymap/dutymap/samples"
	"github.com/dutymap/dutymap/segment"
	"github.com/dutymap/dutymap/workspace"
)

// fixture is the corpus the tests share: the sample corpus, a county plan
// that the sample town plan cites, and two versions of a county fire plan,
// added in that order.
var fixture struct {
	once sync.Once
	err  error
	dir  string
	seg  *segment.Segmenter
	ws   *workspace.Workspace
	core Core
	srv  *Server
	ids  map[string][]string // document IDs by file name
}

// fixtureFiles are added to the shared corpus, in order, after the samples.
var fixtureFiles = []string{"jiaocheng_county_2024.txt", "fire_plan_v1.txt", "fire_plan_v2.txt"}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixture.ws != nil {
		fixture.ws.Close()
	}
	if fixture.dir != "" {
		os.RemoveAll(fixture.dir)
	}
	os.Exit(code)
}

// shared returns the server over the shared corpus, built on first use.
func shared(t testing.TB) *Server {
	t.Helper()
	fixture.once.Do(func() { fixture.err = buildFixture() })
	if fixture.err != nil {
		t.Fatal(fixture.err)
	}
	return fixture.srv
}

func buildFixture() error {
	seg, err := segment.New()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "dutymap-web-")
	if err != nil {
		return err
	}
	fixture.dir, fixture.seg = dir, seg
	w, err := openWorkspace(dir, seg, 0)
	if err != nil {
		return err
	}
	fixture.ws, fixture.core = w, FromWorkspace(w)
	c := fixture.core
	fixture.ids = map[string][]string{}
	add := func(name string, data []byte) error {
		a, err := c.Add(context.Background(), name, data)
		if err != nil {
			return err
		}
		fixture.ids[filepath.Base(name)] = a.Docs
		return nil
	}
	names, err := fs.Glob(samples.FS(), "*.txt")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		data, err := fs.ReadFile(samples.FS(), name)
		if err != nil {
			return err
		}
		if err := add(name, data); err != nil {
			return err
		}
	}
	for _, name := range fixtureFiles {
		data, err := os.ReadFile(filepath.Join("testdata", "corpus", name))
		if err != nil {
			return err
		}
		if err := add(name, data); err != nil {
			return err
		}
	}
	fixture.srv, err = New(c, Options{Loopback: true})
	return err
}

// openWorkspace opens the corpus directory dir for the tests, with the
// shared segmenter and the given limit on a file's size (the default when
// 0).
func openWorkspace(dir string, seg *segment.Segmenter, maxFile int64) (*workspace.Workspace, error) {
	return workspace.Open(context.Background(), dir, workspace.Options{
		Segmenter: func() (*segment.Segmenter, error) { return seg, nil },
		Role:      "test",
		Limits:    workspace.Limits{MaxFile: maxFile},
	})
}

// newCore returns the Core of a corpus of the test's own, empty, that
// takes files up to maxFile bytes (the default when 0).
func newCore(t testing.TB, maxFile int64) Core {
	t.Helper()
	shared(t)
	w, err := openWorkspace(t.TempDir(), fixture.seg, maxFile)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return FromWorkspace(w)
}

// docID returns the ID of the first document of a fixture file.
func docID(t testing.TB, name string) string {
	t.Helper()
	shared(t)
	ids := fixture.ids[name]
	if len(ids) == 0 {
		t.Fatalf("no document from %s in the fixture", name)
	}
	return ids[0]
}

// do sends a request to h and returns the status and body.
func do(t testing.TB, h http.Handler, req *http.Request) (int, string, http.Header) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(body), res.Header
}

// get GETs target from h as a browser on this machine would.
func get(t testing.TB, h http.Handler, target string) (int, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Host = "127.0.0.1:8080"
	code, body, _ := do(t, h, req)
	return code, body
}

// mustContain fails t for each of wants that body lacks.
func mustContain(t testing.TB, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s: want %q in the page\n%s", what, w, excerpt(body))
		}
	}
}

func excerpt(s string) string {
	if len(s) > 1500 {
		return s[:1500] + fmt.Sprintf("… (%d bytes)", len(s))
	}
	return s
}
