package workspace

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dutymap/dutymap/batch"
	"github.com/dutymap/dutymap/report"
)

// readReport reads the report.json of a report folder, checking the
// folder is complete.
func readReport(t *testing.T, dir string) report.Report {
	t.Helper()
	for _, f := range []string{report.JSONFile, report.HTMLFile, report.XLSXFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("report incomplete: %v", err)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, report.JSONFile))
	if err != nil {
		t.Fatal(err)
	}
	var r report.Report
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func process(t *testing.T, w *Workspace, out, name string, data []byte) batch.Outcome {
	t.Helper()
	o, err := w.ProcessInboxFile(context.Background(), batch.File{Name: name, Data: data}, out)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return o
}

func TestProcessInboxFile(t *testing.T) {
	w := openTest(t)
	out := t.TempDir()
	orig := seed(t, seedTown)
	o := process(t, w, out, "town.txt", orig)
	if len(o.Documents) != 1 || o.Documents[0].Duplicate || o.Documents[0].Report != ReportDir(out, "town.txt", o.Documents[0].ID) {
		t.Fatalf("outcome %+v", o)
	}
	r := readReport(t, o.Documents[0].Report)
	if r.Document.ID != o.Documents[0].ID || len(r.Obligations) != o.Documents[0].Obligations || r.Duplicate || r.Changes != nil {
		t.Errorf("report: document %s, %d obligations, duplicate %v, changes %v", r.Document.ID, len(r.Obligations), r.Duplicate, r.Changes)
	}
	if len(r.Table.Rows) != len(r.Obligations) {
		t.Errorf("task table has %d rows for %d obligations", len(r.Table.Rows), len(r.Obligations))
	}

	// The same bytes under another name: a duplicate, reported as one.
	dup := process(t, w, out, "copy.txt", orig)
	if !dup.Duplicate() || !readReport(t, dup.Documents[0].Report).Duplicate {
		t.Errorf("copy: %+v", dup)
	}
	// Its own bytes, resumed after a run died: no duplicate.
	res, err := w.ProcessInboxFile(context.Background(), batch.File{Name: "town.txt", Data: orig, Resumed: true}, out)
	if err != nil || res.Duplicate() {
		t.Errorf("resumed: %+v, %v", res, err)
	}

	// A new version with one frequency tightened: the report shows it.
	const from, to = "每月至少召开一次", "每周至少召开一次"
	if !bytes.Contains(orig, []byte(from)) {
		t.Fatalf("seed no longer says %s", from)
	}
	v2 := process(t, w, out, "town.txt", bytes.Replace(orig, []byte(from), []byte(to), 1))
	r = readReport(t, v2.Documents[0].Report)
	if r.Changes == nil || v2.Documents[0].Changes != len(r.Changes.Items) || len(r.Changes.Items) == 0 {
		t.Fatalf("new version: changes %+v, outcome %+v", r.Changes, v2)
	}
	found := false
	for _, it := range r.Changes.Items {
		if strings.Contains(it.New, to) && strings.Contains(it.Old, from) {
			found = it.Kind == "frequency_tightened"
		}
	}
	if !found {
		t.Errorf("每月 → 每周 not reported as frequency_tightened: %+v", r.Changes.Items)
	}
	checkConsistent(t, w)
}

// countyPlan and cityPlan make the town plan's county and city from the
// city sample: the county plan is the one the town plan cites, the city is
// found by place and year.
func countyPlan(t *testing.T) []byte {
	return []byte(strings.NewReplacer("朔州市人民政府", "交城县人民政府", "朔政发〔2023〕1号", "交政发〔2024〕1号", "2023年", "2024年").Replace(string(seed(t, seedCounty))))
}

func cityPlan(t *testing.T) []byte {
	return []byte(strings.NewReplacer("朔州", "吕梁", "2023年", "2024年").Replace(string(seed(t, seedCounty))))
}

// TestUpperArrivesLater reports a town plan, then its county's and an
// unrelated city's: the county's arrival redoes the town's report, now
// compared with it; the unrelated one's does not.
func TestUpperArrivesLater(t *testing.T) {
	w := openTest(t)
	out := t.TempDir()
	town := process(t, w, out, "town.txt", seed(t, seedTown))
	townDir := town.Documents[0].Report
	if r := readReport(t, townDir); len(r.Upper) != 0 {
		t.Fatalf("the town plan alone was compared with %v", r.Upper)
	}
	other := process(t, w, out, "other.txt", seed(t, seedCounty)) // 朔州, not the town's city
	if len(other.Redone) != 0 {
		t.Errorf("an unrelated city plan redid %v", other.Redone)
	}
	county := process(t, w, out, "county.txt", countyPlan(t))
	if !slices.Equal(county.Redone, []string{townDir}) {
		t.Fatalf("the county plan redid %v, want the town's report %s", county.Redone, townDir)
	}
	r := readReport(t, townDir)
	if len(r.Upper) != 1 || r.Upper[0].Against.ID != county.Documents[0].ID || r.Upper[0].Reason == "" {
		t.Fatalf("the town's report is now compared with %+v", r.Upper)
	}
	for _, it := range r.Upper[0].Items {
		if it.Kind == "not_expected_below" {
			continue // whatever the town says
		}
		if it.Old == "" || (it.Kind != "missing") != (it.New != "") {
			t.Errorf("finding %+v", it)
			break
		}
	}
	// A document reported elsewhere (another outbox) is left alone.
	city := process(t, w, t.TempDir(), "city.txt", cityPlan(t))
	if len(city.Redone) != 0 {
		t.Errorf("reports of another outbox redone: %v", city.Redone)
	}
}

