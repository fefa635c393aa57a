package compare

import (
	"fmt"
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

func TestFindUppers(t *testing.T) {
	place := func(code, name string, l corpus.Level) *corpus.Place {
		return &corpus.Place{Code: code, Name: name, Level: l}
	}
	town := &corpus.Document{ID: "d-town", Level: corpus.LevelTown, PlanYear: 2024,
		Place: place("141122103", "水峪贯镇", corpus.LevelTown),
		Region: []corpus.Place{*place("141122103", "水峪贯镇", corpus.LevelTown), *place("141122", "交城县", corpus.LevelCounty),
			*place("1411", "吕梁市", corpus.LevelCity), *place("14", "山西省", corpus.LevelProvince)},
		References: []corpus.Reference{{Title: "交城县人民政府关于做好2024年安全生产工作的通知", Number: "交政发〔2024〕1号"}}}
	doc := func(id string, l corpus.Level, year int, p *corpus.Place) *corpus.Document {
		return &corpus.Document{ID: id, Level: l, PlanYear: year, Place: p}
	}
	cited := doc("d-cited", corpus.LevelCounty, 2024, nil)
	cited.DocNumber = "交政发〔2024〕1号"
	citedTown := doc("d-cited-town", corpus.LevelTown, 2024, nil)
	citedTown.DocNumber = "交政发〔2024〕1号"
	docs := []*corpus.Document{
		town,
		doc("d-jc24", corpus.LevelCounty, 2024, place("141122", "交城县", corpus.LevelCounty)),
		doc("d-jc23", corpus.LevelCounty, 2023, place("141122", "交城县", corpus.LevelCounty)),
		doc("d-ll23", corpus.LevelCity, 2023, place("1411", "吕梁市", corpus.LevelCity)),
		doc("d-sz23", corpus.LevelCity, 2023, place("1406", "朔州市", corpus.LevelCity)),
		doc("d-anon", corpus.LevelCity, 2024, nil),
		doc("d-ws24", corpus.LevelCounty, 2024, place("141121", "文水县", corpus.LevelCounty)),
		doc("d-other-town", corpus.LevelTown, 2024, place("141122100", "天宁镇", corpus.LevelTown)),
		doc("d-sx22", corpus.LevelProvince, 2022, place("14", "山西省", corpus.LevelProvince)),
		doc("d-sx24", corpus.LevelProvince, 2024, place("14", "山西省", corpus.LevelProvince)),
		cited, citedTown,
	}
	var got []string
	for _, u := range FindUppers(town, docs) {
		got = append(got, u.Doc.ID+" ("+u.Reason+")")
	}
	want := "[d-cited (cited: 交政发〔2024〕1号) d-jc24 (交城县, county, 2024) d-ll23 (吕梁市, city, 2023) d-sx24 (山西省, province, 2024)]"
	if fmt.Sprint(got) != want {
		t.Errorf("FindUppers =\n %v\nwant\n %s", got, want)
	}

	// Where the lower document's place is unknown, level and year decide.
	anon := &corpus.Document{ID: "d-x", Level: corpus.LevelTown, PlanYear: 2024}
	got = nil
	for _, u := range FindUppers(anon, docs) {
		got = append(got, u.Doc.ID)
	}
	if fmt.Sprint(got) != "[d-cited d-jc24 d-ws24 d-anon d-ll23 d-sz23 d-sx24]" {
		t.Errorf("FindUppers(anonymous) = %v", got)
	}
	if u := FindUppers(&corpus.Document{ID: "d-y"}, docs); u != nil {
		t.Errorf("FindUppers(unknown level) = %v", u)
	}
}
