package store

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dutymap/dutymap/corpus"
)

const planText = "一、总体要求\n各村要每月至少召开一次安全生产例会（牵头单位：镇应急站）。\n4月底前制定工作清单。"

// parsedDoc makes a Document with every field set, and obligations with
// every fact and span, as ingest and extract would.
func parsedDoc(id, issuer, title string, obls ...string) corpus.Parsed {
	text := planText + "\n" + title
	d := &corpus.Document{ID: id, Source: id + ".txt", Part: 1, Format: "txt", Charset: "utf-8",
		Title: title, Issuer: issuer, DocNumber: "水政发〔2024〕1号", Level: corpus.LevelTown,
		Place:  &corpus.Place{Code: "141122100", Name: "水峪贯镇", Level: corpus.LevelTown},
		Region: []corpus.Place{{Code: "141122", Name: "交城县", Level: corpus.LevelCounty}},
		Date:   "2024-02-01", PlanYear: 2024, Addressees: []string{"各村"}, CC: []string{"县应急局"},
		References: []corpus.Reference{{Title: "交城县安全生产工作要点", Number: "交政发〔2024〕1号"}},
		Text:       text, Fold: text, Body: corpus.Span{Start: 0, End: len(text)},
		Outline: []*corpus.Block{{Number: "一", Marker: corpus.MarkerChinese, Depth: 1,
			Span: corpus.Span{Start: 0, End: len(planText)}, Lead: corpus.Span{Start: 4, End: 16}, Body: corpus.Span{Start: 4, End: 20}}},
		Passages: []corpus.Span{{Start: len(planText) + 1, End: len(text)}},
		Tables:   []corpus.Table{{Span: corpus.Span{Start: 0, End: 3}, Header: 1, Rows: []corpus.Row{{Span: corpus.Span{Start: 0, End: 3}, Cells: []corpus.Span{{Start: 0, End: 3}}}}}},
	}
	p := corpus.Parsed{Doc: d}
	for i, t := range obls {
		attr := corpus.Span{Start: 40, End: 60}
		p.Obligations = append(p.Obligations, corpus.Obligation{
			ID: id + "/o-" + strconv.Itoa(i+1), Doc: id, Path: []string{"一"}, Heading: "总体要求", Text: t,
			Span: corpus.Span{Start: 19, End: 60}, Lead: []string{"镇应急站"}, Actors: []string{"各村"},
			Frequencies: []corpus.Frequency{{Raw: "每月至少", Period: corpus.PeriodMonth, Count: 1, Qualifier: corpus.AtLeast, Span: corpus.Span{Start: 28, End: 40}}},
			Deadlines:   []corpus.Deadline{{Raw: "4月底前", Date: "2024-04-30", Kind: corpus.By, Month: 4, Span: corpus.Span{Start: 62, End: 72}}},
			Modality:    corpus.Must, Modal: &corpus.Cue{Word: "要", Span: corpus.Span{Start: 25, End: 28}, Rank: 3},
			Attribution: &attr, Sectors: []string{"综合"},
			Targets: []corpus.Target{{Raw: "1次", Value: 1, Unit: "次", Span: corpus.Span{Start: 30, End: 34}}},
		})
	}
	return p
}

