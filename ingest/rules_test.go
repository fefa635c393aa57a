package ingest

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/internal/fold"
)

func TestParseMarker(t *testing.T) {
	tests := []struct {
		in     string
		ok     bool
		kind   corpus.Marker
		number string
		value  int
	}{
		{"一、压实安全责任", true, corpus.MarkerChinese, "一", 1},
		{"十二、强化考核", true, corpus.MarkerChinese, "十二", 12},
		{"（二十三）加强标准化建设。", true, corpus.MarkerParenChinese, "（二十三）", 23},
		{"(一)严格落实党政领导责任。", true, corpus.MarkerParenChinese, "(一)", 1},
		{"(十八) 完善监测预警体系。", true, corpus.MarkerParenChinese, "(十八)", 18},
		{"1.深入学习贯彻", true, corpus.MarkerArabic, "1", 1},
		{"12. 加强消防安全风险防控。", true, corpus.MarkerArabic, "12", 12},
		{"3，推进安全生产责任目标考核体系改革。", true, corpus.MarkerArabic, "3", 3},
		{"4、细化责任落实。", true, corpus.MarkerArabic, "4", 4},
		{"（1）企业主要负责人要学习", true, corpus.MarkerParenArabic, "（1）", 1},
		{"(12)举一反三", true, corpus.MarkerParenArabic, "(12)", 12},
		{"①加强隐患排查", true, corpus.MarkerCircled, "①", 1},
		{"2024年，全镇安全生产工作", false, 0, "", 0},
		{"1.5米以上", false, 0, "", 0},
		{"3、4月份开展", false, 0, "", 0},
		{"一是加强领导", false, 0, "", 0},
		{"十分重要", false, 0, "", 0},
		{"（此件公开发布）", false, 0, "", 0},
		// Decimal headings of emergency plans: a number (maybe dotted), a
		// space, a short title on a line of its own.
		{"1 总则", true, corpus.MarkerArabic, "1", 1},
		{"1.1 编制目的", true, corpus.MarkerArabic, "1.1", 1},
		{"2.2 县防指成员单位职责", true, corpus.MarkerArabic, "2.2", 2},
		{"3.4　抗旱预防", true, corpus.MarkerArabic, "3.4", 4},
		{"2.2.1 乡镇（街道）防指", true, corpus.MarkerArabic, "2.2.1", 1},
		{"4.1.2.3 Ⅳ级响应", false, 0, "", 0}, // the title must open with a Chinese character
		{"3.2.1.预警发布", true, corpus.MarkerArabic, "3.2.1", 1},
		{"1.1编制目的", true, corpus.MarkerArabic, "1.1", 1},
		{"3预防和预警机制", false, 0, "", 0}, // a bare number needs its space
		{"2024 年安全生产工作要点", false, 0, "", 0},
		{"8 时前报送", false, 0, "", 0},
		{"3 个月内完成整改", false, 0, "", 0},
		{"12 家企业", false, 0, "", 0},
		{"1.5 万元", false, 0, "", 0},
		{"2 县应急管理局负责县防指日常工作。", false, 0, "", 0},
		{"5 应急保障要到位，各地要落实", false, 0, "", 0},
		{"0 总则", false, 0, "", 0},
		{"100 总则", false, 0, "", 0},
		{"1.1.1.1.1 细则", false, 0, "", 0},
		{"1 总则……………………1", false, 0, "", 0}, // a table of contents
		{"2.1 组织机构 5", false, 0, "", 0},
	}
	for _, tt := range tests {
		m, ok := parseMarker(tt.in)
		if ok != tt.ok || ok && (m.kind != tt.kind || m.number != tt.number || m.value != tt.value) {
			t.Errorf("parseMarker(%q) = %+v, %v; want %v %q %d %v", tt.in, m, ok, tt.kind, tt.number, tt.value, tt.ok)
		}
	}
}

