package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExport(t *testing.T) {
	root := t.TempDir()
	doc := filepath.Join(root, "county.txt")
	if err := os.WriteFile(doc, batchSeed(t, seedCounty), 0o644); err != nil {
		t.Fatal(err)
	}
	dutymap := func(args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		if err := testRun(context.Background(), args, nil, &out, &errb); err != nil {
			t.Fatalf("dutymap %s: %v\n%s", strings.Join(args, " "), err, errb.String())
		}
		return out.String()
	}
	readCSV := func(name string) [][]string {
		t.Helper()
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		body, ok := bytes.CutPrefix(b, []byte("\ufeff"))
		if !ok {
			t.Errorf("%s has no byte order mark", name)
		}
		recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	docs, obs := batchExtractStream(t, doc)
	id := docs[0]["id"].(string)

	// A document file, both formats at once.
	xlsx, csvName := filepath.Join(root, "t.xlsx"), filepath.Join(root, "t.csv")
	dutymap("export", "--xlsx", xlsx, "--csv", csvName, doc)
	checkTaskTable(t, "xlsx of "+doc, readTaskXLSX(t, xlsx), obs[id])
	checkTaskTable(t, "csv of "+doc, readCSV(csvName), obs[id])

	// A stored document by its ID.
	corpusDir := filepath.Join(root, "corpus")
	dutymap("add", "--corpus", corpusDir, doc)
	byID := filepath.Join(root, "id.csv")
	dutymap("export", "--corpus", corpusDir, "--csv", byID, id)
	checkTaskTable(t, "csv of "+id, readCSV(byID), obs[id])

	// A search: the same hits as dutymap search, in its order.
	var res struct {
		Total int
		Hits  []struct{ ID, Text string }
	}
	if err := json.Unmarshal([]byte(dutymap("search", "--corpus", corpusDir, "--json", "--limit", "1000", "会议")), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Fatal("search 会议 found nothing in seed 004")
	}
	found := filepath.Join(root, "q.csv")
	dutymap("export", "--corpus", corpusDir, "--csv", found, "会议")
	recs := readCSV(found)
	if len(recs) != len(res.Hits)+1 {
		t.Fatalf("export of the search has %d rows, search %d hits", len(recs)-1, len(res.Hits))
	}
	for i, h := range res.Hits {
		if !strings.HasPrefix(h.Text, strings.TrimRight(recs[i+1][1], "。；;.")) {
			t.Errorf("row %d: %q is not hit %d %q", i+1, recs[i+1][1], i+1, h.Text)
		}
	}

	// No output named: a clear error.
	var errb bytes.Buffer
	if err := testRun(context.Background(), []string{"export", doc}, nil, &errb, &errb); err == nil || !strings.Contains(err.Error(), "--xlsx") {
		t.Errorf("export without --xlsx or --csv: %v", err)
	}
}
