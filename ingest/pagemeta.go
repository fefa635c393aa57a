package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dutymap/dutymap/internal/fold"
)

// fieldKind is what a label of a page metadata block stands for.
type fieldKind int

const (
	fieldOther     fieldKind = iota // 索引号, 主题分类, 有效性 …: read and set aside
	fieldTitle                      // 标题, 名称
	fieldNumber                     // 发文字号, 文号
	fieldIssuer                     // 发文机关
	fieldPublisher                  // 发布机构, 来源: the site's department, a hint for the place only
	fieldDate                       // 成文日期, 发文日期: the document's date
	fieldPosted                     // 发布日期, 发布时间: when the page went up, no document date
)

// pageLabels are the labels of the metadata blocks government sites and
// law databases put around a document, folded, with what each stands
// for. strong labels are never document text; the others (时间, 名称,
// 来源 …) count only in the lines before the body.
var pageLabels = map[string]struct {
	kind   fieldKind
	strong bool
}{
	"标题": {fieldTitle, false}, "名称": {fieldTitle, false}, "文件名称": {fieldTitle, true}, "文件标题": {fieldTitle, true}, "题名": {fieldTitle, false},
	"发文字号": {fieldNumber, true}, "文号": {fieldNumber, false}, "发文号": {fieldNumber, true}, "文件编号": {fieldNumber, true},
	"发文机关": {fieldIssuer, true}, "发文单位": {fieldIssuer, true}, "制发机关": {fieldIssuer, true}, "成文机关": {fieldIssuer, true},
	"制发单位": {fieldIssuer, true}, "发文部门": {fieldIssuer, true}, "文件字号": {fieldNumber, true}, "信息名称": {fieldTitle, true},
	"发文时间": {fieldDate, true}, "公开时间": {fieldPosted, true}, "废止日期": {fieldPosted, true}, "关键词": {fieldOther, true},
	"关键字": {fieldOther, true}, "所属主题": {fieldOther, true}, "信息类别": {fieldOther, true}, "是否有效": {fieldOther, true},
	"发布机构": {fieldPublisher, true}, "发布单位": {fieldPublisher, true}, "来源": {fieldPublisher, false}, "信息来源": {fieldPublisher, true},
	"文章来源": {fieldPublisher, true}, "所属机构": {fieldPublisher, true}, "发布机关": {fieldPublisher, true},
	"成文日期": {fieldDate, true}, "发文日期": {fieldDate, true}, "印发日期": {fieldDate, true}, "成文时间": {fieldDate, true}, "签发日期": {fieldDate, true},
	"发布日期": {fieldPosted, true}, "发布时间": {fieldPosted, true}, "公开日期": {fieldPosted, true}, "生成日期": {fieldPosted, true},
	"更新时间": {fieldPosted, true}, "日期": {fieldPosted, false}, "时间": {fieldPosted, false}, "实施日期": {fieldPosted, true},
	"生效日期": {fieldPosted, true}, "失效日期": {fieldPosted, true}, "结果反馈日期": {fieldPosted, true}, "截止": {fieldPosted, false},
	"索引号": {fieldOther, true}, "信息索引号": {fieldOther, true}, "主题分类": {fieldOther, true}, "组配分类": {fieldOther, true},
	"信息分类": {fieldOther, true}, "内容分类": {fieldOther, true}, "体裁分类": {fieldOther, true}, "分类": {fieldOther, false},
	"主题词": {fieldOther, true}, "体裁": {fieldOther, true}, "文种": {fieldOther, true}, "有效性": {fieldOther, true},
	"效力状态": {fieldOther, true}, "时效性": {fieldOther, true}, "时效": {fieldOther, false}, "公开类型": {fieldOther, true}, "公开属性": {fieldOther, true},
	"公开期限": {fieldOther, true}, "公开方式": {fieldOther, true}, "公开范围": {fieldOther, true}, "公开形式": {fieldOther, true},
	"服务对象": {fieldOther, true}, "浏览次数": {fieldOther, true}, "点击数": {fieldOther, true}, "阅读次数": {fieldOther, true},
	"访问量": {fieldOther, true}, "作者": {fieldOther, false}, "责任编辑": {fieldOther, true}, "编辑": {fieldOther, false},
	"法宝引证码": {fieldOther, true}, "主题": {fieldOther, false}, "时限": {fieldOther, false}, "征集状态": {fieldOther, true},
}