// TestMetaFields reads the metadata lines of government pages in their
// layouts: label: value pairs, 【label】, "label | value", a label over its
// value, labels with layout spaces, several pairs on a line.
func TestMetaFields(t *testing.T) {
	tests := []struct {
		lines []string
		want  []field // of the first line
		n     int     // lines taken
	}{
		{[]string{"发文机关：琼海市人民政府办公室"}, []field{{fieldIssuer, "琼海市人民政府办公室"}}, 1},
		{[]string{"发文机关 | 琼海市人民政府办公室"}, []field{{fieldIssuer, "琼海市人民政府办公室"}}, 1},
		{[]string{"成文日期｜2022-04-28"}, []field{{fieldDate, "2022-04-28"}}, 1},
		{[]string{"文号 | 琼府办〔2022〕31号"}, []field{{fieldNumber, "琼府办〔2022〕31号"}}, 1},
		{[]string{"发文单位：临高县应急管理局 成文时间：2023年3月1日"}, []field{{fieldIssuer, "临高县应急管理局"}, {fieldDate, "2023年3月1日"}}, 1},
		{[]string{"发文时间：2023年5月6日"}, []field{{fieldDate, "2023年5月6日"}}, 1},
		{[]string{"文件字号：宁应急发〔2024〕12号"}, []field{{fieldNumber, "宁应急发〔2024〕12号"}}, 1},
		{[]string{"【发文字号】浏政办发〔2023〕21号"}, []field{{fieldNumber, "浏政办发〔2023〕21号"}}, 1},
		// A label over its value: a layout table's cells, a <dt> and its <dd>.
		{[]string{"发文机关：", "宁乡市应急管理局"}, []field{{fieldIssuer, "宁乡市应急管理局"}}, 2},
		{[]string{"文号", "东安办〔2024〕8号"}, []field{{fieldNumber, "东安办〔2024〕8号"}}, 2},
		{[]string{"成文日期", "2024-02-26"}, []field{{fieldDate, "2024-02-26"}}, 2},
		// The next line is no value of the label's kind: the label stands alone.
		{[]string{"发文机关：", "关于做好汛期安全生产工作的通知"}, []field{{fieldIssuer, ""}}, 1},
		{[]string{"成文日期：", "各镇人民政府："}, []field{{fieldDate, ""}}, 1},
		{[]string{"主题：", "关于做好汛期安全生产工作的通知"}, []field{{fieldOther, ""}}, 1},
		// Consultation pages and law databases.
		{[]string{"征集状态：已结束"}, []field{{fieldOther, "已结束"}}, 1},
		{[]string{"结果反馈日期：2024-05-20"}, []field{{fieldPosted, "2024-05-20"}}, 1},
		{[]string{"法宝引证码：CLI.12.345678"}, []field{{fieldOther, "CLI.12.345678"}}, 1},
		// No metadata: document text, a task table's bar, an unknown label.
		{[]string{"责任单位：县应急管理局"}, nil, 0},
		{[]string{"牵头单位 | 县应急管理局"}, nil, 0},
		{[]string{"各镇要每月开展一次检查。"}, nil, 0},
	}
	for _, tt := range tests {
		var ls []line
		for _, s := range tt.lines {
			l := cleanLine(line{text: s})
			l.fold = fold.String(l.text)
			ls = append(ls, l)
		}
		got, n := metaFields(ls, 0, false)
		if n != tt.n || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("metaFields(%q) = %v, %d; want %v, %d", tt.lines, got, n, tt.want, tt.n)
		}
	}
}

