package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/segment"
)

func newTestExtractor(tb testing.TB) *Extractor {
	tb.Helper()
	seg, err := segment.New()
	if err != nil {
		tb.Fatal(err)
	}
	return New(seg)
}

// find returns the obligation whose text contains s.
func find(obs []corpus.Obligation, s string) *corpus.Obligation {
	for i := range obs {
		if strings.Contains(obs[i].Text, s) {
			return &obs[i]
		}
	}
	return nil
}

func unitsOf(o *corpus.Obligation) string {
	return "L[" + strings.Join(o.Lead, "|") + "] S[" + strings.Join(o.Support, "|") + "] R[" + strings.Join(o.Responsible, "|") + "]"
}

const cityPlan = `市安全生产委员会2024年工作要点

以习近平新时代中国特色社会主义思想为指导，坚持人民至上、生命至上。

一、统筹发展和安全，健全安全生产责任体系
1.推动各级党委政府落实安全生产属地责任。制定市安委会负责同志年度“工作责任清单”，把履责情况纳入述职考核(责任单位:市安委办)。推动各级政府主要负责人每季度至少组织研究 1次安全生产突出问题，定期研判重大安全风险。完善开发区安全生产监管体制机制(牵头责任单位:市安委办,协同责任单位:市委编办、市应急局、市消防救援支队)。
2.加强安全生产统筹协调推动工作。4月底前结合年度市安委会工作要点，制定工作清单。(市安委会、市委宣传部牵头，各成员单位分工负责)各级要及时更新党政领导干部安全生产“职责清单”。(责任单位：市委组织部)
二、强化责任落实
（一）分工负责。应急站牵头负责非煤矿山、危险化学品等行业领域，城建站牵头负责建筑施工、燃气等，中心校负责校园安全。
（二）动员部署（2023年5月下旬前）。镇政府制定印发行动方案，召开专题会议动员部署。
三、保障措施
（一）加强组织领导（牵头单位：区应急管理局）。成立区安全生产专项整治领导小组，统筹推进各项工作。
（二）强化督导检查。区安委办组织开展明查暗访，对问题隐患实行清单管理。各类问题隐患一律建档立卡。
牵头单位：区安委办
配合单位：区纪委监委、区委督查室
（三）联合执法。由区应急局牵头，区公安分局配合，开展危险化学品运输联合执法（完成时限：2024年9月底前）。
`

