package workspace

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/dutymap/dutymap/samples"
	"github.com/dutymap/dutymap/store"
)

// DefaultDir returns the corpus directory used when none is named:
// $DUTYMAP_HOME, else dutymap's folder in the user's data directory
// ($XDG_DATA_HOME/dutymap, or ~/.local/share/dutymap). explicit says
// whether the user chose it ($DUTYMAP_HOME): a chosen corpus that does not
// exist is an error to report, the default one is a corpus not made yet.
func DefaultDir() (dir string, explicit bool, err error) {
	if d := os.Getenv("DUTYMAP_HOME"); d != "" {
		return d, true, nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "dutymap"), false, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", false, fmt.Errorf("no corpus directory: set --corpus or $DUTYMAP_HOME (%w)", err)
	}
	return filepath.Join(home, ".local", "share", "dutymap"), false, nil
}

// SampleInputs returns the sample documents shipped with dutymap as
// Inputs named "samples/NAME.txt", with no path: ReadInput reads them from
// the binary.
func SampleInputs() []Input {
	names, _ := fs.Glob(samples.FS(), "*.txt")
	out := make([]Input, 0, len(names))
	for _, n := range names {
		out = append(out, Input{Name: "samples/" + n})
	}
	return out
}

// AddSamples adds the sample documents to the corpus as AddFiles does,
// reporting each to fn.
func (w *Workspace) AddSamples(ctx context.Context, fn func(AddResult, error)) (AddSummary, error) {
	return w.AddFiles(ctx, SampleInputs(), fn)
}

// SamplesDir returns the corpus that holds the sample documents, kept
// apart from the user's so that they never enter it unasked: a folder of
// the user's cache directory, named for the build of dutymap that made it
// (a newer build parses the samples afresh).
func SamplesDir() (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no folder for the sample corpus: %w", err)
	}
	return filepath.Join(cache, "dutymap", "samples-"+buildStamp()), nil
}

// buildStamp names this build of dutymap: its version control revision,
// and for a build of changed sources the size and time of the executable.
func buildStamp() string {
	var parts []string
	if bi, ok := debug.ReadBuildInfo(); ok {
		parts = append(parts, bi.Main.Version)
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				parts = append(parts, s.Value)
			}
		}
	}
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			parts = append(parts, fmt.Sprint(fi.Size(), fi.ModTime().UnixNano()))
		}
	}
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:])[:12]
}

// OpenSamples returns a View of the sample corpus, building it first if
// this build has not (see SamplesDir).
func OpenSamples(ctx context.Context, opts Options) (*View, error) {
	dir, err := SamplesDir()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, "complete")); err != nil {
		o := opts
		o.Role = "samples"
		w, err := Open(ctx, dir, o)
		var le *store.LockedError
		switch {
		case errors.As(err, &le):
			// Another process is building it, which takes seconds.
			for i := 0; i < 300 && ctx.Err() == nil; i++ {
				if _, err := os.Stat(filepath.Join(dir, "complete")); err == nil {
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
		case err != nil:
			return nil, err
		default:
			_, aerr := w.AddSamples(ctx, func(AddResult, error) {})
			if aerr == nil {
				aerr = os.WriteFile(filepath.Join(dir, "complete"), nil, 0o644)
			}
			if cerr := w.Close(); aerr == nil {
				aerr = cerr
			}
			if aerr != nil {
				return nil, fmt.Errorf("build the sample corpus in %s: %w", dir, aerr)
			}
			removeOldSamples(dir)
		}
	}
	return OpenView(ctx, dir, opts)
}

// removeOldSamples removes the sample corpora of other builds beside dir
// that no process holds.
func removeOldSamples(dir string) {
	others, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), "samples-*"))
	for _, o := range others {
		if o == dir {
			continue
		}
		st, err := store.Open(o, "cleanup")
		if err != nil {
			continue
		}
		st.Close()
		os.RemoveAll(o)
	}
}

// Version returns this build's version: the module's version ("(devel)"
// for a build from a checkout), the version control revision it was built
// from, its time, and "modified" when the checkout had changes — all from
// the build information the go command records (debug.ReadBuildInfo).
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown build)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, at string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return v + ", no revision recorded"
	}
	v += ", revision " + rev
	if at != "" {
		v += " of " + at
	}
	if modified {
		v += ", modified"
	}
	return v + ", " + bi.GoVersion
}
