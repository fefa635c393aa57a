package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/dutymap/dutymap/internal/testset"
	"github.com/dutymap/dutymap/workspace"
)

// smallCorpus is a corpus of the town plan (水峪贯镇, 交城县, 吕梁市, 山西省),
// a plan of its county of our own (testdata/jiaocheng_county.txt) and the
// 朔州市 plan, made once; tests only read it.
var smallCorpus struct {
	once sync.Once
	dir  string
	err  error
}

func testCorpus(t *testing.T) string {
	t.Helper()
	smallCorpus.once.Do(func() {
		root, err := os.MkdirTemp("", "dutymap-cli-test-")
		if err != nil {
			smallCorpus.err = err
			return
		}
		smallCorpus.dir = filepath.Join(root, "corpus")
		for _, s := range []string{"../../samples/" + seedTown, "testdata/jiaocheng_county.txt", "../../samples/" + seedCounty} {
			p := filepath.Join(root, filepath.Base(s))
			data, err := os.ReadFile(s)
			if err == nil {
				err = os.WriteFile(p, data, 0o644)
			}
			if err == nil {
				err = testRun(context.Background(), []string{"add", "--corpus", smallCorpus.dir, p}, nil, &bytes.Buffer{}, &bytes.Buffer{})
			}
			if err != nil {
				smallCorpus.err = err
				return
			}
		}
	})
	if smallCorpus.err != nil {
		t.Fatal(smallCorpus.err)
	}
	return smallCorpus.dir
}

// run runs a command line in-process and returns its exit status and
// output, as main would give them.
func run(t *testing.T, stdin []byte, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	err := testRun(context.Background(), args, bytes.NewReader(stdin), &out, &errb)
	status = exit(&errb, err)
	return status, out.String(), errb.String()
}

// TestExitStatus: 0 for success, 1 for a run that failed, 2 for a command
// line that cannot run — which names the command and shows its usage line.
func TestExitStatus(t *testing.T) {
	dir := testCorpus(t)
	csvFile := filepath.Join(t.TempDir(), "t.csv")
	missing := filepath.Join(t.TempDir(), "plan.txt")
	for _, tt := range []struct {
		args   []string
		status int
		stderr []string
	}{
		{[]string{"version"}, 0, nil},
		{[]string{"list", "--corpus", dir}, 0, nil},
		{[]string{"diff", "a"}, 2, []string{"dutymap diff: accepts 2 arg(s), received 1\n", "usage: dutymap diff OLD NEW [flags]\n"}},
		{[]string{"search", "--bogus"}, 2, []string{"dutymap search: unknown flag: --bogus", "usage: dutymap search [QUERY]... [flags]"}},
		{[]string{"serach", "会议"}, 2, []string{`dutymap: unknown command "serach"; did you mean search?`}},
		{[]string{"search", "--corpus", dir, "--sector", "gas"}, 2, []string{`dutymap search: sector "gas": want one of 煤矿,`, "usage: dutymap search"}},
		{[]string{"search", "--corpus", dir, "--region", "山西"}, 2, []string{`region "山西": no division is named so`}},
		{[]string{"search", "--corpus", dir, "--issuer", "北京市"}, 2, []string{`issuer "北京市": no document of ` + dir, "水峪贯镇人民政府"}},
		{[]string{"search", "--corpus", dir, "--level", "village"}, 2, []string{`level "village": want one of town,`}},
		{[]string{"search", "--limit", "0"}, 2, []string{`invalid argument "0" for "--limit" flag: want a whole number, 1 or more`}},
		{[]string{"export", "--csv", csvFile, "--limit", "-1"}, 2, []string{`"--limit"`, "usage: dutymap export"}},
		{[]string{"export", "会议"}, 2, []string{"dutymap export: say where to write the table", "usage: dutymap export (--xlsx FILE | --csv FILE)"}},
		{[]string{"extract", "--format", "xml"}, 2, []string{`dutymap extract: unknown --format "xml"`}},
		{[]string{"diff", "--color", "pink", "a", "b"}, 2, []string{`dutymap diff: unknown --color "pink"`}},
		{[]string{"duties", "--corpus", dir, "--role", "chief", "应急站"}, 2, []string{`dutymap duties: role "chief": want lead, support`}},
		{[]string{"add"}, 2, []string{"dutymap add: name the files or folders to add"}},
		{[]string{"extract", missing}, 1, []string{missing + ": no such file or folder", "dutymap: extract: 1 of 1 inputs failed"}},
		{[]string{"export", "--corpus", dir, "--csv", csvFile, missing}, 1, []string{"dutymap: export: " + missing + ": no such file or folder"}},
		{[]string{"list", "--corpus", filepath.Join(t.TempDir(), "typo")}, 1, []string{"no corpus at"}},
	} {
		status, _, stderr := run(t, nil, tt.args...)
		if status != tt.status {
			t.Errorf("dutymap %s: status %d, want %d\n%s", strings.Join(tt.args, " "), status, tt.status, stderr)
		}
		for _, want := range tt.stderr {
			if !strings.Contains(stderr, want) {
				t.Errorf("dutymap %s: stderr lacks %q:\n%s", strings.Join(tt.args, " "), want, stderr)
			}
		}
	}
	if _, err := os.Stat(csvFile); err == nil {
		t.Error("an export that failed wrote its file")
	}
}

