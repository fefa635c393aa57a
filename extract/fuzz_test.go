package extract

import (
	"reflect"
	"testing"
)

func FuzzExtract(f *testing.F) {
	f.Add(cityPlan)
	f.Add("一、总体要求\n1.各村要每月至少召开一次会议（责任单位：镇应急站）。\n")
	f.Add("（一）动员部署（2023年5月下旬前）。镇政府制定方案。(牵头单位：")
	f.Add("年内至少开展1次;至少举办1次。。（（）))〔市应急局牵头〕")
	f.Add("\xff\xfe一、\n1.")
	e := newTestExtractor(f)
	f.Fuzz(func(t *testing.T, text string) {
		doc := buildDoc("d-fuzz", 2024, text)
		obs := e.Extract(doc)
		// Rune boundaries as ranging over the text sees them (a stray byte of
		// invalid UTF-8 is a rune of its own).
		boundary := map[int]bool{len(text): true}
		for i := range text {
			boundary[i] = true
		}
		for _, o := range obs {
			s := o.Span
			if s.Start < 0 || s.End > len(text) || s.Start > s.End {
				t.Fatalf("span %v out of range [0,%d]", s, len(text))
			}
			if !boundary[s.Start] || !boundary[s.End] {
				t.Fatalf("span %v not on rune boundaries", s)
			}
			if text[s.Start:s.End] != o.Text {
				t.Fatalf("span %v reads %q, text %q", s, text[s.Start:s.End], o.Text)
			}
			for _, x := range o.Frequencies {
				if x.Span.Start < s.Start || x.Span.End > len(text) {
					t.Fatalf("frequency span %v outside obligation %v", x.Span, s)
				}
			}
		}
		if again := e.Extract(doc); !reflect.DeepEqual(obs, again) {
			t.Fatal("Extract is not deterministic")
		}
	})
}
