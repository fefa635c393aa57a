package workspace

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/index"
)

func TestAddIsIdempotent(t *testing.T) {
	w := openTest(t)
	ctx := context.Background()
	names := []string{seedTown, seedTown2, seedSmall, seedCounty}
	for _, n := range names {
		r, err := w.Add(ctx, n, seed(t, n))
		if err != nil || r.Status != Added || len(r.Docs) != 1 || r.Obligations == 0 || r.StoredAs != n {
			t.Fatalf("Add(%s) = %+v, %v", n, r, err)
		}
	}
	for _, n := range names {
		r, err := w.Add(ctx, "copy of "+n, seed(t, n))
		if err != nil || r.Status != Unchanged || r.StoredAs != n {
			t.Errorf("Add of the same bytes again = %+v, %v", r, err)
		}
	}
	checkConsistent(t, w)
	list, _ := w.List()
	if len(list) != 4 || list[0].Source != seedTown || list[0].Issuer != "水峪贯镇人民政府" || list[0].DocNumber != "水政发〔2024〕1号" {
		t.Errorf("list = %+v", list)
	}
}

func TestAddFailsCleanly(t *testing.T) {
	w := openTest(t)
	ctx := context.Background()
	for _, data := range [][]byte{nil, []byte("PK\x03\x04 no zip")} {
		if _, err := w.Add(ctx, "bad.docx", data); err == nil || !strings.Contains(err.Error(), "bad.docx") {
			t.Errorf("Add(%q) = %v, want an error naming the file", data, err)
		}
	}
	if files, _ := w.st.Files(); len(files) != 0 {
		t.Errorf("a failed add stored %d files", len(files))
	}
}

// TestAddRefusesTooMuchText caps the text of one file: it is refused
// after ingest, before extraction, with the sizes in the message.
func TestAddRefusesTooMuchText(t *testing.T) {
	w, err := Open(context.Background(), t.TempDir(), Options{Segmenter: testSeg, Limits: Limits{MaxText: 16 << 10}})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	_, err = w.Add(context.Background(), "big.txt", seed(t, seedCounty))
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Limit != 16<<10 || tl.Text < 16<<10 {
		t.Fatalf("Add of a 19 KB plan with a 16 KiB cap: %v", err)
	}
	if !strings.HasPrefix(err.Error(), "big.txt: ") || !strings.Contains(err.Error(), "more than the 16 KiB") {
		t.Errorf("message %q", err)
	}
	if _, err := w.Add(context.Background(), "small.txt", seed(t, seedSmall)); err != nil {
		t.Errorf("a file under the cap: %v", err)
	}
	big := bytes.Repeat([]byte("一"), 2<<20)
	w2, _ := Open(context.Background(), t.TempDir(), Options{Segmenter: testSeg, Limits: Limits{MaxFile: 1 << 20}})
	defer w2.Close()
	if _, err := w2.Add(context.Background(), "huge.txt", big); err == nil || !strings.Contains(err.Error(), "larger than 1 MiB") {
		t.Errorf("a file over MaxFile: %v", err)
	}
}

func TestNewVersionReplacesOld(t *testing.T) {
	w := openTest(t)
	ctx := context.Background()
	old := seed(t, seedTown)
	const was, now = "每月至少召开一次党政专题会议", "每半月至少召开一次党政专题会议"
	if !bytes.Contains(old, []byte(was)) {
		t.Fatalf("the sample no longer says %s", was)
	}
	r1, err := w.Add(ctx, "v1.txt", old)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := w.Add(ctx, "v2.txt", bytes.Replace(old, []byte(was), []byte(now), 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(r2.Superseded) != 1 || r2.Superseded[0] != r1.Docs[0] {
		t.Errorf("v2 superseded %v, want %v", r2.Superseded, r1.Docs)
	}
	res, err := w.Search(ctx, index.Query{Text: "党政专题会议"})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("search: %v, %v", res, err)
	}
	for _, h := range res.Hits {
		if h.Doc != r2.Docs[0] || strings.Contains(h.Text, was) {
			t.Errorf("hit from the old version: %s %s", h.Doc, h.Text)
		}
	}
	prev, ok, err := Previous(w, r2.Docs[0])
	if err != nil || !ok || prev.ID != r1.Docs[0] {
		t.Errorf("Previous = %+v %v %v", prev, ok, err)
	}
	checkConsistent(t, w)
}

// TestAddFinishesStoredButUnindexed is the crash between storing a file and
// indexing it, made on purpose: the next add of the same bytes indexes it.
func TestAddFinishesStoredButUnindexed(t *testing.T) {
	w := openTest(t)
	ctx := context.Background()
	data := seed(t, seedSmall)
	parsed, err := w.Parse(ctx, "a.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := w.st.Put("a.txt", data, parsed); err != nil {
		t.Fatal(err)
	}
	r, err := w.Add(ctx, "a.txt", data)
	if err != nil || r.Status != Completed {
		t.Fatalf("Add after a crash before indexing: %+v, %v; want completed", r, err)
	}
	if r, err = w.Add(ctx, "a.txt", data); err != nil || r.Status != Unchanged {
		t.Fatalf("Add again: %+v, %v; want unchanged", r, err)
	}
	checkConsistent(t, w)
}

// TestAddAfterAFailedIndexing makes the index fall behind within one
// process (as a full disk would): the next Add brings it up to date.
func TestAddAfterAFailedIndexing(t *testing.T) {
	w := openTest(t)
	ctx := context.Background()
	data := seed(t, seedSmall)
	parsed, _ := w.Parse(ctx, "a.txt", data)
	w.st.Put("a.txt", data, parsed)
	w.st.Put("b.txt", seed(t, seedTown), mustParse(t, w, "b.txt", seed(t, seedTown)))
	if _, err := w.Add(ctx, "c.txt", seed(t, seedTown2)); err != nil {
		t.Fatal(err)
	}
	checkConsistent(t, w)
}

func mustParse(t *testing.T, w *Workspace, name string, data []byte) []corpus.Parsed {
	t.Helper()
	p, err := w.Parse(context.Background(), name, data)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestParseReturnsWhenCancelled gives Parse no time: it returns the cause
// at once, and nothing is stored.
func TestParseReturnsWhenCancelled(t *testing.T) {
	w := openTest(t)
	budget := errors.New("budget spent")
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(budget)
	if _, err := w.Add(ctx, "a.txt", seed(t, seedMulti)); !errors.Is(err, budget) {
		t.Errorf("Add with an ended context: %v, want its cause", err)
	}
	if files, _ := w.st.Files(); len(files) != 0 {
		t.Errorf("stored %d files", len(files))
	}
}