// TestBinaryStatusAndVersion runs the built program: its exit status is
// what the process returns, and --version says the module version and,
// in a git checkout, the revision it was built from.
func TestBinaryStatusAndVersion(t *testing.T) {
	bin := dutymapBinary(t)
	for args, want := range map[string]int{"version": 0, "diff a": 2, "extract /no/such/file.txt": 1} {
		err := exec.Command(bin, strings.Fields(args)...).Run()
		var ee *exec.ExitError
		switch {
		case want == 0 && err != nil, want != 0 && (!errors.As(err, &ee) || ee.ExitCode() != want):
			t.Errorf("dutymap %s: %v, want exit status %d", args, err, want)
		}
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	sub, _ := exec.Command(bin, "version").Output()
	v := strings.TrimSpace(string(out))
	// A build in a git checkout takes a pseudo-version from its revision.
	if !strings.HasPrefix(v, "dutymap (devel)") && !strings.HasPrefix(v, "dutymap v") || string(sub) != string(out) {
		t.Errorf("--version says %q, version %q", v, sub)
	}
	// The go command records a revision for a checkout whose .git is a
	// folder (not for a git worktree, whose .git is a file).
	root := testset.Root(t)
	if fi, err := os.Stat(filepath.Join(root, ".git")); err != nil || !fi.IsDir() {
		if !strings.Contains(v, "no revision recorded") {
			t.Errorf("--version %q claims a revision outside a git checkout", v)
		}
		return
	}
	head, err := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("git rev-parse: %v", err)
	}
	if !strings.Contains(v, "revision "+strings.TrimSpace(string(head))) {
		t.Errorf("--version %q, want the revision %s", v, head)
	}
}

// shortIDs returns the IDs the list shows, by title.
func shortIDs(t *testing.T, dir string) map[string]string {
	t.Helper()
	status, out, errs := run(t, nil, "list", "--corpus", dir)
	if status != 0 {
		t.Fatal(errs)
	}
	ids := map[string]string{}
	id := regexp.MustCompile(`^(d-[0-9a-f]{6}-[0-9]+) `)
	for _, l := range strings.Split(out, "\n")[1:] {
		if m := id.FindStringSubmatch(l); m != nil {
			fields := strings.Fields(l)
			ids[fields[len(fields)-1]] = m[1]
		}
	}
	return ids
}

// TestShortIDsEverywhere names documents by the IDs list shows, and by
// shorter starts, to every command that reads documents.
func TestShortIDsEverywhere(t *testing.T) {
	dir := testCorpus(t)
	ids := shortIDs(t, dir)
	town, county, city := ids["水峪贯镇人民政府关于做好2024年安全生产工作的方案"], ids["交城县人民政府关于做好2024年安全生产工作的通知"], ids["朔州市人民政府关于做好2023年安全生产工作的通知"]
	if town == "" || county == "" || city == "" || len(ids) != 3 {
		t.Fatalf("list shows %v", ids)
	}
	tmp := t.TempDir()
	for _, args := range [][]string{
		{"extract", "--corpus", dir, town},
		{"inspect", "--corpus", dir, town[:6]},
		{"export", "--corpus", dir, "--csv", filepath.Join(tmp, "t.csv"), town},
		{"diff", "--corpus", dir, town, city},
		{"compare", "--corpus", dir, "--json", town, county[:8]},
		{"compare", "--corpus", dir, town},
		{"coverage", "--corpus", dir, "--json", county},
	} {
		status, out, errs := run(t, nil, args...)
		if status != 0 || out == "" {
			t.Errorf("dutymap %s: status %d\n%s", strings.Join(args, " "), status, errs)
		}
	}
}

