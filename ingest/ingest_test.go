package ingest_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/ingest"
	"github.com/dutymap/dutymap/internal/fold"
	"github.com/dutymap/dutymap/internal/testset"
	"github.com/dutymap/dutymap/samples"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// seed is one sample document shipped in samples/.
type seed struct {
	name string
	data []byte
}

func seeds(t testing.TB) []seed {
	t.Helper()
	fsys := samples.FS()
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("no samples: %v", err)
	}
	var out []seed
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, seed{path.Base(n), b})
	}
	return out
}

func mustParse(t testing.TB, name string, data []byte) []*corpus.Document {
	t.Helper()
	docs, err := ingest.Parse(name, data)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return docs
}

// compactBlock is the golden form of an outline block.
type compactBlock struct {
	Number   string          `json:"n"`
	Lead     string          `json:"lead"`
	Children []*compactBlock `json:"c,omitempty"`
}

// compactDoc is the golden form of a Document: metadata and outline.
type compactDoc struct {
	Part       int                `json:"part"`
	Title      string             `json:"title"`
	Issuer     string             `json:"issuer"`
	DocNumber  string             `json:"doc_number"`
	Level      corpus.Level       `json:"level"`
	Place      *corpus.Place      `json:"place,omitempty"`
	Region     []corpus.Place     `json:"region,omitempty"`
	Date       string             `json:"date"`
	PlanYear   int                `json:"plan_year"`
	Addressees []string           `json:"addressees"`
	CC         []string           `json:"cc"`
	References []corpus.Reference `json:"references"`
	BodyStart  string             `json:"body_start"`
	BodyEnd    string             `json:"body_end"`
	Outline    []*compactBlock    `json:"outline"`
}

func compact(d *corpus.Document) compactDoc {
	var conv func(bs []*corpus.Block) []*compactBlock
	conv = func(bs []*corpus.Block) []*compactBlock {
		var out []*compactBlock
		for _, b := range bs {
			out = append(out, &compactBlock{Number: b.Number, Lead: d.Slice(b.Lead), Children: conv(b.Children)})
		}
		return out
	}
	body := []rune(d.Slice(d.Body))
	return compactDoc{
		Part: d.Part, Title: d.Title, Issuer: d.Issuer, DocNumber: d.DocNumber, Level: d.Level,
		Place: d.Place, Region: d.Region, Date: d.Date, PlanYear: d.PlanYear,
		Addressees: d.Addressees, CC: d.CC, References: d.References,
		BodyStart: string(body[:min(20, len(body))]), BodyEnd: string(body[max(0, len(body)-20):]),
		Outline: conv(d.Outline),
	}
}

// TestGolden compares the metadata and outline of every seed with
// testdata/NAME.golden.json (rewrite with -update).
func TestGolden(t *testing.T) {
	for _, s := range seeds(t) {
		t.Run(s.name, func(t *testing.T) {
			docs := mustParse(t, s.name, s.data)
			var cs []compactDoc
			for _, d := range docs {
				cs = append(cs, compact(d))
			}
			got, err := json.MarshalIndent(cs, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", strings.TrimSuffix(s.name, ".txt")+".golden.json")
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
				t.Errorf("%s differs from the Document; run go test ./ingest -update and review the diff", golden)
			}
		})
	}
}

// TestInvariants checks what every Document must satisfy: spans in range,
// on rune boundaries and nested; no Markdown markers or menu text left; the
// same output twice.
func TestInvariants(t *testing.T) {
	for _, s := range seeds(t) {
		docs := mustParse(t, s.name, s.data)
		for _, d := range docs {
			checkDoc(t, d)
			if strings.Contains(d.Text, "**") && d.Format == "md" || strings.Contains(d.Text, "\n#") {
				t.Errorf("%s part %d: Markdown markers left in the text", s.name, d.Part)
			}
			for _, menu := range []string{"工作总结", "当前位置", "达达文档网", "生活居家"} {
				if strings.Contains(d.Text, menu) {
					t.Errorf("%s part %d: site menu text %q left in the text", s.name, d.Part, menu)
				}
			}
		}
		again := mustParse(t, s.name, s.data)
		a, _ := json.Marshal(docs)
		b, _ := json.Marshal(again)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two parses differ", s.name)
		}
	}
}

