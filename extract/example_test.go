package extract_test

import (
	"fmt"
	"log"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/extract"
	"github.com/dutymap/dutymap/segment"
)

func ExampleExtractor_Extract() {
	text := "一、压实责任\n（一）严格落实领导责任。市、县安委会每月至少召开一次会议，分析安全形势（牵头责任单位：市安委办，协同责任单位：市委组织部、市应急局）。4月底前制定工作清单。\n"
	item := &corpus.Block{Number: "（一）", Marker: corpus.MarkerParenChinese, Depth: 2}
	item.Span = corpus.Span{Start: len("一、压实责任\n"), End: len(text)}
	item.Body = corpus.Span{Start: item.Span.Start + len("（一）"), End: len(text)}
	item.Lead = corpus.Span{Start: item.Body.Start, End: item.Body.Start + len("严格落实领导责任")}
	top := &corpus.Block{Number: "一", Marker: corpus.MarkerChinese, Depth: 1, Children: []*corpus.Block{item},
		Span: corpus.Span{Start: 0, End: len(text)}, Body: corpus.Span{Start: len("一、"), End: item.Span.Start},
		Lead: corpus.Span{Start: len("一、"), End: len("一、压实责任")}}
	doc := &corpus.Document{ID: "d-example", Text: text, PlanYear: 2024, Outline: []*corpus.Block{top},
		Body: corpus.Span{Start: 0, End: len(text)}}

	seg, err := segment.New()
	if err != nil {
		log.Fatal(err)
	}
	for _, o := range extract.New(seg).Extract(doc) {
		fmt.Println(o.ID, o.Path, o.Heading)
		fmt.Println(" ", o.Text)
		fmt.Println("  lead", o.Lead, "support", o.Support)
		for _, f := range o.Frequencies {
			fmt.Println("  every", f.Period, f.Qualifier, f.Count)
		}
		for _, d := range o.Deadlines {
			fmt.Println("  due", d.Kind, d.Date)
		}
	}
	// Output:
	// d-example/o-1 [一 （一）] 严格落实领导责任
	//   市、县安委会每月至少召开一次会议，分析安全形势（牵头责任单位：市安委办，协同责任单位：市委组织部、市应急局）。
	//   lead [市安委办] support [市委组织部 市应急局]
	//   every month at_least 1
	// d-example/o-2 [一 （一）] 严格落实领导责任
	//   4月底前制定工作清单。
	//   lead [] support []
	//   due by 2024-04-30
}

func ExampleSectors() {
	fmt.Println(extract.Sectors()[:5])
	// Output: [煤矿 非煤矿山 危险化学品 烟花爆竹 民用爆炸物品]
}
