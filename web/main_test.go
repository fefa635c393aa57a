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

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/segment"
)

// fixture is the corpus the tests share: the sample corpus, a county plan
// that the sample town plan cites, and two versions of a county fire plan,
// added in that order.
var fixture struct {
	once sync.Once
	err  error
	dir  string
	seg  *segment.Segmenter
	core *testCore
	srv  *Server
	ids  map[string][]string // document IDs by file name
}

// fixtureFiles are added to the shared corpus, in order, after the samples.
var fixtureFiles = []string{"jiaocheng_county_2024.txt", "fire_plan_v1.txt", "fire_plan_v2.txt"}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixture.core != nil {
		fixture.core.Close()
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
	c, err := openTestCore(dir, seg)
	if err != nil {
		return err
	}
	fixture.core = c
	fixture.ids = map[string][]string{}
	add := func(name string, data []byte) error {
		a, err := c.Add(context.Background(), name, data)
		if err != nil {
			return err
		}
		fixture.ids[filepath.Base(name)] = a.Docs
		return nil
	}
	samples, err := fs.Glob(corpus.Samples(), "samples/*.txt")
	if err != nil {
		return err
	}
	sort.Strings(samples)
	for _, name := range samples {
		data, err := fs.ReadFile(corpus.Samples(), name)
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
