package corpus_test

import (
	"fmt"
	"log"
	"os"

	"github.com/dutymap/dutymap/corpus"
)

func ExampleOpenStore() {
	dir, _ := os.MkdirTemp("", "corpus")
	defer os.RemoveAll(dir)
	st, err := corpus.OpenStore(dir) // the only writer until Close
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()

	doc := &corpus.Document{ID: "d-1", Part: 1, Title: "2024年安全生产工作要点", Issuer: "某镇人民政府",
		Level: corpus.LevelTown, Text: "一、每月至少召开一次会议。"}
	parsed := []corpus.Parsed{{Doc: doc, Obligations: []corpus.Obligation{{ID: "d-1/o-1", Doc: "d-1", Text: "每月至少召开一次会议。"}}}}
	data := []byte("一、每月至少召开一次会议。")
	_, added, _ := st.Put("plan.txt", data, parsed)
	fmt.Println("added:", added)
	_, added, _ = st.Put("copy.txt", data, parsed) // same bytes: a no-op
	fmt.Println("added again:", added)

	// A second writer is refused at once.
	if _, err := corpus.OpenStore(dir); err != nil {
		fmt.Println("second writer refused")
	}
	docs, _ := corpus.ViewStore(dir).List()
	for _, d := range docs {
		fmt.Println(d.Level, d.Issuer, d.Title, d.Obligations, d.Current())
	}
	// Output:
	// added: true
	// added again: false
	// second writer refused
	// town 某镇人民政府 2024年安全生产工作要点 1 true
}
