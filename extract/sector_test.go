package extract

import (
	"slices"
	"strings"
	"testing"
)

func TestSectorsOf(t *testing.T) {
	tests := []struct{ text, want string }{
		{"应急站牵头负责非煤矿山、危险化学品、工贸、交通运输等行业领域", "非煤矿山|危险化学品|交通运输|工贸"},
		{"持续深化瓦斯、水、顶板等重大灾害防治，推进煤矿智能化建设", "煤矿"},
		{"城建站牵头负责建筑施工、自建房、燃气等", "建筑施工|自建房|燃气"},
		{"加强在校学生安全教育", ""},
		{"强化对电梯、气瓶等特种设备的安全监管", "特种设备"},
	}
	for _, tt := range tests {
		if got := strings.Join(sectorsOf(tt.text), "|"); got != tt.want {
			t.Errorf("sectorsOf(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	for _, s := range []string{"煤矿", "非煤矿山", "危险化学品", "交通运输", "建筑施工", "消防", "燃气"} {
		if !slices.Contains(Sectors(), s) {
			t.Errorf("Sectors() lacks %s", s)
		}
	}
}