func openStore(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestPutIsIdempotentAndKeepsEveryField(t *testing.T) {
	s := openStore(t, t.TempDir())
	data := []byte("水峪贯镇人民政府关于做好2024年安全生产工作的方案")
	p := parsedDoc("d-1", "水峪贯镇人民政府", "方案", "每月召开一次会议")
	e, added, err := s.Put("a.txt", data, []corpus.Parsed{p})
	if err != nil || !added || e.Seq != 1 {
		t.Fatalf("first Put: %+v, added %v, err %v", e, added, err)
	}
	e2, added, err := s.Put("b.txt", data, []corpus.Parsed{p})
	if err != nil || added || e2.Name != "a.txt" || e2.Hash != e.Hash {
		t.Fatalf("second Put of the same bytes: %+v, added %v, err %v", e2, added, err)
	}
	if got, err := s.Source(e.Hash); err != nil || string(got) != string(data) {
		t.Errorf("Source = %q, %v", got, err)
	}
	back, err := s.Document("d-1")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Doc, p.Doc) {
		t.Errorf("document read back differs:\n got %+v\nwant %+v", back.Doc, p.Doc)
	}
	if !reflect.DeepEqual(back.Obligations, p.Obligations) {
		t.Errorf("obligations read back differ:\n got %+v\nwant %+v", back.Obligations, p.Obligations)
	}
	// The listing carries every metadata field, and no text.
	v, err := View(s.Dir())
	if err != nil {
		t.Fatal(err)
	}
	list, err := v.List()
	if err != nil || len(list) != 1 {
		t.Fatalf("List = %+v, %v", list, err)
	}
	want := *p.Doc
	want.Text, want.Fold, want.Body, want.Outline, want.Passages, want.Tables = "", "", corpus.Span{}, nil, nil, nil
	if !reflect.DeepEqual(*list[0].Meta(), want) || list[0].Obligations != 1 || list[0].Seq != 1 || list[0].Hash != e.Hash {
		t.Errorf("listing %+v, want the metadata %+v", list[0], want)
	}
}

func TestFoldKeptOnlyWhenItDiffers(t *testing.T) {
	s := openStore(t, t.TempDir())
	p := parsedDoc("d-t", "某镇人民政府", "方案")
	p.Doc.Text = "各村要每月召開一次會議。"
	p.Doc.Fold = "各村要每月召开一次会议。"
	p.Doc.Body = corpus.Span{Start: 0, End: len(p.Doc.Text)}
	p.Doc.Outline, p.Doc.Passages, p.Doc.Tables = nil, nil, nil
	if _, _, err := s.Put("t.txt", []byte(p.Doc.Text), []corpus.Parsed{p}); err != nil {
		t.Fatal(err)
	}
	back, err := s.Document("d-t")
	if err != nil || back.Doc.Fold != p.Doc.Fold {
		t.Errorf("Fold read back %q, %v", back.Doc.Fold, err)
	}
}

func TestVersions(t *testing.T) {
	s := openStore(t, t.TempDir())
	put := func(name string, ps ...corpus.Parsed) {
		t.Helper()
		if _, _, err := s.Put(name, []byte(name), ps); err != nil {
			t.Fatal(err)
		}
	}
	put("v1.txt", parsedDoc("d-v1", "某县人民政府", "2024年安全生产工作要点"))
	put("other.txt", parsedDoc("d-o", "某县人民政府", "另一个方案"))
	// One file with two documents of the same title: not versions of each other.
	put("v2.txt", parsedDoc("d-v2a", "某县人民政府", "2024年安全生产工作要点"), parsedDoc("d-v2b", "某县人民政府", "2024年 安全生产工作要点"))
	put("anon.txt", parsedDoc("d-x", "", "2024年安全生产工作要点"))
	list, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range list {
		got[d.ID] = d.SupersededBy
	}
	want := map[string]string{"d-v1": "d-v2a", "d-o": "", "d-v2a": "", "d-v2b": "", "d-x": ""}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("superseded by = %v, want %v", got, want)
	}
	if seq, _ := s.Seq(); seq != 4 {
		t.Errorf("Seq = %d after four commits", seq)
	}
}

func TestRewriteTakesTheNextSeq(t *testing.T) {
	s := openStore(t, t.TempDir())
	e, _, err := s.Put("a.txt", []byte("a"), []corpus.Parsed{parsedDoc("d-a", "某镇", "方案", "一", "二")})
	if err != nil {
		t.Fatal(err)
	}
	s.Put("b.txt", []byte("b"), []corpus.Parsed{parsedDoc("d-b", "某镇", "另一方案")})
	r, err := s.Rewrite(e.Hash, []corpus.Parsed{parsedDoc("d-a", "某镇", "方案", "一")})
	if err != nil || r.Seq != 3 || r.Name != "a.txt" || !r.Added.Equal(e.Added) || r.Docs[0].Obligations != 1 {
		t.Fatalf("Rewrite = %+v, %v", r, err)
	}
	v, _ := View(s.Dir())
	if e, ok, _ := v.Lookup(e.Hash); !ok || e.Seq != 3 {
		t.Errorf("a reader sees %+v", e)
	}
}

