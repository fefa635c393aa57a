package web

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/samples"
	"github.com/dutymap/dutymap/workspace"
)

// benchObligations is the size of the synthetic corpus of the search page
// benchmark; DUTYMAP_BENCH_N changes it (the figure is for
// 100,000).
func benchObligations(b *testing.B) int {
	if s := os.Getenv("DUTYMAP_BENCH_N"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("DUTYMAP_BENCH_N=%q: want a positive number", s)
		}
		return n
	}
	return 100000
}

// sampleSentences returns the sentences of the sample corpus long enough
// to be duties.
func sampleSentences(b *testing.B) []string {
	var out []string
	err := fs.WalkDir(samples.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		data, err := fs.ReadFile(samples.FS(), p)
		if err != nil {
			return err
		}
		for _, s := range strings.FieldsFunc(string(data), func(r rune) bool { return r == '。' || r == '\n' || r == '；' }) {
			s = strings.TrimSpace(s)
			// Numbered lines would be read as items of their own.
			if n := len([]rune(s)); n >= 15 && n <= 200 && !strings.ContainsAny(s[:min(len(s), 9)], "（(、.0123456789一二三四五六七八九十") {
				out = append(out, s+"。")
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// benchPlaces are the issuers of the synthetic corpus, with their levels
// by their names (county, city, town).
var benchPlaces = []string{"交城县人民政府", "方山县人民政府", "吕梁市人民政府", "朔州市人民政府", "水峪贯镇人民政府", "积翠镇人民政府", "阆中市人民政府", "南安市人民政府"}

// synthPlan writes the k-th plan of the synthetic corpus: an issuer, year
// and title of its own, then sections of items, each one or two sample
// sentences with, now and then, a frequency or a deadline, and a unit
// bracket.
func synthPlan(rng *rand.Rand, sents []string, k, items int) string {
	units := []string{"县应急局", "县住建局", "县交通运输局", "县公安局", "县市场监管局", "县消防救援大队", "市应急管理局", "县委宣传部", "县教育局", "镇应急站"}
	issuer := benchPlaces[rng.IntN(len(benchPlaces))]
	year := 2021 + rng.IntN(4)
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s关于印发%d年第%d批安全生产重点任务的通知\n\n各有关单位：\n\n", issuer, year, k+1)
	for n := 1; n <= items; n++ {
		if n%10 == 1 {
			fmt.Fprintf(&sb, "%s、第%d部分重点任务\n\n", chineseNumber(n/10+1), n/10+1)
		}
		fmt.Fprintf(&sb, "（%s）%s", chineseNumber(n), sents[rng.IntN(len(sents))])
		switch rng.IntN(4) {
		case 0:
			sb.WriteString([]string{"每月至少开展一次检查。", "每季度至少召开一次会议。", "每半年开展一次督查。", "每年组织一次演练。"}[rng.IntN(4)])
		case 1:
			fmt.Fprintf(&sb, "%d月底前完成。", 1+rng.IntN(12))
		}
		fmt.Fprintf(&sb, "（牵头单位：%s；配合单位：%s）\n\n", units[rng.IntN(len(units))], units[rng.IntN(len(units))])
	}
	fmt.Fprintf(&sb, "%s\n%d年1月%d日\n", issuer, year, 1+rng.IntN(28))
	return sb.String()
}

// benchWorkspace returns a workspace holding at least n obligations of
// synthetic plans, added as files are. The corpus is kept in the
// temporary directory between runs, as building it takes minutes.
func benchWorkspace(b *testing.B, n int) *workspace.Workspace {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("dutymap-web-bench-%d", n))
	w, err := openWorkspace(dir, fixture.seg, 0)
	if err != nil {
		b.Fatal(err)
	}
	res, err := w.Search(context.Background(), index.Query{Limit: 1})
	if err != nil {
		b.Fatal(err)
	}
	sents := sampleSentences(b)
	rng := rand.New(rand.NewPCG(1, 2))
	total := int(res.Total)
	for k := 0; total < n; k++ {
		text := synthPlan(rng, sents, k, 100)
		if total > 0 && k < int(res.Total)/100 {
			continue // this plan was added by an earlier run
		}
		a, err := w.Add(context.Background(), fmt.Sprintf("plan-%05d.txt", k), []byte(text))
		if err != nil {
			b.Fatal(err)
		}
		total += a.Obligations
	}
	b.Cleanup(func() { w.Close() })
	return w
}

// BenchmarkSearchPage reports the server time of the search page over a
// corpus of 100,000 obligations of synthetic plans, for each of a mix of
// queries — words, a phrase, filters, a unit with its role, and the home
// page (every obligation, with facets) — as the median and the 99th
// percentile.
func BenchmarkSearchPage(b *testing.B) {
	shared(b)
	w := benchWorkspace(b, benchObligations(b))
	srv, err := New(FromWorkspace(w), Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range []struct{ name, target string }{
		{"words", "/?q=" + url.QueryEscape("隐患 排查")},
		{"common-words", "/?q=" + url.QueryEscape("安全生产 责任")},
		{"phrase-level", "/?q=" + url.QueryEscape(`"安全生产"`) + "&level=county"},
		{"word-period-page3", "/?q=" + url.QueryEscape("检查") + "&period=month&page=3"},
		{"unit-role-year", "/?unit=" + url.QueryEscape("县应急局") + "&role=lead&year=2023"},
		{"due-before", "/?due=2022-06-30"},
		{"everything", "/"},
	} {
		b.Run(q.name, func(b *testing.B) {
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, q.target, nil))
			if rec.Code != 200 {
				b.Fatalf("GET %s: status %d", q.target, rec.Code)
			}
			times := make([]time.Duration, 0, b.N)
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, q.target, nil)
				rec := httptest.NewRecorder()
				start := time.Now()
				srv.ServeHTTP(rec, req)
				times = append(times, time.Since(start))
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(times[(len(times)*99)/100].Microseconds())/1000, "p99-ms")
		})
	}
}

