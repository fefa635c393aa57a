package workspace_test

import (
	"context"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"sync"

	"github.com/dutymap/dutymap/compare"
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

func ExampleNewEngine() {
	s, err := seg()
	if err != nil {
		log.Fatal(err)
	}
	eng := workspace.NewEngine(s, workspace.Limits{})
	ctx := context.Background()
	v1 := "某镇2024年安全生产工作要点\n一、镇安委会每季度至少召开一次会议。\n二、4月底前完成隐患排查。\n"
	v2 := "某镇2024年安全生产工作要点\n一、镇安委会每月至少召开一次会议。\n二、4月底前完成隐患排查。\n"
	old, _ := eng.Parse(ctx, "v1.txt", []byte(v1))
	new, _ := eng.Parse(ctx, "v2.txt", []byte(v2))
	d := eng.Diff(old[0], new[0])
	for _, e := range d.Entries {
		for _, c := range e.Changes {
			if c.Kind == compare.FrequencyTightened {
				fmt.Println(c.Kind, c.From, "→", c.To)
			}
		}
	}
	// Output:
	// frequency_tightened 每季度至少召开一次 → 每月至少召开一次
}

func ExampleHandOff() {
	dir, _ := os.MkdirTemp("", "corpus")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	w, err := workspace.Open(ctx, dir, workspace.Options{Segmenter: seg, Role: "watch"})
	if err != nil {
		log.Fatal(err)
	}
	serving, stop := context.WithCancel(ctx)
	done := make(chan error)
	go func() { done <- w.Serve(serving) }()
	plan := filepath.Join(dir, "..", filepath.Base(dir)+"-plan.txt")
	os.WriteFile(plan, []byte("某镇2024年安全生产工作要点\n一、镇安委会每月至少召开一次会议。\n"), 0o644)
	defer os.Remove(plan)

	// Another process, finding the corpus held, hands the file over.
	for {
		_, ok, err := workspace.HandOff(ctx, dir, []workspace.Input{{Name: "plan.txt", Path: plan}},
			func(r workspace.AddResult, err error) { fmt.Println(r.Name, r.Status, err) })
		if ok || err != nil {
			break
		}
	}
	stop()
	<-done
	w.Close()
	// Output:
	// plan.txt added <nil>
}

func ExampleGroup() {
	dir, _ := os.MkdirTemp("", "corpus")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	w, err := workspace.Open(ctx, dir, workspace.Options{Segmenter: seg, Role: "example"})
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close()
	g := w.NewGroup()
	for _, name := range []string{"000_b8c2bae4e8864faf.txt", "003_7fa65165f7cec2ac.txt"} {
		data, _ := fs.ReadFile(samples.FS(), name)
		if _, err := g.Put(ctx, name, data); err != nil { // stored, not yet indexed
			log.Fatal(err)
		}
	}
	res, _ := w.Search(ctx, index.Query{Text: "安全"})
	fmt.Println("before Flush:", res.Total, "found")
	added, err := g.Flush(ctx) // both files' documents in one index update
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range added {
		fmt.Println(r.Name, r.Status)
	}
	res, _ = w.Search(ctx, index.Query{Text: "安全"})
	fmt.Println("after Flush, found:", res.Total > 0)
	// Output:
	// before Flush: 0 found
	// 000_b8c2bae4e8864faf.txt added
	// 003_7fa65165f7cec2ac.txt added
	// after Flush, found: true
}

func ExampleWorkspace_AddFiles() {
	dir, _ := os.MkdirTemp("", "corpus")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	w, err := workspace.Open(ctx, dir, workspace.Options{Segmenter: seg, Role: "example"})
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close()
	ins := append(workspace.SampleInputs()[:2], workspace.Input{Name: "missing.txt", Path: filepath.Join(dir, "missing.txt")})
	sum, _ := w.AddFiles(ctx, ins, func(r workspace.AddResult, err error) {
		fmt.Println(r.Name, r.Status, err != nil)
	})
	fmt.Printf("%+v\n", sum)
	// Output:
	// samples/000_b8c2bae4e8864faf.txt added false
	// samples/001_1f896dcc82d4bd9a.txt added false
	// missing.txt  true
	// {Added:2 Unchanged:0 Completed:0 Failed:1}
}
