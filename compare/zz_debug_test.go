package compare

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

func TestZZParts(t *testing.T) {
	name := os.Getenv("ZZDOC")
	if name == "" {
		t.Skip()
	}
	p := loadTruthDoc(t, name)
	parts, _ := cutParts(testSegmenter(t), p)
	for _, pt := range parts {
		o := p.Obligations[pt.obl]
		fmt.Printf("o-%d %s own=%v low=%v r%d act=%b sec=%v top=%v | %s\n", pt.obl+1, o.Path, pt.scope.own, pt.scope.lower, pt.mod.rank, pt.actions, pt.sector, pt.topics, o.Text[pt.start:pt.end])
	}
}

func TestZZProbe(t *testing.T) {
	lowN, upN, anchor := os.Getenv("ZZLOW"), os.Getenv("ZZUP"), os.Getenv("ZZA")
	if anchor == "" {
		t.Skip()
	}
	seg := testSegmenter(t)
	up, lo := prepareLevel(seg, loadTruthDoc(t, upN)), prepareLevel(seg, loadTruthDoc(t, lowN))
	m := newModel()
	for _, d := range []*levelDoc{up, lo} {
		for i := range d.parts {
			m.add(d.parts[i].content)
		}
		for _, b := range d.extra {
			m.add(b)
		}
	}
	ui, li := partItems(m, up.parts), partItems(m, lo.parts)
	for i := range up.parts {
		pt := up.parts[i]
		txt := up.p.Obligations[pt.obl].Text[pt.start:pt.end]
		if !strings.Contains(normalize(txt), normalize(anchor)) {
			continue
		}
		fmt.Printf("UP %s act=%b\n", txt, pt.actions)
		type c struct {
			j         int
			own, full float64
			s         float64
			ok        bool
		}
		var cs []c
		for j := range li {
			s, _, ok := score(&ui[i], &li[j], CompareOptions())
			cs = append(cs, c{j, dot(ui[i].own, li[j].own), dot(ui[i].whole(), li[j].whole()), s, ok})
		}
		sort.Slice(cs, func(a, b int) bool { return cs[a].full > cs[b].full })
		for _, x := range cs[:6] {
			lp := lo.parts[x.j]
			fmt.Printf("   own %.3f full %.3f score %.3f ok=%v act=%b | %s\n", x.own, x.full, x.s, x.ok, lp.actions, lo.p.Obligations[lp.obl].Text[lp.start:lp.end])
		}
	}
}

func TestZZCalib(t *testing.T) {
	if os.Getenv("ZZCAL") == "" {
		t.Skip()
	}
	data, _ := os.ReadFile("testdata/truth.json")
	var tf truthFile
	json.Unmarshal(data, &tf)
	seg := testSegmenter(t)
	for _, p := range tf.Pairs {
		up, lo := prepareLevel(seg, loadTruthDoc(t, p.Upper)), prepareLevel(seg, loadTruthDoc(t, p.Lower))
		m := newModel()
		for _, d := range []*levelDoc{up, lo} {
			for i := range d.parts {
				m.add(d.parts[i].content)
			}
			for _, b := range d.extra {
				m.add(b)
			}
		}
		ui, li := partItems(m, up.parts), partItems(m, lo.parts)
		for _, e := range p.Duties {
			for i := range up.parts {
				pt := up.parts[i]
				txt := up.p.Obligations[pt.obl].Text[pt.start:pt.end]
				a := []rune(normalize(e.Upper))
				if !strings.Contains(normalize(txt), string(a[:min(6, len(a))])) {
					continue
				}
				// best two ok candidates
				var out []string
				type c struct {
					s, own float64
					good   bool
					j      int
				}
				var cs []c
				for j := range li {
					s, _, ok := score(&ui[i], &li[j], CompareOptions())
					if !ok {
						continue
					}
					lob := lo.p.Obligations[lo.parts[j].obl]
					cs = append(cs, c{s, dot(ui[i].own, li[j].own), holds([]*corpus.Obligation{&lob}, e.Lower) && len(e.Lower) > 0, j})
				}
				sort.Slice(cs, func(a, b int) bool { return cs[a].s > cs[b].s })
				for k := 0; k < len(cs) && k < 2; k++ {
					g := "-"
					if cs[k].good {
						g = "GOOD"
					}
					out = append(out, fmt.Sprintf("%.3f/%.3f %s", cs[k].s, cs[k].own, g))
				}
				fmt.Printf("CAL %-18s %-40.40s %v\n", e.Verdict, txt, out)
				break
			}
		}
	}
}