func checkDoc(t testing.TB, d *corpus.Document) {
	t.Helper()
	if !utf8.ValidString(d.Text) {
		t.Errorf("%s: text is not valid UTF-8", d.ID)
	}
	if d.Fold != fold.String(d.Text) {
		t.Errorf("%s: Fold is not the fold of Text", d.ID)
	}
	okSpan := func(what string, sp corpus.Span, outer corpus.Span) {
		t.Helper()
		if sp.Start < 0 || sp.End > len(d.Text) || sp.Start > sp.End {
			t.Errorf("%s: %s span %v out of range [0,%d]", d.ID, what, sp, len(d.Text))
			return
		}
		onBoundary := func(i int) bool { return i == len(d.Text) || utf8.RuneStart(d.Text[i]) }
		if !onBoundary(sp.Start) || !onBoundary(sp.End) {
			t.Errorf("%s: %s span %v not on rune boundaries", d.ID, what, sp)
		}
		if !outer.Contains(sp) {
			t.Errorf("%s: %s span %v outside %v", d.ID, what, sp, outer)
		}
	}
	okSpan("body", d.Body, corpus.Span{Start: 0, End: len(d.Text)})
	d.Walk(func(b *corpus.Block, anc []*corpus.Block) bool {
		outer := d.Body
		if len(anc) > 0 {
			outer = anc[len(anc)-1].Span
		}
		okSpan("block "+b.Number, b.Span, outer)
		okSpan("lead of "+b.Number, b.Lead, b.Span)
		okSpan("body of "+b.Number, b.Body, b.Span)
		if b.Depth != len(anc)+1 {
			t.Errorf("%s: block %s depth %d with %d ancestors", d.ID, b.Number, b.Depth, len(anc))
		}
		return true
	})
}

// TestSplit checks the rule that cuts a page into documents on repeated
// titles with ordinals, on seed 001 and on made-up pages.
func TestSplit(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		parts []string // titles
	}{
		{"seven plans", "", nil}, // filled from seed 001 below
		{"one document", "某县人民政府关于做好安全生产工作的通知\n各乡镇：\n一、总体要求\n要求如下。", []string{"某县人民政府关于做好安全生产工作的通知"}},
		{"two plans, digits", "网站首页\n县应急局2024年工作方案1\n现就有关事项通知如下。\n一、目标\n目标。\n县应急局2024年工作方案2\n现就有关事项通知如下。\n一、任务\n任务。", []string{"县应急局2024年工作方案1", "县应急局2024年工作方案2"}},
		{"ordinals without a document kind do not split", "重点任务一\n内容。\n重点任务二\n内容。", []string{""}},
	}
	for _, s := range seeds(t) {
		if strings.HasPrefix(s.name, "001_") {
			tests[0].text = string(s.data)
			for _, n := range []string{"一", "二", "三", "四", "五", "六", "七"} {
				tests[0].parts = append(tests[0].parts, "市安全生产委员会2024年工作要点"+n)
			}
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := mustParse(t, "x.txt", []byte(tt.text))
			if len(docs) != len(tt.parts) {
				t.Fatalf("%d documents, want %d", len(docs), len(tt.parts))
			}
			for i, d := range docs {
				if tt.parts[i] != "" && d.Title != tt.parts[i] {
					t.Errorf("part %d title %q, want %q", i+1, d.Title, tt.parts[i])
				}
				if d.Part != i+1 {
					t.Errorf("part %d numbered %d", i+1, d.Part)
				}
				if strings.Contains(d.Text, "网站首页") {
					t.Errorf("part %d keeps the page header", i+1)
				}
			}
		})
	}
}