// TestExportSaysWhatItDid: a search's table cut by --limit says so, and a
// phase heading's deadline reaches every row of the phase.
func TestExportSaysWhatItDid(t *testing.T) {
	dir := testCorpus(t)
	out := filepath.Join(t.TempDir(), "t.csv")
	status, stdout, stderr := run(t, nil, "export", "--corpus", dir, "--csv", out, "--limit", "5")
	if status != 0 || !strings.Contains(stdout, "5 tasks") || !regexp.MustCompile(`result cut at 5 of \d+ obligations; raise --limit`).MatchString(stderr) {
		t.Errorf("export --limit 5: %d %q %q", status, stdout, stderr)
	}
	status, _, stderr = run(t, nil, "export", "--corpus", dir, "--csv", out, "--limit", "1000")
	if status != 0 || strings.Contains(stderr, "cut") {
		t.Errorf("export of the whole small corpus: %d %q", status, stderr)
	}

	// Seed 002's phases: （二）企业自查自改和部门帮扶（2023年7月底前）.
	plan := filepath.Join(t.TempDir(), seedTown2)
	os.WriteFile(plan, batchSeed(t, seedTown2), 0o644)
	if status, _, stderr := run(t, nil, "export", "--csv", out, plan); status != 0 {
		t.Fatal(stderr)
	}
	rows := readCSVFile(t, out)
	phase := 0
	for _, r := range rows[1:] {
		if strings.HasSuffix(r[6], "四、（二）") {
			phase++
			if r[5] != "2023年7月底前（2023-07-31）" {
				t.Errorf("row %s of phase 四、（二） is due %q, want 2023年7月底前（2023-07-31）", r[0], r[5])
			}
		}
	}
	if phase < 2 {
		t.Errorf("%d rows in phase 四、（二）, want its 2", phase)
	}

	// Phases as headings of their own, with numbered items under them; a
	// deadline the item writes itself would be its own (none here does).
	if status, _, stderr := run(t, nil, "export", "--csv", out, "testdata/wenshui_gas_phases.txt"); status != 0 {
		t.Fatal(stderr)
	}
	due := map[string]string{}
	for _, r := range readCSVFile(t, out)[1:] {
		due[r[6][strings.LastIndex(r[6], "》")+len("》"):]] = r[5]
	}
	for item, want := range map[string]string{
		"一、":      "",
		"二、（一）1.": "2024年4月30日前（2024-04-30）",
		"二、（一）2.": "2024年4月30日前（2024-04-30）",
		"二、（二）1.": "2024年5月至9月（2024-09-30）",
		"二、（二）2.": "2024年5月至9月（2024-09-30）",
		"二、（三）":   "2024年11月底前（2024-11-30）",
	} {
		if got, ok := due[item]; !ok || got != want {
			t.Errorf("wenshui_gas_phases.txt %s: due %q (row found: %v), want %q", item, got, ok, want)
		}
	}
}

func readCSVFile(t *testing.T, name string) [][]string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestSearchFilters: a province finds the plans of every place under it,
// an issuer's start the plans it issued, and the JSON says when it is cut.
func TestSearchFilters(t *testing.T) {
	dir := testCorpus(t)
	search := func(args ...string) workspace.SearchJSON {
		t.Helper()
		status, out, errs := run(t, nil, append([]string{"search", "--corpus", dir, "--json"}, args...)...)
		var res workspace.SearchJSON
		if status != 0 || json.Unmarshal([]byte(out), &res) != nil {
			t.Fatalf("search %v: %d %s", args, status, errs)
		}
		return res
	}
	all := search("--limit", "1000")
	shanxi := search("--region", "山西省", "--limit", "1000")
	if shanxi.Total != all.Total || search("--region", "140000").Total != all.Total {
		t.Errorf("--region 山西省 finds %d of the %d obligations of its two plans", shanxi.Total, all.Total)
	}
	lvliang := search("--region", "吕梁市")
	shuozhou := search("--region", "朔州市")
	if lvliang.Total == 0 || shuozhou.Total == 0 || lvliang.Total+shuozhou.Total != all.Total {
		t.Errorf("--region 吕梁市 finds %d, 朔州市 %d, of %d", lvliang.Total, shuozhou.Total, all.Total)
	}
	if got := search("--issuer", "朔州市"); got.Total != shuozhou.Total {
		t.Errorf("--issuer 朔州市 finds %d, --region 朔州市 %d", got.Total, shuozhou.Total)
	}
	if lvliang.Cut == nil || !strings.HasPrefix(*lvliang.Cut, "result cut at 10 of ") || all.Cut != nil {
		t.Errorf("cut notices: %v, %v", lvliang.Cut, all.Cut)
	}
	if got := search("--sector", "燃气"); got.Total == 0 {
		t.Error("--sector 燃气 finds nothing in the town plan")
	}
}

