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

// samplePool is every document of the sample corpus, parsed.
func samplePool(b *testing.B) []corpus.Parsed {
	var pool []corpus.Parsed
	for _, n := range []string{"000_b8c2bae4e8864faf.txt", "001_1f896dcc82d4bd9a.txt", "002_2a096b6dc4a12cff.txt",
		"003_7fa65165f7cec2ac.txt", "004_a5e2ad6881a36660.txt"} {
		pool = append(pool, seedAll(b, n)...)
	}
	return pool
}

// sizedDoc joins the documents of pool, over and over, into one document
// whose obligations hold at least kb KiB of text: each round's sections
// numbered apart, and each round's texts told apart by the round's number
// (（第3部分）), as the chapters of a long regulation are.
func sizedDoc(pool []corpus.Parsed, id string, kb int) corpus.Parsed {
	doc := *pool[0].Doc
	doc.ID, doc.Outline, doc.Text, doc.Fold = id, nil, "", ""
	var obls []corpus.Obligation
	size := 0
	for round := 1; size < kb*1024; round++ {
		for k, p := range pool {
			for _, o := range p.Obligations {
				o.Doc, o.Span, o.Modal, o.Attribution = id, corpus.Span{}, nil, nil
				o.Path = append([]string{fmt.Sprintf("%d.%d", round, k+1)}, o.Path...)
				o.Text = strings.TrimSuffix(o.Text, "。") + fmt.Sprintf("（第%d部分）。", round)
				size += len(o.Text)
				obls = append(obls, o)
			}
		}
	}
	return corpus.Parsed{Doc: &doc, Obligations: obls}
}

// revise returns a revision of p: one duty in ten reworded, one in twenty
// deleted.
func revise(p corpus.Parsed, id string) corpus.Parsed {
	new := clone(p, id)
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
	return new
}

func benchDiff(b *testing.B, kb int) {
	seg := testSegmenter(b)
	old := sizedDoc(samplePool(b), "d-big", kb)
	new := revise(old, "d-big2")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := Diff(seg, old, new)
		if r.Counts[Removed] == 0 {
			b.Fatal("nothing removed")
		}
	}
	b.ReportMetric(textKB(old), "oldKB")
	b.ReportMetric(float64(len(old.Obligations)), "duties")
}

// BenchmarkDiff200KB diffs a 200 KiB document against a revision of it
// with one duty in ten reworded and one in twenty deleted.
func BenchmarkDiff200KB(b *testing.B) { benchDiff(b, 200) }

// BenchmarkDiff2MB diffs two 2 MiB documents the same way: ten times the
// text, and the time should grow about ten times. Target: ≤ 1 s.
func BenchmarkDiff2MB(b *testing.B) { benchDiff(b, 2048) }

// BenchmarkLevels100 compares the town plan of seed 000 against 100
// upper-level documents: the city and county plans of the samples, each
// copy told apart by its own round number as sizedDoc does, so that every
// upper is cut and weighed in full. Target: ≤ 2 s.
func BenchmarkLevels100(b *testing.B) {
	seg := testSegmenter(b)
	town := seedParsed(b, "000_b8c2bae4e8864faf.txt")
	var pool []corpus.Parsed
	for _, p := range samplePool(b) {
		if p.Doc.Level.Rank() > corpus.LevelTown.Rank() {
			pool = append(pool, p)
		}
	}
	var uppers []corpus.Parsed
	for i := 0; len(uppers) < 100; i++ {
		u := clone(pool[i%len(pool)], fmt.Sprintf("d-up%03d", i))
		for j := range u.Obligations {
			u.Obligations[j].Text = strings.TrimSuffix(u.Obligations[j].Text, "。") + fmt.Sprintf("（第%d部分）。", i)
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
