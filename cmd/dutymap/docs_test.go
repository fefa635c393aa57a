package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

var update = flag.Bool("update", false, "rewrite docs/commands.md and the examples of docs/json.md from the program")

// The pages beside the README that say what the program does, kept in
// step with it by the tests below.
const (
	commandsPage = "../../docs/commands.md"
	jsonPage     = "../../docs/json.md"
)

// TestCommandsPage checks docs/commands.md against the command tree:
// every command, its usage line, its help and every flag with its
// default. go test -update writes it.
func TestCommandsPage(t *testing.T) {
	got := commandsMarkdown(testApp(io.Discard).newRootCommand())
	if *update {
		if err := os.WriteFile(commandsPage, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(commandsPage)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != got {
		t.Errorf("%s is not what the command tree says: run go test ./cmd/dutymap -run TestCommandsPage -update and review the diff", commandsPage)
	}
}

// commandsMarkdown writes the reference of every command of root.
func commandsMarkdown(root *cobra.Command) string {
	var b strings.Builder
	b.WriteString("# dutymap commands\n\n")
	b.WriteString("<!-- Written by `go test ./cmd/dutymap -run TestCommandsPage -update` from the command tree; do not edit. -->\n\n")
	b.WriteString("Every command and flag of `dutymap`, as `dutymap help COMMAND` shows them. Exit status: 0 success,\n")
	b.WriteString("1 a run that failed (a file that could not be read, a corpus that is not there), 2 a command line that\n")
	b.WriteString("cannot run (an unknown command or flag, a flag value outside its choices, the wrong number of\n")
	b.WriteString("arguments). Every command also takes `-h`, `--help`. What `--json` writes is in [json.md](json.md).\n\n")
	// cobra adds these flags when the program runs; the page shows them.
	root.InitDefaultHelpFlag()
	root.InitDefaultVersionFlag()
	var cmds []*cobra.Command
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			cmds = append(cmds, c)
		}
	}
	for _, c := range cmds {
		fmt.Fprintf(&b, "- [`%s`](#%s) — %s\n", c.Name(), anchor(c.CommandPath()), c.Short)
	}
	b.WriteString("\n")
	writeCommand(&b, root)
	for _, c := range cmds {
		writeCommand(&b, c)
	}
	return b.String()
}

func anchor(s string) string { return strings.ReplaceAll(strings.ToLower(s), " ", "-") }

func writeCommand(b *strings.Builder, c *cobra.Command) {
	use := c.UseLine()
	if !c.HasParent() {
		use = c.CommandPath() + " COMMAND [flags]"
	}
	fmt.Fprintf(b, "## %s\n\n%s.\n\n```\n%s\n```\n\n", c.CommandPath(), c.Short, use)
	if c.Long != "" {
		fmt.Fprintf(b, "%s\n\n", strings.TrimSpace(c.Long))
	}
	if c.Example != "" {
		fmt.Fprintf(b, "Examples:\n\n```\n%s\n```\n\n", strings.TrimRight(c.Example, "\n"))
	}
	rows := flagRows(c.NonInheritedFlags())
	if c.HasParent() {
		rows = append(rows, flagRows(c.InheritedFlags())...)
	}
	if len(rows) > 0 {
		b.WriteString("| flag | default | |\n|---|---|---|\n")
		for _, r := range rows {
			b.WriteString(r)
		}
		b.WriteString("\n")
	}
}

func flagRows(fs *pflag.FlagSet) []string {
	var rows []string
	fs.VisitAll(func(f *pflag.Flag) {
		name := "`--" + f.Name
		if f.Shorthand != "" {
			name = "`-" + f.Shorthand + "`, " + name
		}
		if typ, _ := pflag.UnquoteUsage(f); typ != "" {
			name += " " + typ
		}
		name += "`"
		def := f.DefValue
		switch {
		case f.Value.Type() == "bool" && def == "false", def == "" || def == "0" || def == "[]":
			def = ""
		default:
			def = "`" + def + "`"
		}
		_, usage := pflag.UnquoteUsage(f)
		rows = append(rows, fmt.Sprintf("| %s | %s | %s |\n", name, def, strings.ReplaceAll(usage, "|", `\|`)))
	})
	return rows
}

// jsonExample is a JSON example of docs/json.md: the name it goes by
// (<!-- json: NAME … -->), the keys that may be absent from an output,
// the keys whose values are maps of keys of their own, and the example.
type jsonExample struct {
	name     string
	optional []string
	maps     []string
	start    int // of the example's text in the page
	end      int
	text     string
}

var examplePattern = regexp.MustCompile("(?s)<!-- json: ([a-z-]+)((?:; [a-z ]+: [^;]*?)*) -->\n```json\n(.*?)```\n")

