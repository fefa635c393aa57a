package workspace

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dutymap/dutymap/batch"
	"github.com/dutymap/dutymap/index"
)

// newTownVersion returns the town plan with one duty tightened: a new
// version of the same document.
func newTownVersion(t *testing.T) []byte {
	t.Helper()
	const was, now = "每月至少召开一次党政专题会议", "每半月至少召开一次党政专题会议"
	old := seed(t, seedTown)
	if !bytes.Contains(old, []byte(was)) {
		t.Fatalf("the sample no longer says %s", was)
	}
	return bytes.Replace(old, []byte(was), []byte(now), 1)
}

// indexStats returns the counts of w's index.
func indexStats(t testing.TB, w *Workspace) index.Stats {
	t.Helper()
	w.ixMu.RLock()
	defer w.ixMu.RUnlock()
	st, err := w.ix.Stats()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestAddFilesOneUpdate adds the samples, a file that cannot be read, and
// a new version of a sample in one AddFiles: the index gets one batch for
// all of them (not one per file), the results come in order, the
// unreadable file fails alone, and the new version names the version it
// replaced although that one, stored in the same group, was never indexed.
func TestAddFilesOneUpdate(t *testing.T) {
	w := openTest(t)
	ctx := context.Background()
	src := t.TempDir()
	ins := SampleInputs()
	ins = append(ins[:2:2], append([]Input{{Name: "missing.txt", Path: filepath.Join(src, "missing.txt")}}, ins[2:]...)...)
	v2 := filepath.Join(src, "town-v2.txt")
	if err := os.WriteFile(v2, newTownVersion(t), 0o644); err != nil {
		t.Fatal(err)
	}
	ins = append(ins, Input{Name: "town-v2.txt", Path: v2})
	before := indexStats(t, w)
	var got []string
	results := map[string]AddResult{}
	sum, err := w.AddFiles(ctx, ins, func(r AddResult, err error) {
		if err != nil {
			got = append(got, "failed "+r.Name)
			return
		}
		got = append(got, string(r.Status)+" "+r.Name)
		results[r.Name] = r
	})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, in := range ins {
		status := "added "
		if in.Name == "missing.txt" {
			status = "failed "
		}
		want = append(want, status+in.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("reported %v, want %v", got, want)
	}
	if sum != (AddSummary{Added: len(ins) - 1, Failed: 1}) {
		t.Errorf("summary %+v", sum)
	}
	obligations := 0
	for _, r := range results {
		obligations += r.Obligations
	}
	after := indexStats(t, w)
	if batches, most := after.Batches-before.Batches, uint64(obligations/index.BatchObligations+1); batches > most {
		t.Errorf("%d files of %d obligations went in %d index batches, want at most %d", len(ins)-1, obligations, batches, most)
	}
	town := results["samples/"+seedTown]
	if r := results["town-v2.txt"]; !slices.Equal(r.Superseded, town.Docs) {
		t.Errorf("the new version superseded %v, want %v", r.Superseded, town.Docs)
	}
	checkConsistent(t, w)
}

// TestGroupBesideOtherChanges stores files in a Group and, before it is
// flushed, adds another file alone (as a handed-over add may): searches
// see nothing of the group until its Flush, the Add indexes what is
// stored, and the Flush reports its files added all the same.
func TestGroupBesideOtherChanges(t *testing.T) {
	w := openTest(t)
	ctx := context.Background()
	g := w.NewGroup()
	for _, n := range []string{seedTown, seedSmall} {
		if _, err := g.Put(ctx, n, seed(t, n)); err != nil {
			t.Fatal(err)
		}
	}
	if res, err := w.Search(ctx, index.Query{Text: "安全"}); err != nil || res.Total != 0 {
		t.Errorf("before Flush, a search found %v (%v)", res, err)
	}
	if r, err := w.Add(ctx, seedTown2, seed(t, seedTown2)); err != nil || r.Status != Added {
		t.Fatalf("Add beside a group: %+v, %v", r, err)
	}
	res, err := g.Flush(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].Status != Added || res[1].Status != Added || res[0].Name != seedTown {
		t.Errorf("Flush: %+v", res)
	}
	checkConsistent(t, w)
	if res, err := g.Flush(ctx); err != nil || len(res) != 0 {
		t.Errorf("Flush of an empty group: %v, %v", res, err)
	}
}

// TestGroupCrashBeforeFlush stores files in a Group and closes the corpus
// without flushing it, as a run killed between storing and indexing does:
// nothing stored is lost, the next Open indexes the files, and adding them
// again changes nothing.
func TestGroupCrashBeforeFlush(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	ctx := context.Background()
	w, err := Open(ctx, dir, testOptions("test"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Add(ctx, seedTown2, seed(t, seedTown2)); err != nil {
		t.Fatal(err)
	}
	g := w.NewGroup()
	for _, n := range []string{seedTown, seedSmall} {
		if _, err := g.Put(ctx, n, seed(t, n)); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	if w, err = Open(ctx, dir, testOptions("test")); err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if r := strings.Join(w.Repairs(), "\n"); !strings.Contains(r, "brought the search index up to date with the store: 2 documents indexed") {
		t.Errorf("repairs %q", r)
	}
	checkConsistent(t, w)
	if r, err := w.Add(ctx, seedSmall, seed(t, seedSmall)); err != nil || r.Status != Unchanged {
		t.Errorf("Add again: %+v, %v", r, err)
	}
}

// TestInboxGroupsReportAlike runs the same inbox — a town plan, then the
// seven plans of its county and city (its uppers), then a new version of
// the town plan — file by file and in one group, into two corpora: every
// report and every outcome (diff against the previous version, uppers
// compared, reports of lowers redone) is the same.
func TestInboxGroupsReportAlike(t *testing.T) {
	files := map[string][]byte{"1-town.txt": seed(t, seedTown), "2-uppers.txt": seed(t, seedMulti), "3-town-v2.txt": newTownVersion(t)}
	run := func(maxGroup int) (out string, results []batch.Result) {
		w := openTest(t)
		root := t.TempDir()
		inbox, out := filepath.Join(root, "inbox"), filepath.Join(root, "out")
		os.MkdirAll(inbox, 0o755)
		for i, name := range []string{"1-town.txt", "2-uppers.txt", "3-town-v2.txt"} {
			p := filepath.Join(inbox, name)
			os.WriteFile(p, files[name], 0o644)
			// Arrival order is by modification time.
			at := time.Now().Add(time.Duration(i-10) * time.Second)
			os.Chtimes(p, at, at)
		}
		proc, err := w.InboxProcessor(out)
		if err != nil {
			t.Fatal(err)
		}
		in := &batch.Inbox{Dir: inbox, Processor: proc, Settle: time.Millisecond, MaxGroup: maxGroup,
			OnResult: func(r batch.Result) { results = append(results, r) }}
		if sum, err := in.Run(context.Background()); err != nil || sum.Done != 3 {
			t.Fatalf("MaxGroup %d: %+v, %v", maxGroup, sum, err)
		}
		return out, results
	}
	oneOut, one := run(1)
	groupOut, group := run(100)
	if len(one) != len(group) {
		t.Fatalf("%d results file by file, %d in a group", len(one), len(group))
	}
	rel := func(out string, paths []string) []string {
		var r []string
		for _, p := range paths {
			r = append(r, strings.TrimPrefix(p, out))
		}
		return r
	}
	for i := range one {
		a, b := one[i].Outcome, group[i].Outcome
		if len(a.Documents) != len(b.Documents) {
			t.Errorf("%s: %d documents file by file, %d in a group", one[i].Name, len(a.Documents), len(b.Documents))
			continue
		}
		for j := range a.Documents {
			da, db := a.Documents[j], b.Documents[j]
			da.Report, db.Report = strings.TrimPrefix(da.Report, oneOut), strings.TrimPrefix(db.Report, groupOut)
			if da != db {
				t.Errorf("%s: %+v file by file, %+v in a group", one[i].Name, da, db)
			}
		}
		// In a group the town plan is reported with its uppers at once, and
		// again for them, so it is redone as it is file by file.
		if ra, rb := rel(oneOut, a.Redone), rel(groupOut, b.Redone); !slices.Equal(ra, rb) {
			t.Errorf("%s: redone %v file by file, %v in a group", one[i].Name, ra, rb)
		}
	}
	if changes := one[2].Outcome.Documents[0].Changes; changes == 0 {
		t.Error("the new version of the town plan reports no change")
	}
	dirs, _ := os.ReadDir(oneOut)
	if len(dirs) < 9 {
		t.Errorf("%d report folders, want the nine documents'", len(dirs))
	}
	for _, d := range dirs {
		a, b := reportJSON(t, filepath.Join(oneOut, d.Name())), reportJSON(t, filepath.Join(groupOut, d.Name()))
		if a != b {
			t.Errorf("report %s differs in a group:\n%.600s\n%.600s", d.Name(), a, b)
		}
	}
}

// reportJSON returns the report.json of a report folder, without the time
// it was made.
func reportJSON(t *testing.T, dir string) string {
	t.Helper()
	r := readReport(t, dir)
	r.Generated = time.Time{}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestGroupCopy adds a file and a copy of it in one group: the copy is
// unchanged, stored as the first, not an unfinished add completed.
func TestGroupCopy(t *testing.T) {
	w := openTest(t)
	ctx := context.Background()
	g := w.NewGroup()
	for _, n := range []string{"a.txt", "copy-of-a.txt"} {
		if _, err := g.Put(ctx, n, seed(t, seedSmall)); err != nil {
			t.Fatal(err)
		}
	}
	res, err := g.Flush(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].Status != Added || res[1].Status != Unchanged || res[1].StoredAs != "a.txt" {
		t.Errorf("Flush: %+v", res)
	}
	checkConsistent(t, w)
}

// TestHandOffIsOneUpdate hands files to the holder of the corpus, which
// adds them as one group: one index batch for all of them.
func TestHandOffIsOneUpdate(t *testing.T) {
	w := openTest(t)
	serve(t, w)
	src := t.TempDir()
	var ins []Input
	for name, data := range smallFiles(t, 4) {
		p := filepath.Join(src, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		ins = append(ins, Input{Name: name, Path: p})
	}
	before := indexStats(t, w)
	sum, ok, err := HandOff(context.Background(), w.Dir(), ins, func(AddResult, error) {})
	if err != nil || !ok || sum.Added != len(ins) {
		t.Fatalf("HandOff: %+v %v %v", sum, ok, err)
	}
	if batches := indexStats(t, w).Batches - before.Batches; batches != 1 {
		t.Errorf("%d handed-over files went in %d index batches, want 1", len(ins), batches)
	}
	checkConsistent(t, w)
}
