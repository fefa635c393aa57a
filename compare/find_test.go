package compare

import (
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

func place(code, name string, l corpus.Level) *corpus.Place {
	return &corpus.Place{Code: code, Name: name, Level: l}
}

func placedDoc(id string, l corpus.Level, year int, p *corpus.Place) *corpus.Document {
	return &corpus.Document{ID: id, Level: l, PlanYear: year, Place: p}
}

// findCorpus is a corpus around the town of 水峪贯镇 (交城县, 吕梁市, 山西省).
func findCorpus() (town *corpus.Document, docs []*corpus.Document) {
	town = &corpus.Document{ID: "d-town", Level: corpus.LevelTown, PlanYear: 2024,
		Place: place("141122103", "水峪贯镇", corpus.LevelTown),
		Region: []corpus.Place{*place("141122103", "水峪贯镇", corpus.LevelTown), *place("141122", "交城县", corpus.LevelCounty),
			*place("1411", "吕梁市", corpus.LevelCity), *place("14", "山西省", corpus.LevelProvince)},
		References: []corpus.Reference{{Title: "交城县人民政府关于做好2024年安全生产工作的通知", Number: "交政发〔2024〕1号"}}}
	cited := placedDoc("d-cited", corpus.LevelCounty, 2024, nil)
	cited.DocNumber = "交政发〔2024〕1号"
	citedTown := placedDoc("d-cited-town", corpus.LevelTown, 2024, nil)
	citedTown.DocNumber = "交政发〔2024〕1号"
	citedAway := placedDoc("d-cited-away", corpus.LevelCounty, 2024, place("141121", "文水县", corpus.LevelCounty))
	citedAway.Title = "交城县人民政府关于做好2024年安全生产工作的通知"
	docs = []*corpus.Document{
		town,
		placedDoc("d-jc24", corpus.LevelCounty, 2024, place("141122", "交城县", corpus.LevelCounty)),
		placedDoc("d-jc23", corpus.LevelCounty, 2023, place("141122", "交城县", corpus.LevelCounty)),
		placedDoc("d-ll23", corpus.LevelCity, 2023, place("1411", "吕梁市", corpus.LevelCity)),
		placedDoc("d-ll22", corpus.LevelCity, 2022, place("1411", "吕梁市", corpus.LevelCity)),
		placedDoc("d-sz23", corpus.LevelCity, 2023, place("1406", "朔州市", corpus.LevelCity)),
		placedDoc("d-anon", corpus.LevelCity, 2024, nil),
		placedDoc("d-ws24", corpus.LevelCounty, 2024, place("141121", "文水县", corpus.LevelCounty)),
		placedDoc("d-other-town", corpus.LevelTown, 2024, place("141122100", "天宁镇", corpus.LevelTown)),
		placedDoc("d-sx22", corpus.LevelProvince, 2022, place("14", "山西省", corpus.LevelProvince)),
		placedDoc("d-sx24", corpus.LevelProvince, 2024, place("14", "山西省", corpus.LevelProvince)),
		placedDoc("d-sx25", corpus.LevelProvince, 2025, place("14", "山西省", corpus.LevelProvince)),
		placedDoc("d-hb24", corpus.LevelProvince, 2024, place("13", "河北省", corpus.LevelProvince)),
		cited, citedTown, citedAway,
	}
	return town, docs
}

func ids(fs []Found) string {
	var s []string
	for _, f := range fs {
		s = append(s, f.Doc.ID+" ("+f.Reason+")")
	}
	return fmt.Sprint(s)
}

func TestFindUppers(t *testing.T) {
	town, docs := findCorpus()
	noPlace := &corpus.Document{ID: "d-x", Level: corpus.LevelTown, PlanYear: 2024}
	noPlaceCiting := &corpus.Document{ID: "d-y", Level: corpus.LevelTown, PlanYear: 2024, References: town.References}
	tests := []struct {
		name  string
		lower *corpus.Document
		want  string
		what  string // the UnplacedError's What, "" for none
	}{
		// Its own chain only, each place's latest plan of this year or the
		// last; the cited county comes whatever its place, unless that place
		// is not on the chain (文水县).
		{"placed town", town, "[d-cited (cited: 交政发〔2024〕1号) d-jc24 (交城县, county, 2024) d-ll23 (吕梁市, city, 2023) d-sx24 (山西省, province, 2024)]", ""},
		// No place: no uppers by level, and the caller is told.
		{"no place", noPlace, "[]", "place"},
		{"no place, cites its county", noPlaceCiting, "[d-cited (cited: 交政发〔2024〕1号) d-cited-away (cited: 交城县人民政府关于做好2024年安全生产工作的通知)]", "place"},
		{"no level", &corpus.Document{ID: "d-z", Place: town.Place}, "[]", "level"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FindUppers(tt.lower, docs)
			if ids(got) != tt.want {
				t.Errorf("FindUppers =\n %s\nwant\n %s", ids(got), tt.want)
			}
			var ue *UnplacedError
			if (tt.what == "") != (err == nil) || err != nil && (!errors.As(err, &ue) || ue.What != tt.what) {
				t.Errorf("err = %v, want %q unknown", err, tt.what)
			}
		})
	}
}

