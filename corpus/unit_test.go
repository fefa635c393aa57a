package corpus

import (
	"strings"
	"testing"
)

func TestNormalizeUnit(t *testing.T) {
	same := [][]string{
		{"市安委办", "市安委会办公室", "市安全生产委员会办公室", "市安委会 办公室"},
		{"市住建局", "市住房城乡建设局", "市住房和城乡建设局"},
		{"市财政局(国资委)", "市财政局（国资委）", "市财政局〈国资委〉"},
		{"市人社局", "市人力资源社会保障局", "市人力资源和社会保障局"},
		{"市交通运输局等", "市交通运输局"},
	}
	for _, g := range same {
		want := NormalizeUnit(g[0])
		for _, n := range g[1:] {
			if got := NormalizeUnit(n); got != want {
				t.Errorf("NormalizeUnit(%q) = %q, want %q (as %q)", n, got, want, g[0])
			}
		}
	}
	if NormalizeUnit("市应急局") == NormalizeUnit("县应急局") {
		t.Error("市应急局 and 县应急局 normalise alike")
	}
}

func TestNormalizeUnits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"市科技局|工信局|公安局", "市科技局|市工业和信息化局|市公安局"},
		{"嘉定区应急局|公安分局", "嘉定区应急管理局|嘉定区公安分局"},
		{"县应急局|各乡镇|有关部门", "县应急管理局|各乡镇|有关部门"},
		{"市委组织部|宣传部", "市委组织部|宣传部"},
		{"镇政府|派出所", "镇政府|派出所"},
		{"应急局|公安局", "应急管理局|公安局"},
		{"市应急局|县公安局|消防救援大队", "市应急管理局|县公安局|县消防救援大队"},
	}
	for _, tt := range tests {
		if got := strings.Join(NormalizeUnits(strings.Split(tt.in, "|")), "|"); got != tt.want {
			t.Errorf("NormalizeUnits(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