// TestRepair checks line repair and space removal on real phrasings.
func TestRepair(t *testing.T) {
	docs := map[string]*corpus.Document{}
	for _, s := range seeds(t) {
		for _, d := range mustParse(t, s.name, s.data) {
			docs[fmt.Sprintf("%s/%d", s.name[:3], d.Part)] = d
		}
	}
	tests := []struct {
		doc, want, not string
	}{
		{"000/1", "其他高危行业领域企业推广矿山企业做法", "企\n业"},
		{"000/1", "坚决杜绝重特大事故、遏制较大事故、减少一般事故，守牢守稳安全底线", "事故，\n守牢"},
		{"000/1", "关于做好2024年安全生产工作的通知", "2024 年"},
		{"003/1", "健全“党政同责、一岗双责、齐抓齐管”的安全生产责任体系。", "责任\n体系"},
		{"004/1", "农机等行业领域也要结合实际开展专项整治。", "行业\n领域"},
		{"004/1", "一、树牢安全发展理念，层层压实安全责任\n（一）", ""},
		{"002/1", "企业排查整改重大事故隐患的质量明显提高", "**"},
		{"002/1", "组织开展1次安全生产专", "开展 1 次"},
		{"001/5", "每月至少带队全面检查1次", "检查 1次"},
	}
	for _, tt := range tests {
		d := docs[tt.doc]
		if d == nil {
			t.Fatalf("no document %s", tt.doc)
		}
		if !strings.Contains(d.Text, tt.want) {
			t.Errorf("%s: text lacks %q", tt.doc, tt.want)
		}
		if tt.not != "" && strings.Contains(d.Text, tt.not) {
			t.Errorf("%s: text still has %q", tt.doc, tt.not)
		}
	}
}

// sameDocument reports how two parses of the same content differ in text,
// metadata or outline (format, charset and ID may differ).
func sameDocument(t *testing.T, what string, want, got []*corpus.Document) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d documents, want %d", what, len(got), len(want))
	}
	for i := range want {
		if got[i].Text != want[i].Text {
			t.Errorf("%s part %d: text differs at byte %d:\n got %q\nwant %q", what, i+1,
				diffAt(got[i].Text, want[i].Text), excerpt(got[i].Text, diffAt(got[i].Text, want[i].Text)), excerpt(want[i].Text, diffAt(got[i].Text, want[i].Text)))
			continue
		}
		a, _ := json.Marshal(compact(want[i]))
		b, _ := json.Marshal(compact(got[i]))
		if !bytes.Equal(a, b) {
			t.Errorf("%s part %d: metadata or outline differ:\n got %s\nwant %s", what, i+1, b, a)
		}
		ao, _ := json.Marshal(want[i].Outline)
		bo, _ := json.Marshal(got[i].Outline)
		if !bytes.Equal(ao, bo) {
			t.Errorf("%s part %d: outline spans differ", what, i+1)
		}
	}
}

