package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a buffer that a server's goroutines and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs `dutymap serve` in-process on a free port of this
// machine and returns its base URL and its log; the server stops with the
// test, which checks that it stopped cleanly.
func startServe(t *testing.T, opts serveOptions) (string, *syncBuffer) {
	t.Helper()
	var logs syncBuffer
	a := newApp(nil, io.Discard, &logs, testSeg)
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- a.runServe(ctx, opts, func(s string) { addr <- s }) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v\n%s", err, logs.String())
		}
	})
	select {
	case s := <-addr:
		return "http://" + s, &logs
	case err := <-done:
		t.Fatalf("serve stopped: %v\n%s", err, logs.String())
	case <-time.After(time.Minute):
		t.Fatalf("serve did not listen\n%s", logs.String())
	}
	return "", nil
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(body)
}

// TestServe serves a corpus while the CLI searches it through the serving
// process, and processes a file dropped into its inbox.
func TestServe(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	town := filepath.Join("..", "..", "samples", "000_b8c2bae4e8864faf.txt")
	if err := testRun(context.Background(), []string{"add", "--corpus", dir, town}, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	inbox := filepath.Join(t.TempDir(), "inbox")
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := serveOptions{addr: "127.0.0.1:0", inbox: inbox}
	opts.corpus.dir = dir
	opts.settle = 100 * time.Millisecond
	opts.timeout = time.Minute
	base, logs := startServe(t, opts)
	if strings.Contains(logs.String(), "warning") {
		t.Errorf("a loopback address warned:\n%s", logs.String())
	}

	code, body := httpGet(t, base+"/?q="+"%E5%85%9A%E6%94%BF%E4%B8%93%E9%A2%98%E4%BC%9A%E8%AE%AE") // 党政专题会议
	if code != 200 || !strings.Contains(body, "水峪贯镇人民政府关于做好2024年安全生产工作的方案") {
		t.Fatalf("search page: status %d\n%s", code, body)
	}
	// The CLI's search is answered by the serving process, which holds
	// the corpus.
	var out bytes.Buffer
	if err := testRun(context.Background(), []string{"search", "--corpus", dir, "--json", "党政专题会议"}, nil, &out, io.Discard); err != nil {
		t.Fatalf("search while serving: %v", err)
	}
	if !strings.Contains(out.String(), "党政专题会议") {
		t.Errorf("search while serving found nothing:\n%s", out.String())
	}

	county, err := os.ReadFile(filepath.Join("..", "..", "web", "testdata", "corpus", "jiaocheng_county_2024.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(inbox, "county.txt"), county, 0o644); err != nil {
		t.Fatal(err)
	}
	// Once filed as done, the file's document is in the corpus the pages
	// show.
	deadline := time.Now().Add(time.Minute)
	for {
		if _, err := os.Stat(filepath.Join(inbox, "done", "county.txt")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the inbox file was never filed as done\n%s", logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if _, body := httpGet(t, base+"/docs"); !strings.Contains(body, "交城县人民政府关于做好2024年安全生产工作的通知") {
		t.Errorf("the inbox file is not among the documents\n%s", body)
	}
}

// TestServeAddr refuses an address that is none, and warns of one other
// machines may reach.
func TestServeAddr(t *testing.T) {
	a := newApp(nil, io.Discard, io.Discard, testSeg)
	if err := a.runServe(context.Background(), serveOptions{addr: "8080"}, nil); err == nil || !strings.Contains(err.Error(), "host:port") {
		t.Errorf("--addr 8080: %v", err)
	}
	opts := serveOptions{addr: "0.0.0.0:0"}
	opts.corpus.dir = filepath.Join(t.TempDir(), "corpus")
	_, logs := startServe(t, opts)
	if !strings.Contains(logs.String(), "warning: serving on 0.0.0.0:0") {
		t.Errorf("no warning for a non-loopback address:\n%s", logs.String())
	}
}
