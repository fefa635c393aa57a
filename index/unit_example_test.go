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

func ExampleIndex_Bodies() {
	seg, err := segment.New()
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
	shuozhou := corpus.Place{Code: "1406", Name: "朔州市", Level: corpus.LevelCity}
	doc := &corpus.Document{ID: "d-1", Issuer: "朔州市人民政府", Level: corpus.LevelCity, Place: &shuozhou, Region: []corpus.Place{shuozhou}}
	err = ix.Add(context.Background(), corpus.Parsed{Doc: doc, Obligations: []corpus.Obligation{
		{ID: "d-1/o-1", Doc: "d-1", Text: "开展燃气安全专项整治。", Lead: []string{"市应急局"}, Support: []string{"市住建局"}},
		{ID: "d-1/o-2", Doc: "d-1", Text: "加强执法队伍建设。", Lead: []string{"应急管理局"}},
	}})
	if err != nil {
		log.Fatal(err)
	}
	bodies, err := ix.Bodies(context.Background(), index.Query{})
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range bodies {
		fmt.Println(b.Name, b.Lead, b.Support, b.Responsible)
	}
	res, err := ix.Search(context.Background(), index.Query{Lead: "朔州市应急管理局"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Total, "duties led by 朔州市应急管理局")
	// Output:
	// 朔州市应急管理局 2 0 0
	// 朔州市住房和城乡建设局 0 1 0
	// 2 duties led by 朔州市应急管理局
}
