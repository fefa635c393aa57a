package workspace_test

import (
	"context"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"sync"

	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/samples"
	"github.com/dutymap/dutymap/segment"
	"github.com/dutymap/dutymap/workspace"
)

// seg is the examples' segmenter, loaded once: a program builds one and
// passes it in.
var seg = sync.OnceValues(segment.New)

func ExampleOpen() {
	dir, _ := os.MkdirTemp("", "corpus")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	w, err := workspace.Open(ctx, dir, workspace.Options{Segmenter: seg, Role: "example"})
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close()
	data, _ := fs.ReadFile(samples.FS(), "000_b8c2bae4e8864faf.txt")
	r, err := w.Add(ctx, "plan.txt", data)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.Status, len(r.Docs), "document")
	r, _ = w.Add(ctx, "copy.txt", data) // the same bytes: stored once
	fmt.Println(r.Status, "as", r.StoredAs)

	res, _ := w.Search(ctx, index.Query{Text: "每月 会议", Limit: 1})
	fmt.Println(res.Hits[0].Title)
	// Output:
	// added 1 document
	// unchanged as plan.txt
	// 水峪贯镇人民政府关于做好2024年安全生产工作的方案
}

func ExampleOpenView() {
	dir, _ := os.MkdirTemp("", "corpus")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	w, err := workspace.Open(ctx, dir, workspace.Options{Segmenter: seg, Role: "watch"})
	if err != nil {
		log.Fatal(err)
	}
	w.AddSamples(ctx, func(workspace.AddResult, error) {})
	serving, stop := context.WithCancel(ctx)
	done := make(chan error)
	go func() { done <- w.Serve(serving) }() // the holder answers others

	// Another process: its View's searches go to the holder.
	var v *workspace.View
	for v == nil {
		v, _ = workspace.OpenView(ctx, dir, workspace.Options{})
		if _, _, held := v.Held(); !held {
			v = nil
		}
	}
	_, role, _ := v.Held()
	res, _ := v.Search(ctx, index.Query{Text: "自建房", Level: "town"})
	fmt.Println("held by", role+"; town duties on self-built houses found:", res.Total > 0)
	v.Close()
	stop()
	<-done
	w.Close()
	// Output:
	// held by watch; town duties on self-built houses found: true
}

func ExampleInputs() {
	dir, _ := os.MkdirTemp("", "plans")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "县方案.docx"), []byte("…"), 0o644)
	os.WriteFile(filepath.Join(dir, ".DS_Store"), nil, 0o644)
	os.Symlink("/etc/hostname", filepath.Join(dir, "hostname.txt"))
	files, skipped := workspace.Inputs([]string{dir})
	for _, f := range files {
		fmt.Println("file:", filepath.Base(f.Path))
	}
	fmt.Println("skipped:", len(skipped))
	// Output:
	// file: 县方案.docx
	// skipped: 1
}
