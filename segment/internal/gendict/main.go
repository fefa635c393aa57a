// Command gendict writes segment/dict/general.txt: the most frequent words
// of gse's simplified-Chinese dictionary, so that dutymap loads a dictionary
// of a few tens of thousands of words instead of 350,000.
//
// Run from the module root: go run ./segment/internal/gendict -n 60000
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

func main() {
	n := flag.Int("n", 60000, "words to keep")
	out := flag.String("o", "segment/dict/general.txt", "output file")
	flag.Parse()
	if err := run(*n, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gendict:", err)
		os.Exit(1)
	}
}

func run(n int, out string) error {
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-ego/gse").Output()
	if err != nil {
		return fmt.Errorf("locate gse: %w", err)
	}
	src := filepath.Join(strings.TrimSpace(string(dir)), "data", "dict", "zh", "s_1.txt")
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	type entry struct {
		line string
		freq int
	}
	var es []entry
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		freq, err := strconv.Atoi(f[1])
		if err != nil {
			continue
		}
		es = append(es, entry{strings.Join(f, " "), freq})
	}
	sort.SliceStable(es, func(i, j int) bool { return es[i].freq > es[j].freq })
	if n > len(es) {
		n = len(es)
	}
	kept := es[:n]
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].line < kept[j].line })
	tmp := out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, e := range kept {
		fmt.Fprintln(w, e.line)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}
