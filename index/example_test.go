package index_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/segment"
)

func Example() {
	seg, err := segment.New() // once per process
	if err != nil {
		log.Fatal(err)
	}
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	ix, err := index.Open(filepath.Join(dir, "index"), seg, nil)
	if err != nil {
		log.Fatal(err)
	}
	defer ix.Close()

	doc := &corpus.Document{ID: "d-1", Title: "朔州市人民政府关于做好2023年安全生产工作的通知",
		Issuer: "朔州市人民政府", Level: corpus.LevelCity, PlanYear: 2023}
	err = ix.Add(context.Background(), corpus.Parsed{Doc: doc, Obligations: []corpus.Obligation{{
		ID: "d-1/o-1", Doc: "d-1", Path: []string{"一", "（二）"},
		Text: "市、县安委会每月至少召开一次会议。（牵头责任单位：市安委办）",
		Lead: []string{"市安委办"},
		Frequencies: []corpus.Frequency{{Raw: "每月至少召开一次", Period: corpus.PeriodMonth, Count: 1,
			Qualifier: corpus.AtLeast}},
	}}})
	if err != nil {
		log.Fatal(err)
	}

	res, err := ix.Search(context.Background(), index.Query{Text: "每月 会议", Level: "city"})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range res.Hits {
		fmt.Println(h.ID, h.Lead, h.Frequency)
		fmt.Println(h.Highlight("【", "】"))
	}
	// Output:
	// d-1/o-1 [市安委办] [每月至少召开一次]
	// 市、县安委会【每月】至少召开一次【会议】。（牵头责任单位：市安委办）
}

func ExampleIndex_AddAll() {
	seg, err := segment.New() // once per process
	if err != nil {
		log.Fatal(err)
	}
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	// A rebuild: a bulk index, written to disk whole when closed.
	ix, err := index.Open(filepath.Join(dir, "index"), seg, &index.Options{Bulk: true})
	if err != nil {
		log.Fatal(err)
	}
	docs := []corpus.Parsed{
		{Doc: &corpus.Document{ID: "d-1", Level: corpus.LevelCity}, Obligations: []corpus.Obligation{
			{ID: "d-1/o-1", Doc: "d-1", Text: "市、县安委会每月至少召开一次会议。"}}},
		{Doc: &corpus.Document{ID: "d-2", Level: corpus.LevelTown}, Obligations: []corpus.Obligation{
			{ID: "d-2/o-1", Doc: "d-2", Text: "年内至少开展一次全镇范围内综合性应急演练。"},
			{ID: "d-2/o-2", Doc: "d-2", Text: "每月开展一次安全隐患排查。"}}},
	}
	next := 0
	err = ix.AddAll(context.Background(), func() (index.Doc, bool, error) {
		if next == len(docs) {
			return index.Doc{}, false, nil
		}
		next++
		return index.Doc{Parsed: docs[next-1]}, true, nil
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		log.Fatal(err)
	}

	ro, err := index.Open(filepath.Join(dir, "index"), seg, &index.Options{ReadOnly: true})
	if err != nil {
		log.Fatal(err)
	}
	defer ro.Close()
	n, _ := ro.Count()
	res, err := ro.Search(context.Background(), index.Query{Text: "每月"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n, "obligations;", res.Total, "monthly")
	// Output:
	// 3 obligations; 2 monthly
}
