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
