package index

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/samples"
)

// benchSize is the number of obligations of the synthetic corpus; set
// DUTYMAP_BENCH_N to change it (the figures are for 100,000).
func benchSize(b *testing.B) int {
	n := 100000
	if s := os.Getenv("DUTYMAP_BENCH_N"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v <= 0 {
			b.Fatalf("DUTYMAP_BENCH_N=%q: want a positive number", s)
		}
		n = v
	}
	return n
}

// benchWorkers is the number of concurrent batches; DUTYMAP_BENCH_WORKERS
// changes it.
var benchWorkers = func() int {
	if n, err := strconv.Atoi(os.Getenv("DUTYMAP_BENCH_WORKERS")); err == nil && n > 0 {
		return n
	}
	return 4
}()

// benchBatch is the number of documents of 100 obligations in a batch;
// DUTYMAP_BENCH_BATCH changes it.
var benchBatch = func() int {
	if n, err := strconv.Atoi(os.Getenv("DUTYMAP_BENCH_BATCH")); err == nil && n > 0 {
		return n
	}
	return 10
}()

// seedSentences returns the sentences of the sample corpus that are long
// enough to be obligations.
func seedSentences(b *testing.B) []string {
	var out []string
	err := fs.WalkDir(samples.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(samples.FS(), p)
		if err != nil {
			return err
		}
		for _, s := range strings.FieldsFunc(string(data), func(r rune) bool { return r == '。' || r == '\n' || r == '；' }) {
			s = strings.TrimSpace(s)
			if n := len([]rune(s)); n >= 15 && n <= 300 {
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

// syntheticCorpus makes documents of 100 obligations each, n in all: seed
// sentences joined in pairs (so that texts vary), with units, levels,
// periods, deadlines and sectors drawn at random from the values the seeds
// use. The seed is fixed, so every run indexes the same corpus.
func syntheticCorpus(b *testing.B, n int) []corpus.Parsed {
	sents := seedSentences(b)
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

// buildBench indexes docs into dir in batches of 10 documents (1,000
// obligations) with benchWorkers concurrent batches, as a rebuild does, and
// returns the time it took.
func buildBench(b *testing.B, dir string, docs []corpus.Parsed) time.Duration {
	ix, err := Open(dir, seg(b), &Options{Bulk: true})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	i := 0
	err = ix.AddMany(context.Background(), benchWorkers, func() ([]corpus.Parsed, error) {
		if i >= len(docs) {
			return nil, nil
		}
		batch := docs[i:min(i+benchBatch, len(docs))]
		i += benchBatch
		return batch, nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := ix.Close(); err != nil { // waits for the index to be persisted
		b.Fatal(err)
	}
	return time.Since(start)
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// BenchmarkIndexing reports obligations indexed per second and index bytes
// per obligation for the synthetic corpus.
func BenchmarkIndexing(b *testing.B) {
	n := benchSize(b)
	docs := syntheticCorpus(b, n)
	seg(b)
	// One build is the measurement, whatever b.N asks: a build of 100,000
	// obligations takes long enough, and -benchtime=100x for the query
	// benchmarks must not mean a hundred builds.
	b.ResetTimer()
	cpu0 := cpuTime()
	dir := filepath.Join(b.TempDir(), "index")
	took := buildBench(b, dir, docs)
	cpu := cpuTime() - cpu0
	size := dirSize(dir)
	b.ReportMetric(float64(n)/took.Seconds(), "obligations/s")
	// CPU time is what the machine's other load does not change: with the
	// work spread over the workers, two idle cores index up to twice this
	// many obligations a second.
	b.ReportMetric(float64(n)/cpu.Seconds(), "obligations/cpu-s")
	b.ReportMetric(float64(size)/float64(n), "bytes/obligation")
}

// benchIndex is the synthetic index the query benchmarks share, built once.
var benchIndex struct {
	once sync.Once
	dir  string
}

func openBench(b *testing.B) *Index {
	benchIndex.once.Do(func() {
		dir, err := os.MkdirTemp("", "dutymap-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchIndex.dir = dir
		buildBench(b, filepath.Join(dir, "index"), syntheticCorpus(b, benchSize(b)))
	})
	ix, err := Open(filepath.Join(benchIndex.dir, "index"), seg(b), &Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	return ix
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchIndex.dir != "" {
		os.RemoveAll(benchIndex.dir)
	}
	os.Exit(code)
}

// BenchmarkQuery reports p50 and p99 latencies of three kinds of query on
// the synthetic index.
func BenchmarkQuery(b *testing.B) {
	ix := openBench(b)
	defer ix.Close()
	kinds := []struct {
		name string
		q    Query
	}{
		{"two-words", Query{Text: "每月 会议"}},
		{"phrase", Query{Text: `"召开一次会议"`}},
		// A phrase of the corpus's most frequent words, the worst case.
		{"phrase-frequent", Query{Text: `"安全生产责任"`}},
		{"filtered-facets", Query{Text: "隐患 排查", Level: "city", Period: "month", DueBefore: "2024-06-30", Facets: true}},
	}
	for _, k := range kinds {
		b.Run(k.name, func(b *testing.B) {
			ctx := context.Background()
			lat := make([]time.Duration, 0, b.N)
			var total uint64
			for i := 0; i < b.N; i++ {
				start := time.Now()
				r, err := ix.Search(ctx, k.q)
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
				total = r.Total
			}
			slices.Sort(lat)
			pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
			b.ReportMetric(float64(total), "hits")
		})
	}
}

// BenchmarkTokenize measures the gse tokenizer alone on seed sentences.
func BenchmarkTokenize(b *testing.B) {
	sents := seedSentences(b)
	tk := NewTokenizer(seg(b))
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		s := sents[i%len(sents)]
		n += len(s)
		tk.Tokenize([]byte(s))
	}
	b.SetBytes(int64(n / b.N))
}
