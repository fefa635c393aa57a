package gazetteer

import (
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

func TestLookup(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		code  string
		level corpus.Level
		chain []string
	}{
		{"阆中市", "511381", corpus.LevelCounty, []string{"阆中市", "南充市", "四川省"}},
		{"朔州市", "1406", corpus.LevelCity, []string{"朔州市", "山西省"}},
		{"水峪贯镇", "141122103", corpus.LevelTown, []string{"水峪贯镇", "交城县", "吕梁市", "山西省"}},
		{"朝阳区", "110105", corpus.LevelCounty, []string{"朝阳区", "北京市"}}, // skips 市辖区
		{"山西省", "14", corpus.LevelProvince, []string{"山西省"}},
	}
	for _, tt := range tests {
		var d *Division
		for _, c := range g.Lookup(tt.name) {
			if c.Code == tt.code {
				d = c
			}
		}
		if d == nil {
			t.Errorf("Lookup(%s): no division %s among %v", tt.name, tt.code, g.Lookup(tt.name))
			continue
		}
		if d.Level != tt.level {
			t.Errorf("%s: level %s, want %s", tt.name, d.Level, tt.level)
		}
		var names []string
		for _, c := range g.Chain(d) {
			names = append(names, c.Name)
		}
		if len(names) != len(tt.chain) {
			t.Errorf("%s: chain %v, want %v", tt.name, names, tt.chain)
			continue
		}
		for i := range names {
			if names[i] != tt.chain[i] {
				t.Errorf("%s: chain %v, want %v", tt.name, names, tt.chain)
				break
			}
		}
	}
	if n := len(g.Lookup("官桥镇")); n < 2 {
		t.Errorf("官桥镇: %d divisions, want several", n)
	}
	if g.Lookup("市辖区") != nil {
		t.Error("placeholder 市辖区 is indexed by name")
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
