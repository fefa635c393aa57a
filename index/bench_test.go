package index

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
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

// seedSentences returns the sentences of the sample corpus that are long
// enough to be obligations.
func seedSentences(b testing.TB) []string {
	var out []string
	err := fs.WalkDir(samples.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(samples.FS(), p)
		if err != nil {
			return err
		}
		out = append(out, sentences(string(data))...)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// sentences returns the sentences of a text that are long enough to be
// obligations, each ending in 。.
func sentences(text string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(text, func(r rune) bool { return r == '。' || r == '\n' || r == '；' }) {
		s = strings.TrimSpace(s)
		if n := len([]rune(s)); n >= 15 && n <= 300 {
			out = append(out, s+"。")
		}
	}
	return out
}

// synth is the synthetic corpus of the benchmarks: n obligations in
// documents of 100, each obligation two real sentences (of the sample
// corpus and, where ../shared is beside the repository, of the dev set)
// with their numbers varied and, for one in three, a place name in front,
// so that the vocabulary grows with the corpus as a real one's does; units,
// levels, periods, deadlines and sectors are drawn from the values the
// samples use. Document i comes from a generator seeded with i, so each is
// made alone and the same in every run, and a corpus of a million
// obligations is never held in memory.
type synth struct {
	sents  []string
	places []string
	n      int
}

func newSynth(b testing.TB, n int) *synth {
	s := &synth{sents: append(seedSentences(b), devSentences(b)...), n: n}
	// Place names of two characters and a level: some 3,000 of them, as
	// many as the counties and towns of a few provinces.
	const chars = "东西南北中安平和兴隆泰福宁华山河阳城新永昌庆丰德清江源水云龙"
	for _, a := range chars {
		for _, c := range chars {
			if a != c {
				for _, lvl := range []string{"县", "镇", "区", "乡"} {
					s.places = append(s.places, string(a)+string(c)+lvl)
				}
			}
		}
	}
	return s
}

func (s *synth) docs() int { return (s.n + 99) / 100 }

var (
	synthUnits   = []string{"市应急局", "市安委办", "市住建局", "市交通局", "市消防救援支队", "县应急局", "县公安局", "镇应急站", "镇城建站", "市委宣传部", "市市场监管局", "市教育局"}
	synthLevels  = []corpus.Level{corpus.LevelTown, corpus.LevelCounty, corpus.LevelCity}
	synthPeriods = []corpus.Period{corpus.PeriodWeek, corpus.PeriodMonth, corpus.PeriodQuarter, corpus.PeriodHalfYear, corpus.PeriodYear}
	synthSectors = []string{"消防", "燃气", "建筑施工", "交通运输", "危险化学品", "煤矿", "非煤矿山"}
)

// doc returns document i of the corpus.
func (s *synth) doc(i int) corpus.Parsed {
	rng := rand.New(rand.NewPCG(uint64(i), 2))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	place := pick(s.places)
	id := fmt.Sprintf("d-bench%07d", i)
	d := &corpus.Document{ID: id, Source: id + ".txt", Title: fmt.Sprintf("%s第%d号安全生产工作方案", place, i),
		Issuer: pick(synthUnits), Level: synthLevels[rng.IntN(len(synthLevels))],
		Date: fmt.Sprintf("%d-%02d-%02d", 2020+rng.IntN(5), 1+rng.IntN(12), 1+rng.IntN(28))}
	d.PlanYear, _ = strconv.Atoi(d.Date[:4])
	p := corpus.Parsed{Doc: d}
	for j := 0; j < 100 && 100*i+j < s.n; j++ {
		text := varyNumbers(rng, pick(s.sents)+pick(s.sents))
		if rng.IntN(3) == 0 {
			text = place + text
		}
		o := corpus.Obligation{ID: id + "/o-" + strconv.Itoa(j+1), Doc: id,
			Path:     []string{"一", "（" + strconv.Itoa(j%9+1) + "）"},
			Text:     text,
			Lead:     []string{pick(synthUnits)},
			Support:  []string{pick(synthUnits), pick(synthUnits)},
			Modality: corpus.Must}
		if rng.IntN(3) == 0 {
			o.Frequencies = []corpus.Frequency{{Raw: "定期", Period: synthPeriods[rng.IntN(len(synthPeriods))], Count: 1 + rng.IntN(3)}}
		}
		if rng.IntN(3) == 0 {
			m := 1 + rng.IntN(12)
			o.Deadlines = []corpus.Deadline{{Raw: strconv.Itoa(m) + "月底前", Date: fmt.Sprintf("%d-%02d-28", d.PlanYear, m), Kind: corpus.By}}
		}
		if rng.IntN(2) == 0 {
			o.Sectors = []string{pick(synthSectors)}
		}
		p.Obligations = append(p.Obligations, o)
	}
	return p
}

// varyNumbers replaces the ASCII digits of s by random ones, keeping a
// year a year of this century.
func varyNumbers(rng *rand.Rand, s string) string {
	b := []byte(s)
	for i := 0; i < len(b); i++ {
		if b[i] < '0' || b[i] > '9' {
			continue
		}
		j := i
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		from := i
		if j-i == 4 && b[i] == '2' && b[i+1] == '0' {
			from = i + 2 // 20xx
		}
		for k := from; k < j; k++ {
			b[k] = byte('0' + rng.IntN(10))
		}
		i = j
	}
	return string(b)
}

// engine is an index under test: dutymap's, or the anchor every figure is
// set beside, plain bleve with its cjk analyzer (see anchor_test.go).
type engine struct {
	name string
	// create returns a new, empty index in dir for a bulk build.
	create func(b testing.TB, dir string) *Index
	// search runs q and returns its number of hits.
	search func(ctx context.Context, ix *Index, q Query) (uint64, error)
	// close closes an index built by create once it is whole on disk.
	close func(ix *Index) error
}

var engines = []engine{
	{
		name: "dutymap",
		create: func(b testing.TB, dir string) *Index {
			ix, err := Open(dir, seg(b), &Options{Bulk: true})
			if err != nil {
				b.Fatal(err)
			}
			return ix
		},
		search: func(ctx context.Context, ix *Index, q Query) (uint64, error) {
			r, err := ix.Search(ctx, q)
			if err != nil {
				return 0, err
			}
			return r.Total, nil
		},
		close: (*Index).Close,
	},
	{name: "cjk", create: createAnchor, search: searchAnchor, close: closeAnchor},
}

// build indexes the corpus into dir with AddAll, as a rebuild does, closes
// the index once it is whole on disk, and returns the time and CPU time it
// took.
func build(b testing.TB, e engine, dir string, s *synth) (took, cpu time.Duration) {
	ix := e.create(b, dir)
	start, cpu0 := time.Now(), cpuTime()
	next := 0
	err := ix.AddAll(context.Background(), func() (Doc, bool, error) {
		if next >= s.docs() {
			return Doc{}, false, nil
		}
		next++
		return Doc{Parsed: s.doc(next - 1)}, true, nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := e.close(ix); err != nil {
		b.Fatal(err)
	}
	return time.Since(start), cpuTime() - cpu0
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

// runs counts the runs of BenchmarkIndexing, so that each run builds the
// two indexes in the other order from the last: a machine whose load
// changes during a run then favours neither.
var runs int

// BenchmarkIndexing builds the synthetic corpus with dutymap's index, with
// the anchor, and with the anchor keeping no term vectors (smaller, but
// unable to answer a phrase), one after the other, and reports for each
// obligations indexed per second (of wall and of CPU time) and index bytes
// per obligation, measured on disk once the index is closed, and dutymap's
// figures as ratios to the anchors' (x-cjk: above 1 is faster, below 1
// smaller).
func BenchmarkIndexing(b *testing.B) {
	s := newSynth(b, benchSize(b))
	seg(b)
	all := append(slices.Clone(engines), engine{name: "cjk-novectors", create: createAnchorNoVectors, close: closeAnchor})
	order := slices.Clone(all)
	if runs++; runs%2 == 0 {
		slices.Reverse(order)
	}
	// One build per engine is the measurement, whatever b.N asks: a build of
	// 100,000 obligations takes long enough.
	b.ResetTimer()
	rate, cpuRate, size := map[string]float64{}, map[string]float64{}, map[string]float64{}
	for _, e := range order {
		dir := filepath.Join(b.TempDir(), e.name)
		took, cpu := build(b, e, dir, s)
		rate[e.name] = float64(s.n) / took.Seconds()
		cpuRate[e.name] = float64(s.n) / cpu.Seconds()
		size[e.name] = float64(dirSize(dir)) / float64(s.n)
		os.RemoveAll(dir)
	}
	b.StopTimer()
	for _, e := range all {
		b.ReportMetric(rate[e.name], e.name+"-obligations/s")
		// CPU time is what the machine's other load changes least.
		b.ReportMetric(cpuRate[e.name], e.name+"-obligations/cpu-s")
		b.ReportMetric(size[e.name], e.name+"-B/obligation")
	}
	for _, a := range all[1:] {
		b.ReportMetric(rate["dutymap"]/rate[a.name], "rate-x-"+a.name)
		b.ReportMetric(cpuRate["dutymap"]/cpuRate[a.name], "cpu-rate-x-"+a.name)
		b.ReportMetric(size["dutymap"]/size[a.name], "size-x-"+a.name)
	}
}

// benchIndexes are the synthetic indexes the query benchmarks share, one
// per engine, built once. With DUTYMAP_BENCH_DIR set they are kept there
// and reused by later runs (of the same size: the directory is named for
// it), which saves a build per run while queries are worked on; delete it
// after the index changes.
var benchIndexes struct {
	once sync.Once
	dir  string
	temp bool
}

// openBench opens the shared index of each engine read-only, building them
// first if need be.
func openBench(b *testing.B) map[string]*Index {
	benchIndexes.once.Do(func() {
		n := benchSize(b)
		dir := os.Getenv("DUTYMAP_BENCH_DIR")
		if dir == "" {
			var err error
			if dir, err = os.MkdirTemp("", "dutymap-bench-"); err != nil {
				b.Fatal(err)
			}
			benchIndexes.temp = true
		} else {
			dir = filepath.Join(dir, strconv.Itoa(n))
		}
		benchIndexes.dir = dir
		s := newSynth(b, n)
		for _, e := range engines {
			if _, err := os.Stat(filepath.Join(dir, e.name)); err == nil && !benchIndexes.temp {
				continue
			}
			build(b, e, filepath.Join(dir, e.name), s)
		}
	})
	out := map[string]*Index{}
	for _, e := range engines {
		ix, err := Open(filepath.Join(benchIndexes.dir, e.name), seg(b), &Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		out[e.name] = ix
	}
	return out
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchIndexes.temp {
		os.RemoveAll(benchIndexes.dir)
	}
	os.Exit(code)
}

// queryKinds are the queries whose latencies the benchmarks report.
var queryKinds = []struct {
	name string
	q    Query
}{
	{"two-words", Query{Text: "每月 会议"}},
	{"phrase", Query{Text: `"召开一次会议"`}},
	// A phrase of the corpus's most frequent words, the worst case.
	{"phrase-frequent", Query{Text: `"安全生产责任"`}},
	{"filtered-facets", Query{Text: "隐患 排查", Level: "city", Period: "month", DueBefore: "2024-06-30", Facets: true}},
}

// latencies runs q n times on each index, taking turns so that the
// machine's load falls on both alike, and returns each engine's wall and
// CPU latencies, sorted, and its number of hits. The CPU time is the
// thread's (see threadTime), 0 where it is not measured.
func latencies(b testing.TB, ixs map[string]*Index, q Query, n int) (wall, cpu map[string][]time.Duration, hits map[string]uint64) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	ctx := context.Background()
	wall, cpu, hits = map[string][]time.Duration{}, map[string][]time.Duration{}, map[string]uint64{}
	for i := 0; i < n; i++ {
		for _, e := range engines {
			start, cpu0 := time.Now(), threadTime()
			total, err := e.search(ctx, ixs[e.name], q)
			if err != nil {
				b.Fatal(err)
			}
			wall[e.name] = append(wall[e.name], time.Since(start))
			cpu[e.name] = append(cpu[e.name], threadTime()-cpu0)
			hits[e.name] = total
		}
	}
	for _, e := range engines {
		slices.Sort(wall[e.name])
		slices.Sort(cpu[e.name])
	}
	return wall, cpu, hits
}

// percentile returns the p-th percentile of sorted latencies, in ms.
func percentile(lat []time.Duration, p float64) float64 {
	return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000
}

// reportLatencies reports the p50 and p99 of each engine's latencies and
// dutymap's p99 as a ratio to the anchor's (p99-x-cjk: below 1 is faster),
// of wall time and, where measured, of CPU time, prefixed by prefix.
func reportLatencies(b *testing.B, prefix string, wall, cpu map[string][]time.Duration, hits map[string]uint64) {
	for _, kind := range []struct {
		name string
		lat  map[string][]time.Duration
	}{{"", wall}, {"cpu-", cpu}} {
		if percentile(kind.lat["cjk"], 0.99) == 0 {
			continue
		}
		for _, e := range engines {
			b.ReportMetric(percentile(kind.lat[e.name], 0.50), prefix+e.name+"-"+kind.name+"p50-ms")
			b.ReportMetric(percentile(kind.lat[e.name], 0.99), prefix+e.name+"-"+kind.name+"p99-ms")
		}
		b.ReportMetric(percentile(kind.lat["dutymap"], 0.99)/percentile(kind.lat["cjk"], 0.99), prefix+kind.name+"p99-x-cjk")
	}
	for _, e := range engines {
		b.ReportMetric(float64(hits[e.name]), prefix+e.name+"-hits")
	}
}

// BenchmarkQuery reports p50 and p99 latencies of each kind of query on
// the synthetic index of each engine, of wall time and of the CPU time of
// the thread that ran it (which the machine's other load changes least),
// and dutymap's p99 as a ratio to the anchor's. Run it with
// -benchtime=200x or so: b.N is the number of queries per engine.
func BenchmarkQuery(b *testing.B) {
	ixs := openBench(b)
	defer func() {
		for _, ix := range ixs {
			ix.Close()
		}
	}()
	for _, k := range queryKinds {
		b.Run(k.name, func(b *testing.B) {
			wall, cpu, hits := latencies(b, ixs, k.q, b.N)
			reportLatencies(b, "", wall, cpu, hits)
		})
	}
}

// BenchmarkCut measures the cut of seed sentences alone (gse and the
// finest words), the part of indexing that is dutymap's own.
func BenchmarkCut(b *testing.B) {
	sents := seedSentences(b)
	sg := seg(b)
	var c subCache
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		s := sents[i%len(sents)]
		n += len(s)
		c.cutText(sg, s)
	}
	b.SetBytes(int64(n / b.N))
}