func TestExtract(t *testing.T) {
	e := newTestExtractor(t)
	doc := buildDoc("d-test", 2024, cityPlan)
	obs := e.Extract(doc)
	if len(obs) == 0 {
		t.Fatal("no obligations")
	}
	tests := []unitCase{
		{"制定市安委会负责同志年度", "L[] S[] R[市安委办]"},
		{"把履责情况纳入述职考核", "L[] S[] R[市安委办]"},
		{"推动各级政府主要负责人每季度", "L[市安委办] S[市委编办|市应急局|市消防救援支队] R[]"},
		{"4月底前结合年度", "L[市安委会|市委宣传部] S[各成员单位] R[]"},
		{"各级要及时更新", "L[] S[] R[市委组织部]"},
		{"应急站牵头负责非煤矿山", "L[应急站] S[] R[]"},
		{"城建站牵头负责建筑施工", "L[城建站] S[] R[]"},
		{"中心校负责校园安全", "L[] S[] R[中心校]"},
		{"成立区安全生产专项整治领导小组", "L[区应急管理局] S[] R[]"},
		{"区安委办组织开展明查暗访", "L[区安委办] S[区纪委监委|区委督查室] R[]"},
		{"各类问题隐患一律建档立卡", "L[区安委办] S[区纪委监委|区委督查室] R[]"},
		{"由区应急局牵头，区公安分局配合", "L[区应急局] S[区公安分局] R[]"},
	}
	checkUnits(t, obs, tests)
	if o := find(obs, "应急站牵头负责"); o != nil && strings.Contains(o.Text, "城建站") {
		t.Errorf("clauses with different subjects not split: %q", o.Text)
	}
	if o := find(obs, "推动各级政府主要负责人每季度"); o != nil {
		if len(o.Frequencies) != 1 || o.Frequencies[0].Period != corpus.PeriodQuarter || o.Frequencies[0].Qualifier != corpus.AtLeast {
			t.Errorf("frequencies of %q = %+v", o.Text, o.Frequencies)
		}
		if strings.Join(o.Path, "/") != "一/1" || o.Heading != "推动各级党委政府落实安全生产属地责任" {
			t.Errorf("path %v heading %q", o.Path, o.Heading)
		}
	}
	if o := find(obs, "4月底前结合"); o == nil || len(o.Deadlines) != 1 || o.Deadlines[0].Date != "2024-04-30" {
		t.Errorf("4月底前: %+v", o)
	} else if !strings.HasSuffix(o.Text, "分工负责)") {
		t.Errorf("bracket after 。 not in text: %q", o.Text)
	}
	if o := find(obs, "镇政府制定印发行动方案"); o == nil || len(o.Deadlines) != 1 || o.Deadlines[0].Date != "2023-05-31" {
		t.Errorf("phase heading deadline: %+v", o)
	}
	if o := find(obs, "开展危险化学品运输联合执法"); o == nil || len(o.Deadlines) != 1 || o.Deadlines[0].Date != "2024-09-30" || strings.Join(o.Sectors, "|") != "危险化学品" {
		t.Errorf("deadline in a 完成时限 bracket: %+v", o)
	}
	if find(obs, "人民至上") != nil {
		t.Error("preamble slogan taken as an obligation")
	}
	for _, o := range obs {
		if doc.Text[o.Span.Start:o.Span.End] != o.Text {
			t.Errorf("span of %q reads %q", o.Text, doc.Text[o.Span.Start:o.Span.End])
		}
	}
	for i, o := range obs {
		if want := fmt.Sprintf("d-test/o-%d", i+1); o.ID != want {
			t.Errorf("ID %s, want %s", o.ID, want)
		}
	}
}

func TestExtractWithoutOutline(t *testing.T) {
	e := newTestExtractor(t)
	text := "各镇（街道）要于6月底前完成自建房排查，每月至少通报一次进展。严禁以罚代管。"
	doc := &corpus.Document{ID: "d-flat", Text: text, PlanYear: 2025}
	obs := e.Extract(doc)
	if len(obs) != 2 {
		t.Fatalf("got %d obligations, want 2: %+v", len(obs), obs)
	}
	o := obs[0]
	if unitsOf(&o) != "L[] S[] R[各镇（街道）]" || len(o.Deadlines) != 1 || o.Deadlines[0].Date != "2025-06-30" || len(o.Frequencies) != 1 {
		t.Errorf("first obligation: %s %+v %+v", unitsOf(&o), o.Deadlines, o.Frequencies)
	}
	if obs[1].Modality != corpus.MustNot {
		t.Errorf("严禁以罚代管: modality %s", obs[1].Modality)
	}
}

