package compare

import (
	"encoding/json"
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

// TestDeterministic checks that the same documents give the same reports,
// to the byte, run after run.
func TestDeterministic(t *testing.T) {
	seg := testSegmenter(t)
	town := seedParsed(t, "000_b8c2bae4e8864faf.txt")
	city := seedParsed(t, "004_a5e2ad6881a36660.txt")
	old, new, _, _ := mutate(t, city)
	var first []byte
	for i := 0; i < 4; i++ {
		lr, err := Levels(seg, town, []corpus.Parsed{city})
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal([]any{lr, Diff(seg, old, new)})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = b
		} else if string(b) != string(first) {
			t.Fatalf("run %d differs from run 0", i)
		}
	}
}
