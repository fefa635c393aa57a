package extract

import (
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

func TestModalityOf(t *testing.T) {
	tests := []struct {
		text string
		want corpus.Modality
	}{
		{"从业人员未经培训合格不得上岗", corpus.MustNot},
		{"严禁承接其他地区转移的淘汰落后项目", corpus.MustNot},
		{"企业必须做到安全责任、投入、培训、管理和应急救援“五到位”", corpus.Must},
		{"道安办要督促企业严格依法依规经营", corpus.Must},
		{"保险公司应积极开展生产安全事故预防服务", corpus.Should},
		{"鼓励群众举报安全事故隐患", corpus.Should},
		{"社区可结合实际设立志愿者队伍", corpus.May},
		{"开展安全生产月活动", corpus.Must},
	}
	for _, tt := range tests {
		if got := modalityOf(tt.text); got != tt.want {
			t.Errorf("modalityOf(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
}
