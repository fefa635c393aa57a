package web_test

import (
	"context"
	"fmt"
	"io/fs"
	"log"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/dutymap/dutymap/samples"
	"github.com/dutymap/dutymap/web"
	"github.com/dutymap/dutymap/workspace"
)

// The workbench over a corpus of one plan: its search page, as a browser
// on this machine asks for it.
func ExampleFromWorkspace() {
	dir, err := os.MkdirTemp("", "dutymap-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	w, err := workspace.Open(ctx, dir, workspace.Options{Role: "example"})
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close()
	plan, err := fs.ReadFile(samples.FS(), "000_b8c2bae4e8864faf.txt")
	if err != nil {
		log.Fatal(err)
	}
	if _, err := w.Add(ctx, "town-plan.txt", plan); err != nil {
		log.Fatal(err)
	}
	srv, err := web.New(web.FromWorkspace(w), web.Options{Loopback: true})
	if err != nil {
		log.Fatal(err)
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1:8080/?q=%E5%85%9A%E6%94%BF%E4%B8%93%E9%A2%98%E4%BC%9A%E8%AE%AE", nil)) // 党政专题会议
	page := rec.Body.String()
	fmt.Println(rec.Code, strings.Contains(page, "共找到"), strings.Contains(page, "<mark>党政</mark>"))
	// Output: 200 true true
}

func ExampleLoopback() {
	fmt.Println(web.Loopback("127.0.0.1"), web.Loopback("localhost"), web.Loopback("::1"), web.Loopback("0.0.0.0"), web.Loopback(""))
	// Output: true true true false false
}
