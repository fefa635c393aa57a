package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/dutymap/dutymap/segment"
)

// The command tests call the commands in-process, sharing one segmenter
// (loading its dictionary takes a while, longer under the race detector);
// the behaviour behind them is tested in package workspace. Tests that
// kill dutymap run the binary, built once.
var testSeg = sync.OnceValues(segment.New)

// testRun runs dutymap with args in-process, as Run does, with the shared
// segmenter.
func testRun(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return newApp(stdin, stdout, stderr, testSeg).run(ctx, args)
}

func TestMain(m *testing.M) {
	// No test reads or writes the user's corpus or cache.
	home, err := os.MkdirTemp("", "dutymap-test-home-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// The go command keeps its build cache in the user's cache folder:
	// keep it there, so that building dutymap for the subprocess tests
	// reuses it.
	if os.Getenv("GOCACHE") == "" {
		if d, err := os.UserCacheDir(); err == nil {
			os.Setenv("GOCACHE", filepath.Join(d, "go-build"))
		}
	}
	os.Setenv("DUTYMAP_HOME", "")
	os.Setenv("XDG_DATA_HOME", filepath.Join(home, "data"))
	os.Setenv("XDG_CACHE_HOME", filepath.Join(home, "cache"))
	code := m.Run()
	os.RemoveAll(home)
	if builtBinary.path != "" {
		os.RemoveAll(filepath.Dir(builtBinary.path))
	}
	os.Exit(code)
}

// builtBinary is the dutymap binary the subprocess tests run, built once.
var builtBinary struct {
	once sync.Once
	path string
	err  error
}

func dutymapBinary(t testing.TB) string {
	t.Helper()
	builtBinary.once.Do(func() {
		goTool, err := exec.LookPath("go") // go test puts its own go first in PATH
		if err != nil {
			builtBinary.err = err
			return
		}
		dir, err := os.MkdirTemp("", "dutymap-bin-")
		if err != nil {
			builtBinary.err = err
			return
		}
		builtBinary.path = filepath.Join(dir, "dutymap")
		out, err := exec.Command(goTool, "build", "-o", builtBinary.path, ".").CombinedOutput()
		if err != nil {
			builtBinary.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if builtBinary.err != nil {
		t.Fatal(builtBinary.err)
	}
	return builtBinary.path
}

// testApp returns an app writing to stdout, its stderr discarded, with the
// shared segmenter.
func testApp(stdout io.Writer) *app { return newApp(nil, stdout, io.Discard, testSeg) }
