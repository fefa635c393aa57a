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

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/index"
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
	err := fs.WalkDir(corpus.Samples(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(corpus.Samples(), p)
		if err != nil {
			return err
		}
		for _, s := range strings.FieldsFunc(string(data), func(r rune) bool { return r == '。' || r == '\n' || r == '；' }) {
			if n := len([]rune(strings.TrimSpace(s))); n >= 15 && n <= 300 {
				out = append(out, strings.TrimSpace(s)+"。")
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// syntheticCorpus makes n obligations in documents of 100, as
// index/bench_test.go does: sample sentences joined in pairs, with units,
// levels, periods, deadlines and sectors drawn with a fixed seed.
func syntheticCorpus(b *testing.B, n int) []corpus.Parsed {
	sents := sampleSentences(b)
	rng := rand.New(rand.NewPCG(1, 2))
	units := []string{"市应急局", "市安委办", "市住建局", "市交通局", "市消防救援支队", "县应急局", "县公安局", "镇应急站", "镇城建站", "市委宣传部", "市市场监管局", "市教育局"}
	levels := []corpus.Level{corpus.LevelTown, corpus.LevelCounty, corpus.LevelCity}
	periods := []corpus.Period{corpus.PeriodWeek, corpus.PeriodMonth, corpus.PeriodQuarter, corpus.PeriodHalfYear, corpus.PeriodYear}
	sectors := []string{"消防", "燃气", "建筑施工", "交通运输", "危险化学品", "煤矿", "非煤矿山"}
	var out []corpus.Parsed
	for i := 0; i < n; i += 100 {
		id := fmt.Sprintf("d-bench%06d", i/100)
		d := &corpus.Document{ID: id, Source: id + ".txt", Title: fmt.Sprintf("第%d号安全生产工作方案", i/100),
			Issuer: units[rng.IntN(len(units))], Level: levels[rng.IntN(len(levels))],
			Date: fmt.Sprintf("%d-%02d-%02d", 2020+rng.IntN(5), 1+rng.IntN(12), 1+rng.IntN(28))}
		d.PlanYear, _ = strconv.Atoi(d.Date[:4])
		p := corpus.Parsed{Doc: d}
		for j := 0; j < 100 && i+j < n; j++ {
			o := corpus.Obligation{ID: id + "/o-" + strconv.Itoa(j+1), Doc: id,
				Path:     []string{"一", "（" + strconv.Itoa(j%9+1) + "）"},
				Text:     sents[rng.IntN(len(sents))] + sents[rng.IntN(len(sents))],
				Lead:     []string{units[rng.IntN(len(units))]},
				Support:  []string{units[rng.IntN(len(units))], units[rng.IntN(len(units))]},
				Modality: corpus.Must}
			if rng.IntN(3) == 0 {
				o.Frequencies = []corpus.Frequency{{Raw: "定期", Period: periods[rng.IntN(len(periods))], Count: 1 + rng.IntN(3)}}
			}
			if rng.IntN(3) == 0 {
				m := 1 + rng.IntN(12)
				o.Deadlines = []corpus.Deadline{{Raw: strconv.Itoa(m) + "月底前", Date: fmt.Sprintf("%d-%02d-28", d.PlanYear, m), Kind: corpus.By}}
			}
			if rng.IntN(2) == 0 {
				o.Sectors = []string{sectors[rng.IntN(len(sectors))]}
			}
			p.Obligations = append(p.Obligations, o)
		}
		out = append(out, p)
	}
	return out
}

// benchIndexDir returns a directory holding the index of the synthetic
// corpus of n obligations. The index is kept in the temporary directory
// between runs, as building it takes minutes; one that does not hold n
// obligations is built again.
func benchIndexDir(b *testing.B, n int) string {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("dutymap-web-bench-%d", n), "index")
	if ix, err := index.Open(dir, fixture.seg, &index.Options{ReadOnly: true}); err == nil {
		got, err := ix.Count()
		ix.Close()
		if err == nil && got == uint64(n) {
			return dir
		}
	}
	if err := os.RemoveAll(filepath.Dir(dir)); err != nil {
		b.Fatal(err)
	}
	ix, err := index.Open(dir, fixture.seg, &index.Options{Bulk: true})
	if err != nil {
		b.Fatal(err)
	}
	docs := syntheticCorpus(b, n)
	next := 0
	err = ix.AddMany(context.Background(), 4, func() ([]corpus.Parsed, error) {
		if next >= len(docs) {
			return nil, nil
		}
		batch := docs[next:min(next+10, len(docs))]
		next += 10
		return batch, nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkSearchPage reports the server time of the search page over a
// synthetic corpus of 100,000 obligations, for each of a mix of queries —
// words, a phrase, filters, a unit with its role, and the home page (every
// obligation, with facets) — as the median and the 99th percentile.
func BenchmarkSearchPage(b *testing.B) {
	shared(b)
	ix, err := index.Open(benchIndexDir(b, benchObligations(b)), fixture.seg, &index.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	srv, err := New(&testCore{seg: fixture.seg, ix: ix}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range []struct{ name, target string }{
		{"words", "/?q=" + url.QueryEscape("隐患 排查")},
		{"common-words", "/?q=" + url.QueryEscape("安全生产 责任")},
		{"phrase-level", "/?q=" + url.QueryEscape(`"安全生产"`) + "&level=county"},
		{"word-period-page3", "/?q=" + url.QueryEscape("检查") + "&period=month&page=3"},
		{"unit-role-year", "/?unit=" + url.QueryEscape("市应急局") + "&role=lead&year=2023"},
		{"sector-due", "/?sector=" + url.QueryEscape("燃气") + "&due=2022-06-30"},
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
	shared(b)
	c, err := openTestCore(b.TempDir(), fixture.seg)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	text := longPlan(b, 200<<10)
	a, err := c.Add(context.Background(), "long.txt", []byte(text))
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
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	}
	b.StopTimer()
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
