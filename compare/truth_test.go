package compare

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

// truthFile is testdata/truth.json: verdicts on upper duties found by
// reading both documents of each pair.
type truthFile struct {
	Pairs []struct {
		Name   string `json:"name"`
		Lower  string `json:"lower"`
		Upper  string `json:"upper"`
		Duties []struct {
			Upper   string   `json:"upper"`
			Verdict string   `json:"verdict"`
			Lower   []string `json:"lower"`
			Reason  []string `json:"reason"`
			Note    string   `json:"note"`
		} `json:"duties"`
	} `json:"pairs"`
}

// loadTruthDoc parses a document of the truth file: samples/… from the
// sample corpus, testdata/… from this package's test data.
func loadTruthDoc(t *testing.T, name string) corpus.Parsed {
	t.Helper()
	if strings.HasPrefix(name, "samples/") {
		return seedParsed(t, strings.TrimPrefix(name, "samples/"))
	}
	data, err := os.ReadFile(filepath.FromSlash(name))
	if err != nil {
		t.Fatal(err)
	}
	return parseText(t, filepath.Base(name), string(data))
}

// dutyAt returns the duty of r whose text holds anchor, or, where the
// anchor runs over two duties of one obligation, the one holding most of
// its start; nil when no upper obligation holds it.
func dutyAt(r *LevelReport, anchor string) *Duty {
	a := []rune(normalize(anchor))
	var best *Duty
	bestN := 0
	for i := range r.Duties {
		d := &r.Duties[i]
		if !strings.Contains(normalize(d.Upper.Text), string(a)) {
			continue
		}
		text := normalize(d.Text)
		n := len(a)
		for n > 0 && !strings.Contains(text, string(a[:n])) {
			n--
		}
		if n > bestN {
			best, bestN = d, n
		}
	}
	return best
}

func holds(os []*corpus.Obligation, anchors []string) bool {
	for _, o := range os {
		for _, a := range anchors {
			if strings.Contains(normalize(o.Text), normalize(a)) {
				return true
			}
		}
	}
	return false
}

func labels(rs []Reason) string {
	var ls []string
	seen := map[string]bool{}
	for _, r := range rs {
		if !seen[r.Label] {
			seen[r.Label] = true
			ls = append(ls, r.Label)
		}
	}
	sort.Strings(ls)
	return strings.Join(ls, ",")
}

// TestLevelsTruth measures the verdicts of Levels against the truth file:
// an entry is right when its verdict is, and, for a carried, strengthened
// or weakened duty, when the lower duty matched is the one the truth names.
// It prints the accuracy, the agreement of the reasons, and each pair's
// coverage.
func TestLevelsTruth(t *testing.T) {
	data, err := fs.ReadFile(os.DirFS("testdata"), "truth.json")
	if err != nil {
		t.Fatal(err)
	}
	var tf truthFile
	if err := json.Unmarshal(data, &tf); err != nil {
		t.Fatalf("truth.json: %v", err)
	}
	seg := testSegmenter(t)
	var total, verdicts, right, reasonsRight, reasonsAsked int
	for _, p := range tf.Pairs {
		lower, upper := loadTruthDoc(t, p.Lower), loadTruthDoc(t, p.Upper)
		r, err := Levels(seg, lower, []corpus.Parsed{upper})
		if err != nil {
			t.Fatal(err)
		}
		pr := 0
		for _, e := range p.Duties {
			total++
			want := Verdict(strings.ReplaceAll(e.Verdict, "-", "_"))
			d := dutyAt(r, e.Upper)
			if d == nil {
				t.Logf("%s: %q: no upper duty holds it (want %s)", p.Name, e.Upper, want)
				continue
			}
			if d.Verdict != want {
				var got []string
				for i := range d.Lower {
					got = append(got, d.Matched[i])
				}
				t.Logf("%s: %q: %s %v %q, want %s %v %q", p.Name, e.Upper, d.Verdict, d.Reasons, got, want, e.Reason, e.Lower)
				continue
			}
			verdicts++
			if want == Carried || want == Strengthened || want == Weakened {
				if !holds(d.Lower, e.Lower) {
					t.Logf("%s: %q: %s by the wrong duty %q, want %q", p.Name, e.Upper, d.Verdict, d.Matched, e.Lower)
					continue
				}
				reasonsAsked++
				sort.Strings(e.Reason)
				if labels(d.Reasons) == strings.Join(e.Reason, ",") || want == Carried && !directed(d.Reasons) {
					reasonsRight++
				} else {
					t.Logf("%s: %q: reasons %v, want %v", p.Name, e.Upper, d.Reasons, e.Reason)
				}
			}
			right++
			pr++
		}
		fmt.Printf("truth %-40s %3d/%3d right (%.3f); coverage %s raw, %s of %d expected below (%d duties)\n",
			p.Name, pr, len(p.Duties), float64(pr)/float64(len(p.Duties)), pct(r.Total.Coverage), pct(r.Total.ExpectedCoverage), r.Total.Expected, r.Total.Total)
	}
	acc := float64(right) / float64(total)
	fmt.Printf("truth: %d duties; verdict and match right %d (accuracy %.3f); verdict right %d (%.3f); reasons right %d of %d\n",
		total, right, acc, verdicts, float64(verdicts)/float64(total), reasonsRight, reasonsAsked)
	if total < 60 {
		t.Errorf("the truth file has %d duties, want at least 60", total)
	}
	if acc < 0.90 {
		t.Errorf("accuracy %.3f, want at least 0.90", acc)
	}
}

// directed reports whether any reason has a direction.
func directed(rs []Reason) bool {
	for _, r := range rs {
		if r.Direction() != 0 {
			return true
		}
	}
	return false
}
