package corpus

import "testing"

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