func readJSONPage(t *testing.T) (string, []jsonExample) {
	t.Helper()
	page, err := os.ReadFile(jsonPage)
	if err != nil {
		t.Fatal(err)
	}
	var out []jsonExample
	for _, m := range examplePattern.FindAllStringSubmatchIndex(string(page), -1) {
		ex := jsonExample{name: string(page[m[2]:m[3]]), start: m[6], end: m[7], text: string(page[m[6]:m[7]])}
		for _, part := range strings.Split(string(page[m[4]:m[5]]), "; ") {
			label, keys, ok := strings.Cut(part, ": ")
			if !ok {
				continue
			}
			list := strings.Split(keys, ", ")
			switch label {
			case "may be absent":
				ex.optional = list
			case "any keys":
				ex.maps = list
			default:
				t.Fatalf("%s: example %s: unknown note %q", jsonPage, ex.name, label)
			}
		}
		out = append(out, ex)
	}
	return string(page), out
}

// jsonOutputs runs the commands whose --json docs/json.md documents and
// returns each one's output objects, by the page's names, with the test's
// temporary folders written as ~/plans and its times as one, so that the
// examples stay put.
func jsonOutputs(t *testing.T) map[string][]string {
	t.Helper()
	dir := testCorpus(t)
	ids := shortIDs(t, dir)
	town, county := ids["水峪贯镇人民政府关于做好2024年安全生产工作的方案"], ids["交城县人民政府关于做好2024年安全生产工作的通知"]
	tmp := t.TempDir()
	// A second version of the county plan: a duty made more frequent, a
	// deadline moved, a duty added.
	v1, err := os.ReadFile("testdata/jiaocheng_county.txt")
	if err != nil {
		t.Fatal(err)
	}
	v2 := strings.NewReplacer("每季度至少检查一次", "每月至少检查一次", "4月底前", "3月底前",
		"三、强化应急准备", "三、强化应急准备\n\n（六）开展安全生产月活动。县应急局要在6月组织开展“安全生产月”活动。（牵头单位：县应急局）\n").Replace(string(v1))
	newer := filepath.Join(tmp, "jiaocheng_county_v2.txt")
	// run gets a folder of its own, so that add does not meet its outbox.
	runDir := t.TempDir()
	inbox := filepath.Join(runDir, "inbox")
	for name, data := range map[string]string{
		newer:                                 "",
		filepath.Join(tmp, "tool.py"):         "print(1)\n",
		filepath.Join(inbox, "broken.docx"):   "PK\x03\x04 not a zip archive",
		filepath.Join(inbox, "jiaocheng.txt"): "",
	} {
		if data == "" {
			data = v2
		}
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sampleFiles(t, tmp, seedSmall)
	paths := strings.NewReplacer(filepath.Dir(dir), "~/plans", tmp, "~/plans", runDir, "~/plans")
	// Times too, for the same reason.
	times := regexp.MustCompile(`"(added|time)":"[0-9T:.+-]+Z?"`)
	seconds := regexp.MustCompile(`"seconds":[0-9.]+`)

	split := func(r io.Reader) []string {
		var objs []string
		sc := bufio.NewScanner(r)
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			o := times.ReplaceAllString(paths.Replace(sc.Text()), `"$1":"2024-03-05T09:30:00Z"`)
			objs = append(objs, seconds.ReplaceAllString(o, `"seconds":0.25`))
		}
		return objs
	}
	// out runs a command line and returns its standard output's lines
	// and standard error's; add and run are given a file that fails.
	out := func(args ...string) (stdout, stderr []string) {
		t.Helper()
		var o, e bytes.Buffer
		err := testRun(t.Context(), args, nil, &o, &e)
		if err != nil && args[0] != "add" && args[0] != "run" {
			t.Fatalf("dutymap %s: %v\n%s", strings.Join(args, " "), err, e.String())
		}
		return split(&o), split(&e)
	}
	lines := func(args ...string) []string {
		t.Helper()
		o, _ := out(args...)
		return o
	}
	field := func(objs []string, key, value string) []string {
		var out []string
		for _, o := range objs {
			if strings.Contains(o, `"`+key+`":"`+value) {
				out = append(out, o)
			}
		}
		return out
	}
	sorted := func(objs []string) []string { slices.Sort(objs); return objs }
	extracted := lines("extract", "--corpus", dir, town)
	_, runLog := out("run", "--corpus", filepath.Join(runDir, "corpus"), "--out", filepath.Join(runDir, "outbox"), "--json-log", "--settle", "1ms", inbox)
	return map[string][]string{
		"extract-document":   field(extracted, "type", "document"),
		"extract-obligation": field(extracted, "type", "obligation"),
		"inspect":            lines("inspect", "--json", "--corpus", dir, town),
		"add":                lines("add", "--json", "--corpus", filepath.Join(tmp, "corpus"), tmp, filepath.Join(tmp, "missing.txt")),
		"list":               lines("list", "--json", "--corpus", dir),
		"search":             lines("search", "--json", "--corpus", dir, "--limit", "3", "检查"),
		"diff":               lines("diff", "--json", "--corpus", dir, county, newer),
		"compare":            lines("compare", "--json", "--corpus", dir, town, county),
		"coverage":           lines("coverage", "--json", "--corpus", dir, county),
		"duties":             lines("duties", "--json", "--corpus", dir, "县应急局"),
		"units":              lines("units", "--json", "--corpus", dir),
		"run-log-file":       sorted(field(runLog, "msg", "file ")), // sorted, not in the order they were filed
		"run-log-end":        field(runLog, "msg", "run finished"),
	}
}

