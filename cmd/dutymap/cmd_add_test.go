package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dutymap/dutymap/store"
)

// dutymap runs the command line args in-process and returns its output.
func dutymap(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	err = testRun(context.Background(), args, nil, &out, &errb)
	return out.String(), errb.String(), err
}

// sampleFiles writes the seeds given to dir and returns their paths.
func sampleFiles(t *testing.T, dir string, seeds ...string) []string {
	t.Helper()
	var out []string
	for _, s := range seeds {
		p := filepath.Join(dir, s)
		if err := os.WriteFile(p, batchSeed(t, s), 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

func TestAddListSearch(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	files := sampleFiles(t, t.TempDir(), seedTown, seedSmall, seedCounty)
	out, errs, err := dutymap(t, append([]string{"add", "--corpus", dir}, files...)...)
	if err != nil || !strings.HasPrefix(out, "3 added, 0 unchanged, 0 failed — corpus "+dir) {
		t.Fatalf("add: %v %q %q", err, out, errs)
	}
	out, _, err = dutymap(t, append([]string{"add", "--corpus", dir, "--json"}, files...)...)
	if err != nil || strings.Count(out, `"status":"unchanged"`) != 3 {
		t.Errorf("add again: %v %q", err, out)
	}
	out, _, err = dutymap(t, "list", "--corpus", dir)
	for _, want := range []string{"水政发〔2024〕1号", "朔州市人民政府", "town", "city", "3 documents in " + dir} {
		if err != nil || !strings.Contains(out, want) {
			t.Errorf("list lacks %q (%v):\n%s", want, err, out)
		}
	}
	out, _, err = dutymap(t, "search", "--corpus", dir, "--json", "每月", "会议")
	var res searchJSON
	if err != nil || json.Unmarshal([]byte(out), &res) != nil || res.Total == 0 || !strings.Contains(res.Hits[0].Highlighted, "【") {
		t.Errorf("search: %v %q", err, out)
	}
	out, _, err = dutymap(t, "reindex", "--corpus", dir)
	if err != nil || !strings.Contains(out, fmt.Sprintf("indexed %d obligations of 3 documents of 3 files", res.Total)) && !strings.Contains(out, "of 3 documents of 3 files") {
		t.Errorf("reindex: %v %q", err, out)
	}
}

func TestAddNeedsFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	if _, _, err := dutymap(t, "add", "--corpus", dir); err == nil || !strings.Contains(err.Error(), "--samples") {
		t.Errorf("add without files: %v", err)
	}
	if store.IsCorpus(dir) {
		t.Error("add without files made a corpus")
	}
	out, _, err := dutymap(t, "add", "--corpus", dir, "--samples")
	if err != nil || !strings.HasPrefix(out, "5 added") {
		t.Errorf("add --samples: %v %q", err, out)
	}
}

// TestReadCommandsNeverCreate names a corpus that is not there: the read
// commands say so and make nothing.
func TestReadCommandsNeverCreate(t *testing.T) {
	typo := filepath.Join(t.TempDir(), "corpsu")
	for _, args := range [][]string{
		{"list", "--corpus", typo},
		{"search", "--corpus", typo, "会议"},
		{"export", "--corpus", typo, "--csv", filepath.Join(t.TempDir(), "x.csv"), "会议"},
		{"compare", "--corpus", typo, filepath.Join("..", "..", "samples", seedTown)},
	} {
		_, _, err := dutymap(t, args...)
		if err == nil || !strings.Contains(err.Error(), "no corpus at "+typo) {
			t.Errorf("%s: %v, want no corpus at %s", args[0], err, typo)
		}
	}
	t.Setenv("DUTYMAP_HOME", typo)
	if _, _, err := dutymap(t, "list"); err == nil || !strings.Contains(err.Error(), "no corpus at "+typo) {
		t.Errorf("list with $DUTYMAP_HOME missing: %v", err)
	}
	if _, err := os.Stat(typo); err == nil {
		t.Errorf("a read command created %s", typo)
	}
}

// TestSamplesFirstUse searches before any corpus exists: the sample corpus
// answers, from a folder of its own, and says so; the user's corpus is not
// made, and `add` later does not find the samples in it.
func TestSamplesFirstUse(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	home := filepath.Join(os.Getenv("XDG_DATA_HOME"), "dutymap")
	out, errs, err := dutymap(t, "search", "每月", "会议")
	if err != nil || !strings.Contains(out, "obligations") || !strings.Contains(errs, "reading the sample corpus") {
		t.Fatalf("first search: %v\n%s\n%s", err, out, errs)
	}
	if store.IsCorpus(home) {
		t.Errorf("the first search made the user's corpus %s", home)
	}
	files := sampleFiles(t, t.TempDir(), seedTown)
	if _, _, err := dutymap(t, "add", files[0]); err != nil {
		t.Fatal(err)
	}
	out, _, err = dutymap(t, "list")
	if err != nil || !strings.Contains(out, "1 documents in "+home) {
		t.Errorf("list after the first add: %v\n%s", err, out)
	}
}

// TestAddToASilentHolder holds the corpus without answering on a socket
// (an older dutymap, or one starting up): add fails soon, saying who holds
// it, rather than wait.
func TestAddToASilentHolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	st, err := store.Open(dir, "reindex")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	files := sampleFiles(t, t.TempDir(), seedSmall)
	start := time.Now()
	_, _, err = dutymap(t, "add", "--corpus", dir, files[0])
	want := fmt.Sprintf("corpus %s in use by pid %d (dutymap reindex), which takes no files", dir, os.Getpid())
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("add: %v, want %q", err, want)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("add took %v to fail", d)
	}
}