// BenchmarkDocumentPage reports the server time of the page of a 200 KB
// plan (about 1,000 items), parsed and stored as an upload would be.
func BenchmarkDocumentPage(b *testing.B) {
	c := newCore(b, 0)
	a, err := c.Add(context.Background(), "long.txt", []byte(longPlan(b, 200<<10)))
	if err != nil {
		b.Fatal(err)
	}
	p, err := c.Document(context.Background(), a.Docs[0])
	if err != nil {
		b.Fatal(err)
	}
	srv, err := New(c, Options{})
	if err != nil {
		b.Fatal(err)
	}
	target := "/doc/" + a.Docs[0]
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	if rec.Code != 200 {
		b.Fatalf("GET %s: status %d", target, rec.Code)
	}
	for b.Loop() {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	}
	b.ReportMetric(float64(len(p.Doc.Text))/1024, "text-KB")
	b.ReportMetric(float64(len(p.Obligations)), "obligations")
}

// longPlan writes a plan of about size bytes: a title, then sections of
// numbered items, each a few sample sentences and a unit bracket.
func longPlan(b *testing.B, size int) string {
	sents := sampleSentences(b)
	rng := rand.New(rand.NewPCG(3, 4))
	units := []string{"县应急局", "县住建局", "县交通运输局", "县公安局", "县市场监管局"}
	var sb strings.Builder
	sb.WriteString("某县人民政府关于做好2024年安全生产工作的通知\n\n各乡（镇）人民政府，县直各有关单位：\n\n")
	for sec, item := 1, 1; sb.Len() < size; sec++ {
		fmt.Fprintf(&sb, "%s、第%d部分重点工作\n\n", chineseNumber(sec), sec)
		for k := 0; k < 12 && sb.Len() < size; k++ {
			fmt.Fprintf(&sb, "（%s）", chineseNumber(item))
			for range 2 + rng.IntN(3) {
				sb.WriteString(sents[rng.IntN(len(sents))])
			}
			fmt.Fprintf(&sb, "（牵头单位：%s；配合单位：%s）\n\n", units[rng.IntN(len(units))], units[rng.IntN(len(units))])
			item++
		}
	}
	sb.WriteString("某县人民政府\n2024年1月20日\n")
	return sb.String()
}

// chineseNumber writes 1 … 999 as 一 … 九百九十九.
func chineseNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	var s string
	if h := n / 100; h > 0 {
		s += digits[h] + "百"
	}
	if t := n / 10 % 10; t > 0 {
		if t > 1 || n >= 100 {
			s += digits[t]
		}
		s += "十"
	} else if n >= 100 && n%10 > 0 {
		s += "零"
	}
	return s + digits[n%10]
}
