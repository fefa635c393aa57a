package ingest_test

import (
	"fmt"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/ingest"
)

func ExampleParse() {
	src := `水峪贯镇人民政府文件

水政发〔2024〕1号

水峪贯镇人民政府 关于做好 2024 年安全生产工作的方案

各村，各站所：

根据《交城县人民政府关于做好2024年安全生产工作的通知》（交政发〔2024〕1号）精神，特制订如下方案。

一、压实安全责任

(一)严格落实党政领导责任。坚持每月至少召开一次党政专题会议，分析安全形
势，研究解决问题。

(二)主动落实站所监管责任。进一步明确并落实监管站所安全生产职责。

抄报：县政府办、县安委会办公室。

水峪贯镇人民政府

2024年3月5日印发
`
	docs, err := ingest.Parse("plan.txt", []byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	d := docs[0]
	fmt.Println(d.Title)
	fmt.Println(d.Issuer, d.DocNumber, d.Level, d.Date, d.PlanYear)
	fmt.Println(d.Place.Code, d.Region[1].Name)
	fmt.Println(d.Addressees, d.CC)
	fmt.Println(d.References[0].Title, d.References[0].Number)
	d.Walk(func(b *corpus.Block, anc []*corpus.Block) bool {
		fmt.Printf("%*s%s %s\n", 2*len(anc), "", b.Number, d.Slice(b.Lead))
		return true
	})
	fmt.Println(d.Slice(d.Outline[0].Children[0].Body))
	// Output:
	// 水峪贯镇人民政府关于做好2024年安全生产工作的方案
	// 水峪贯镇人民政府 水政发〔2024〕1号 town 2024-03-05 2024
	// 141122103 交城县
	// [各村 各站所] [县政府办 县安委会办公室]
	// 交城县人民政府关于做好2024年安全生产工作的通知 交政发〔2024〕1号
	// 一 压实安全责任
	//   (一) 严格落实党政领导责任
	//   (二) 主动落实站所监管责任
	// 严格落实党政领导责任。坚持每月至少召开一次党政专题会议，分析安全形势，研究解决问题。
}
