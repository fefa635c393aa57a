package plantext

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/ingest"
)

func TestPlan(t *testing.T) {
	src, err := New("一、加强组织领导，压实工作责任\n各乡镇要在6月底前完成辖区内在建工地的全面排查，每季度至少开展一次专项检查，发现隐患及时整改。")
	if err != nil {
		t.Fatal(err)
	}
	const size = 200 << 10
	plan := src.Plan(size, 1)
	if len(plan) < size || len(plan) > size+8<<10 {
		t.Errorf("Plan(%d) wrote %d bytes", size, len(plan))
	}
	if src.Plan(size, 1) != plan {
		t.Error("the same seed wrote another plan")
	}
	if src.Plan(size, 2) == plan {
		t.Error("another seed wrote the same plan")
	}
	docs, err := ingest.Parse("plan.txt", []byte(plan))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("the plan reads as %d documents, want 1", len(docs))
	}
	d := docs[0]
	if !strings.HasSuffix(d.Title, "年安全生产工作要点的通知") {
		t.Errorf("title %q", d.Title)
	}
	var sections, items int
	d.Walk(func(b *corpus.Block, anc []*corpus.Block) bool {
		switch len(anc) {
		case 0:
			sections++
		case 2:
			items++
		}
		return true
	})
	if sections < 2 || items < 100 {
		t.Errorf("outline of %d sections and %d items, want a tree of sections, subsections and items", sections, items)
	}
}

func TestWriteDocx(t *testing.T) {
	src, err := New()
	if err != nil {
		t.Fatal(err)
	}
	plan := src.Plan(20<<10, 3)
	var b bytes.Buffer
	if err := WriteDocx(&b, plan); err != nil {
		t.Fatal(err)
	}
	fromDocx, err := ingest.Parse("plan.docx", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	fromText, err := ingest.Parse("plan.txt", []byte(plan))
	if err != nil {
		t.Fatal(err)
	}
	if len(fromDocx) != 1 || fromDocx[0].Text != fromText[0].Text {
		t.Error("the .docx reads as another text than the plan")
	}
}