func diffAt(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

func excerpt(s string, at int) string {
	lo, hi := max(0, at-30), min(len(s), at+30)
	return strings.ToValidUTF8(s[lo:hi], "")
}

// seedParagraphs renders a seed's lines as (heading, runs) pairs, reading
// Markdown markup only where the seed is Markdown.
type run struct {
	text string
	bold bool
}

type para struct {
	heading bool
	runs    []run
}

var (
	reATX  = regexp.MustCompile(`^\s*#{1,6}\s+`)
	reBold = regexp.MustCompile(`\*\*(.+?)\*\*`)
)

func seedParagraphs(s seed, markdown bool) []para {
	var out []para
	for _, l := range strings.Split(string(s.data), "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		p := para{}
		if markdown {
			if loc := reATX.FindStringIndex(l); loc != nil {
				p.heading = true
				l = l[loc[1]:]
			}
			last := 0
			for _, m := range reBold.FindAllStringSubmatchIndex(l, -1) {
				p.runs = append(p.runs, run{l[last:m[0]], false}, run{l[m[2]:m[3]], true})
				last = m[1]
			}
			p.runs = append(p.runs, run{l[last:], false})
		} else {
			p.runs = []run{{l, false}}
		}
		out = append(out, p)
	}
	return out
}

// seedHTML builds a web page from a seed: the article among site clutter.
func seedHTML(s seed, markdown bool) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>政策文件</title><script>var x = "<p>不是正文</p>";</script><style>p{margin:0}</style></head><body>`)
	b.WriteString(`<div class="top-nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/zcwj">政策文件</a></li></ul></div>`)
	b.WriteString(`<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zcwj">政策文件</a></div>`)
	b.WriteString(`<div class="main"><div class="info">发布时间：2023-11-20 来源：本站</div><div class="TRS_Editor">`)
	for _, p := range seedParagraphs(s, markdown) {
		tag := "p"
		if p.heading {
			tag = "h3"
		}
		b.WriteString("<" + tag + ">")
		for _, r := range p.runs {
			if r.bold {
				b.WriteString("<strong>" + html.EscapeString(r.text) + "</strong>")
			} else {
				b.WriteString(html.EscapeString(r.text))
			}
		}
		b.WriteString("</" + tag + ">\n")
	}
	b.WriteString(`</div><div class="bdshare">分享到：<a href="#">微信</a><a href="#">微博</a></div>`)
	b.WriteString(`<div class="related"><h4>相关文章</h4><ul><li><a href="/a">关于做好防汛工作的通知</a></li><li><a href="/b">安全生产月活动方案</a></li></ul></div></div>`)
	b.WriteString(`<footer><p>版权所有：某某人民政府 ICP备12345678号</p></footer></body></html>`)
	return []byte(b.String())
}

// seedGovHTML builds a page laid out as government sites are: the first
// line of the seed as an <h1> outside the article, a posting line, the rest
// in div#zoom, navigation and link lists without telling class names, and
// previous/next links.
func seedGovHTML(s seed, markdown bool) []byte {
	var b strings.Builder
	b.WriteString(`<html><head><title>x</title></head><body><table><tr><td><a href="/">首页</a></td><td><a href="/jg">机构设置</a></td><td><a href="/zw">政务公开</a></td></tr></table><div class="wrap">`)
	ps := seedParagraphs(s, markdown)
	writeRuns := func(p para) {
		for _, r := range p.runs {
			if r.bold {
				b.WriteString("<b>" + html.EscapeString(r.text) + "</b>")
			} else {
				b.WriteString(html.EscapeString(r.text))
			}
		}
	}
	b.WriteString(`<h1 class="article-title">`)
	writeRuns(ps[0])
	b.WriteString(`</h1><div class="sub">发布日期：2023-03-10 来源：市政府办公室 浏览次数：1024</div><div id="zoom">`)
	for _, p := range ps[1:] {
		if p.heading {
			b.WriteString("<h2>")
			writeRuns(p)
			b.WriteString("</h2>")
			continue
		}
		b.WriteString(`<p style="text-indent:2em">`)
		writeRuns(p)
		b.WriteString("</p>")
	}
	b.WriteString(`</div><div><a href="/p">上一篇：关于开展安全生产大检查的通知</a></div><div><a href="/n">下一篇：2023年防汛工作方案</a></div>`)
	b.WriteString(`<ul><li><a href="/1">关于做好冬春火灾防控工作的通知</a></li><li><a href="/2">应急管理局2023年工作总结</a></li></ul></div>`)
	b.WriteString(`<div class="foot">版权所有：市人民政府办公室 ICP备05000001号</div></body></html>`)
	return []byte(b.String())
}

