package org

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
)

// FuzzResolve reads arbitrary names in the test documents. It fails only
// on a panic or a broken invariant: the same body twice, a key among the
// body's keys, a name that is valid UTF-8 when the input is.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{"市应急局", "各县（市、区）应急管理局", "中共朔州市委组织部", "xx海事局", "团市委",
		"市财政局〈国资办〉", "各乡镇(街道)", "山西省朔州市朔城区应急局", "市政府办", "各", "市", "（", "xx", "各级",
		"团委", "等", "中共", "县(市、", "朔州市", "乡镇(街道)(", "市 应急局等有关部门"} {
		f.Add(s)
	}
	r := testResolver(f)
	docs := []*corpus.Document{nil, cityDoc, districtDoc, townDoc, langzhongDoc, anonCity, anonTown}
	f.Fuzz(func(t *testing.T, name string) {
		for _, d := range docs {
			b := r.Resolve(name, d)
			if again := r.Resolve(name, d); b.String() != again.String() || b.Key() != again.Key() {
				t.Fatalf("%q read twice: %s and %s", name, b.Key(), again.Key())
			}
			if !slices.Contains(b.Keys(), b.Key()) {
				t.Fatalf("%q: key %s not among %v", name, b.Key(), b.Keys())
			}
			if utf8.ValidString(name) && !utf8.ValidString(b.String()) {
				t.Fatalf("%q: name %q is not UTF-8", name, b.String())
			}
			if strings.TrimSpace(name) != "" && b.Name == "" {
				t.Fatalf("%q: no name", name)
			}
		}
		p := r.Pattern(name)
		_ = p.Terms(corpus.LevelCounty)
	})
}
