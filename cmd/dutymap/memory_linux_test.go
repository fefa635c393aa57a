package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/dutymap/dutymap/ingest"
	"github.com/dutymap/dutymap/internal/plantext"
)

// The memory targets of issue 13. The peak RSS of `add` or `extract` of
// one file grows by at most 20 bytes per byte of decoded text (measured
// between the smallest and the biggest plan; rssPerTextByte allows for
// runs of the same command differing by ten or twenty MB), and stays under
// maxRSS for a plan of workspace.DefaultMaxText, the most text one file
// may hold, and for a .docx whose markup is sixty times its text.
const (
	rssPerTextByte = 25
	maxRSS         = 400 << 20
)

// TestPeakRSS runs the dutymap binary on work plans of realistic text
// (internal/plantext, from the samples and the dev set when present) of
// 0.5, 1, 2 and 4 MB and on a .docx of heavy markup (63 MB of XML around
// 0.8 MB of text), reads each run's peak RSS (getrusage of the child,
// ru_maxrss), checks the targets for `add` into a new corpus and for
// `extract`, and prints the table. It takes minutes, so it runs only when
// asked:
//
//	DUTYMAP_RSS=1 go test -run TestPeakRSS -v ./cmd/dutymap/
func TestPeakRSS(t *testing.T) {
	if os.Getenv("DUTYMAP_RSS") == "" {
		t.Skip("measures peak RSS for minutes; set DUTYMAP_RSS=1 to run it")
	}
	bin := dutymapBinary(t)
	src := planSource(t)
	dir := t.TempDir()
	type input struct {
		label string
		data  []byte
		ext   string
	}
	small := input{"16 KB", []byte(src.Plan(16<<10, 1)), "txt"}
	var inputs []input
	for i, n := range []int{500e3, 1e6, 2e6, 4e6} {
		inputs = append(inputs, input{fmt.Sprintf("%.1f MB", float64(n)/1e6), []byte(src.Plan(n, uint64(i+2))), "txt"})
	}
	var docx bytes.Buffer
	if err := plantext.WriteDocx(&docx, src.Plan(0.8e6, 9)); err != nil {
		t.Fatal(err)
	}
	inputs = append(inputs, input{fmt.Sprintf("docx %.1f MB", float64(docx.Len())/1e6), docx.Bytes(), "docx"})

	commands := []struct {
		name string
		args func(file string) []string
	}{
		{"add", func(file string) []string {
			corpus, err := os.MkdirTemp(dir, "corpus-")
			if err != nil {
				t.Fatal(err)
			}
			return []string{"add", file, "--corpus", filepath.Join(corpus, "c")}
		}},
		{"extract", func(file string) []string { return []string{"extract", file} }},
	}
	write := func(in input, i int) string {
		p := filepath.Join(dir, fmt.Sprintf("plan-%d.%s", i, in.ext))
		if err := os.WriteFile(p, in.data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	smallFile := write(small, 0)
	var table strings.Builder
	fmt.Fprintf(&table, "%-8s %-14s %10s %12s %12s %12s\n", "command", "input", "text", "peak RSS", "over base", "B/text B")
	for _, c := range commands {
		base := peakRSS(t, bin, c.args(smallFile))
		fmt.Fprintf(&table, "%-8s %-14s %8.2fMB %10.0fMB\n", c.name, small.label, float64(len(small.data))/1e6, float64(base)/1e6)
		var first, last struct{ text, rss int64 }
		for i, in := range inputs {
			text := int64(textSize(t, in.data, in.ext))
			rss := peakRSS(t, bin, c.args(write(in, i+1)))
			fmt.Fprintf(&table, "%-8s %-14s %8.2fMB %10.0fMB %10.0fMB %12.1f\n", c.name, in.label, float64(text)/1e6,
				float64(rss)/1e6, float64(rss-base)/1e6, float64(rss-base)/float64(text))
			if rss > maxRSS {
				t.Errorf("%s of %s (%.1f MB of text): peak RSS %.0f MB, want at most %d MB", c.name, in.label, float64(text)/1e6, float64(rss)/1e6, maxRSS>>20)
			}
			if in.ext == "txt" {
				if first.text == 0 {
					first.text, first.rss = text, rss
				}
				last.text, last.rss = text, rss
			}
		}
		slope := float64(last.rss-first.rss) / float64(last.text-first.text)
		fmt.Fprintf(&table, "%-8s growth %.1f bytes of RSS per byte of text\n", c.name, slope)
		if slope > rssPerTextByte {
			t.Errorf("%s: peak RSS grows by %.1f bytes per byte of text, want at most %d", c.name, slope, rssPerTextByte)
		}
	}
	t.Logf("peak RSS\n%s", table.String())
}

// planSource returns the material of the plans: the samples, and the dev
// set beside the repository when it is there.
func planSource(t *testing.T) *plantext.Source {
	t.Helper()
	var texts []string
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "devset", "*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	src, err := plantext.New(texts...)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// textSize returns the bytes of decoded text of a file: its documents'
// normalised text, which the limits are stated in.
func textSize(t *testing.T, data []byte, ext string) int {
	t.Helper()
	docs, err := ingest.Parse("plan."+ext, data)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range docs {
		n += len(d.Text)
	}
	return n
}

// peakRSS runs dutymap with args and returns its peak resident set size in
// bytes; the run must succeed. dutymap is started by a fresh copy of the
// test binary (TestPeakRSSChild), not by this process: Linux counts into a
// child's ru_maxrss the memory of the process it was spawned from, since
// os/exec spawns with vfork, and this one holds megabytes of plans.
func peakRSS(t *testing.T, bin string, args []string) int64 {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestPeakRSSChild$")
	line, err := json.Marshal(append([]string{bin}, args...))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(os.Environ(), rssChildEnv+"="+string(line))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("dutymap %s: %v\n%s%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	var kb int64
	if _, err := fmt.Sscanf(stdout.String(), "maxrss %d", &kb); err != nil {
		t.Fatalf("dutymap %s: no peak RSS reported: %q", strings.Join(args, " "), stdout.String())
	}
	return kb << 10 // kilobytes on Linux
}

// rssChildEnv hands TestPeakRSSChild the command line to run, a JSON
// array of strings.
const rssChildEnv = "DUTYMAP_RSS_CHILD"

// TestPeakRSSChild is peakRSS's helper, run in a process of its own: it
// runs the command line of $DUTYMAP_RSS_CHILD and prints the peak RSS of
// the child ("maxrss KB").
func TestPeakRSSChild(t *testing.T) {
	line := os.Getenv(rssChildEnv)
	if line == "" {
		t.Skip("the helper process of TestPeakRSS")
	}
	var argv []string
	if err := json.Unmarshal([]byte(line), &argv); err != nil || len(argv) == 0 {
		t.Fatalf("%s: %q is no command line", rssChildEnv, line)
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Fatal("no resource usage of the child")
	}
	fmt.Printf("maxrss %d\n", ru.Maxrss)
}