// seedDOCX builds a Word file from a seed: one paragraph per line, bold
// runs, heading styles, and a table that the text must not swallow.
func seedDOCX(t testing.TB, s seed, markdown bool) []byte {
	var x strings.Builder
	x.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, p := range seedParagraphs(s, markdown) {
		x.WriteString("<w:p>")
		if p.heading {
			x.WriteString(`<w:pPr><w:pStyle w:val="Heading2"/></w:pPr>`)
		}
		for _, r := range p.runs {
			x.WriteString("<w:r>")
			if r.bold {
				x.WriteString("<w:rPr><w:b/></w:rPr>")
			}
			x.WriteString(`<w:t xml:space="preserve">`)
			xmlEscape(&x, r.text)
			x.WriteString("</w:t></w:r>")
		}
		x.WriteString("</w:p>\n")
	}
	x.WriteString(`</w:body></w:document>`)
	return zipFiles(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":   x.String(),
	})
}

func xmlEscape(b *strings.Builder, s string) {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	b.WriteString(r.Replace(s))
}

func zipFiles(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml"} {
		body, ok := files[name]
		if !ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestFormats builds an HTML page, a .docx, a GB18030 file and a UTF-16
// file from every seed and checks each gives the same Documents as the seed.
func TestFormats(t *testing.T) {
	for _, s := range seeds(t) {
		want := mustParse(t, s.name, s.data)
		md := want[0].Format == "md"
		base := strings.TrimSuffix(s.name, ".txt")
		gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(s.data)
		if err != nil {
			t.Fatal(err)
		}
		u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(s.data)
		if err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name    string
			data    []byte
			format  string
			charset string
		}{
			{base + ".html", seedHTML(s, md), "html", "utf-8"},
			{base + ".htm", seedGovHTML(s, md), "html", "utf-8"},
			{base + ".docx", seedDOCX(t, s, md), "docx", "utf-8"},
			{s.name, gb, want[0].Format, "gb18030"},
			{s.name, u16, want[0].Format, "utf-16le"},
			{base, seedDOCX(t, s, md), "docx", "utf-8"},       // no extension: sniffed
			{base + ".txt", seedHTML(s, md), "html", "utf-8"}, // wrong extension
		}
		for _, c := range cases {
			t.Run(c.name+"/"+c.charset+"/"+c.format, func(t *testing.T) {
				got := mustParse(t, c.name, c.data)
				sameDocument(t, c.name, want, got)
				for _, d := range got {
					if d.Format != c.format || d.Charset != c.charset {
						t.Errorf("format %s charset %s, want %s %s", d.Format, d.Charset, c.format, c.charset)
					}
				}
			})
		}
	}
}

// TestDocxTable checks that table rows become lines with their cells.
func TestDocxTable(t *testing.T) {
	doc := `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		`<w:p><w:r><w:t>某镇人民政府关于印发安全生产任务清单的通知</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>各村：现将任务清单印发给你们。</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>任务</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>牵头单位</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:tc><w:p><w:r><w:t>开展隐患排查</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>应急站</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		`</w:body></w:document>`
	docs := mustParse(t, "table.docx", zipFiles(t, map[string]string{"word/document.xml": doc}))
	if !strings.Contains(docs[0].Text, "\n任务 | 牵头单位\n开展隐患排查 | 应急站") {
		t.Errorf("table rows not read as lines:\n%s", docs[0].Text)
	}
}

