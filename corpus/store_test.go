package corpus

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
)

func parsedDoc(id, issuer, title string, obls ...string) Parsed {
	d := &Document{ID: id, Part: 1, Title: title, Issuer: issuer, Level: LevelTown,
		Text: "一、总体要求\n" + title, Body: Span{Start: 0, End: 5},
		Outline: []*Block{{Number: "一", Marker: MarkerChinese, Depth: 1, Span: Span{Start: 0, End: 18}}}}
	p := Parsed{Doc: d}
	for i, t := range obls {
		p.Obligations = append(p.Obligations, Obligation{
			ID: id + "/o-" + strconv.Itoa(i+1), Doc: id, Text: t, Span: Span{Start: 1, End: 4},
			Frequencies: []Frequency{{Raw: "每月", Period: PeriodMonth, Count: 1, Qualifier: Exactly, Span: Span{Start: 2, End: 3}}},
		})
	}
	return p
}

func TestStorePutIsIdempotent(t *testing.T) {
	s, err := OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	data := []byte("水峪贯镇人民政府关于做好2024年安全生产工作的方案")
	p := parsedDoc("d-1", "水峪贯镇人民政府", "方案", "每月召开一次会议")
	e, added, err := s.Put("a.txt", data, []Parsed{p})
	if err != nil || !added {
		t.Fatalf("first Put: added %v, err %v", added, err)
	}
	e2, added, err := s.Put("b.txt", data, []Parsed{p})
	if err != nil || added {
		t.Fatalf("second Put of the same bytes: added %v, err %v", added, err)
	}
	if e2.Name != "a.txt" || e2.Hash != e.Hash {
		t.Errorf("second Put returned %+v, want the first entry", e2)
	}
	got, err := s.Source(e.Hash)
	if err != nil || string(got) != string(data) {
		t.Errorf("Source = %q, %v", got, err)
	}
	back, err := s.Document("d-1")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Doc, p.Doc) || !reflect.DeepEqual(back.Obligations, p.Obligations) {
		t.Errorf("Document read back differs:\n got %+v %+v\nwant %+v %+v", back.Doc, back.Obligations, p.Doc, p.Obligations)
	}
	// A reader sees what the writer committed.
	files, err := ViewStore(s.Dir()).Files()
	if err != nil || len(files) != 1 || files[0].Docs[0].Obligations != 1 {
		t.Errorf("ViewStore.Files = %+v, %v", files, err)
	}
}

func TestStoreVersions(t *testing.T) {
	s, err := OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	put := func(name string, ps ...Parsed) {
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
}

func TestStoreLock(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	// flock locks are per open file, so a second OpenStore in the same
	// process conflicts just as another process would.
	_, err = OpenStore(dir)
	var le *LockedError
	if !errors.As(err, &le) || le.PID != os.Getpid() {
		t.Fatalf("second OpenStore: %v, want corpus in use by pid %d", err, os.Getpid())
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := OpenStore(dir)
	if err != nil {
		t.Fatalf("OpenStore after Close: %v", err)
	}
	s2.Close()
}

// TestStoreLockOtherProcess holds the lock in a child process.
func TestStoreLockOtherProcess(t *testing.T) {
	if dir := os.Getenv("DUTYMAP_TEST_HOLD_LOCK"); dir != "" {
		s, err := OpenStore(dir)
		if err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("locked\n")
		os.Stdin.Read(make([]byte, 1)) // hold until the parent closes stdin
		s.Close()
		os.Exit(0)
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestStoreLockOtherProcess$")
	cmd.Env = append(os.Environ(), "DUTYMAP_TEST_HOLD_LOCK="+dir)
	in, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer in.Close()
	buf := make([]byte, 7)
	if _, err := out.Read(buf); err != nil {
		t.Fatal(err)
	}
	_, err := OpenStore(dir)
	var le *LockedError
	if !errors.As(err, &le) || le.PID != cmd.Process.Pid {
		t.Fatalf("OpenStore while pid %d holds it: %v", cmd.Process.Pid, err)
	}
}

func TestWriteFileAtomicLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f.json")
	for _, s := range []string{"one", "two"} {
		if err := writeFileAtomic(p, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("directory holds %d files, want 1", len(ents))
	}
	if b, _ := os.ReadFile(p); string(b) != "two" {
		t.Errorf("content %q, want two", b)
	}
}