// TestMetaRowFields reads the rows of metadata tables, two label/value
// pairs a row: a site's own label this reader does not know (时效：) pairs
// with its value when the row has a known one; a task table's row and a
// row of unknown labels only are no metadata.
func TestMetaRowFields(t *testing.T) {
	tests := []struct {
		cells []string
		want  []field
	}{
		{[]string{"文号：", "宜安委〔2021〕4号", "时效：", "有效"}, []field{{fieldNumber, "宜安委〔2021〕4号"}, {fieldOther, "有效"}}},
		{[]string{"时效：", "有效", "文号：", "宜安委〔2021〕4号"}, []field{{fieldOther, "有效"}, {fieldNumber, "宜安委〔2021〕4号"}}},
		{[]string{"发布机构：", "市应急管理局", "发布日期：", "2021-03-12"}, []field{{fieldPublisher, "市应急管理局"}, {fieldPosted, "2021-03-12"}}},
		{[]string{"联系人：", "张明", "联系电话：", "0795-3281234"}, nil},
		{[]string{"1", "开展隐患排查", "牵头单位：", "市应急管理局"}, nil},
	}
	for _, tt := range tests {
		var cols []colText
		for _, c := range tt.cells {
			cols = append(cols, colText{text: c})
		}
		l := rowLine(cols, 1, false)
		l.fold = fold.String(l.text)
		if got := pageFields(l, false); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("pageFields(%q) = %v, want %v", l.text, got, tt.want)
		}
	}
}

func TestParseDateLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024年3月5日印发", "2024-03-05"},
		{"2023年3月8日", "2023-03-08"},
		{"二〇二四年三月五日", "2024-03-05"},
		{"二○二三年十二月三十一日", "2023-12-31"},
		{"（2024年1月10日）", "2024-01-10"},
		{"2024年13月5日", ""},
		{"2024年3月5日前完成排查", ""},
		{"时间:2023-11-20 11:38:38", ""},
	}
	for _, tt := range tests {
		if got := parseDateLine(tt.in); got != tt.want {
			t.Errorf("parseDateLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"各村，各站所", []string{"各村", "各站所"}},
		{"各县（市、区）人民政府，朔州经济开发区管委会，市直各有关单位", []string{"各县（市、区）人民政府", "朔州经济开发区管委会", "市直各有关单位"}},
		{"县政府办、县安委会办公室。", []string{"县政府办", "县安委会办公室"}},
	}
	for _, tt := range tests {
		if got := splitNames(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReferencesIn(t *testing.T) {
	tests := []struct {
		in   string
		want []corpus.Reference
	}{
		{"根据《交城县人民政府关于做好2024年安全生产工作的通知》（交政发〔2024〕1号）精神，结合我镇实际，特制订如下方案。",
			[]corpus.Reference{{Title: "交城县人民政府关于做好2024年安全生产工作的通知", Number: "交政发〔2024〕1号"}}},
		{"现将《积翠镇实施方案》印发给你们。进一步落实《全县重大事故隐患专项排查整治2023行动工作方案》有关要求。",
			[]corpus.Reference{{Title: "全县重大事故隐患专项排查整治2023行动工作方案"}}},
		{"按照《生产安全事故应急演练基本规范》（AQ/T 9007—2019）和《建筑设计防火规范》（GB 50016-2014）要求，制定本方案。",
			[]corpus.Reference{{Title: "生产安全事故应急演练基本规范", Number: "AQ/T9007—2019"}, {Title: "建筑设计防火规范", Number: "GB50016-2014"}}},
		{"为贯彻落实《安全生产法》和《山西省安全生产条例》（省人大〔2022〕3号），制定本方案。",
			[]corpus.Reference{{Title: "安全生产法"}, {Title: "山西省安全生产条例", Number: "省人大〔2022〕3号"}}},
		// A list of titles shares what follows it, also after a comma.
		{"2022年，为深入贯彻落实《中华人民共和国安全生产法》和《海南省安全生产条例》（琼府〔2020〕5号）部署要求，制定本方案。",
			[]corpus.Reference{{Title: "中华人民共和国安全生产法"}, {Title: "海南省安全生产条例", Number: "琼府〔2020〕5号"}}},
		{"近年来，我县认真落实《浙江省安全生产条例》、《金华市消防条例》及《东阳市消防安全责任制规定》要求，制定本办法。",
			[]corpus.Reference{{Title: "浙江省安全生产条例"}, {Title: "金华市消防条例"}, {Title: "东阳市消防安全责任制规定"}}},
		{"现将《临高县燃气安全整治方案》和《临高县燃气应急预案》印发给你们，请认真贯彻执行。", nil},
		{"现将《海南省应急管理厅关于加强汛期安全的通知》与《海南省防汛抗旱应急预案》转发给你们。",
			[]corpus.Reference{{Title: "海南省应急管理厅关于加强汛期安全的通知"}, {Title: "海南省防汛抗旱应急预案"}}},
		{"根据县政府工作部署现将《临高县燃气安全整治方案》印发给你们。", nil},
		// 贯彻/落实 governing the title wherever its clause stands.
		{"2013年全县安全生产工作的指导思想是：认真贯彻落实《国务院关于进一步加强企业安全生产工作的通知》（国发〔2010〕23号）和省、市安全生产工作会议精神，坚持“安全第一、预防为主、综合治理”方针。",
			[]corpus.Reference{{Title: "国务院关于进一步加强企业安全生产工作的通知", Number: "国发〔2010〕23号"}}},
		// A document forwarded after its approval; one issued after it is no reference.
		{"县应急管理局《关于做好2021年汛期安全生产工作的实施意见》已经县人民政府同意，现转发给你们，请结合实际认真贯彻落实。",
			[]corpus.Reference{{Title: "关于做好2021年汛期安全生产工作的实施意见"}}},
		{"《梅河口市2022年安全生产大检查工作方案》已经市政府同意，现印发给你们，请认真贯彻落实。", nil},
		{"现将《泸溪县防汛应急预案》印发给你们，请认真贯彻落实《泸溪县防汛应急预案》。", nil},
		// The second title of a list shares the first's basis, also where a
		// title glued before the sentence hides its purpose.
		{"县交通运输局关于加强农村道路客运安全管理的实施意见为认真落实《中华人民共和国道路运输条例》和《国务院办公厅关于加强安全生产监管执法的通知》（国办发〔2015〕20号），提出如下意见。",
			[]corpus.Reference{{Title: "中华人民共和国道路运输条例"}, {Title: "国务院办公厅关于加强安全生产监管执法的通知", Number: "国办发〔2015〕20号"}}},
		// Orders' numbers: 令第N号, 第N号令, with how the order was amended.
		{"根据《危险化学品安全管理条例》（国务院令第591号）和《生产安全事故应急预案管理办法》（应急管理部令第2号）要求，制定本预案。",
			[]corpus.Reference{{Title: "危险化学品安全管理条例", Number: "国务院令第591号"}, {Title: "生产安全事故应急预案管理办法", Number: "应急管理部令第2号"}}},
		{"依据《生产经营单位安全培训规定》（国家安全监管总局令第3号公布，第80号修正）和《安全生产培训管理办法》（国家安全监管总局第44号令），制定本计划。",
			[]corpus.Reference{{Title: "生产经营单位安全培训规定", Number: "国家安全监管总局令第3号"}, {Title: "安全生产培训管理办法", Number: "国家安全监管总局第44号令"}}},
		{"根据《中华人民共和国安全生产法》（中华人民共和国主席令第八十八号）要求，制定本办法。",
			[]corpus.Reference{{Title: "中华人民共和国安全生产法", Number: "中华人民共和国主席令第八十八号"}}},
		{"加强宣传《安全生产法》。", nil},
		{"各村要组织学习《安全生产法》和《消防法》。", nil},
	}
	for _, tt := range tests {
		if got := refsIn(tt.in, fold.String(tt.in)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("referencesIn(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestSplitOrdinal(t *testing.T) {
	tests := []struct {
		in   string
		stem string
		val  int
	}{
		{"市安全生产委员会2024年工作要点三", "市安全生产委员会2024年工作要点", 3},
		{"县应急局工作方案12", "县应急局工作方案", 12},
		{"镇2024年工作计划（二）", "镇2024年工作计划", 2},
		{"安全生产工作要点之一", "安全生产工作要点", 1},
		{"市安全生产委员会2024年工作要点7篇", "", 0},
		{"关于做好2024年安全生产工作的通知", "", 0},
	}
	for _, tt := range tests {
		stem, val := splitOrdinal(tt.in)
		if stem != tt.stem || val != tt.val {
			t.Errorf("splitOrdinal(%q) = %q, %d; want %q, %d", tt.in, stem, val, tt.stem, tt.val)
		}
	}
}

func TestCleanLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  关于做好 2024 年安全生产工作的通知 ", "关于做好2024年安全生产工作的通知"},
		{"\u2002\u2002组织开展 1 次安全生产专题培训", "组织开展1次安全生产专题培训"},
		{"水峪贯镇人民政府 关于做好", "水峪贯镇人民政府关于做好"},
		{"1. 强化风险意识。", "1. 强化风险意识。"},
		{"推进应急PDT  窄带 system  upgrade", "推进应急PDT 窄带 system upgrade"},
		// The space after a decimal heading's number stays; a counted
		// number's goes.
		{"2.2　　县防指成员单位职责", "2.2 县防指成员单位职责"},
		{" 1  总则", "1 总则"},
		{"2024 年安全生产工作要点", "2024年安全生产工作要点"},
		{"3 个月内完成整改。", "3个月内完成整改。"},
	}
	for _, tt := range tests {
		if got := cleanLine(line{text: tt.in}).text; got != tt.want {
			t.Errorf("cleanLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	l := cleanLine(line{text: "**(一) 工作 思路。**全面", bold: []rng{{0, len("**(一) 工作 思路。**")}}})
	if got := l.text[l.bold[0].s:l.bold[0].e]; got != "**(一) 工作思路。**" {
		t.Errorf("bold range after cleaning = %q", got)
	}
}

func TestDecodeText(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		want    string
		charset string
	}{
		{"utf-8 bom", []byte("\xef\xbb\xbf安全生产"), "安全生产", "utf-8"},
		{"gbk", []byte{0xb0, 0xb2, 0xc8, 0xab, 0xc9, 0xfa, 0xb2, 0xfa}, "安全生产", "gb18030"},
		{"utf-16le bom", []byte{0xff, 0xfe, 0x89, 0x5b, 0x68, 0x51}, "安全", "utf-16le"},
		{"utf-16be bom", []byte{0xfe, 0xff, 0x5b, 0x89, 0x51, 0x68}, "安全", "utf-16be"},
		{"utf-16le no bom", []byte{0x89, 0x5b, 0x68, 0x51, 0x0a, 0x00, 0x89, 0x5b, 0x68, 0x51, 0x0a, 0x00}, "安全\n安全\n", "utf-16le"},
		// Chinese text with no ASCII at all has no zero bytes: the share of
		// CJK code units decides (安全生产工作 in LE and BE).
		{"utf-16le no bom, no ascii", []byte{0x89, 0x5b, 0x68, 0x51, 0x1f, 0x75, 0xa7, 0x4e, 0xe5, 0x5d, 0x5c, 0x4f}, "安全生产工作", "utf-16le"},
		{"utf-16be no bom, no ascii", []byte{0x5b, 0x89, 0x51, 0x68, 0x75, 0x1f, 0x4e, 0xa7, 0x5d, 0xe5, 0x4f, 0x5c}, "安全生产工作", "utf-16be"},
		// GBK read as UTF-16 lands in Hangul and private use: still GBK.
		{"gbk, even length", []byte{0xb0, 0xb2, 0xc8, 0xab, 0xc9, 0xfa, 0xb2, 0xfa, 0xb9, 0xa4, 0xd7, 0xf7}, "安全生产工作", "gb18030"},
	}
	for _, tt := range tests {
		got, cs, err := decodeText(tt.in)
		if err != nil || got != tt.want || cs != tt.charset {
			t.Errorf("%s: decodeText = %q, %s, %v; want %q, %s", tt.name, got, cs, err, tt.want, tt.charset)
		}
	}
}

// TestCleanTitle removes a site's category label and a posting date or
// counter from titles, and keeps a label that names a body.
func TestCleanTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"通知公告：临澧县应急管理局关于开展安全生产月活动的通知", "临澧县应急管理局关于开展安全生产月活动的通知"},
		{"转发文--成都市城乡建设委员会关于做好建筑施工安全工作的通知", "成都市城乡建设委员会关于做好建筑施工安全工作的通知"},
		{"第二篇：2024年安全生产工作要点", "2024年安全生产工作要点"},
		{"临澧县应急管理局关于开展安全生产月活动的通知2024-05-28", "临澧县应急管理局关于开展安全生产月活动的通知"},
		{"关于做好防汛工作的通知 1523", "关于做好防汛工作的通知"},
		{"县应急管理局：关于做好防汛工作的通知", "县应急管理局：关于做好防汛工作的通知"},
		{"2024年安全生产工作要点", "2024年安全生产工作要点"},
	}
	for _, tt := range tests {
		if got := cleanTitle(tt.in); got != tt.want {
			t.Errorf("cleanTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSplitSpaced cuts a document dumped on one line at the spaces that
// stand for its lost line breaks, also before a unit or attachment label
// that follows a phrase without a sentence end.
func TestSplitSpaced(t *testing.T) {
	item := "各乡镇要每月开展一次隐患排查并建立整改台账做到闭环管理"
	raw := "武陟县2024年安全生产专项整治方案 一、加强隐患排查 " + item + " 责任单位：县应急管理局 " +
		"二、强化执法检查 " + item + " 牵头单位：县市场监督管理局 三、严格考核问责 " + item + item +
		" 附件：安全生产检查表 " + strings.Repeat(item, 3)
	got := splitSpaced(raw)
	want := []string{"武陟县2024年安全生产专项整治方案", "一、加强隐患排查", item, "责任单位：县应急管理局",
		"二、强化执法检查", item, "牵头单位：县市场监督管理局", "三、严格考核问责", item + item, "附件：安全生产检查表 " + strings.Repeat(item, 3)}
	var trimmed []string
	for _, s := range got {
		trimmed = append(trimmed, strings.TrimSpace(s))
	}
	if !reflect.DeepEqual(trimmed, want) {
		t.Errorf("splitSpaced:\n%q\nwant\n%q", trimmed, want)
	}
}

// TestBreadcrumb tells a site's trail of sections from document text:
// with a location label, from the home page, as three short steps apart
// by angle separators; a title closing the trail stays.
func TestBreadcrumb(t *testing.T) {
	tests := []struct {
		in    string
		ok    bool
		title string
	}{
		{"您当前的位置：首页 >> 政务公开 >> 街道信息 >> 流芳街道", true, ""},
		{"当前位置：首页 > 信息公开 > 通知公告", true, ""},
		{"您现在的位置：", true, ""},
		{"位置：首页 / 政务公开 / 部门文件", true, ""},
		{"首页 » 信息公开 » 乡镇动态", true, ""},
		{"首页/政务公开/规划计划", true, ""},
		{"首页 → 政务公开 → 通知公告", true, ""},
		{"政务公开 > 政策文件 > 部门文件", true, ""},
		{">>", true, ""},
		{"您當前的位置：首頁 > 政務公開 > 關於做好汛期安全生產工作的通知", true, "關於做好汛期安全生產工作的通知"},
		{" » ", true, ""},
		{"当前位置：首页 > 通知公告 > 关于开展2024年安全生产月活动的通知", true, "关于开展2024年安全生产月活动的通知"},
		{"首页 > 政务公开 > 吉首市应急管理局2023年安全生产工作要点", true, "吉首市应急管理局2023年安全生产工作要点"},
		// Document text.
		{"位置：县城东南5公里，紧邻国道。", false, ""},
		{"企业自查→街道复查→区级抽查", false, ""},
		{"发布时间：2023/04/18", false, ""},
		{"温度>35℃时停止露天作业。", false, ""},
		{"一、各镇要对辖区内工贸企业开展全面排查，做到底数清、情况明。", false, ""},
	}
	for _, tt := range tests {
		if title, ok := breadcrumb(tt.in); ok != tt.ok || title != tt.title {
			t.Errorf("breadcrumb(%q) = %q, %v; want %q, %v", tt.in, title, ok, tt.title, tt.ok)
		}
	}
}

// TestTextTables checks which runs of tab rows are read as tables: those
// under a row of column labels, each row with two cells of text or more;
// tabs that indent or align prose and signatures are left as text.
func TestTextTables(t *testing.T) {
	tests := []struct {
		name, text string
		rows       []string // the row lines read, "" when none
	}{
		{"task table with a blank and an aligned cell",
			"序号\t工作任务\t责任单位\t完成时限\n1\t开展排查\t县应急局\t6月底前\n2\t组织培训\t\t\t年底前\n二、工作要求",
			[]string{"序号 | 工作任务 | 责任单位 | 完成时限", "1 | 开展排查 | 县应急局 | 6月底前", "2 | 组织培训 |  | 年底前"}},
		{"indented prose", "\t为加强安全生产工作，制定本方案。\n\t一、工作目标", nil},
		{"a signature aligned by tabs", "县应急管理局\t\t2024年3月1日", nil},
		{"labels without rows", "牵头单位\t配合单位\n各乡镇要加强巡查。", nil},
		{"a row of prose is no header", "各乡镇\t要加强巡查\n县应急局\t负责督导", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tables := 0
			var rows []string
			for _, l := range textTables(splitRawLines(tt.text), &tables) {
				if l.row {
					rows = append(rows, l.text)
				}
			}
			if !reflect.DeepEqual(rows, tt.rows) {
				t.Errorf("rows %q, want %q", rows, tt.rows)
			}
		})
	}
}

// TestPostingInfo finds the article-info line a site prints under a
// title, alone or glued to it, and leaves document text and page
// metadata fields alone.
func TestPostingInfo(t *testing.T) {
	tests := []struct {
		in   string
		want string // the info run, "" for none
	}{
		{"转载来源：柯桥区人民政府网发布时间：2024-03-12 09:41浏览次数：1286【字体：大中小】", "转载来源：柯桥区人民政府网发布时间：2024-03-12 09:41浏览次数：1286【字体：大中小】"},
		{"转载 | 来源：烟台市人民政府网站 | 发布时间：2025-04-08 10:26 | 浏览次数：3572", "转载 | 来源：烟台市人民政府网站 | 发布时间：2025-04-08 10:26 | 浏览次数：3572"},
		{"某县2024年安全生产工作方案转载来源：某县人民政府网发布时间：2024-03-12", "转载来源：某县人民政府网发布时间：2024-03-12"},
		{"阅读量：35【字体：大中小】", "阅读量：35【字体：大中小】"},
		{"信息来源：县应急管理局 发布时间：2024-03-12", "信息来源：县应急管理局 发布时间：2024-03-12"},
		{"来源：县应急管理局", ""},             // one label: a metadata field, read as one
		{"发文字号：宁应急发〔2024〕12号", ""},    // 字号 of a number is no font switch
		{"5.推进全民阅读，提升图书阅读量", ""},      // a word, not a counter
		{"资金来源：县财政安排。发布时间：另行通知。", ""}, // sentences
	}
	for _, tt := range tests {
		f := fold.String(tt.in)
		got := ""
		if k := postingInfo(f); k >= 0 {
			got = tt.in[k:]
		}
		if got != tt.want {
			t.Errorf("postingInfo(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTitleGoesOn joins the lines of a title broken in two and keeps a
// site's header off the title below it.
func TestTitleGoesOn(t *testing.T) {
	l := func(s string) line { return line{text: s, fold: fold.String(s)} }
	h := func(s string) line { return line{text: s, fold: fold.String(s), heading: true} }
	cut := func(s string) line { return line{text: s, fold: fold.String(s), cut: true} }
	tests := []struct {
		a, b line
		want bool
	}{
		{l("淄博市应急管理局"), l("关于做好2024年汛期安全生产工作的通知"), true},
		{l("某县人民政府办公室关于印发"), l("某县安全生产工作方案的通知"), true},
		{h("某县人民政府办公室关于印发"), h("某县安全生产工作方案的通知"), true},
		{l("淄博市应急管理局"), l("淄博市危险化学品道路运输安全集中整治实施方案"), false},  // the site's name
		{l("淄博市应急管理局"), h("关于做好2024年汛期安全生产工作的通知"), false},    // the heading is the title
		{l("淄博市应急管理局"), cut("关于做好2024年汛期安全生产工作的通知"), false},  // a breadcrumb stood between
		{l("淄博市人民政府门户网站"), l("关于做好2024年汛期安全生产工作的通知"), false}, // a website's name
		{l("关于加快推进农村电网"), l("改造升级工作的通知"), true},
	}
	for _, tt := range tests {
		if got := titleGoesOn(tt.a, tt.b); got != tt.want {
			t.Errorf("titleGoesOn(%q, %q) = %v, want %v", tt.a.text, tt.b.text, got, tt.want)
		}
	}
}

// TestOrgNames splits a signature line at its wide spaces into joint
// issuers, and keeps one name whole.
func TestOrgNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"福建省发展和改革委员会　　　　国家能源局福建监管办公室", []string{"福建省发展和改革委员会", "国家能源局福建监管办公室"}},
		{"某县应急管理局    某县公安局", []string{"某县应急管理局", "某县公安局"}},
		{"某县人民政府　办公室", []string{"某县人民政府办公室"}}, // 办公室 alone is no name of a body
		{"某县应急管理局", []string{"某县应急管理局"}},
		{"某 县 应 急 管 理 局", []string{"某县应急管理局"}}, // letter-spaced: single spaces
	}
	for _, tt := range tests {
		l := cleanLine(line{text: tt.in})
		l.fold = fold.String(l.text)
		if got := orgNames(l); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("orgNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestBracketImprint reads the imprint in brackets under the title of a
// 办法 or 规定 in its three orders, and leaves other notes alone.
func TestBracketImprint(t *testing.T) {
	tests := []struct {
		in   string
		want imprintParts
		ok   bool
	}{
		{"（锡署办发〔2019〕62号　2019年9月16日锡林郭勒盟行政公署办公厅印发）", imprintParts{"锡署办发〔2019〕62号", "2019-09-16", "锡林郭勒盟行政公署办公厅"}, true},
		{"（2019年9月16日某盟行政公署办公厅印发）", imprintParts{"", "2019-09-16", "某盟行政公署办公厅"}, true},
		{"(某县人民政府办公室 2021年5月8日印发)", imprintParts{"", "2021-05-08", "某县人民政府办公室"}, true},
		{"（2023年9月6日县政府常务会议通过）", imprintParts{}, false},       // adopted, not issued
		{"（此件公开发布）", imprintParts{}, false},                   // no date, no name
		{"（2019年9月16日印发）", imprintParts{}, false},             // no issuer
		{"（某县应急局、某县公安局2021年5月8日联合印发）", imprintParts{}, false}, // not one name
	}
	for _, tt := range tests {
		l := cleanLine(line{text: tt.in})
		l.fold = fold.String(l.text)
		got, ok := bracketImprint(l)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("bracketImprint(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestSpaceDecimalParents restores the space of a section heading whose
// first subsection follows, and leaves other numbered lines alone.
func TestSpaceDecimalParents(t *testing.T) {
	tests := []struct {
		in   []string
		want string // the first line after
	}{
		{[]string{"3预防和预警机制", "3.1 防汛准备"}, "3 预防和预警机制"},
		{[]string{"12应急保障", "12.1队伍保障"}, "12 应急保障"},
		{[]string{"3预防和预警机制", "3.2 抗旱预防"}, "3预防和预警机制"},      // not its first subsection
		{[]string{"3预防和预警机制", "4.1 响应分级"}, "3预防和预警机制"},      // another section's
		{[]string{"2024年工作要点", "2024.1 总体要求"}, "2024年工作要点"}, // a year
		{[]string{"8时前报送", "8.1 报送方式"}, "8时前报送"},            // a time
	}
	for _, tt := range tests {
		var ls []line
		for _, s := range tt.in {
			ls = append(ls, line{text: s})
		}
		spaceDecimalParents(ls)
		if ls[0].text != tt.want {
			t.Errorf("spaceDecimalParents(%q) = %q, want %q", tt.in, ls[0].text, tt.want)
		}
	}
}
