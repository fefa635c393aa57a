package compare

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

// Development scaffolding: splits a seed into sentence obligations by its
// numbered lines. Replaced by ingest+extract once they work.
var (
	reTop  = regexp.MustCompile(`^([一二三四五六七八九十]+)、(.*)$`)
	reItem = regexp.MustCompile(`^[（(]([一二三四五六七八九十]+)[）)]\s*(.*)$`)
)

func naiveSeed(t testing.TB, name string) corpus.Parsed {
	t.Helper()
	data, err := fs.ReadFile(corpus.Samples(), "samples/"+name)
	if err != nil {
		t.Fatal(err)
	}
	doc := &corpus.Document{ID: "d-" + name[:3], Source: name, Text: string(data)}
	var obls []corpus.Obligation
	var top, item, heading string
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if m := reTop.FindStringSubmatch(line); m != nil {
			top, item, heading = m[1], "", m[2]
			continue
		}
		body := line
		if m := reItem.FindStringSubmatch(line); m != nil {
			item = "（" + m[1] + "）"
			body = m[2]
			if i := strings.Index(body, "。"); i >= 0 {
				heading = body[:i]
				body = body[i+len("。"):]
			} else {
				heading, body = body, ""
			}
		}
		if top == "" {
			continue
		}
		for _, s := range regexp.MustCompile(`[^。；]+[。；]?`).FindAllString(body, -1) {
			if len([]rune(strings.TrimSpace(s))) < 6 {
				continue
			}
			path := []string{top}
			if item != "" {
				path = append(path, item)
			}
			obls = append(obls, corpus.Obligation{Doc: doc.ID, Path: path, Heading: heading, Text: strings.TrimSpace(s)})
		}
	}
	for i := range obls {
		obls[i].ID = doc.ID + "/o-" + itoa(i+1)
	}
	return corpus.Parsed{Doc: doc, Obligations: obls}
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}