// maxLabelRunes is the longest label of pageLabels, in runes.
const maxLabelRunes = 6

// field is one label: value pair of a metadata block, the value as written.
type field struct {
	kind  fieldKind
	value string
}

// rePageBullet opens the lines of metadata lists: "- ", "• ", "· ".
var rePageBullet = compile(`^(?:[-•·●◆■▪]\s*)+`)

// labelAt returns the label that ends at byte end of fold (the longest
// known one), "" if none.
func labelAt(fold string, end int) string {
	best := ""
	i := end
	for n := 1; n <= maxLabelRunes && i > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(fold[:i])
		i -= size
		if _, ok := pageLabels[fold[i:end]]; ok {
			best = fold[i:end]
		}
	}
	return best
}

// pageFields reads a line of a page metadata block: "label: value" pairs
// (several on one line, labels glued to the value before them), "【label】
// value", or a table row of label and value cells. It returns nil for a
// line that is no such block; strongOnly admits only labels that are
// never document text.
func pageFields(l line, strongOnly bool) []field {
	if l.row {
		return rowFields(l, strongOnly)
	}
	t, f := l.text, l.fold
	if len(t) > 600 || !colons.in(f) && !bars.in(f) && !strings.Contains(f, "【") {
		return nil // no label: most lines
	}
	if m := rePageBullet.FindStringIndex(f); m != nil {
		t, f = t[m[1]:], f[m[1]:]
	}
	// "label | value": one pair of a metadata table dumped as text, a pair
	// a line (a line of more bars is a table row).
	if k := bars.index(f); k >= 0 {
		_, size := utf8.DecodeRuneInString(f[k:])
		if !bars.in(f[k+size:]) {
			lab, ok := pageLabels[removeSpaces(strings.TrimRight(strings.TrimSpace(f[:k]), ":："))]
			if ok && (!strongOnly || lab.strong) {
				return []field{{lab.kind, strings.TrimSpace(t[k+size:])}}
			}
		}
	}
	if strings.HasPrefix(f, "【") {
		end := strings.Index(f, "】")
		if end < 0 {
			return nil
		}
		lab, ok := pageLabels[removeSpaces(f[len("【"):end])]
		if !ok || strongOnly && !lab.strong {
			return nil
		}
		return []field{{lab.kind, strings.TrimSpace(t[end+len("】"):])}}
	}
	// The line must open with a label and its colon.
	type at struct{ label, colon, after int }
	var cuts []at
	for i := 0; i < len(f); {
		k := colons.index(f[i:])
		if k < 0 {
			break
		}
		c := i + k
		_, size := utf8.DecodeRuneInString(f[c:])
		i = c + size
		end := c
		for end > 0 && f[end-1] == ' ' {
			end--
		}
		lab := labelAt(f, end)
		if lab == "" {
			continue
		}
		start := end - len(lab)
		if len(cuts) == 0 && strings.TrimSpace(f[:start]) != "" {
			return nil
		}
		cuts = append(cuts, at{start, c, c + size})
	}
	if len(cuts) == 0 {
		return nil
	}
	var out []field
	for k, c := range cuts {
		end := len(t)
		if k+1 < len(cuts) {
			end = cuts[k+1].label
		}
		lab := pageLabels[f[c.label:c.colon]]
		if strongOnly && !lab.strong {
			return nil
		}
		out = append(out, field{lab.kind, strings.TrimSpace(t[c.after:end])})
	}
	return out
}

