package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// uploadServer returns a workbench over an empty corpus of its own that
// takes files up to limit bytes.
func uploadServer(t *testing.T, limit int64) *Server {
	t.Helper()
	s, err := New(newCore(t, limit), Options{Loopback: true})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// uploadRequest is a form post of one file, as a browser on this machine
// sends it.
func uploadRequest(t *testing.T, field, name string, data []byte) *http.Request {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile(field, name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/upload", &body)
	req.Host = "127.0.0.1:8080"
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return req
}

func TestUpload(t *testing.T) {
	plan, err := os.ReadFile(filepath.Join("testdata", "corpus", fireV1))
	if err != nil {
		t.Fatal(err)
	}
	srv := uploadServer(t, 4096)
	tests := []struct {
		name   string
		req    *http.Request
		status int
		want   string
	}{
		{"a plan", uploadRequest(t, "file", fireV1, plan), http.StatusSeeOther, ""},
		{"the same again", uploadRequest(t, "file", "copy.txt", plan), http.StatusSeeOther, ""},
		{"a path as its name", uploadRequest(t, "file", `C:\Users\x\`+fireV1, plan), http.StatusSeeOther, ""},
		{"too large", uploadRequest(t, "file", "big.txt", bytes.Repeat([]byte("安全生产。"), 400)), http.StatusRequestEntityTooLarge, "文件过大"},
		{"a PDF", uploadRequest(t, "file", "plan.pdf", []byte("%PDF-1.7\n1 0 obj\n")), http.StatusUnsupportedMediaType, "unsupported format: PDF"},
		{"old Word", uploadRequest(t, "file", "plan.doc", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}), http.StatusUnsupportedMediaType, "save it as .docx"},
		{"empty", uploadRequest(t, "file", "empty.txt", []byte("  \n")), http.StatusBadRequest, "empty file"},
		{"a broken docx", uploadRequest(t, "file", "broken.docx", []byte("PK\x03\x04garbage")), http.StatusBadRequest, "broken.docx"},
		{"no file chosen", uploadRequest(t, "other", "x.txt", plan), http.StatusBadRequest, "没有选择文件"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, h := do(t, srv, tt.req)
			if code != tt.status {
				t.Fatalf("status %d, want %d\n%s", code, tt.status, excerpt(body))
			}
			if tt.status == http.StatusSeeOther {
				loc, err := url.Parse(h.Get("Location"))
				if err != nil || !strings.HasPrefix(loc.Path, "/doc/d-") || loc.Query().Get("added") == "" {
					t.Fatalf("redirect to %q, want the document's page", h.Get("Location"))
				}
				want := "文件已加入语料库"
				if tt.name != "a plan" {
					want = "该文件此前已在语料库中" // the same bytes again
				}
				if code, page := get(t, srv, loc.String()); code != 200 || !strings.Contains(page, want) {
					t.Errorf("GET %s: status %d\n%s", loc, code, excerpt(page))
				}
				return
			}
			// A refused file shows the form again, with the reason.
			mustContain(t, tt.name, body, tt.want, `enctype="multipart/form-data"`)
		})
	}
	if code, body := get(t, srv, "/docs"); code != 200 || strings.Count(body, `/compare">上级对照`) != 1 {
		t.Errorf("after the uploads the corpus lists %d documents, want 1\n%s", strings.Count(body, `/compare">上级对照`), excerpt(body))
	}
}

// TestUploadNotAForm refuses a post that is no file form.
func TestUploadNotAForm(t *testing.T) {
	srv := uploadServer(t, 0)
	req := httptest.NewRequest(http.MethodPost, "/upload", strings.NewReader("q=1"))
	req.Host = "localhost"
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if code, body, _ := do(t, srv, req); code != http.StatusBadRequest {
		t.Errorf("status %d, want 400\n%s", code, excerpt(body))
	}
}

// TestUploadCrossSite refuses a form that a page of another site posts.
func TestUploadCrossSite(t *testing.T) {
	srv := uploadServer(t, 0)
	req := uploadRequest(t, "file", "x.txt", []byte("安全生产"))
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://evil.example")
	if code, body, _ := do(t, srv, req); code != http.StatusForbidden {
		t.Errorf("status %d, want 403\n%s", code, excerpt(body))
	}
}

// TestUploadOverLimitStream refuses a body far over the limit with 413
// without reading it all.
func TestUploadOverLimitStream(t *testing.T) {
	srv := uploadServer(t, 1024)
	req := uploadRequest(t, "file", "huge.txt", bytes.Repeat([]byte("a"), 1<<20))
	if code, body, _ := do(t, srv, req); code != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413\n%s", code, excerpt(body))
	}
}
