package compare

import (
	"strings"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
)

// levelFree returns the name of a body without the level or place that
// opens it, in its normal form (corpus.NormalizeUnit), so that the same
// body at two levels compares equal: 市应急局, 县应急管理局 and
// 交城县应急局 all become 应急管理局. names are the places to strip
// (the document's Region names), longest first.
func levelFree(unit string, names []string) string {
	u := corpus.NormalizeUnit(unit)
	for _, n := range names {
		if strings.HasPrefix(u, n) && len(u) > len(n) {
			u = u[len(n):]
			break
		}
	}
	r, size := utf8.DecodeRuneInString(u)
	// 市场监督管理局 keeps its 市: 市场 is a word, not the level.
	if strings.ContainsRune("省市州盟县区旗乡镇", r) && utf8.RuneCountInString(u) > 2 &&
		!(r == '市' && strings.HasPrefix(u[size:], "场")) {
		u = u[size:]
	}
	return u
}

// placeNames returns the names of d's place and of the places above it,
// longest first, for levelFree.
func placeNames(d *corpus.Document) []string {
	if d == nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	add := func(p *corpus.Place) {
		if p != nil && p.Name != "" && !seen[p.Name] {
			seen[p.Name] = true
			out = append(out, p.Name)
		}
	}
	add(d.Place)
	for i := range d.Region {
		add(&d.Region[i])
	}
	// Longest first, so that 交城县 is stripped before a shorter name inside it.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// attributed returns the units an obligation names as carrying it: its
// lead and supporting units, and its responsible ones when they come from
// an attribution (a subject such as 各县（市、区） only addresses the duty).
func attributed(o *corpus.Obligation) []string {
	out := append(append([]string(nil), o.Lead...), o.Support...)
	if o.Attribution != nil {
		out = append(out, o.Responsible...)
	}
	return out
}

// unitDiff compares the units carrying an upper duty with those carrying
// the lower duty, level-free: the lower units not at the upper level
// (added) and the upper units not at the lower level (removed), as written.
// It reports nothing when either side names none, since a plan that names
// no unit says nothing about who carries the duty.
func unitDiff(up, lo []string, upNames, loNames []string) (added, removed []string) {
	if len(up) == 0 || len(lo) == 0 {
		return nil, nil
	}
	key := func(us []string, names []string) map[string]bool {
		m := map[string]bool{}
		for _, u := range us {
			m[levelFree(u, names)] = true
		}
		return m
	}
	ku, kl := key(up, upNames), key(lo, loNames)
	seen := map[string]bool{}
	for _, u := range lo {
		if k := levelFree(u, loNames); !ku[k] && !seen[k] {
			seen[k] = true
			added = append(added, u)
		}
	}
	for _, u := range up {
		if k := levelFree(u, upNames); !kl[k] && !seen["-"+k] {
			seen["-"+k] = true
			removed = append(removed, u)
		}
	}
	return added, removed
}