// metaFields reads the metadata fields of line i of ls and returns them
// with the number of lines they take: 1, or 2 for a label that stands on a
// line of its own, with or without its colon (a layout table's cell, a
// <dt>), its value on the next line; 0 when line i holds no field. A label
// takes the next line only when that line reads as its kind of value: a
// date, a number with digits, a body's name, a title. strongOnly admits
// only labels that are never document text.
func metaFields(ls []line, i int, strongOnly bool) ([]field, int) {
	l := ls[i]
	fs := pageFields(l, strongOnly)
	if fs == nil {
		kind, ok := bareLabel(l, strongOnly)
		if !ok {
			return nil, 0
		}
		fs = []field{{kind, ""}}
	}
	if len(fs) != 1 || fs[0].value != "" || l.row || i+1 >= len(ls) {
		return fs, 1
	}
	if v := ls[i+1]; valueOf(fs[0].kind, v) {
		fs[0].value = v.text
		return fs, 2
	}
	return fs, 1
}

// bareLabel returns the kind of the label a line consists of ("发文机关",
// "文　号："); strongOnly admits only labels that are never document text.
func bareLabel(l line, strongOnly bool) (fieldKind, bool) {
	if l.row || len(l.fold) > 4*maxLabelRunes+3 {
		return fieldOther, false
	}
	lab, ok := pageLabels[removeSpaces(strings.TrimRight(l.fold, ":： "))]
	return lab.kind, ok && (lab.strong || !strongOnly)
}

// valueOf reports whether l reads as the value of a field of kind k: a
// short line without sentences and no field itself, holding a date for
// dates, a digit for numbers, a body's name for issuers and publishers, a
// title for titles.
func valueOf(k fieldKind, l line) bool {
	f := l.fold
	if l.row || atLeastRunes(f, 81) || hasSentence(f) || pageFields(l, false) != nil {
		return false
	}
	if _, ok := bareLabel(l, false); ok {
		return false
	}
	switch k {
	case fieldDate, fieldPosted:
		return metaDate(f) != ""
	case fieldNumber:
		return strings.ContainsAny(f, "0123456789")
	case fieldIssuer, fieldPublisher:
		return isOrgName(l) || strings.Contains(f, "、") && !looksTitle(l)
	case fieldTitle:
		return looksTitle(l)
	}
	return !looksTitle(l)
}

// rowFields reads a table row of a metadata block: label cells (with or
// without a colon) each followed by their value, or cells "label：value".
// Every own cell must belong to a pair. A site's own label this reader
// does not know (时效：, 信息来源类别：) pairs with its value too, when it
// is a short name closed by a colon and the row has a known label: a
// label cell is written so, a cell of document text never is.
func rowFields(l line, strongOnly bool) []field {
	var cs []string
	var fs []string
	for i, c := range l.cells {
		if c.from > 0 || i > 0 && c == l.cells[i-1] {
			continue // merged cells count once
		}
		cs = append(cs, strings.TrimSpace(l.text[c.s:c.e]))
		fs = append(fs, removeSpaces(strings.TrimSpace(l.fold[c.s:c.e])))
	}
	var out []field
	known := false
	for i := 0; i < len(cs); i++ {
		if fs[i] == "" {
			continue
		}
		key := strings.TrimRight(fs[i], ":：")
		lab, ok := pageLabels[key]
		if ok && (!strongOnly || lab.strong) || !ok && isOwnLabel(fs[i]) && i+1 < len(cs) {
			v := ""
			if i+1 < len(cs) {
				if _, isLabel := pageLabels[strings.TrimRight(fs[i+1], ":：")]; !isLabel && !isOwnLabel(fs[i+1]) {
					v = cs[i+1]
					i++
				}
			}
			known = known || ok
			out = append(out, field{lab.kind, v}) // an unknown label: fieldOther
			continue
		}
		sub := pageFields(line{text: cs[i], fold: fold.String(cs[i])}, strongOnly)
		if sub == nil {
			return nil
		}
		known = true
		out = append(out, sub...)
	}
	if !known {
		return nil
	}
	return out
}

