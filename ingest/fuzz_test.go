package ingest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/ingest/gazetteer"
	"github.com/dutymap/dutymap/internal/fold"
)

// Fuzz targets of their own for the parsers Parse reaches only indirectly.
// Each fails only on a panic or a broken invariant.

// fuzzTexts seeds the text targets with the documents of testdata/docs.
func fuzzTexts(f *testing.F) []string {
	names, _ := filepath.Glob(filepath.Join("testdata", "docs", "*.txt"))
	var out []string
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err == nil && utf8.Valid(b) {
			out = append(out, string(b))
		}
	}
	if len(out) == 0 {
		f.Fatal("no seed documents in testdata/docs")
	}
	return out
}

func foldLines(ls []line) []line {
	for i := range ls {
		ls[i].fold = fold.String(ls[i].text)
	}
	return ls
}

func checkLines(t *testing.T, ls []line) {
	t.Helper()
	for _, l := range ls {
		if !utf8.ValidString(l.text) {
			t.Fatalf("line %q is not valid UTF-8", l.text)
		}
		for _, c := range l.cells {
			if c.from == 0 && (c.s < 0 || c.e > len(l.text) || c.s > c.e) {
				t.Fatalf("cell %v out of line %q", c, l.text)
			}
		}
		for _, g := range l.bold {
			if g.s < 0 || g.e > len(l.text) || g.s > g.e {
				t.Fatalf("bold %v out of line %q", g, l.text)
			}
		}
		for _, g := range l.gaps {
			if g <= 0 || g >= len(l.text) || !utf8.RuneStart(l.text[g]) {
				t.Fatalf("gap %d bad in line %q", g, l.text)
			}
		}
		if m, ok := parseMarker(l.text); ok && (!strings.HasPrefix(l.text, m.number) || m.end > len(l.text) || m.dots > 4) {
			t.Fatalf("marker %+v bad in line %q", m, l.text)
		}
	}
}

