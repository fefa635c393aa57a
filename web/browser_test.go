package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The browser tests drive the system Chromium (apt-get install chromium;
// .ci/run installs it) through the DevTools protocol: nothing is
// downloaded. Without Chromium they skip, saying so.

// chromiumPath returns the Chromium to drive: $DUTYMAP_CHROMIUM, else the
// system's.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("DUTYMAP_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found (apt-get install chromium, or set DUTYMAP_CHROMIUM): browser tests skipped")
	return ""
}

// browser starts a headless Chromium of its own (fresh profile, nothing
// fetched in the background) and returns its tab's context, which ends
// with the test. With js false the pages run with scripts off, as they
// must read.
func browser(t *testing.T, js bool) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Headless,
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1440, 960),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	// The first action starts the browser, which lives as long as ctx: no
	// timeout on it (see chromedp.Run); each step below has one.
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1440, 960),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !js})
			return err
		}),
	)
	if err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// step runs one action with a time limit and returns its value, failing
// the test on an error.
func step[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(sctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// steps runs actions that return nothing, as step does.
func steps(t *testing.T, ctx context.Context, what string, as ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	step(t, ctx, what, chromedp.Steps(as...))
}

// screenshots is where the browser tests leave their pictures:
// $DUTYMAP_SCREENSHOTS, else a temporary directory named in the log.
var screenshots struct {
	once sync.Once
	dir  string
	err  error
}

func screenshotDir(t *testing.T) string {
	screenshots.once.Do(func() {
		if d := os.Getenv("DUTYMAP_SCREENSHOTS"); d != "" {
			screenshots.dir, screenshots.err = d, os.MkdirAll(d, 0o755)
			return
		}
		screenshots.dir, screenshots.err = os.MkdirTemp("", "dutymap-screenshots-")
	})
	if screenshots.err != nil {
		t.Fatal(screenshots.err)
	}
	return screenshots.dir
}

// shoot saves the tab's viewport as name.png among the screenshots.
func shoot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png := step(t, ctx, "screenshot "+name, chromedp.CaptureScreenshot())
	p := filepath.Join(screenshotDir(t), name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", p)
}

// count returns the number of elements matching a CSS selector.
func count(t *testing.T, ctx context.Context, css string) int {
	t.Helper()
	return step(t, ctx, "count "+css, chromedp.Evaluate[int](fmt.Sprintf("document.querySelectorAll(%q).length", css)))
}

// TestBrowserSearch searches with scripts off, narrows by a facet, and
// opens a hit's document at its obligation.
func TestBrowserSearch(t *testing.T) {
	srv := httptest.NewServer(shared(t))
	defer srv.Close()
	ctx := browser(t, false)

	steps(t, ctx, "search",
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=q]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=q]`), "隐患 排查"),
		chromedp.Submit(chromedp.CSS(`input[name=q]`)),
		chromedp.WaitVisible(chromedp.CSS(`.hit mark`)),
	)
	if n := step(t, ctx, "count", chromedp.Text(chromedp.CSS(`.rcount`))); !strings.Contains(n, "共找到") {
		t.Errorf("result count %q", n)
	}
	shoot(t, ctx, "search")

	// The level facet: its first term narrows the search to that level.
	steps(t, ctx, "facet",
		chromedp.Click(chromedp.CSS(`.facet .fterm`)),
		chromedp.WaitVisible(chromedp.CSS(`.chip`)),
	)
	if chip := step(t, ctx, "chip", chromedp.Text(chromedp.CSS(`.chip`))); !strings.Contains(chip, "层级") {
		t.Errorf("after the facet click the filters show %q, want the level", chip)
	}
	loc := step(t, ctx, "location", chromedp.Location())
	if u, err := url.Parse(loc); err != nil || u.Query().Get("level") == "" || u.Query().Get("q") != "隐患 排查" {
		t.Errorf("after the facet click the URL is %s, want the query and a level", loc)
	}
	if count(t, ctx, ".hit") == 0 {
		t.Error("no hits after narrowing by a level that has some")
	}

	steps(t, ctx, "open a hit",
		chromedp.Click(chromedp.CSS(`.hit .hit-title`)),
		chromedp.WaitVisible(chromedp.CSS(`mark.ob`)),
	)
	title := step(t, ctx, "title", chromedp.Text(chromedp.CSS(`.doc-title`)))
	hash := step(t, ctx, "hash", chromedp.Evaluate[string](`location.hash`))
	if title == "" || !strings.HasPrefix(hash, "#o-") {
		t.Errorf("the hit opened %q at %q, want a document at its obligation", title, hash)
	}
	if count(t, ctx, "mark.ob"+hash) != 1 {
		t.Errorf("the obligation %s is not marked in its document", hash)
	}
}

// TestBrowserDocumentAndDiff reads the town plan with its obligations
// marked, then follows the fire plan's link to its diff.
func TestBrowserDocumentAndDiff(t *testing.T) {
	srv := httptest.NewServer(shared(t))
	defer srv.Close()
	ctx := browser(t, false)
	steps(t, ctx, "document",
		chromedp.Navigate(srv.URL+"/doc/"+docID(t, townPlan)),
		chromedp.WaitVisible(chromedp.CSS(`.doc-body`)),
	)
	marks, notes, freq := count(t, ctx, "mark.ob[id]"), count(t, ctx, ".note"), count(t, ctx, "mark.ob .freq")
	if marks < 20 || notes != marks {
		t.Errorf("town plan: %d obligations marked, %d notes beside them; want as many notes, and many", marks, notes)
	}
	if freq == 0 {
		t.Error("no frequency marked inside an obligation")
	}
	// The county plan: its items carry units, frequencies and deadlines.
	steps(t, ctx, "county plan",
		chromedp.Navigate(srv.URL+"/doc/"+docID(t, countyPlan)),
		chromedp.WaitVisible(chromedp.CSS(`.doc-body`)),
	)
	p, err := fixture.core.Document(context.Background(), docID(t, countyPlan))
	if err != nil {
		t.Fatal(err)
	}
	deadlines := 0
	for _, o := range p.Obligations {
		deadlines += len(o.Deadlines)
	}
	if due := count(t, ctx, "mark.ob .due"); due != deadlines || due == 0 {
		t.Errorf("county plan: %d deadlines marked, want the %d it has", due, deadlines)
	}
	shoot(t, ctx, "document")

	steps(t, ctx, "diff",
		chromedp.Navigate(srv.URL+"/doc/"+docID(t, fireV2)),
		chromedp.WaitVisible(chromedp.CSS(`.doc-actions`)),
		chromedp.Click(chromedp.CSS(`.doc-actions a[href$="/diff"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.entry`)),
	)
	tags := step(t, ctx, "kinds", chromedp.Text(chromedp.CSS(`.kinds`)))
	for _, want := range []string{"新增", "删除", "频次提高", "时限提前"} {
		if !strings.Contains(tags, want) {
			t.Errorf("the diff's kinds %q lack %s", tags, want)
		}
	}
	if count(t, ctx, ".entry del") == 0 || count(t, ctx, ".entry ins") == 0 {
		t.Error("the diff marks no deleted or inserted words")
	}
	shoot(t, ctx, "diff")
}

// TestBrowserCompare opens the town plan's comparison with the county plan
// it cites.
func TestBrowserCompare(t *testing.T) {
	srv := httptest.NewServer(shared(t))
	defer srv.Close()
	ctx := browser(t, false)
	steps(t, ctx, "compare",
		chromedp.Navigate(srv.URL+"/doc/"+docID(t, townPlan)+"/compare"),
		chromedp.WaitVisible(chromedp.CSS(`.tally`)),
	)
	tally := step(t, ctx, "tally", chromedp.Text(chromedp.CSS(`.tally`)))
	for _, want := range []string{"上级责任", "已落实", "缺失", "覆盖率"} {
		if !strings.Contains(tally, want) {
			t.Errorf("tally %q lacks %s", tally, want)
		}
	}
	shoot(t, ctx, "compare")
}

// TestBrowserCoverage opens the county plan's matrix against the town
// plans under it.
func TestBrowserCoverage(t *testing.T) {
	srv := httptest.NewServer(shared(t))
	defer srv.Close()
	ctx := browser(t, false)
	steps(t, ctx, "coverage",
		chromedp.Navigate(srv.URL+"/doc/"+docID(t, countyPlan)),
		chromedp.Click(chromedp.CSS(`.doc-actions a[href$="/coverage"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.matrix`)),
	)
	p, err := fixture.core.Document(context.Background(), docID(t, countyPlan))
	if err != nil {
		t.Fatal(err)
	}
	rows, cols := count(t, ctx, ".matrix tbody tr"), count(t, ctx, ".matrix thead .mcol")
	if rows < len(p.Obligations) || cols < 1 {
		t.Errorf("matrix of %d rows × %d columns, want a row for each of the %d duties and a column per lower plan", rows, cols, len(p.Obligations))
	}
	if n := count(t, ctx, ".matrix tbody .cv"); n != rows*cols {
		t.Errorf("%d verdict marks, want %d", n, rows*cols)
	}
	shoot(t, ctx, "coverage")
}

// TestBrowserLists goes from the list of bodies to one body's duties, and
// opens the list of documents.
func TestBrowserLists(t *testing.T) {
	srv := httptest.NewServer(shared(t))
	defer srv.Close()
	ctx := browser(t, false)
	steps(t, ctx, "units",
		chromedp.Navigate(srv.URL+"/units"),
		chromedp.WaitVisible(chromedp.CSS(`.units-table`)),
	)
	shoot(t, ctx, "units")
	steps(t, ctx, "a unit's duties",
		chromedp.Click(chromedp.CSS(`.units-table tbody a`)),
		chromedp.WaitVisible(chromedp.CSS(`.group`)),
	)
	title := step(t, ctx, "title", chromedp.Text(chromedp.CSS(`.doc-title`)))
	if !strings.HasSuffix(title, "的职责清单") || count(t, ctx, ".duties-table tbody tr") == 0 {
		t.Errorf("the first body's page %q lists no duties", title)
	}
	shoot(t, ctx, "duties")
	steps(t, ctx, "documents",
		chromedp.Navigate(srv.URL+"/docs"),
		chromedp.WaitVisible(chromedp.CSS(`.docs-table`)),
	)
	if n := count(t, ctx, ".docs-table tbody tr"); n < len(fixtureFiles) {
		t.Errorf("%d documents listed", n)
	}
	shoot(t, ctx, "documents")
}

// TestBrowserUpload uploads a file through the form, with scripts on, to a
// corpus of its own, and lands on its document page with its comparison.
func TestBrowserUpload(t *testing.T) {
	c := newCore(t, 0)
	county, err := os.ReadFile(filepath.Join("testdata", "corpus", countyPlan))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Add(context.Background(), countyPlan, county); err != nil {
		t.Fatal(err)
	}
	s, err := New(c, Options{Loopback: true})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	town, err := filepath.Abs(filepath.Join("..", "samples", townPlan))
	if err != nil {
		t.Fatal(err)
	}
	ctx := browser(t, true)
	steps(t, ctx, "upload",
		chromedp.Navigate(srv.URL+"/upload"),
		chromedp.WaitVisible(chromedp.CSS(`input[type=file]`)),
		chromedp.SetUploadFiles(chromedp.CSS(`input[type=file]`), []string{town}),
		chromedp.Click(chromedp.CSS(`button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.notice.ok`)),
	)
	if title := step(t, ctx, "title", chromedp.Text(chromedp.CSS(`.doc-title`))); !strings.Contains(title, "水峪贯镇") {
		t.Errorf("the upload opened %q, want the town plan", title)
	}
	notice := step(t, ctx, "notice", chromedp.Text(chromedp.CSS(`.notice.ok`)))
	for _, want := range []string{"文件已加入语料库", "与上级文件对照", "覆盖率"} {
		if !strings.Contains(notice, want) {
			t.Errorf("notice %q lacks %s", notice, want)
		}
	}
	shoot(t, ctx, "upload")
}