// TestBudgetSpentAfterStoring: a file stored within its budget gets its
// reports even when the budget runs out meanwhile; a cancelled run stops.
func TestBudgetSpentAfterStoring(t *testing.T) {
	w := openTest(t)
	out := t.TempDir()
	data := seed(t, seedSmall)
	if _, err := w.Add(context.Background(), "a.txt", data); err != nil {
		t.Fatal(err)
	}
	spent, cancel := context.WithCancelCause(context.Background())
	cancel(fmt.Errorf("%w: in the test", batch.ErrTimeBudget))
	o, err := w.ProcessInboxFile(spent, batch.File{Name: "a.txt", Data: data, Resumed: true}, out)
	if err != nil || len(o.Documents) != 1 {
		t.Fatalf("with the budget spent after storing: %+v, %v", o, err)
	}
	readReport(t, o.Documents[0].Report)

	stopped, stop := context.WithCancel(context.Background())
	stop()
	if _, err := w.ProcessInboxFile(stopped, batch.File{Name: "b.txt", Data: seed(t, seedTown)}, out); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestUppers(t *testing.T) {
	w := openTest(t)
	ctx := context.Background()
	for _, f := range []struct {
		name string
		data []byte
	}{{"town.txt", seed(t, seedTown)}, {"county.txt", countyPlan(t)}, {"city.txt", cityPlan(t)}, {"other.txt", seed(t, seedCounty)}, {"anon.txt", seed(t, seedSmall)}} {
		if _, err := w.Add(ctx, f.name, f.data); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := w.List()
	town, anon := list[0], list[4]
	ups, why, err := Uppers(w, town.Meta(), 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range ups {
		got = append(got, u.Doc.Issuer+": "+why[u.Doc.ID])
	}
	if len(got) != 2 || !strings.HasPrefix(got[0], "交城县人民政府: ") || !strings.HasPrefix(got[1], "吕梁市人民政府: ") {
		t.Errorf("uppers of the town plan: %v, want its county's and its city's", got)
	}
	if ups, _, _ := Uppers(w, town.Meta(), 1); len(ups) != 1 {
		t.Errorf("at most 1: got %d", len(ups))
	}
	// Which documents of unknown place get uppers is compare.FindUppers's
	// rule; of unknown level, none do.
	unknown := anon.Meta()
	unknown.Level = ""
	_, _, err = Uppers(w, unknown, 0)
	if !errors.Is(err, ErrNoUppers) || !strings.Contains(err.Error(), "its level is unknown") {
		t.Errorf("uppers of a document of unknown level: %v", err)
	}
	city := list[2]
	if _, _, err := Uppers(w, city.Meta(), 0); !errors.Is(err, ErrNoUppers) || !strings.Contains(err.Error(), "in corpus") {
		t.Errorf("uppers of the city plan: %v", err)
	}
}

// TestInboxTimeBudget puts a long document through an inbox whose time
// budget it exceeds: it goes to failed/ with the reason, nothing of it is
// stored, and the next file is processed.
func TestInboxTimeBudget(t *testing.T) {
	w := openTest(t)
	inbox := filepath.Join(t.TempDir(), "inbox")
	os.MkdirAll(inbox, 0o755)
	os.WriteFile(filepath.Join(inbox, "a-long.txt"), seed(t, seedMulti), 0o644) // seven plans, 200 KB
	os.WriteFile(filepath.Join(inbox, "b-short.txt"), seed(t, seedSmall), 0o644)
	proc, err := w.InboxProcessor(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	in := &batch.Inbox{Dir: inbox, Processor: proc, Settle: time.Millisecond, Timeout: 20 * time.Millisecond}
	sum, err := in.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := os.ReadFile(filepath.Join(inbox, batch.FailedDir, "a-long.txt"+batch.ErrorSuffix))
	if !strings.HasPrefix(string(msg), "processing took longer than 20ms, the time budget of one file") {
		t.Errorf("a-long.txt: %q", msg)
	}
	// The short one may fit the budget or not, depending on the machine;
	// the long one's parse must not have stored anything meanwhile.
	list, _ := w.List()
	for _, d := range list {
		if d.Source == "a-long.txt" {
			t.Error("the file over its budget was stored")
		}
	}
	if sum.Total() != 2 {
		t.Errorf("summary %+v", sum)
	}
}

// TestLongNameReport reports a file whose name leaves no room for the
// report folder's suffixes.
func TestLongNameReport(t *testing.T) {
	w := openTest(t)
	name := strings.Repeat("关于做好安全生产隐患排查整治工作的通知", 5)[:240] + ".txt"
	o := process(t, w, t.TempDir(), name, seed(t, seedSmall))
	dir := o.Documents[0].Report
	if len(filepath.Base(dir)) > 255 {
		t.Errorf("report folder name of %d bytes", len(filepath.Base(dir)))
	}
	readReport(t, dir)
	if ReportDir(filepath.Dir(dir), name, o.Documents[0].ID) != dir {
		t.Error("ReportDir does not give the folder written")
	}
}