func TestLock(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir)
	_, err := Open(dir, "add")
	var le *LockedError
	if !errors.As(err, &le) || le.PID != os.Getpid() || le.Role != "test" {
		t.Fatalf("second Open: %v, want corpus in use by pid %d (test)", err, os.Getpid())
	}
	if want := "in use by pid " + strconv.Itoa(os.Getpid()) + " (dutymap test)"; !strings.Contains(err.Error(), want) {
		t.Errorf("message %q lacks %q", err, want)
	}
	if pid, role := Holder(dir); pid != os.Getpid() || role != "test" {
		t.Errorf("Holder = %d %q", pid, role)
	}
	s.Close()
	s2, err := Open(dir, "")
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	s2.Close()
}

func TestViewRefusesWhatIsNoCorpus(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{filepath.Join(dir, "typo"), dir} {
		if _, err := View(d); !errors.Is(err, ErrNotCorpus) {
			t.Errorf("View(%s) = %v, want ErrNotCorpus", d, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "typo")); err == nil {
		t.Error("View created the directory")
	}
}

// TestDamagedRecords damages each kind of record and expects the damage
// reported and the rest of the corpus readable.
func TestDamagedRecords(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir)
	var hashes []string
	for _, n := range []string{"a", "b", "c"} {
		e, _, err := s.Put(n+".txt", []byte(n), []corpus.Parsed{parsedDoc("d-"+n, "某镇", "方案"+n, "每月召开一次会议")})
		if err != nil {
			t.Fatal(err)
		}
		hashes = append(hashes, e.Hash)
	}
	s.Close()
	// A cut-short entry, an empty document, a source whose bytes changed.
	entry := filepath.Join(dir, "files", hashes[0]+".json")
	b, _ := os.ReadFile(entry)
	os.WriteFile(entry, b[:len(b)/2], 0o644)
	os.WriteFile(filepath.Join(dir, "docs", "d-b.json"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "sources", hashes[2]), []byte("changed"), 0o644)

	v, err := View(dir)
	if err != nil {
		t.Fatal(err)
	}
	list, err := v.List()
	if err != nil {
		t.Fatalf("List with a damaged entry: %v", err)
	}
	if len(list) != 2 || list[0].ID != "d-b" || list[1].ID != "d-c" {
		t.Errorf("List = %v, want d-b and d-c", list)
	}
	if d := v.Damaged(); len(d) != 1 || d[0].Path != entry || DamagedHash(d[0]) != hashes[0] {
		t.Errorf("Damaged = %v, want %s", d, entry)
	}
	var de *DamagedError
	if _, err := v.Document("d-b"); !errors.As(err, &de) {
		t.Errorf("Document of an empty record: %v, want a DamagedError", err)
	}
	if _, err := v.Document("d-c"); err != nil {
		t.Errorf("Document d-c: %v", err)
	}
	if _, err := v.Source(hashes[2]); !errors.As(err, &de) {
		t.Errorf("Source of changed bytes: %v, want a DamagedError", err)
	}

	// A writer sets the entry aside; adding the bytes again restores it.
	w := openStore(t, dir)
	if err := w.SetAside(hashes[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(entry + ".damaged"); err != nil {
		t.Errorf("damaged entry not kept aside: %v", err)
	}
	if _, added, err := w.Put("a.txt", []byte("a"), []corpus.Parsed{parsedDoc("d-a", "某镇", "方案a")}); err != nil || !added {
		t.Errorf("Put after SetAside: added %v, %v", added, err)
	}
	if len(w.Damaged()) != 0 {
		t.Errorf("still damaged: %v", w.Damaged())
	}
}

func TestRestore(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir)
	e, _, _ := s.Put("a.txt", []byte("a"), []corpus.Parsed{parsedDoc("d-a", "某镇", "方案")})
	s.Close()
	os.WriteFile(filepath.Join(dir, "files", e.Hash+".json"), []byte("{"), 0o644)
	w := openStore(t, dir)
	if _, ok, _ := w.Lookup(e.Hash); ok {
		t.Fatal("a damaged entry counts as stored")
	}
	added := e.Added.Add(-time.Hour)
	r, err := w.Restore("a.txt", added, []byte("a"), []corpus.Parsed{parsedDoc("d-a", "某镇", "方案")})
	if err != nil || r.Name != "a.txt" || !r.Added.Equal(added) {
		t.Fatalf("Restore = %+v, %v", r, err)
	}
	if len(w.Damaged()) != 0 {
		t.Errorf("damage not cleared: %v", w.Damaged())
	}
}

func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir)
	for _, p := range []string{"docs/.tmp-d-1.json-123", "docs/.d-2.json.tmp-99", "files/.x.json.tmp-1", "sources/.tmp-abc-7"} {
		os.WriteFile(filepath.Join(dir, p), []byte("half"), 0o644)
	}
	n, err := s.RemoveTemps()
	if err != nil || n != 4 {
		t.Fatalf("RemoveTemps = %d, %v; want 4", n, err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*", ".*"))
	if len(left) != 0 {
		t.Errorf("left %v", left)
	}
}

func TestFormat(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir)
	if s.FormatVersion() != Format {
		t.Errorf("a new corpus has format %d", s.FormatVersion())
	}
	s.Close()
	os.Remove(filepath.Join(dir, formatFile)) // as dutymap before the format file left it
	v, _ := View(dir)
	if v.FormatVersion() != 1 {
		t.Errorf("a corpus without a format file has format %d, want 1", v.FormatVersion())
	}
}