// TestClauseSubjects checks what the later clauses of a sentence add to its
// subject: bodies that share out the duty (每个镇), places where something
// is set up (行政村设立…), recipients (报X) and a verb after the name (镇政府
// 统一部署).
func TestClauseSubjects(t *testing.T) {
	e := newTestExtractor(t)
	text := "一、任务\n" +
		"各镇要储备必要的防汛物资，每个镇储备编织袋不少于5000条。\n" +
		"每个村要确定一名网格员。\n" +
		"乡镇人民政府要设立交通安全管理站，行政村设立交通安全劝导站。\n" +
		"镇政府要建立巡查制度，各村设立巡查队。\n" +
		"县防汛办负责汇总防汛责任人名单，报市防汛抗旱指挥部备案。\n" +
		"由镇政府统一部署，各村组织实施。\n" +
		"跨区县举办的，由市公安局实施安全许可。\n" +
		"各村（居）、各部门要召开专题会议，传达学习区委全会精神。\n" +
		"县水利局要建立旱情监测体系，旱情发生后每周一向县防指报送一次旱情信息。\n" +
		"镇应急管理办公室应当建立隐患排查治理台账，每月底前汇总各站所、各村排查情况。\n" +
		"由市安全监管局依法责令停产整顿，并提请市人民政府予以关闭。\n"
	obs := e.Extract(buildDoc("d-clauses", 2024, text))
	tests := []unitCase{
		{"每个镇储备编织袋", "L[] S[] R[各镇]"},
		{"每个村要确定一名网格员", "L[] S[] R[每个村]"},
		{"行政村设立交通安全劝导站", "L[] S[] R[乡镇人民政府]"},
		{"各村设立巡查队", "L[] S[] R[镇政府|各村]"},
		{"报市防汛抗旱指挥部备案", "L[] S[] R[县防汛办]"},
		{"各村组织实施", "L[] S[] R[镇政府|各村]"},
		{"跨区县举办的，由市公安局", "L[] S[] R[市公安局]"},
		{"传达学习区委全会精神", "L[] S[] R[各村（居）|各部门]"},
		{"旱情发生后每周一向县防指", "L[] S[] R[县水利局]"},
		{"每月底前汇总各站所", "L[] S[] R[镇应急管理办公室]"},
		{"并提请市人民政府予以关闭", "L[] S[] R[市安全监管局]"},
	}
	checkUnits(t, obs, tests)
}

// TestWrittenWhereRead gives a name as the obligation it was read in writes
// it, not as a sentence before writes the same name in traditional
// characters.
func TestWrittenWhereRead(t *testing.T) {
	e := newTestExtractor(t)
	text := "鄉鎮人民政府要設立管理站。乡镇人民政府要加强巡查。"
	fold := "乡镇人民政府要设立管理站。乡镇人民政府要加强巡查。"
	obs := e.Extract(&corpus.Document{ID: "d-w", Text: text, Fold: fold, PlanYear: 2024})
	if len(obs) != 2 {
		t.Fatalf("got %d obligations", len(obs))
	}
	for i, want := range []string{"L[] S[] R[鄉鎮人民政府]", "L[] S[] R[乡镇人民政府]"} {
		if got := unitsOf(&obs[i]); got != want {
			t.Errorf("%q: units %s, want %s", obs[i].Text, got, want)
		}
	}
}

// TestPerformatives checks that the issuer's own act of issuing binds no
// one by its verb in a notice without numbered items, while a bare
// imperative beside it still does.
func TestPerformatives(t *testing.T) {
	e := newTestExtractor(t)
	for _, c := range []struct {
		text  string
		binds bool
	}{
		{"现将《某县2024年安全生产工作要点》印发给你们，请认真贯彻执行。", false},
		{"现就做好汛期安全生产工作通知如下。", false},
		{"现将2024年度重点企业名单公布如下。", false},
		{"特此通知。", false},
		{"现将有关事项通知如下，各乡镇必须于3月底前完成排查。", true},
		{"加强重点企业安全检查。", true},
	} {
		obs := e.Extract(&corpus.Document{ID: "d-p", Text: c.text, Fold: c.text, PlanYear: 2024})
		if got := len(obs) > 0; got != c.binds {
			t.Errorf("%q binds %v, want %v", c.text, got, c.binds)
		}
	}
}

// unitCase is an anchor of an obligation and its units as unitsOf writes them.
type unitCase struct{ anchor, want string }

// checkUnits checks the units of the obligation holding each case's anchor.
func checkUnits(t *testing.T, obs []corpus.Obligation, cases []unitCase) {
	t.Helper()
	for _, c := range cases {
		o := find(obs, c.anchor)
		if o == nil {
			t.Errorf("no obligation holds %q", c.anchor)
			continue
		}
		if got := unitsOf(o); got != c.want {
			t.Errorf("%q: units %s, want %s (text %q)", c.anchor, got, c.want, o.Text)
		}
	}
}