// FuzzDocx feeds the .docx reader zips holding mutated WordprocessingML,
// seeded with a valid document with a table, so mutations reach the XML.
func FuzzDocx(f *testing.F) {
	f.Add(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>一、总体要求</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>任务</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>牵头单位</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>排查</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>县应急局</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>` +
		`<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr></w:tc><w:tc><w:p><w:r><w:t>县公安局</w:t></w:r><w:r><w:br/></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`)
	f.Fuzz(func(t *testing.T, xmlText string) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, err := zw.Create("word/document.xml")
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(xmlText))
		zw.Close()
		ls, err := docxLines(buf.Bytes())
		if err != nil {
			return
		}
		checkLines(t, ls)
	})
}

// FuzzHTML feeds the HTML reader pages with data and layout tables.
func FuzzHTML(f *testing.F) {
	f.Add(`<html><body><div><h1>某县关于做好安全生产工作的通知</h1><table><tr><th>序号</th><th>任务</th></tr><tr><td rowspan="3">1</td><td colspan="9"><p>排查</p><p>每月一次</p></td></tr></table><table><tr><td><a href="/">首页</a></td></tr></table><p>一、加强领导。</p></div></body></html>`)
	f.Add(`<table><tr><td>索引号：</td><td>001/2024</td></tr><tr><td>标题：</td><td colspan="3">关于印发方案的通知</td></tr></table>`)
	f.Add(`<div class="where"><span>您当前的位置：</span><ul><li><a href="/">首页</a></li><li>&gt;&gt;</li><li>乡镇信息</li></ul></div><h2>某镇方案</h2><p>一、加强领导。</p>`)
	f.Fuzz(func(t *testing.T, page string) {
		if !utf8.ValidString(page) {
			return // Parse hands the reader decoded text only
		}
		ls, err := htmlLines(page)
		if err != nil {
			return
		}
		checkLines(t, ls)
	})
}

// FuzzDecodeText checks charset detection on any bytes: valid UTF-8 out,
// a known charset name, the same answer twice.
func FuzzDecodeText(f *testing.F) {
	f.Add([]byte("安全生产"))
	f.Add([]byte{0x89, 0x5b, 0x68, 0x51, 0x1f, 0x75, 0xa7, 0x4e})
	f.Add([]byte{0xb0, 0xb2, 0xc8, 0xab, 0xc9, 0xfa, 0xb2, 0xfa})
	f.Add([]byte{0xff, 0xfe, 0x89, 0x5b})
	f.Fuzz(func(t *testing.T, data []byte) {
		s, cs, err := decodeText(data)
		s2, cs2, err2 := decodeText(data)
		if s != s2 || cs != cs2 || (err == nil) != (err2 == nil) {
			t.Fatal("two decodings differ")
		}
		if err != nil {
			return
		}
		if !utf8.ValidString(s) {
			t.Fatalf("%s decoding is not valid UTF-8", cs)
		}
		switch cs {
		case charsetUTF8, charsetGB18030, charsetUTF16LE, charsetUTF16BE:
		default:
			t.Fatalf("unknown charset %q", cs)
		}
	})
}

// FuzzStructure runs the structure builder (dumps, splitting, signature,
// header, outline, tables, passages, metadata and place) on text lines
// and checks every span of the Document.
func FuzzStructure(f *testing.F) {
	for _, s := range fuzzTexts(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		tables := 0
		ls := pipeTables(textTables(splitRawLines(text), &tables), &tables)
		ls = foldLines(splitGlued(joinPageChunks(dropClutter(ls))))
		if len(ls) == 0 {
			return
		}
		checkLines(t, ls)
		for _, p := range splitDocuments(ls) {
			checkSpans(t, buildDocument(p))
		}
	})
}

// checkSpans checks that every span of d lies in its text on rune
// boundaries, and that the fold keeps the text's length.
func checkSpans(t *testing.T, d *corpus.Document) {
	t.Helper()
	if len(d.Fold) != len(d.Text) {
		t.Fatalf("fold of %d bytes for a text of %d", len(d.Fold), len(d.Text))
	}
	ok := func(s corpus.Span) {
		t.Helper()
		if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End ||
			s.Start < len(d.Text) && !utf8.RuneStart(d.Text[s.Start]) || s.End < len(d.Text) && !utf8.RuneStart(d.Text[s.End]) {
			t.Fatalf("span %v bad in a text of %d bytes", s, len(d.Text))
		}
	}
	ok(d.Body)
	for _, p := range d.Passages {
		ok(p)
	}
	for _, tb := range d.Tables {
		ok(tb.Span)
		for _, r := range tb.Rows {
			ok(r.Span)
			if len(r.Cells) != len(tb.Rows[0].Cells) {
				t.Fatalf("rows of %d and %d cells in one table", len(r.Cells), len(tb.Rows[0].Cells))
			}
			for _, c := range r.Cells {
				ok(c)
			}
		}
	}
	d.Walk(func(b *corpus.Block, _ []*corpus.Block) bool {
		ok(b.Span)
		ok(b.Lead)
		ok(b.Body)
		return true
	})
}

// FuzzBreadcrumb feeds the breadcrumb reader lines: the title it keeps
// is the trail's last step, a suffix of the line, and only a trail has one.
func FuzzBreadcrumb(f *testing.F) {
	for _, s := range []string{"您当前的位置：首页 >> 政务公开 >> 乡镇信息 >> 黄龙镇", "首页 > 通知公告 > 关于开展2024年安全生产月活动的通知",
		"位置：县城东南5公里。", "企业自查→街道复查→区级抽查", ">>", "首页/政务公开/规划计划"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		title, ok := breadcrumb(s)
		if title != "" && (!ok || !strings.HasSuffix(strings.TrimSpace(s), title)) {
			t.Fatalf("breadcrumb(%q) = %q, %v", s, title, ok)
		}
	})
}

// FuzzPageFields feeds the metadata block reader lines and table rows.
func FuzzPageFields(f *testing.F) {
	for _, s := range []string{"索引号: WE4301000-2019-012主题分类: 区政府委办局", "- 发文字号: 镜政〔2006〕21", "【法宝引证码】CLI.1.304262",
		"信息索引号 | 012925369/2023-00568 | 发布时间 | 2023-06-14 | ||", "时间:2022-11-11 09:38:00", "• 发布机构:",
		"发文机关 | 琼海市人民政府办公室\n成文日期 | 2022-04-28", "发文机关：\n宁乡市应急管理局\n文号\n东安办〔2024〕8号",
		"转载　来源：柯桥区人民政府网　发布时间：2024-03-12 09:41　浏览次数：1286　【字体：大 中 小】",
		"（锡署办发〔2019〕62号　2019年9月16日锡林郭勒盟行政公署办公厅印发）"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		tables := 0
		ls := foldLines(pipeTables(textLines(splitRawLines(s)), &tables))
		for i, l := range ls {
			for _, fd := range pageFields(l, false) {
				if !utf8.ValidString(fd.value) {
					t.Fatalf("field value %q is not valid UTF-8", fd.value)
				}
				if fd.kind == fieldDate {
					metaDate(fd.value)
				}
			}
			if k := postingInfo(l.fold); k >= len(l.fold) || k >= 0 && !utf8.RuneStart(l.fold[k]) {
				t.Fatalf("postingInfo(%q) = %d", l.fold, k)
			}
			if im, ok := bracketImprint(l); ok && (len(im.date) != len("2006-01-02") || im.issuer == "") {
				t.Fatalf("bracketImprint(%q) = %+v", l.text, im)
			}
			for _, strong := range []bool{false, true} {
				fs, n := metaFields(ls, i, strong)
				if n < 0 || n > 2 || i+n > len(ls) || (n == 0) != (fs == nil) {
					t.Fatalf("metaFields(%q) took %d lines with %v", l.text, n, fs)
				}
			}
		}
	})
}

// FuzzTableRows feeds the table readers of plain text all their layouts:
// tab rows and the three of pipe text.
func FuzzTableRows(f *testing.F) {
	f.Add("序号\t工作任务\t牵头单位\t完成时限\n1\t开展排查\t县应急局\t\t6月底前\n\t正文")
	f.Add("| 序号 | 任务 | 牵头单位 |\n|---|---|---|\n| 1 | 排查 | 县应急局 |")
	f.Add("演练科目 |\n情景构建 |\n牵头单位 |\n防汛 |\n自行构建 |\n县防汛办 |\n")
	f.Add("序号\n| 检查时间:\n|\n1\n| 贯彻落实\n| |\n")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		tables := 0
		ls := foldLines(pipeTables(textTables(splitRawLines(s), &tables), &tables))
		checkLines(t, ls)
		off := make([]int, len(ls)+1)
		var b strings.Builder
		for i, l := range ls {
			if i > 0 {
				b.WriteByte('\n')
			}
			off[i] = b.Len()
			b.WriteString(l.text)
		}
		d := &corpus.Document{Text: b.String()}
		d.Fold = fold.String(d.Text)
		d.Tables = buildTables(ls, off)
		checkSpans(t, d)
	})
}

// FuzzSignatures feeds the signature finder and the date readers.
func FuzzSignatures(f *testing.F) {
	for _, s := range []string{"中共鹿城区仰义乡委员会\n鹿城区仰义乡人民政府\n二OO九年七月十四日", "毛村镇人民政府\n202341",
		"宿迁经济技术开发区党政办公室 2020年2月20日 (此件公开发布)", "福建省发展和改革委员会　　　　国家能源局福建监管办公室\n2024年5月10日", "请认真贯彻执行。\n二O一二年三月二十一日\n蕪湖市安全生產目標管理考核辦法"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		ls := foldLines(textLines(splitRawLines(s)))
		for _, sg := range findSignatures(ls, 0) {
			if sg.first < 0 || sg.last >= len(ls) || sg.first > sg.last {
				t.Fatalf("signature lines [%d, %d] of %d", sg.first, sg.last, len(ls))
			}
			if len(sg.date) != len("2006-01-02") {
				t.Fatalf("signature date %q", sg.date)
			}
		}
	})
}

// FuzzLocate feeds level and place the names and texts they read.
func FuzzLocate(f *testing.F) {
	f.Add("温州市鹿城区双屿镇人民政府", "双屿镇“上海世博会”期间安全生产工作实施方案", "全镇各单位要每月开展一次检查。")
	f.Add("", "九江市柴桑区农村道路交通安全工作方案", "我区各乡镇")
	f.Add("杨凌示范区安全生产委员会办公室", "关于进一步规范信息报送工作的通知", "杨陵区安委会")
	f.Fuzz(func(t *testing.T, issuer, title, body string) {
		if !utf8.ValidString(issuer) || !utf8.ValidString(title) || !utf8.ValidString(body) {
			return
		}
		d := &corpus.Document{Issuer: issuer, Title: title, Text: body, Body: corpus.Span{End: len(body)}, Addressees: splitNames(body)}
		d.Fold = fold.String(body)
		locate(d, title)
		if d.Level.Rank() == 0 && d.Level != corpus.LevelUnknown {
			t.Fatalf("unknown level %q", d.Level)
		}
		if d.Place != nil && d.Place.Code == "" {
			t.Fatal("place without a code")
		}
	})
}

// splitLinesByByte is splitRawLines written as the plain byte loop it
// replaces: the oracle FuzzScanners holds it to.
func splitLinesByByte(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		sep := 0
		switch {
		case s[i] == '\n' || s[i] == '\f' || s[i] == '\v':
			sep = 1
		case s[i] == '\r':
			sep = 1
			if i+1 < len(s) && s[i+1] == '\n' {
				sep = 2
			}
		case strings.HasPrefix(s[i:], "\u0085"):
			sep = 2
		case strings.HasPrefix(s[i:], "\u2028"), strings.HasPrefix(s[i:], "\u2029"):
			sep = 3
		default:
			continue
		}
		out = append(out, s[start:i])
		start = i + sep
		i += sep - 1
	}
	return append(out, s[start:])
}

// patterns are the package's expressions, for FuzzScanners to hold each
// to its bare regexp.
func patterns() []*pattern {
	ps := []*pattern{
		reApproval, reAsks, reAttachment, reAttachmentLabel, reBackRef, reBareRef, reBareNext, reBasis, reBullet, reCC, reClutterAttr, reLocation,
		reDateLine, reDebris, reDecides, reDocKind, reDocNumber, reForwardTitle, reISODate, reImplement,
		reIssuer, reIssuerLead, reIssuerStrong, reLabel, reLostDate, reLowerGov, reMasthead, reNational,
		reNote, reNoteEnd, reOrgSuffix, rePageBullet, rePipeRule, rePosting, rePreambleOpen, rePurpose,
		reRefNumber, reOrderNumber, reOrderNote, reSelfBody, reSelfStrong, reSigDate, reSuffix, reTitlePrefix, reTitleTail,
		reUnitLabel, reWidget, reYear, reYearRange, reZone,
	}
	for _, a := range reAddressee {
		ps = append(ps, a.re)
	}
	return ps
}

// TestPattern checks the prefilters compile reads off expressions, and
// that the expressions run over whole texts or every line found theirs.
func TestPattern(t *testing.T) {
	for _, p := range []*pattern{reDocKind, reBareRef, reSelfStrong, reSelfBody, reLabel, rePosting, reAttachment, reCC, reLocation, reWidget, reUnitLabel, rePreambleOpen, reNote} {
		if p.prefixes == nil {
			t.Errorf("%s: no literal prefixes", p)
		}
	}
	for _, p := range []*pattern{reDateLine, reDocNumber, reSigDate, reRefNumber} {
		if p.need == nil {
			t.Errorf("%s: no needed runes", p)
		}
	}
	for _, c := range []struct {
		expr     string
		prefixes string
		complete bool
		start    bool
		maxLen   int
		need     string
	}{
		{`根据|依据|按照`, "根据 依据 按照", true, false, -1, ""},
		{`(?:根据|按照)《`, "根据《 按照《", true, false, -1, "《"},
		{`(全|我)(镇|县)`, "全县 全镇 我县 我镇", false, false, 6, ""},
		{`[甲乙]+丙`, "乙 甲", false, false, -1, "丙"},
		{`(?:根据|按照)\s*《`, "根据 按照", false, false, -1, "《"},
		{`方案[》）]?$`, "方案", false, false, -1, "方案"},
		{`ab?c`, "abc ac", true, false, -1, ""},
		{`ab??c`, "ac abc", true, false, -1, ""},
		{`镇(?:政府|[\p{Han}]{1,2}?局)`, "镇", false, false, 14, "镇"},
		{`^(?:附件|附表|附)\s*[:：]`, "附", false, true, -1, "附"},
		{`^各(?:村|社区)`, "各村 各社区", true, true, -1, "各"},
		{`(\d{4})年(\d{1,2})月`, "0 1 2 3 4 5 6 7 8 9", false, false, 12, "年月"},
		{`(?:文件|通知)$`, "文件 通知", false, false, -1, ""},
		{`a?b`, "ab b", true, false, -1, ""}, {`a*b`, "", false, false, -1, ""}, {`(?i)ab`, "", false, false, -1, ""},
		{`.b`, "", false, false, -1, ""}, {`[^，]{2}`, "", false, false, -1, ""}, {`a\bb`, "", false, false, -1, ""},
	} {
		p := compile(c.expr)
		if got := strings.Join(p.prefixes, " "); got != c.prefixes || p.complete != c.complete || p.start != c.start || p.maxLen != c.maxLen || strings.Join(p.need, "") != c.need {
			t.Errorf("%s: prefixes %q complete %v start %v maxLen %d need %q, want %q %v %v %d %q",
				c.expr, got, p.complete, p.start, p.maxLen, strings.Join(p.need, ""), c.prefixes, c.complete, c.start, c.maxLen, c.need)
		}
	}
}

// reDocKindEnd is the expression endsDocKind stands for.
var reDocKindEnd = regexp.MustCompile(`(?:` + reDocKind.String() + `)[》”）)]?$`)

// looksHTMLLowered is looksHTML on text lowered by strings.ToLower, the
// oracle FuzzScanners holds it to.
func looksHTMLLowered(s string) bool {
	head := strings.ToLower(strings.TrimSpace(s[:min(len(s), 2048)]))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		strings.HasPrefix(head, "<?xml") && strings.Contains(head, "<html") ||
		strings.Contains(head, "<body") || strings.HasPrefix(head, "<head")
}

// mentionsByRune is mentions written as the forward scan it replaces,
// the oracle FuzzScanners holds it to.
func mentionsByRune(g *gazetteer.Gazetteer, text string) map[string]int {
	out := map[string]int{}
	var starts [maxMention]int // ring of the byte offsets of the last rune starts
	n := 0
	for i, r := range text {
		starts[n%maxMention] = i
		n++
		if r != '市' && r != '镇' && r != '乡' && r != '道' {
			continue
		}
		end := i + utf8.RuneLen(r)
		if n < 3 || !g.EndsName(text[starts[(n-2)%maxMention]:end]) {
			continue
		}
		for k := min(n, maxMention); k >= 3; k-- {
			if name := text[starts[(n-k)%maxMention]:end]; len(g.Lookup(name)) > 0 {
				out[name]++
				break
			}
		}
	}
	return out
}

// FuzzScanners holds the byte-level scanners to the answers of the plain
// loops and library calls they stand for: splitRawLines to a byte loop,
// each set of runes to strings.IndexAny, strings.LastIndexAny and
// strings.ContainsRune, each pattern to its bare regexp, decision to
// reDecides, endsDocKind to the expression it stands for, mentions to a
// forward scan of the runes, controls to a byte loop, looksHTML to its
// test on text lowered by strings.ToLower, and needsCleaning to the runes
// cleanLine removes from valid UTF-8.
func FuzzScanners(f *testing.F) {
	for _, s := range fuzzTexts(f) {
		f.Add(s[:min(len(s), 2000)])
	}
	f.Add("a\r\nb\rc\u2028d\u0085e\u2029\f\vf\xe2\x80")
	f.Add("。\xe3\x80；\xff！？：")
	f.Add("根据市政府办公室2022全市安全生产方案（市政办〔2022〕3号）全县我镇县应急局")
	f.Add("经研究，街道安全生产委员会、消防安全委员会决定开展检查。县政府决定")
	f.Add("\x00a\x7f\x1f\t\n\r\f\v\x80\xff\x20\x7e\x01安全生产\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x1b")
	f.Add("  <!DOCTYPE HTML><HTML><Body>\u212a\u0130<BODY")
	f.Add("附件：1.方案\n抄送：县委办\n发布时间：2023-01-01 来源：本站\n二〇二四年三月五日\n临政办发〔2024〕9号\n首页 > 通知\n【打印本页】\n（此件公开发布）\n各乡镇、街道")
	sets := []struct {
		set   *wordSet
		chars string
	}{
		{gluedEnds, "。；！？：:;"}, {sentenceEnds, "。！？；"}, {fullStops, "。！？"},
		{clausePunct, "。，,；;！？：:"}, {partPunct, "。；，,：:！？"}, {namePunct, "，。；：！？,;:!?《》"},
		{listPunct, "，。；：、！？,;:"}, {cellPunct, "。；;，,"}, {commas, "，,"}, {commasColons, "，,：:"}, {decisionBreaks, "，,。；;：:\t\n\f\r "},
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, want := splitRawLines(s), splitLinesByByte(s)
		if strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) {
			t.Fatalf("splitRawLines(%q) = %q, want %q", s, got, want)
		}
		for _, x := range sets {
			if got, want := x.set.index(s), strings.IndexAny(s, x.chars); got != want {
				t.Fatalf("index(%q) in %q = %d, want %d", s, x.chars, got, want)
			}
			if got, want := x.set.lastIndex(s), strings.LastIndexAny(s, x.chars); got != want {
				t.Fatalf("lastIndex(%q) in %q = %d, want %d", s, x.chars, got, want)
			}
			for _, r := range s {
				if x.set.has(r) != strings.ContainsRune(x.chars, r) {
					t.Fatalf("has(%q) in %q = %v", r, x.chars, x.set.has(r))
				}
			}
		}
		for _, p := range patterns() {
			if got, want := p.FindAllStringSubmatchIndex(s, -1), p.re.FindAllStringSubmatchIndex(s, -1); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("%s: FindAllStringSubmatchIndex(%q) = %v, want %v", p, s, got, want)
			}
			if got, want := p.FindStringSubmatchIndex(s), p.re.FindStringSubmatchIndex(s); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("%s: FindStringSubmatchIndex(%q) = %v, want %v", p, s, got, want)
			}
			if p.MatchString(s) != p.re.MatchString(s) {
				t.Fatalf("%s: MatchString(%q) = %v", p, s, p.MatchString(s))
			}
		}
		ctl := 0
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' || c == 0x7f {
				ctl++
			}
		}
		if got := controls(s); got != ctl {
			t.Fatalf("controls(%q) = %d, want %d", s, got, ctl)
		}
		if want := looksHTMLLowered(s); looksHTML(s) != want {
			t.Fatalf("looksHTML(%q) = %v, want %v", s, !want, want)
		}
		if endsDocKind(s) != reDocKindEnd.MatchString(s) {
			t.Fatalf("endsDocKind(%q) = %v", s, endsDocKind(s))
		}
		if g, err := divisions(); err == nil && utf8.ValidString(s) {
			if got, want := mentions(g, s), mentionsByRune(g, s); !maps.Equal(got, want) {
				t.Fatalf("mentions(%q) = %v, want %v", s, got, want)
			}
		}
		// Decoded text is valid UTF-8; there a line needing no cleaning
		// holds no rune cleanLine drops.
		if utf8.ValidString(s) && !needsCleaning(s) {
			for _, r := range s {
				if isSpace(r) || r < 0x20 || r == utf8.RuneError {
					t.Fatalf("needsCleaning(%q) = false, but it holds %U", s, r)
				}
			}
		}
	})
}
