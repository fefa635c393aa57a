package batch_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dutymap/dutymap/batch"
)

// countSentences stands in for dutymap's pipeline: it "finds" one
// obligation per 。 and refuses files without a title line.
func countSentences(_ context.Context, f batch.File) (batch.Outcome, error) {
	title, _, ok := strings.Cut(string(f.Data), "\n")
	if !ok {
		return batch.Outcome{}, errors.New("no title line")
	}
	doc := batch.DocOutcome{ID: "d-" + f.Name, Title: title, Obligations: strings.Count(string(f.Data), "。")}
	return batch.Outcome{Documents: []batch.DocOutcome{doc}}, nil
}

func ExampleInbox_Run() {
	inbox, _ := os.MkdirTemp("", "inbox")
	defer os.RemoveAll(inbox)
	os.WriteFile(filepath.Join(inbox, "plan.txt"), []byte("某镇安全生产工作方案\n每月至少召开一次会议。\n"), 0o644)
	os.WriteFile(filepath.Join(inbox, "scrap.txt"), []byte("no title"), 0o644)

	in := &batch.Inbox{
		Dir:       inbox,
		Processor: batch.ProcessorFunc(countSentences),
		OnResult: func(r batch.Result) {
			fmt.Println(r.Name, r.Status, r.Err)
		},
	}
	sum, err := in.Run(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", sum)
	failed, _ := os.ReadFile(filepath.Join(inbox, batch.FailedDir, "scrap.txt"+batch.ErrorSuffix))
	fmt.Println(strings.SplitN(string(failed), "\n", 2)[0])
	// Output:
	// plan.txt done <nil>
	// scrap.txt failed no title line
	// {Done:1 Duplicates:0 Failed:1 Skipped:0 Stuck:0}
	// no title line
}

func ExampleInbox_Watch() {
	inbox, _ := os.MkdirTemp("", "inbox")
	defer os.RemoveAll(inbox)
	filed := make(chan batch.Result, 1)
	in := &batch.Inbox{
		Dir:       inbox,
		Processor: batch.ProcessorFunc(countSentences),
		Settle:    50 * time.Millisecond,
		OnResult:  func(r batch.Result) { filed <- r },
	}
	ctx, stop := context.WithCancel(context.Background())
	watching := make(chan error)
	go func() { watching <- in.Watch(ctx) }()

	os.WriteFile(filepath.Join(inbox, "plan.txt"), []byte("某镇安全生产工作方案\n每月至少召开一次会议。4月底前制定清单。\n"), 0o644)
	r := <-filed
	fmt.Println(r.Name, r.Status, r.Outcome.Documents[0].Obligations, "obligations")
	stop()
	fmt.Println(<-watching)
	// Output:
	// plan.txt done 2 obligations
	// <nil>
}

// sentenceGroup is countSentences as a batch.Group: Stage checks and keeps
// each file's document, Commit "indexes" the group's at once, Finish hands
// out each file's outcome.
type sentenceGroup struct {
	docs    map[string]batch.DocOutcome
	commits *int
}

type sentenceGrouper struct{ commits int }

func (g *sentenceGrouper) Process(ctx context.Context, f batch.File) (batch.Outcome, error) {
	return countSentences(ctx, f)
}

func (g *sentenceGrouper) Group() batch.Group {
	return &sentenceGroup{docs: map[string]batch.DocOutcome{}, commits: &g.commits}
}

func (s *sentenceGroup) Stage(ctx context.Context, f batch.File) (bool, error) {
	o, err := countSentences(ctx, f)
	if err != nil {
		return false, err
	}
	s.docs[f.Name] = o.Documents[0]
	return false, nil
}

func (s *sentenceGroup) Commit(context.Context) error { *s.commits++; return nil }

func (s *sentenceGroup) Finish(_ context.Context, f batch.File) (batch.Outcome, error) {
	return batch.Outcome{Documents: []batch.DocOutcome{s.docs[f.Name]}}, nil
}

func ExampleGrouper() {
	inbox, _ := os.MkdirTemp("", "inbox")
	defer os.RemoveAll(inbox)
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		os.WriteFile(filepath.Join(inbox, name), []byte("某镇安全生产工作方案\n每月至少召开一次会议。\n"), 0o644)
	}
	os.WriteFile(filepath.Join(inbox, "scrap.txt"), []byte("no title"), 0o644)
	proc := &sentenceGrouper{}
	in := &batch.Inbox{Dir: inbox, Processor: proc}
	sum, err := in.Run(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v in %d group\n", sum, proc.commits)
	// Output:
	// {Done:3 Duplicates:0 Failed:1 Skipped:0 Stuck:0} in 1 group
}