// TestAddReportsWhatItSkips adds a folder holding a named pipe, a link
// out of the folder and a link inside it.
func TestAddReportsWhatItSkips(t *testing.T) {
	src := t.TempDir()
	sampleFiles(t, src, seedSmall)
	syscall.Mkfifo(filepath.Join(src, "pipe.txt"), 0o644)
	os.Symlink("/etc/hostname", filepath.Join(src, "elsewhere.txt"))
	os.Symlink(seedSmall, filepath.Join(src, "alias.txt"))
	dir := filepath.Join(t.TempDir(), "corpus")
	done := make(chan struct{})
	var out, errs string
	var err error
	go func() { out, errs, err = dutymap(t, "add", "--corpus", dir, src); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("add hung on the folder")
	}
	if err != nil || !strings.HasPrefix(out, "1 added, 1 unchanged, 0 failed, 2 skipped") {
		t.Errorf("add: %v %q", err, out)
	}
	for _, want := range []string{"pipe.txt: skipped: not a regular file (a named pipe)", "elsewhere.txt: skipped: a link to /etc/hostname, outside the folder"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	// A pipe named as a file fails that file, at once.
	_, _, err = dutymap(t, "add", "--corpus", dir, filepath.Join(src, "pipe.txt"))
	if err == nil || !strings.Contains(err.Error(), "1 of 1 files failed") {
		t.Errorf("add of a pipe: %v", err)
	}
}

func TestListDamagedRecord(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	files := sampleFiles(t, t.TempDir(), seedTown, seedSmall)
	if _, _, err := dutymap(t, append([]string{"add", "--corpus", dir}, files...)...); err != nil {
		t.Fatal(err)
	}
	entries, _ := filepath.Glob(filepath.Join(dir, "files", "*.json"))
	os.WriteFile(entries[0], []byte(`{"hash":`), 0o644)
	out, errs, err := dutymap(t, "list", "--corpus", dir)
	if err != nil || !strings.Contains(out, "1 documents") || !strings.Contains(errs, "left out the damaged record") {
		t.Errorf("list: %v\n%s\n%s", err, out, errs)
	}
	// The next add repairs it.
	_, errs, err = dutymap(t, "add", "--corpus", dir, files[0])
	if err != nil || !strings.Contains(errs, "repaired: the record of") {
		t.Errorf("add after the damage: %v\n%s", err, errs)
	}
	if out, _, _ := dutymap(t, "list", "--corpus", dir); !strings.Contains(out, "2 documents") {
		t.Errorf("list after the repair:\n%s", out)
	}
}
