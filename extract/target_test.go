package extract

import (
	"fmt"
	"strings"
	"testing"
)

func TestFindTargets(t *testing.T) {
	tests := []struct{ text, want string }{
		{"建立一支30人的应急救援队伍", "30人"},
		{"全市生产煤矿一级标准化矿井达到22座", "22座"},
		{"实现森林火灾受害控制率低于0.5‰、草原火灾受害控制率低于3‰目标", "0.5‰ 3‰"},
		{"继续推进36个智能化掘进工作面建设", "36个"},
		{"对已经排查出来的问题隐患整改率100%", "100%"},
		{"每月至少召开一次会议", ""},
		{"严格落实领导干部带班和24小时值班制度", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, g := range findTargets(tt.text) {
			got = append(got, fmt.Sprintf("%g%s", g.Value, g.Unit))
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("findTargets(%q) = %q, want %q", tt.text, g, tt.want)
		}
	}
}
