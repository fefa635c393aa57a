package ingest

import (
	"fmt"
	"os"
	"testing"
)

func TestZZDebug(t *testing.T) {
	data, err := os.ReadFile(os.Getenv("DBG"))
	if err != nil {
		t.Skip()
	}
	text, _, _ := decodeText(data)
	var ls []line
	if looksHTML(text) {
		ls, _ = htmlLines(text)
	} else {
		n := 0
		ls = pipeTables(textLines(splitRawLines(text)), &n)
	}
	for _, l := range ls {
		fmt.Printf("row=%v head=%v cells=%d %q\n", l.row, l.heading, len(l.cells), l.text)
	}
}
