package compare

import (
	"fmt"
	"testing"

	"github.com/dutymap/dutymap/segment"
)

func TestExplore(t *testing.T) {
	seg, _ := segment.New()
	a := naiveSeed(t, "004_a5e2ad6881a36660.txt")
	b := naiveSeed(t, "000_b8c2bae4e8864faf.txt")
	fmt.Println(len(a.Obligations), len(b.Obligations))
	opt := CompareOptions()
	opt.Threshold = 0.2
	opt.MergeThreshold = 0
	al := Align(seg, a.Obligations, b.Obligations, opt)
	for _, p := range al.Pairs {
		fmt.Printf("%.3f %v\n  U %s\n  L %s\n", p.Score, p.Merged, a.Obligations[p.A].Text, b.Obligations[p.B].Text)
	}
}
