package compare

import (
	"encoding/json"
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/extract"
	"github.com/dutymap/dutymap/ingest"
	"github.com/dutymap/dutymap/samples"
)

// fuzzSamples returns the openings of the texts of the sample corpus (a
// town's, a county's and a city's plans): the material fuzzing varies,
// short enough for thousands of runs a minute.
func fuzzSamples(f *testing.F) []string {
	f.Helper()
	var out []string
	err := fs.WalkDir(samples.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		b, err := fs.ReadFile(samples.FS(), p)
		out = append(out, opening(string(b)))
		return err
	})
	if err != nil || len(out) == 0 {
		f.Fatalf("samples: %d read, %v", len(out), err)
	}
	return out
}

// opening returns the first lines of text, about 3 KB: the title, the
// issuer and the first sections of a plan.
func opening(text string) string {
	if len(text) <= 3000 {
		return text
	}
	if i := strings.LastIndexByte(text[:3000], '\n'); i > 0 {
		return text[:i+1]
	}
	return text[:3000]
}

// fuzzParse runs text through ingest and extract as `dutymap` would; it
// returns false when ingest refuses it.
func fuzzParse(ex *extract.Extractor, name, text string) (corpus.Parsed, bool) {
	docs, err := ingest.Parse(name, []byte(text))
	if err != nil || len(docs) == 0 {
		return corpus.Parsed{}, false
	}
	d := docs[0]
	d.Source = name
	return corpus.Parsed{Doc: d, Obligations: ex.Extract(d)}, true
}

// edited returns text with its first sentence of a duty changed the way a
// new version changes one: a frequency and a unit.
func edited(text string) string {
	text = strings.Replace(text, "每月", "每季度", 1)
	return strings.Replace(text, "负责", "牵头负责", 1)
}

// FuzzDiff diffs two versions of a plan given as text: it must not panic,
// give the same report twice, name each obligation of either version in
// at most one entry, and count the changes by kind as its entries list them.
func FuzzDiff(f *testing.F) {
	texts := fuzzSamples(f)
	for _, s := range texts {
		f.Add(s, edited(s))
	}
	f.Add(texts[0], texts[1])
	f.Add(texts[0][:len(texts[0])/2], texts[0])
	ex := extract.New(testSegmenter(f))
	f.Fuzz(func(t *testing.T, oldText, newText string) {
		old, ok1 := fuzzParse(ex, "old.txt", oldText)
		nw, ok2 := fuzzParse(ex, "new.txt", newText)
		if !ok1 || !ok2 {
			return
		}
		r := Diff(testSegmenter(t), old, nw)
		again := Diff(testSegmenter(t), old, nw)
		a, _ := json.Marshal(r)
		b, _ := json.Marshal(again)
		if string(a) != string(b) {
			t.Fatal("the same two versions diff differently the second time")
		}
		seenOld, seenNew := map[string]bool{}, map[string]bool{}
		counts := map[Kind]int{}
		for _, e := range r.Entries {
			if e.Old == nil && e.New == nil {
				t.Fatal("an entry with neither an old nor a new obligation")
			}
			if e.Old != nil {
				if seenOld[e.Old.ID] {
					t.Fatalf("old obligation %s in two entries", e.Old.ID)
				}
				seenOld[e.Old.ID] = true
			}
			if e.New != nil {
				if seenNew[e.New.ID] {
					t.Fatalf("new obligation %s in two entries", e.New.ID)
				}
				seenNew[e.New.ID] = true
			}
			for _, c := range e.Changes {
				counts[c.Kind]++
			}
		}
		for k, n := range r.Counts {
			if counts[k] != n {
				t.Fatalf("Counts[%s] = %d, but the entries list %d such changes", k, n, counts[k])
			}
		}
		if len(seenOld)+r.Unchanged > len(old.Obligations) || len(seenNew)+r.Unchanged > len(nw.Obligations) {
			t.Fatalf("%d entries and %d unchanged out of %d old and %d new obligations", len(r.Entries), r.Unchanged, len(old.Obligations), len(nw.Obligations))
		}
	})
}

// FuzzLevels checks a lower plan against an upper one, both given as
// text, and looks for the lower's uppers among both: no panic, a refusal
// only as a *LevelError (or *UnplacedError from FindUppers), tallies that
// add up, the same report twice, and never the lower document as its own
// upper.
func FuzzLevels(f *testing.F) {
	texts := fuzzSamples(f)
	for i := range texts {
		f.Add(texts[i], texts[(i+1)%len(texts)])
	}
	f.Add(texts[0], edited(texts[0]))
	ex := extract.New(testSegmenter(f))
	f.Fuzz(func(t *testing.T, lowerText, upperText string) {
		lower, ok1 := fuzzParse(ex, "lower.txt", lowerText)
		upper, ok2 := fuzzParse(ex, "upper.txt", upperText)
		if !ok1 || !ok2 {
			return
		}
		found, err := FindUppers(lower.Doc, []*corpus.Document{lower.Doc, upper.Doc})
		var unplaced *UnplacedError
		if err != nil && !errors.As(err, &unplaced) {
			t.Fatalf("FindUppers: %v", err)
		}
		for _, u := range found {
			if u.Doc == lower.Doc {
				t.Fatal("FindUppers returned the lower document itself")
			}
		}
		r, err := Levels(testSegmenter(t), lower, []corpus.Parsed{upper})
		var refused *LevelError
		if errors.As(err, &refused) {
			return
		}
		if err != nil {
			t.Fatalf("Levels: %v", err)
		}
		again, _ := Levels(testSegmenter(t), lower, []corpus.Parsed{upper})
		a, _ := json.Marshal(r)
		b, _ := json.Marshal(again)
		if string(a) != string(b) {
			t.Fatal("the same two documents compare differently the second time")
		}
		tallies := []Tally{r.Total}
		for _, s := range r.Sections {
			tallies = append(tallies, s.Tally)
		}
		for _, tl := range tallies {
			if tl.Carried+tl.Strengthened+tl.Weakened+tl.Missing+tl.NotExpected != tl.Total ||
				tl.Coverage < 0 || tl.Coverage > 1 || tl.ExpectedCoverage < 0 || tl.ExpectedCoverage > 1 {
				t.Fatalf("tally does not add up: %+v", tl)
			}
		}
		if r.Total.Total != len(r.Duties) {
			t.Fatalf("total %d for %d upper duties", r.Total.Total, len(r.Duties))
		}
	})
}