// TestBadInput feeds Parse what real inboxes hold besides documents: each
// gets an error naming the problem, or a correct result; never a panic.
func TestBadInput(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde")
	var s0 seed
	for _, s := range seeds(t) {
		if strings.HasPrefix(s.name, "000_") {
			s0 = s
		}
	}
	good := seedDOCX(t, s0, false)
	bomb := zipBomb(t)
	invalid := append(append([]byte{}, s0.data[:4000]...), 0xff, 0xfe, 0xfd)
	invalid = append(invalid, s0.data[4000:]...)
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes(s0.data)
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(i*7919 + i/3)
	}
	tests := []struct {
		name    string
		data    []byte
		wantErr string // substring of the error; "" for a correct result
	}{
		{"empty.txt", nil, "empty file"},
		{"blank.txt", []byte(" \n\r\n\t "), "empty file"},
		{"image.png", png, "binary content (image/png)"},
		{"image.txt", png, "binary content"},
		{"truncated.docx", good[:len(good)/2], "not a readable zip archive"},
		{"bomb.docx", bomb, "expands"},
		{"legacy.doc", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + strings.Repeat("\x00", 600)), "legacy Word .doc"},
		{"report.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "PDF"},
		{"noise.bin", random, ""}, // decoded as GB18030 or refused: checked below
		{"invalid-utf8.txt", invalid, ""},
		{"gbk.txt", gbk, ""},
		{"huge.txt", bytes.Repeat([]byte("安"), (50<<20)/3+1), "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := ingest.Parse(tt.name, tt.data)
			if tt.name == "noise.bin" {
				if err == nil {
					for _, d := range docs {
						checkDoc(t, d)
					}
				}
				return
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), tt.name) {
					t.Fatalf("error %v, want one naming %s and %q", err, tt.name, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if docs[0].Title != "水峪贯镇人民政府关于做好2024年安全生产工作的方案" {
				t.Errorf("title %q", docs[0].Title)
			}
			for _, d := range docs {
				checkDoc(t, d)
			}
		})
	}
	if _, err := ingest.Parse("empty.txt", nil); !errors.Is(err, ingest.ErrEmpty) {
		t.Errorf("empty file: %v is not ErrEmpty", err)
	}
}

// zipBomb builds a .docx whose word/document.xml claims to expand to 1 GiB.
func zipBomb(t *testing.T) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, err := flate.NewWriter(&comp, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(bytes.Repeat([]byte(" "), 1<<20)); err != nil {
		t.Fatal(err)
	}
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: "word/document.xml", Method: zip.Deflate,
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: 1 << 30,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(comp.Bytes()); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDeepHTML checks that markup nested 10,000 deep is read as the text
// between its tags, without recursion or quadratic work.
func TestDeepHTML(t *testing.T) {
	for _, tag := range []string{"div", "b", "span"} {
		deep := "<html><body><script>var a = 1;</script>" + strings.Repeat("<"+tag+">", 10000) +
			"某镇人民政府关于做好安全生产工作的通知<p>各村：</p><p>一、加强领导。每月开展一次检查。</p>" + strings.Repeat("</"+tag+">", 10000) + "</body></html>"
		docs, err := ingest.Parse("deep.html", []byte(deep))
		if err != nil {
			t.Fatalf("<%s> ×10000: %v", tag, err)
		}
		d := docs[0]
		checkDoc(t, d)
		if d.Title != "某镇人民政府关于做好安全生产工作的通知" || len(d.Outline) != 1 || strings.Contains(d.Text, "var a") {
			t.Errorf("<%s> ×10000: title %q, %d blocks, text %q", tag, d.Title, len(d.Outline), d.Text)
		}
	}
}

// FuzzParse feeds Parse mutations of the seeds in every format: it must
// not panic, spans must stay in range and on rune boundaries, and the
// result must be the same twice.
func FuzzParse(f *testing.F) {
	for _, s := range seeds(f) {
		md := strings.HasPrefix(s.name, "002_")
		head := s.data[:min(len(s.data), 3000)]
		f.Add(s.name, head)
		f.Add(strings.TrimSuffix(s.name, ".txt")+".html", seedHTML(seed{s.name, head}, md))
		f.Add(strings.TrimSuffix(s.name, ".txt")+".docx", seedDOCX(f, seed{s.name, head}, md))
		gb, _ := simplifiedchinese.GB18030.NewEncoder().Bytes(head)
		f.Add(s.name, gb)
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		docs, err := ingest.Parse(name, data)
		if err != nil {
			return
		}
		for _, d := range docs {
			checkDoc(t, d)
		}
		again, _ := ingest.Parse(name, data)
		a, _ := json.Marshal(docs)
		b, _ := json.Marshal(again)
		if !bytes.Equal(a, b) {
			t.Error("two parses differ")
		}
	})
}

