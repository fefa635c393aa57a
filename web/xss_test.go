package web

import (
	"context"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// xssServer returns a workbench over a corpus of its own holding two
// versions of a plan whose title, text and unit names carry markup
// (testdata/xss), and the county plan above it; and the IDs of the
// versions.
func xssServer(t *testing.T) (srv *Server, v1, v2, upper string) {
	t.Helper()
	c := newCore(t, 0)
	county, err := os.ReadFile(filepath.Join("testdata", "corpus", countyPlan))
	if err != nil {
		t.Fatal(err)
	}
	up, err := c.Add(context.Background(), countyPlan, county)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, name := range []string{"evil_v1.txt", "evil_v2.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", "xss", name))
		if err != nil {
			t.Fatal(err)
		}
		a, err := c.Add(context.Background(), name, data)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.Docs[0])
	}
	s, err := New(c, Options{Loopback: true})
	if err != nil {
		t.Fatal(err)
	}
	return s, ids[0], ids[1], up.Docs[0]
}

// TestXSSEscaped renders every page that shows the plan's title, text or
// units and checks that the markup in them arrives as text: no element of
// it in the page, its characters escaped.
func TestXSSEscaped(t *testing.T) {
	srv, v1, v2, upper := xssServer(t)
	lead := url.QueryEscape("县<script>window.xss=3</script>局")
	pages := []string{
		"/?q=" + url.QueryEscape("隐患排查"),
		"/?unit=" + lead,
		"/docs",
		"/doc/" + v2,
		"/doc/" + v2 + "?added=" + v2,
		"/doc/" + v2 + "/diff",
		"/diff?old=" + v1 + "&new=" + v2,
		"/doc/" + v2 + "/compare",
		"/doc/" + upper + "/coverage",
		"/units",
		"/duties?unit=" + lead,
		"/?q=" + url.QueryEscape(`<script>x</script>"><img/onerror=y>`),
		"/duties?unit=" + url.QueryEscape(`"><img/onerror=y>`),
	}
	for _, p := range pages {
		code, body := get(t, srv, p)
		if code != 200 {
			t.Errorf("GET %s: status %d\n%s", p, code, excerpt(body))
			continue
		}
		// The layout's own script tag is the only one; the workbench has
		// no images at all.
		if n := strings.Count(body, "<script"); n != 1 {
			t.Errorf("GET %s: %d <script elements, want the layout's one", p, n)
		}
		for _, bad := range []string{"<img", "onerror=y>", "<b>加粗"} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s: page holds %q unescaped", p, bad)
			}
		}
		if !strings.Contains(body, "&lt;script&gt;") && !strings.Contains(body, "&lt;img") {
			t.Errorf("GET %s: the markup is not shown as text\n%s", p, excerpt(body))
		}
	}
	// The export names a file after the title: nothing of the markup may
	// reach the header.
	code, _ := get(t, srv, "/doc/"+v2+"/export/csv")
	if code != 200 {
		t.Errorf("export: status %d", code)
	}
}

// TestBrowserXSS loads the plan's pages with scripts on and checks that
// none of the markup ran or became an element, and that it reads as text.
func TestBrowserXSS(t *testing.T) {
	s, _, v2, upper := xssServer(t)
	srv := httptest.NewServer(s)
	defer srv.Close()
	ctx := browser(t, true)
	for _, p := range []string{"/doc/" + v2, "/doc/" + v2 + "/diff", "/doc/" + upper + "/coverage", "/units", "/?q=" + url.QueryEscape("隐患排查")} {
		steps(t, ctx, "open "+p, chromedp.Navigate(srv.URL+p), chromedp.WaitVisible(chromedp.CSS(`main`)))
		if n := count(t, ctx, "main img, main script, main [onerror]"); n != 0 {
			t.Errorf("%s: %d elements made from the document's markup", p, n)
		}
		if bold := step(t, ctx, "bold", chromedp.Evaluate[bool](`[...document.querySelectorAll("main b")].some(b => b.textContent === "加粗")`)); bold {
			t.Errorf("%s: the <b> of a unit name became an element", p)
		}
		if ran := step(t, ctx, "xss", chromedp.Evaluate[bool](`typeof window.xss !== "undefined"`)); ran {
			t.Errorf("%s: a script of the document ran", p)
		}
		// The matrix names its columns by issuer, the title in a tooltip.
		text := step(t, ctx, "text", chromedp.Evaluate[string](`document.querySelector("main").innerText + [...document.querySelectorAll("main [title]")].map(e => e.title).join(" ")`))
		if !strings.Contains(text, "<script>") || !strings.Contains(text, "<img") {
			t.Errorf("%s: the markup is not shown as text", p)
		}
	}
	title := step(t, ctx, "title", chromedp.Text(chromedp.CSS(`.hit-title`)))
	if !strings.Contains(title, `<script>x</script>"><img/onerror=y>`) {
		t.Errorf("hit title reads %q, want the title as written", title)
	}
}
