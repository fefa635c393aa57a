package compare

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

// textKB is the size of the obligations' texts, in KiB.
func textKB(ps ...corpus.Parsed) float64 {
	n := 0
	for _, p := range ps {
		for _, o := range p.Obligations {
			n += len(o.Text)
		}
	}
	return float64(n) / 1024
}

// bigDoc joins the seven work plans of seed 001 (197 KB) into one document
// of about 200 KB, its sections renumbered so that paths stay distinct.
func bigDoc(b *testing.B) corpus.Parsed {
	parts := seedAll(b, "001_1f896dcc82d4bd9a.txt")
	doc := *parts[0].Doc
	doc.ID, doc.Outline = "d-big", nil
	var obls []corpus.Obligation
	size := 0
	for k, p := range parts {
		size += len(p.Doc.Text)
		for _, o := range p.Obligations {
			o.Doc = doc.ID
			o.Path = append([]string{fmt.Sprint(k + 1)}, o.Path...)
			obls = append(obls, o)
		}
	}
	return corpus.Parsed{Doc: &doc, Obligations: obls}
}

// BenchmarkDiff200KB diffs a 200 KB document against a revision of it with
// one duty in ten reworded and one in twenty deleted. Target: ≤ 1 s.
func BenchmarkDiff200KB(b *testing.B) {
	seg := testSegmenter(b)
	old := bigDoc(b)
	new := clone(old, "d-big2")
	var kept []corpus.Obligation
	for i, o := range new.Obligations {
		switch {
		case i%20 == 7:
			continue
		case i%10 == 3:
			o.Text = synonyms.Replace(o.Text)
		}
		kept = append(kept, o)
	}
	new.Obligations = kept
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := Diff(seg, old, new)
		if r.Counts[Removed] == 0 {
			b.Fatal("nothing removed")
		}
	}
	b.ReportMetric(textKB(old), "oldKB")
}

// BenchmarkLevels100 compares the town plan of seed 000 against 100
// upper-level documents (the city and county plans of the seeds, repeated
// under distinct IDs). Target: ≤ 5 s.
func BenchmarkLevels100(b *testing.B) {
	seg := testSegmenter(b)
	town := seedParsed(b, "000_b8c2bae4e8864faf.txt")
	town.Doc.Level = corpus.LevelTown
	var pool []corpus.Parsed
	for _, n := range []string{"001_1f896dcc82d4bd9a.txt", "004_a5e2ad6881a36660.txt", "002_2a096b6dc4a12cff.txt"} {
		pool = append(pool, seedAll(b, n)...)
	}
	var uppers []corpus.Parsed
	for i := 0; len(uppers) < 100; i++ {
		u := clone(pool[i%len(pool)], fmt.Sprintf("d-up%03d", i))
		u.Doc.Level = corpus.LevelCity
		for j := range u.Obligations {
			u.Obligations[j].Text = strings.Repeat(" ", i%3) + u.Obligations[j].Text
		}
		uppers = append(uppers, u)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Levels(seg, town, uppers); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(textKB(uppers...), "upperKB")
}