// BenchmarkParse measures ingest throughput on the seeds (MB/s) beside an
// anchor run in the same loop on the same bytes: counting their runes and
// lines (unicode/utf8, bytes), the least any reader of the text does. On
// a shared machine the MB/s of both move with the load; their ratio
// (x-anchor, parse time over anchor time) is what to compare between
// versions.
func BenchmarkParse(b *testing.B) {
	var files []benchFile
	for _, s := range seeds(b) {
		files = append(files, benchFile(s))
	}
	benchParse(b, files)
}

// BenchmarkParseDevset measures the same on the dev set of real pages
// (../shared/devset): files of one or two kilobytes, where what a
// document costs whatever its length weighs most.
func BenchmarkParseDevset(b *testing.B) {
	dir := testset.Shared(b, "devset")
	names, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(names) == 0 {
		b.Skipf("skipping: no texts in %s", dir)
	}
	var files []benchFile
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, benchFile{filepath.Base(n), data})
	}
	benchParse(b, files)
}

type benchFile struct {
	name string
	data []byte
}

// benchParse parses files once per iteration and runs the anchor after
// each parse, outside the timer.
func benchParse(b *testing.B, files []benchFile) {
	total := 0
	for _, f := range files {
		total += len(f.data)
	}
	b.SetBytes(int64(total))
	var parse, anchor time.Duration
	n := 0
	for b.Loop() {
		t0 := time.Now()
		for _, f := range files {
			if _, err := ingest.Parse(f.name, f.data); err != nil {
				b.Fatal(err)
			}
		}
		t1 := time.Now()
		b.StopTimer()
		for _, f := range files {
			n += utf8.RuneCount(f.data) + bytes.Count(f.data, []byte("\n"))
		}
		t2 := time.Now()
		b.StartTimer()
		parse += t1.Sub(t0)
		anchor += t2.Sub(t1)
	}
	if n == 0 || anchor <= 0 {
		return
	}
	mb := float64(total) * float64(b.N) / 1e6
	b.ReportMetric(mb/anchor.Seconds(), "anchor-MB/s")
	b.ReportMetric(parse.Seconds()/anchor.Seconds(), "x-anchor")
}

