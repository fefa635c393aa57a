package extract

import (
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

// TestModal lists real phrasings: modal words by gse word and position,
// never by character (应 in 应急, 可 in 可燃物 or 许可 give nothing).
func TestModal(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		text string
		want corpus.Modality
		cue  string // "" when the modality is the default
	}{
		{"从业人员未经培训合格不得上岗", corpus.MustNot, "不得"},
		{"严禁承接其他地区转移的淘汰落后项目", corpus.MustNot, "严禁"},
		{"禁止在人员密集场所违规存放易燃易爆物品", corpus.MustNot, "禁止"},
		{"坚决杜绝重特大事故发生", corpus.MustNot, "杜绝"},
		{"绝不能有丝毫的麻痹思想和侥幸心理", corpus.MustNot, "绝不能"},
		{"未经批准不准擅自动火作业", corpus.MustNot, "不准"},
		{"企业必须做到安全责任、投入、培训、管理和应急救援“五到位”", corpus.Must, "必须"},
		{"各村居必须把防汛工作作为一项重要工作来抓", corpus.Must, "必须"},
		{"务必严格执行防汛责任制，严肃防汛纪律", corpus.Must, "务必"},
		{"各类问题隐患一律建档立卡", corpus.Must, "一律"},
		{"道安办要督促企业严格依法依规经营", corpus.Must, "要"},
		{"各乡镇、各有关部门要紧紧围绕学习贯彻这一主线", corpus.Must, "要"},
		{"镇安全生产工作领导小组要在放假前牵头组织大检查", corpus.Must, "要"},
		{"凡涉及动火作业的，须经审批同意", corpus.Must, "须"},
		{"需要报请上级部门审批的事项，及时报送", corpus.Must, "需要"},
		{"保险公司应积极开展生产安全事故预防服务", corpus.Should, "应"},
		{"各督查组在督查结束后应于4月8日前写出本组的督查工作总结", corpus.Should, "应"},
		{"城市街道办事处、社区居民委员会应当成立安全生产领导机构", corpus.Should, "应当"},
		{"鼓励群众举报安全事故隐患", corpus.Should, "鼓励"},
		{"原则上每季度召开一次", corpus.Should, "原则上"},
		{"力争三年内全面完成改造", corpus.Should, "力争"},
		{"社区可结合实际设立志愿者队伍", corpus.May, "可"},
		{"各地可以根据实际情况增加检查频次", corpus.May, "可以"},
		{"如有需要，可根据情况增加开会次数", corpus.May, "可"},
		// 应 and 可 inside words, and words that only name a modal.
		{"应急管理局负责统筹协调全区安全生产工作", corpus.Must, ""},
		{"县应急局牵头组织开展联合检查", corpus.Must, ""},
		{"加强应急预案管理，规范应急预案编制", corpus.Must, ""},
		{"切实提升防灾减灾救灾和突发事件应对处置能力", corpus.Must, ""},
		{"推进应用新技术新装备", corpus.Must, ""},
		{"各村相应召开专题会议做好动员部署", corpus.Must, ""},
		{"全面清理仓库内的可燃物", corpus.Must, ""},
		{"依法查处无证经营、超许可范围经营行为", corpus.Must, ""},
		{"对可能引发事故的隐患及时整改", corpus.Must, ""},
		{"严格落实燃气经营许可证管理制度", corpus.Must, ""},
		{"确保应急救援力量随时可用", corpus.Must, ""},
		{"有关站所认真落实“三个必须”责任", corpus.Must, ""},
		{"按照“三管三必须”要求压实责任", corpus.Must, ""},
		{"开展安全生产月活动", corpus.Must, ""},
		{"按要求报送工作总结", corpus.Must, ""},
		{"明确主要任务和重要节点", corpus.Must, ""},
		{"满足工作需要的，予以保障", corpus.Must, ""},
		{"对本级不能解决的，及时提交上级研判解决", corpus.Must, ""},
		{"对抽查检查应发现未发现、应处罚未处罚的，依纪依法追责问责", corpus.Must, ""},
		{"推进应县观测站建设", corpus.Must, ""},
		// The strongest cue wins; a prohibition outranks a plain 要.
		{"各单位要加强值守，严禁脱岗离岗", corpus.MustNot, "严禁"},
		{"各地要严格执法，必须做到全覆盖", corpus.Must, "必须"},
	}
	for _, tt := range tests {
		cue, got := e.modal(tt.text)
		word := ""
		if cue != nil {
			word = tt.text[cue.Span.Start:cue.Span.End]
			if word != cue.Word {
				t.Errorf("modal(%q): cue %q, span reads %q", tt.text, cue.Word, word)
			}
		}
		if got != tt.want || word != tt.cue {
			t.Errorf("modal(%q) = %s %q, want %s %q", tt.text, got, word, tt.want, tt.cue)
		}
	}
}

// TestModalRank orders the scale: 要 → 必须 is stricter.
func TestModalRank(t *testing.T) {
	e := newTestExtractor(t)
	rank := func(s string) int {
		c, _ := e.modal(s)
		if c == nil {
			return 0
		}
		return c.Rank
	}
	order := []string{"各村可设立志愿者队伍", "各村应设立志愿者队伍", "各村要设立志愿者队伍", "各村必须设立志愿者队伍"}
	for i := 1; i < len(order); i++ {
		if rank(order[i-1]) >= rank(order[i]) {
			t.Errorf("rank(%q) = %d, not below rank(%q) = %d", order[i-1], rank(order[i-1]), order[i], rank(order[i]))
		}
	}
}

// TestNotDuty lists sentences that bind no one whatever their words — a
// text's entry into force, the lead-in of a list, the label of a run-in
// enumeration — beside sentences of the same shape that do.
func TestNotDuty(t *testing.T) {
	for text, want := range map[string]bool{
		"本办法自印发之日起施行。":        true,
		"本细则自2016年7月1日起施行。":   true,
		"专项整治任务分解如下：":         true,
		"具体任务分解如下表：":          true,
		"一是加强组织领导。":           true,
		"三是客流管控。":             true,
		"一是各村要加强巡查，每周开展一次检查。": false,
		"县应急局要于3月底前制定方案。":     false,
		"加强组织领导。":             false,
	} {
		if got := notDuty(text); got != want {
			t.Errorf("notDuty(%q) = %v, want %v", text, got, want)
		}
	}
	e := newTestExtractor(t)
	text := "一、工作措施\n（一）强化措施。一是加强组织领导。各村要成立工作专班。二是落实报送制度。各村要于每月5日前报送情况。\n（二）本方案自印发之日起施行。\n"
	for _, o := range e.Extract(buildDoc("d-notduty", 2024, text)) {
		if notDuty(o.Text) {
			t.Errorf("obligation %q binds no one", o.Text)
		}
	}
}