// TestJSONPage checks every command's --json output against its example
// in docs/json.md: the same keys, at every depth (a list's items merged),
// none undocumented, none documented that the program no longer writes.
// go test -update writes the examples again from the outputs, leaving the
// page's words as they are.
func TestJSONPage(t *testing.T) {
	page, examples := readJSONPage(t)
	outputs := jsonOutputs(t)
	if *update {
		var b strings.Builder
		last := 0
		for _, ex := range examples {
			objs, ok := outputs[ex.name]
			if !ok {
				t.Fatalf("%s: no command gives the example %s", jsonPage, ex.name)
			}
			vs := make([]any, len(objs))
			for i, o := range objs {
				vs[i] = parseOrdered(t, o)
			}
			b.WriteString(page[last:ex.start])
			b.WriteString(printOrdered(shorten(example(vs)), ""))
			b.WriteString("\n")
			last = ex.end
		}
		b.WriteString(page[last:])
		if err := os.WriteFile(jsonPage, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	seen := map[string]bool{}
	for _, ex := range examples {
		seen[ex.name] = true
		objs, ok := outputs[ex.name]
		if !ok {
			t.Errorf("%s: the example %s is of no command the test runs", jsonPage, ex.name)
			continue
		}
		if len(objs) == 0 {
			t.Errorf("%s: the command gave no output", ex.name)
			continue
		}
		var doc any
		if err := json.Unmarshal([]byte(ex.text), &doc); err != nil {
			t.Errorf("%s: the example %s is no JSON: %v", jsonPage, ex.name, err)
			continue
		}
		want := keyPaths(doc, "", ex.maps)
		got := map[string]bool{}
		for _, o := range objs {
			var v any
			if err := json.Unmarshal([]byte(o), &v); err != nil {
				t.Fatalf("%s: output is no JSON: %v: %.200s", ex.name, err, o)
			}
			for k := range keyPaths(v, "", ex.maps) {
				got[k] = true
			}
		}
		for k := range got {
			if !want[k] {
				t.Errorf("%s: the output has %s, which %s does not show", ex.name, k, jsonPage)
			}
		}
		for k := range want {
			if !got[k] && !slices.Contains(ex.optional, k) {
				t.Errorf("%s: %s shows %s, which the output lacks (list it under 'may be absent' if it may)", ex.name, jsonPage, k)
			}
		}
	}
	for name := range outputs {
		if !seen[name] {
			t.Errorf("%s has no example of %s", jsonPage, name)
		}
	}
	// A command given --json or --json-log later must come with its page
	// section; watch and serve log as run does (inboxOptions).
	for _, c := range testApp(io.Discard).newRootCommand().Commands() {
		name := c.Name()
		if name == "watch" || name == "serve" {
			name = "run"
		}
		if c.Flags().Lookup("json") == nil && c.Flags().Lookup("json-log") == nil {
			continue
		}
		if !slices.ContainsFunc(examples, func(ex jsonExample) bool {
			return ex.name == name || strings.HasPrefix(ex.name, name+"-")
		}) {
			t.Errorf("dutymap %s writes JSON, and %s has no example of it", c.Name(), jsonPage)
		}
	}
}

// keyPaths returns the paths of every key of v: a.b for a key b of the
// object under a, a[].b for one of the objects of the list under a. The
// objects under the keys of maps are not entered.
func keyPaths(v any, prefix string, maps []string) map[string]bool {
	out := map[string]bool{}
	var walk func(v any, prefix string)
	walk = func(v any, prefix string) {
		switch x := v.(type) {
		case map[string]any:
			for k, sub := range x {
				p := k
				if prefix != "" {
					p = prefix + "." + k
				}
				out[p] = true
				if !slices.Contains(maps, p) {
					walk(sub, p)
				}
			}
		case []any:
			for _, e := range x {
				walk(e, prefix+"[]")
			}
		}
	}
	walk(v, prefix)
	return out
}

// ordered is a JSON object that keeps its keys' order, for the examples.
type ordered struct {
	keys []string
	vals map[string]any
}

func parseOrdered(t *testing.T, s string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var read func() any
	read = func() any {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		switch d := tok.(type) {
		case json.Delim:
			switch d {
			case '{':
				o := &ordered{vals: map[string]any{}}
				for dec.More() {
					k, _ := dec.Token()
					key := k.(string)
					o.keys = append(o.keys, key)
					o.vals[key] = read()
				}
				dec.Token()
				return o
			case '[':
				l := []any{}
				for dec.More() {
					l = append(l, read())
				}
				dec.Token()
				return l
			}
		}
		return tok
	}
	return read()
}

// example returns one value that shows every key of vs, the outputs of
// a command: the richest of them (the most keys with a value), each list
// in it reduced the same way to its richest item, and filled with the
// keys only the others have. Values are taken whole from one object
// where they can be, so that an example reads as real output rather than
// as a mix of several.
func example(vs []any) any {
	var best any
	bestScore := -1
	for i := range vs {
		vs[i] = reduce(vs[i])
		if s := richness(vs[i]); s > bestScore {
			best, bestScore = vs[i], s
		}
	}
	for _, v := range vs {
		best = fill(best, v)
	}
	return best
}

// reduce replaces every list of v by a list of its one example item.
func reduce(v any) any {
	switch x := v.(type) {
	case *ordered:
		for _, k := range x.keys {
			x.vals[k] = reduce(x.vals[k])
		}
	case []any:
		if len(x) == 0 {
			return x
		}
		return []any{example(x)}
	}
	return v
}

// richness counts the keys of v that hold something other than null.
func richness(v any) int {
	n := 0
	switch x := v.(type) {
	case *ordered:
		for _, k := range x.keys {
			if x.vals[k] != nil {
				n += 1 + richness(x.vals[k])
			}
		}
	case []any:
		for _, e := range x {
			n += richness(e)
		}
	}
	return n
}

// fill adds to a the keys of b that a lacks or holds null, at every depth.
func fill(a, b any) any {
	switch x := a.(type) {
	case nil:
		return b
	case *ordered:
		y, ok := b.(*ordered)
		if !ok {
			return a
		}
		for _, k := range y.keys {
			if _, has := x.vals[k]; !has {
				x.keys = append(x.keys, k)
			}
			x.vals[k] = fill(x.vals[k], y.vals[k])
		}
	case []any:
		y, ok := b.([]any)
		switch {
		case !ok || len(y) == 0:
		case len(x) == 0:
			return y
		default:
			x[0] = fill(x[0], y[0])
		}
	}
	return a
}

// shorten cuts long strings of v, so that an example reads at a glance.
func shorten(v any) any {
	switch x := v.(type) {
	case *ordered:
		for _, k := range x.keys {
			x.vals[k] = shorten(x.vals[k])
		}
	case []any:
		for i := range x {
			x[i] = shorten(x[i])
		}
	case string:
		if utf8.RuneCountInString(x) > 40 {
			return string([]rune(x)[:40]) + "…"
		}
	}
	return v
}

func printOrdered(v any, indent string) string {
	switch x := v.(type) {
	case *ordered:
		if len(x.keys) == 0 {
			return "{}"
		}
		var b strings.Builder
		b.WriteString("{\n")
		keys := x.keys
		for i, k := range keys {
			fmt.Fprintf(&b, "%s  %s: %s", indent, quote(k), printOrdered(x.vals[k], indent+"  "))
			if i < len(keys)-1 {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		return b.String() + indent + "}"
	case []any:
		if len(x) == 0 {
			return "[]"
		}
		var b strings.Builder
		b.WriteString("[\n")
		for i, e := range x {
			b.WriteString(indent + "  " + printOrdered(e, indent+"  "))
			if i < len(x)-1 {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		return b.String() + indent + "]"
	case string:
		return quote(x)
	case nil:
		return "null"
	}
	return fmt.Sprint(v)
}

func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// TestReadmeGoVersion: the Go version the README asks for is the one
// go.mod needs.
func TestReadmeGoVersion(t *testing.T) {
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod has no go line")
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := "Go " + string(m[1]) + " or newer"; !bytes.Contains(readme, []byte(want)) {
		t.Errorf("README.md does not say %q, what go.mod needs", want)
	}
}
