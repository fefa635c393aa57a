package store_test

import (
	"fmt"
	"log"
	"os"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/store"
)

func ExampleOpen() {
	dir, _ := os.MkdirTemp("", "corpus")
	defer os.RemoveAll(dir)
	st, err := store.Open(dir, "example") // the only writer until Close
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()

	text := "一、每月至少召开一次会议。"
	doc := &corpus.Document{ID: "d-1", Part: 1, Title: "2024年安全生产工作要点", Issuer: "某镇人民政府",
		Level: corpus.LevelTown, Text: text, Body: corpus.Span{End: len(text)}}
	parsed := []corpus.Parsed{{Doc: doc, Obligations: []corpus.Obligation{{ID: "d-1/o-1", Doc: "d-1", Text: "每月至少召开一次会议。", Span: corpus.Span{Start: 6, End: len(text)}}}}}
	data := []byte(text)
	e, added, _ := st.Put("plan.txt", data, parsed)
	fmt.Println("added:", added, "seq:", e.Seq)
	_, added, _ = st.Put("copy.txt", data, parsed) // same bytes: a no-op
	fmt.Println("added again:", added)

	// A second writer is refused at once.
	if _, err := store.Open(dir, "add"); err != nil {
		fmt.Println("second writer refused")
	}
	v, _ := store.View(dir)
	docs, _ := v.List()
	for _, d := range docs {
		fmt.Println(d.Level, d.Issuer, d.Title, d.Obligations, d.Current())
	}
	// Output:
	// added: true seq: 1
	// added again: false
	// second writer refused
	// town 某镇人民政府 2024年安全生产工作要点 1 true
}