// BenchmarkParseFormats measures the HTML and .docx readers on seed 001.
func BenchmarkParseFormats(b *testing.B) {
	for _, s := range seeds(b) {
		if !strings.HasPrefix(s.name, "001_") {
			continue
		}
		for _, c := range []struct {
			name string
			data []byte
		}{{"html", seedHTML(s, false)}, {"docx", seedDOCX(b, s, false)}} {
			b.Run(c.name, func(b *testing.B) {
				b.SetBytes(int64(len(s.data)))
				for b.Loop() {
					if _, err := ingest.Parse("x."+c.name, c.data); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkParseLarge parses a 16 MB text file (seed 000 repeated) to show
// that Parse stays linear on large input.
func BenchmarkParseLarge(b *testing.B) {
	var data []byte
	for _, s := range seeds(b) {
		if strings.HasPrefix(s.name, "000_") {
			data = bytes.Repeat(s.data, (16<<20)/len(s.data))
		}
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ingest.Parse("large.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestNoticeLayout checks a notice laid out differently from the seeds: a
// title over two lines, a 签发人 line, page-break debris in a broken
// sentence, a date in Chinese numerals, and an attachment after the
// signature.
func TestNoticeLayout(t *testing.T) {
	src := "阆中市人民政府办公室文件\n" +
		"阆市府办发〔2024〕12号　　　签发人：张某\n" +
		"阆中市人民政府办公室关于印发阆中市2024年\n" +
		"安全生产工作要点的通知\n" +
		"各乡镇人民政府、街道办事处，市级有关部门：\n" +
		"为深入贯彻落实《南充市安全生产委员会关于做好2024年安全生产工作的通知》（南安委〔2024〕2号）要求，现将工作要点印发给你们，请认真贯彻执行。\n" +
		"一、压实安全责任\n" +
		"（一）严格落实属地责任。各乡镇（街道）要每季度至少召开一次安全生产专题会议，研究解决\n" +
		"- 2 -\n" +
		"重大问题。\n" +
		"（二）严格落实部门责任。\n" +
		"（此页无正文）\n" +
		"阆中市人民政府办公室\n" +
		"二〇二四年三月十二日\n" +
		"抄送：市委办公室，市人大常委会办公室。\n"
	docs := mustParse(t, "notice.txt", []byte(src))
	d := docs[0]
	checkDoc(t, d)
	if d.Title != "阆中市人民政府办公室关于印发阆中市2024年安全生产工作要点的通知" {
		t.Errorf("title %q", d.Title)
	}
	if d.Issuer != "阆中市人民政府办公室" || d.DocNumber != "阆市府办发〔2024〕12号" || d.Date != "2024-03-12" || d.PlanYear != 2024 {
		t.Errorf("issuer %q number %q date %q year %d", d.Issuer, d.DocNumber, d.Date, d.PlanYear)
	}
	if d.Level != corpus.LevelCounty || d.Place == nil || d.Place.Code != "511381" {
		t.Errorf("level %s place %+v, want county 511381", d.Level, d.Place)
	}
	if len(d.Addressees) != 3 || d.Addressees[2] != "市级有关部门" || len(d.CC) != 2 {
		t.Errorf("addressees %q cc %q", d.Addressees, d.CC)
	}
	if len(d.References) != 1 || d.References[0].Number != "南安委〔2024〕2号" {
		t.Errorf("references %+v", d.References)
	}
	if !strings.Contains(d.Text, "研究解决重大问题。") || strings.Contains(d.Text, "- 2 -") {
		t.Errorf("page break not repaired:\n%s", d.Text)
	}
	if body := d.Slice(d.Body); strings.Contains(body, "此页无正文") || strings.Contains(body, "抄送") {
		t.Errorf("signature block inside the body: %q", body)
	}
	if len(d.Outline) != 1 || len(d.Outline[0].Children) != 2 || d.Slice(d.Outline[0].Children[1].Lead) != "严格落实部门责任" {
		t.Errorf("outline wrong: %+v", d.Outline)
	}
}

// TestHTMLDivParagraphs checks a page whose paragraphs are <div>s inside a
// content <div> beside a side column of plain text.
func TestHTMLDivParagraphs(t *testing.T) {
	page := `<html><body><div id="top"><a href="/">首页</a><a href="/a">新闻中心</a></div>
<div class="con"><div class="left"><div>阆中市应急管理局关于做好2024年汛期安全生产工作的通知</div>
<div>各乡镇人民政府，市级有关部门：</div>
<div>为做好汛期安全生产工作，现将有关事项通知如下。</div>
<div>一、加强组织领导</div><div>（一）压实责任。各乡镇要每月至少开展一次隐患排查。</div>
<div>（二）加强值守。严格落实24小时值班制度。</div>
<div>阆中市应急管理局</div><div>2024年5月20日</div></div>
<div class="right">热点专题 便民服务</div></div></body></html>`
	d := mustParse(t, "page.html", []byte(page))[0]
	checkDoc(t, d)
	if d.Title != "阆中市应急管理局关于做好2024年汛期安全生产工作的通知" || d.Date != "2024-05-20" || d.Place == nil || d.Place.Name != "阆中市" {
		t.Errorf("title %q date %q place %+v", d.Title, d.Date, d.Place)
	}
	// Link bars are dropped; a plain-text side column that follows the
	// signature may stay in the text but not in the body.
	if strings.Contains(d.Text, "新闻中心") || strings.Contains(d.Slice(d.Body), "热点专题") {
		t.Errorf("site furniture in the text:\n%s", d.Text)
	}
	if len(d.Outline) != 1 || len(d.Outline[0].Children) != 2 {
		t.Errorf("outline %+v", d.Outline)
	}
}