// TestAddFolder adds a folder as users' folders are: a plan, a script,
// a spreadsheet, a page dutymap wrote and a list of names that binds
// nobody.
func TestAddFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	folder := t.TempDir()
	sampleFiles(t, folder, seedTown)
	for name, text := range map[string]string{
		"tool.py":   "print('hi')\n",
		"units.csv": "单位,电话\n镇应急站,123\n",
		"名单.txt":    "水峪贯镇安全生产委员会成员名单\n\n主  任：张  三  镇党委书记\n副主任：李  四  镇长\n成  员：王  五  副镇长\n        赵  六  应急站站长\n",
	} {
		os.WriteFile(filepath.Join(folder, name), []byte(text), 0o644)
	}
	town := filepath.Join(folder, seedTown)
	if status, _, errs := run(t, nil, "diff", "--html", filepath.Join(folder, "diff.html"), town, town); status != 0 {
		t.Fatal(errs)
	}
	status, out, errs := run(t, nil, "add", "--corpus", dir, folder)
	if status != 0 || !strings.HasPrefix(out, "2 added, 0 unchanged, 0 failed, 3 skipped, 1 document without obligations — corpus ") {
		t.Errorf("add folder: %d %q\n%s", status, out, errs)
	}
	for _, want := range []string{"tool.py: skipped: not a kind of file dutymap reads", "units.csv: skipped", "diff.html: skipped: a page dutymap wrote", "名单.txt: no obligation found in it ("} {
		if !strings.Contains(errs, want) {
			t.Errorf("add folder: stderr lacks %q:\n%s", want, errs)
		}
	}
	// --json: a line for every file, skipped ones too, lists never null.
	_, out, _ = run(t, nil, "add", "--corpus", dir, "--json", folder)
	statuses := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r map[string]any
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("not JSON: %q", l)
		}
		statuses[filepath.Base(r["name"].(string))] = r["status"].(string)
		for _, k := range []string{"docs", "superseded", "empty"} {
			if _, ok := r[k].([]any); !ok {
				t.Errorf("add --json: %s is %v in %s", k, r[k], l)
			}
		}
	}
	want := map[string]string{seedTown: "unchanged", "名单.txt": "unchanged", "tool.py": "skipped", "units.csv": "skipped", "diff.html": "skipped"}
	for k, v := range want {
		if statuses[k] != v {
			t.Errorf("add --json: %s %q, want %q (%v)", k, statuses[k], v, statuses)
		}
	}
	// A file named on its own is read whatever its name: a page dutymap
	// wrote is refused as no document.
	status, _, errs = run(t, nil, "add", "--corpus", dir, filepath.Join(folder, "diff.html"))
	if status != 1 || !strings.Contains(errs, "a page dutymap wrote (a report), not a document") {
		t.Errorf("add diff.html: %d %s", status, errs)
	}
}

// TestWrittenFilesMode: every file dutymap writes has the mode a report's
// files have, 0644 less the umask.
func TestWrittenFilesMode(t *testing.T) {
	dir := testCorpus(t)
	ids := shortIDs(t, dir)
	town, county := ids["水峪贯镇人民政府关于做好2024年安全生产工作的方案"], ids["交城县人民政府关于做好2024年安全生产工作的通知"]
	tmp := t.TempDir()
	plain := filepath.Join(tmp, "plain")
	os.WriteFile(plain, nil, 0o644)
	fi, _ := os.Stat(plain)
	for _, c := range []struct {
		file string
		args []string
	}{
		{"diff.html", []string{"diff", "--corpus", dir, town, town}},
		{"compare.html", []string{"compare", "--corpus", dir, town, county}},
		{"t.xlsx", []string{"export", "--corpus", dir, town}},
		{"t.csv", []string{"export", "--corpus", dir, town}},
		{"c.xlsx", []string{"coverage", "--corpus", dir, county}},
		{"d.csv", []string{"duties", "--corpus", dir, "应急站"}},
		{"c.ics", []string{"calendar", "--corpus", dir}},
	} {
		name := filepath.Join(tmp, c.file)
		flag := map[string]string{".html": "--html", ".xlsx": "--xlsx", ".csv": "--csv", ".ics": "--ics"}[filepath.Ext(name)]
		args := append(c.args[:1:1], flag, name)
		if status, _, errs := run(t, nil, append(args, c.args[1:]...)...); status != 0 {
			t.Errorf("%v: %s", args, errs)
			continue
		}
		if got, err := os.Stat(name); err != nil || got.Mode().Perm() != fi.Mode().Perm() {
			t.Errorf("%s: mode %v, want %v as os.WriteFile gives", c.file, got.Mode().Perm(), fi.Mode().Perm())
		}
	}
}