func TestFindLowers(t *testing.T) {
	_, docs := findCorpus()
	county := placedDoc("d-jc24", corpus.LevelCounty, 2024, place("141122", "交城县", corpus.LevelCounty))
	county.DocNumber = "交政发〔2024〕1号"
	town := func(id, code, name string, year int) *corpus.Document {
		d := placedDoc(id, corpus.LevelTown, year, place(code, name, corpus.LevelTown))
		d.Region = []corpus.Place{*d.Place, *place("141122", "交城县", corpus.LevelCounty), *place("1411", "吕梁市", corpus.LevelCity)}
		return d
	}
	docs = append(docs, town("d-tn24", "141122100", "天宁镇", 2024), town("d-tn25", "141122100", "天宁镇", 2025),
		town("d-tn23", "141122100", "天宁镇", 2023), town("d-xs24", "141122101", "夏家营镇", 2024))
	got, err := FindLowers(county, docs)
	// Its towns (天宁镇 by its latest plan of this year or the next), the
	// town that cites it; not the towns of 文水县 nor the county itself.
	want := "[d-tn25 (天宁镇, town, 2025) d-xs24 (夏家营镇, town, 2024) d-town (cites 交政发〔2024〕1号)]"
	if err != nil || ids(got) != want {
		t.Errorf("FindLowers =\n %s, %v\nwant\n %s", ids(got), err, want)
	}
	if got, err := FindLowers(placedDoc("d-anon", corpus.LevelCity, 2024, nil), docs); len(got) != 0 || err == nil {
		t.Errorf("FindLowers(no place) = %s, %v", ids(got), err)
	}
}

// TestFindParsed finds uppers and lowers among parsed documents: seed 000
// (水峪贯镇) cites the constructed 交城县 plan, which cites the constructed
// 吕梁市 plan; city seed 004 (朔州市) is on another chain and anonymous town
// seed 003 on none.
func TestFindParsed(t *testing.T) {
	var docs []*corpus.Document
	byName := map[string]*corpus.Document{}
	for _, n := range []string{"samples/000_b8c2bae4e8864faf.txt", "samples/003_7fa65165f7cec2ac.txt", "samples/004_a5e2ad6881a36660.txt",
		"testdata/jiaocheng_county_2024.txt", "testdata/lvliang_city_2024.txt"} {
		if _, err := os.Stat(n); err != nil && n[0] == 't' {
			t.Fatal(err)
		}
		p := loadTruthDoc(t, n)
		docs = append(docs, p.Doc)
		byName[n] = p.Doc
	}
	name := func(fs []Found) string {
		var s []string
		for _, f := range fs {
			s = append(s, f.Doc.Title+" ("+f.Reason+")")
		}
		return fmt.Sprint(s)
	}
	up, err := FindUppers(byName["samples/000_b8c2bae4e8864faf.txt"], docs)
	if want := "[交城县人民政府关于做好2024年安全生产工作的通知 (cited: 交政发〔2024〕1号) 吕梁市人民政府关于做好2024年安全生产工作的通知 (吕梁市, city, 2024)]"; err != nil || name(up) != want {
		t.Errorf("uppers of 000 = %s, %v; want %s", name(up), err, want)
	}
	if up, err := FindUppers(byName["samples/003_7fa65165f7cec2ac.txt"], docs); len(up) != 0 || err == nil {
		t.Errorf("uppers of 003 = %s, %v; want none and the place unknown", name(up), err)
	}
	low, err := FindLowers(byName["testdata/lvliang_city_2024.txt"], docs)
	if want := "[交城县人民政府关于做好2024年安全生产工作的通知 (cites 吕政发〔2024〕2号) 水峪贯镇人民政府关于做好2024年安全生产工作的方案 (水峪贯镇, town, 2024)]"; err != nil || name(low) != want {
		t.Errorf("lowers of 吕梁 = %s, %v; want %s", name(low), err, want)
	}
}