// isOwnLabel reports a cell that reads as a label of a site's metadata
// table: two to eight Han characters closed by a colon (folded, no spaces).
func isOwnLabel(f string) bool {
	k := strings.TrimRight(f, ":：")
	if k == f || k == "" {
		return false
	}
	n := 0
	for _, r := range k {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 8
}

// reISODate reads the dates of metadata fields: 2006-04-27, 2006/4/27,
// 2006.04.27, 2006年4月27日, with a time after them or not.
var reISODate = compile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?`)

// metaDate returns the ISO date a metadata value gives, "" if none.
func metaDate(v string) string {
	m := reISODate.FindStringSubmatch(v)
	if m == nil {
		return parseDateLine(v)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
}

// infoLabels are the labels of the article-info line a site prints under
// a document's title (转载　来源：…　发布时间：…　浏览次数：…　【字体：大 中
// 小】), folded; siteOnly marks the ones no document text holds (a hit
// counter, the font switch).
var infoLabels = []struct {
	label    string
	siteOnly bool
}{
	{"来源：", false}, {"来源:", false}, {"发布时间：", false}, {"发布时间:", false},
	{"发布日期：", false}, {"发布日期:", false}, {"浏览次数", true}, {"浏览量", true},
	{"阅读量", true}, {"阅读次数", true}, {"点击数", true}, {"点击量", true},
	{"点击率", true}, {"访问量", true}, {"访问次数", true}, {"【字体", true},
	{"【字号", true},
}

// infoTags open an article-info line before its first label: how the
// page got the text, and the separators between the parts.
var infoTags = []string{"转载", "原创", "|", "｜", " "}

// maxInfoRunes is the longest article-info line, in runes.
const maxInfoRunes = 120

// postingInfo returns where the article-info line of a page starts in the
// folded line f, -1 when f holds none: a run to the end of the line with
// two of its labels, or one that only sites print (浏览次数, 阅读量,
// 【字体), no sentence in it, maybe opened by a tag (转载 |). Such a run is
// page clutter, never part of a title, and its posting time is no
// document date.
func postingInfo(f string) int {
	if !strings.Contains(f, "来源") && !strings.Contains(f, "发布") && !strings.Contains(f, "浏览") &&
		!strings.Contains(f, "阅读") && !strings.Contains(f, "点击") && !strings.Contains(f, "访问") && !strings.Contains(f, "字") {
		return -1 // most lines
	}
	start, labels, site := -1, 0, false
	for _, il := range infoLabels {
		k := strings.Index(f, il.label)
		if k < 0 {
			continue
		}
		labels++
		site = site || il.siteOnly
		// A longer label ending there (信息来源：, 文章来源：) is the
		// label.
		if lab := labelAt(f, k+len(strings.TrimRight(il.label, ":："))); lab != "" {
			k += len(strings.TrimRight(il.label, ":：")) - len(lab)
		}
		if start < 0 || k < start {
			start = k
		}
	}
	if start < 0 || labels < 2 && !site || atLeastRunes(f[start:], maxInfoRunes+1) || hasSentence(f[start:]) ||
		!colons.in(f[start:]) && !strings.Contains(f[start:], "【") {
		return -1 // 提升阅读量: a word, not a counter's label
	}
	for moved := true; moved; {
		moved = false
		for _, tag := range infoTags {
			if strings.HasSuffix(f[:start], tag) {
				start -= len(tag)
				moved = true
			}
		}
	}
	return start
}

// infoStart returns where the first label of an article-info line starts,
// past the tags that open it.
func infoStart(f string) int {
	k := 0
	for moved := true; moved; {
		moved = false
		for _, tag := range infoTags {
			if strings.HasPrefix(f[k:], tag) {
				k += len(tag)
				moved = true
			}
		}
	}
	return k
}
