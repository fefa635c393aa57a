package main

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
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
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- runServe(ctx, opts, &logs, func(s string) { addr <- s }) }()
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
	case <-time.After(2 * time.Minute):
		t.Fatalf("serve did not listen\n%s", logs.String())
	}
	return "", nil
}

func httpDo(t *testing.T, req *http.Request) (int, string, http.Header) {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(body), res.Header
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	code, body, _ := httpDo(t, req)
	return code, body
}

// TestServe serves a corpus while the CLI searches it, and adds a file
// through the upload form.
func TestServe(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	town := filepath.Join("..", "..", "corpus", "samples", "000_b8c2bae4e8864faf.txt")
	if err := Run(context.Background(), []string{"add", "--corpus", dir, town}, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	base, logs := startServe(t, serveOptions{corpus: dir, addr: "127.0.0.1:0"})
	if strings.Contains(logs.String(), "warning") {
		t.Errorf("a loopback address warned:\n%s", logs.String())
	}
	code, body := httpGet(t, base+"/?q=%E5%85%9A%E6%94%BF%E4%B8%93%E9%A2%98%E4%BC%9A%E8%AE%AE") // 党政专题会议
	if code != 200 || !strings.Contains(body, "水峪贯镇人民政府关于做好2024年安全生产工作的方案") {
		t.Fatalf("search page: status %d\n%s", code, body)
	}
	// Another process's search keeps working while serve holds the corpus.
	var out bytes.Buffer
	if err := Run(context.Background(), []string{"search", "--corpus", dir, "--json", "党政专题会议"}, nil, &out, io.Discard); err != nil {
		t.Fatalf("search while serving: %v", err)
	}
	if !strings.Contains(out.String(), "党政专题会议") {
		t.Errorf("search while serving found nothing:\n%s", out.String())
	}

	county, err := os.ReadFile(filepath.Join("..", "..", "web", "testdata", "corpus", "jiaocheng_county_2024.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	fw, err := mw.CreateFormFile("file", "county.txt")
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(county)
	mw.Close()
	req, err := http.NewRequest(http.MethodPost, base+"/upload", &form)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	code, body, h := httpDo(t, req)
	if code != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/doc/d-") {
		t.Fatalf("upload: status %d, location %q\n%s", code, h.Get("Location"), body)
	}
	code, body = httpGet(t, base+h.Get("Location"))
	if code != 200 || !strings.Contains(body, "文件已加入语料库") || !strings.Contains(body, "下级覆盖矩阵") {
		t.Errorf("the uploaded plan's page: status %d\n%s", code, body)
	}
	out.Reset()
	if err := Run(context.Background(), []string{"search", "--corpus", dir, "--json", "双报告"}, nil, &out, io.Discard); err != nil || !strings.Contains(out.String(), "双报告") {
		t.Errorf("the uploaded plan is not searchable from the CLI: %v\n%s", err, out.String())
	}
}

// TestServeFlags refuses an address that is none, warns of one that other
// machines may reach, and says that --inbox needs the core.
func TestServeFlags(t *testing.T) {
	if err := runServe(context.Background(), serveOptions{addr: "8080"}, io.Discard, nil); err == nil || !strings.Contains(err.Error(), "host:port") {
		t.Errorf("--addr 8080: %v", err)
	}
	if err := runServe(context.Background(), serveOptions{addr: "127.0.0.1:0", inbox: t.TempDir()}, io.Discard, nil); err == nil || !strings.Contains(err.Error(), "--inbox") {
		t.Errorf("--inbox: %v", err)
	}
	_, logs := startServe(t, serveOptions{corpus: filepath.Join(t.TempDir(), "corpus"), addr: "0.0.0.0:0"})
	if !strings.Contains(logs.String(), "warning: serving on 0.0.0.0:0") {
		t.Errorf("no warning for a non-loopback address:\n%s", logs.String())
	}
}