// FuzzDecodeDoc feeds the document reader any bytes: it must not panic,
// and what it accepts has every span inside the text.
func FuzzDecodeDoc(f *testing.F) {
	p := parsedDoc("d-1", "某镇", "方案", "每月召开一次会议")
	s, _ := Open(f.TempDir(), "")
	s.Put("a.txt", []byte("a"), []corpus.Parsed{p})
	b, _ := os.ReadFile(s.docFile("d-1"))
	s.Close()
	f.Add(b)
	f.Add([]byte(`{"id":"d-1","text":"abc","body":{"start":0,"end":9}}`))
	f.Add([]byte(`{"id":"d-1","text":"abc","outline":[null]}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := decodeDoc(data)
		if err != nil {
			return
		}
		if err := checkSpans(p.Doc, p.Obligations); err != nil {
			t.Fatalf("accepted a record whose spans fail the check: %v", err)
		}
		for _, o := range p.Obligations {
			_ = p.Doc.Text[o.Span.Start:o.Span.End]
		}
	})
}

// FuzzReadEntry feeds the file entry reader any bytes.
func FuzzReadEntry(f *testing.F) {
	f.Add([]byte(`{"hash":"h","name":"a.txt","size":1,"added":"2024-01-01T00:00:00Z","seq":1,"docs":[{"id":"d-1","obligations":2}]}`))
	f.Add([]byte(`{"hash":"x"}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "h.json")
		os.WriteFile(p, data, 0o644)
		e, err := readEntry(p)
		if err == nil && e.Hash != "h" {
			t.Fatalf("accepted an entry for %q from h.json", e.Hash)
		}
	})
}

// TestReadsWhilePutting reads the entries (Lookup, Seq, Files) while Put
// commits new ones, as a holder's handed-over add does beside an inbox's:
// under -race, a read of the writer's cache without the lock fails it.
func TestReadsWhilePutting(t *testing.T) {
	s := openStore(t, t.TempDir())
	if _, _, err := s.Put("0.txt", []byte("0"), nil); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 1; i <= 20; i++ {
			p := parsedDoc("d-"+strconv.Itoa(i), "水峪贯镇人民政府", "方案"+strconv.Itoa(i), "每月召开一次会议")
			if _, _, err := s.Put(strconv.Itoa(i)+".txt", []byte(strconv.Itoa(i)), []corpus.Parsed{p}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for reading := true; reading; {
		select {
		case <-done:
			reading = false
		default:
		}
		if _, _, err := s.Lookup(SourceHash([]byte("7"))); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Seq(); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Files(); err != nil {
			t.Fatal(err)
		}
	}
	if seq, err := s.Seq(); err != nil || seq != 21 {
		t.Errorf("Seq = %d, %v; want 21", seq, err)
	}
}
