package compare_test

import (
	"fmt"
	"os"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/segment"
)

func obligations(texts ...string) []corpus.Obligation {
	var out []corpus.Obligation
	for i, t := range texts {
		out = append(out, corpus.Obligation{ID: fmt.Sprintf("o-%d", i+1), Path: []string{"一"}, Text: t, Modality: corpus.Must})
	}
	return out
}

func ExampleAlign() {
	seg, err := segment.New()
	if err != nil {
		panic(err)
	}
	city := obligations(
		"市、县（市、区）安委会每月至少召开一次会议，分析安全形势，解决重大问题。",
		"依法做到安全责任、投入、培训、管理和应急救援“五到位”。",
	)
	town := obligations(
		"企业必须做到安全责任、投入、培训、管理和应急救援“五到位”。",
		"坚持每月至少召开一次党政专题会议，分析安全形势，研究解决问题。",
		"推行“无视频不作业”。",
	)
	al := compare.Align(seg, city, town, compare.CompareOptions())
	for _, p := range al.Pairs {
		fmt.Printf("%s ~ %s\n", city[p.A].ID, town[p.B].ID)
	}
	fmt.Println("town only:", al.OnlyB)
	// Output:
	// o-1 ~ o-2
	// o-2 ~ o-1
	// town only: [2]
}

func ExampleDiff() {
	seg, err := segment.New()
	if err != nil {
		panic(err)
	}
	old := obligations("安委会每季度至少召开一次会议，分析安全形势。", "6月底前完成隐患排查整治。")
	old[0].Frequencies = []corpus.Frequency{{Raw: "每季度至少召开一次", Period: corpus.PeriodQuarter, Count: 1}}
	old[1].Deadlines = []corpus.Deadline{{Raw: "6月底前", Date: "2024-06-30"}}
	new := obligations("安委会每月至少召开一次会议，分析安全形势。", "4月底前完成隐患排查整治。", "推行“无视频不作业”。")
	new[0].Frequencies = []corpus.Frequency{{Raw: "每月至少召开一次", Period: corpus.PeriodMonth, Count: 1}}
	new[1].Deadlines = []corpus.Deadline{{Raw: "4月底前", Date: "2024-04-30"}}
	doc := &corpus.Document{ID: "d-1", PlanYear: 2024}
	r := compare.Diff(seg, corpus.Parsed{Doc: doc, Obligations: old}, corpus.Parsed{Doc: doc, Obligations: new})
	if err := r.WriteText(os.Stdout, false); err != nil {
		panic(err)
	}
	// Output:
	// --- d-1 (2 duties)
	// +++ d-1 (3 duties)
	// 1 added, 1 frequency tightened, 1 deadline earlier, 0 unchanged
	//
	// ~ [一 → 一] frequency_tightened: 每季度至少召开一次 → 每月至少召开一次
	//   - 安委会每[-季度-]至少召开一次会议，分析安全形势。
	//   + 安委会每{+月+}至少召开一次会议，分析安全形势。
	//
	// ~ [一 → 一] deadline_earlier: 6月底前 → 4月底前
	//   - [-6-]月底前完成隐患排查整治。
	//   + {+4+}月底前完成隐患排查整治。
	//
	// + added [一] 推行“无视频不作业”。
}

func ExampleLevels() {
	seg, err := segment.New()
	if err != nil {
		panic(err)
	}
	city := corpus.Parsed{Doc: &corpus.Document{ID: "d-city", Title: "市方案", Level: corpus.LevelCity}, Obligations: obligations(
		"市、县（市、区）安委会每月至少召开一次会议，分析安全形势，解决重大问题。",
		"推进应县GNSS观测站建设。",
		"全面推行“双随机、一公开”监管。",
	)}
	city.Obligations[0].Frequencies = []corpus.Frequency{{Raw: "每月至少召开一次", Period: corpus.PeriodMonth, Count: 1}}
	town := corpus.Parsed{Doc: &corpus.Document{ID: "d-town", Title: "镇方案", Level: corpus.LevelTown}, Obligations: obligations(
		"坚持每季度至少召开一次党政专题会议，分析安全形势，研究解决问题。",
		"推行“无视频不作业”。",
	)}
	town.Obligations[0].Frequencies = []corpus.Frequency{{Raw: "每季度至少召开一次", Period: corpus.PeriodQuarter, Count: 1}}
	r, err := compare.Levels(seg, town, []corpus.Parsed{city})
	if err != nil {
		panic(err)
	}
	for _, d := range r.Duties {
		line := string(d.Verdict) + " " + d.Upper.ID
		if why := d.ReasonText(); why != "" {
			line += ": " + why
		}
		fmt.Println(line)
	}
	fmt.Println("local:", len(r.Local), "coverage:", r.Total.Coverage, "of the duties expected below:", r.Total.ExpectedCoverage)

	_, err = compare.Levels(seg, city, []corpus.Parsed{town})
	fmt.Println(err)
	// Output:
	// weakened o-1: 频次 每月至少召开一次 → 每季度至少召开一次
	// not_expected_below o-2
	// missing o-3
	// local: 1 coverage: 0 of the duties expected below: 0
	// cannot compare "市方案" against "镇方案": the upper document is at town level, not above the lower one's city level
}

func ExampleDiffText() {
	es := compare.DiffText("每季度至少召开一次会议", "每月至少召开一次专题会议")
	fmt.Println(es)
	old, new := compare.Marks(es)
	fmt.Println(old, new)
	// Output:
	// [{= 每} {- 季度} {+ 月} {= 至少召开一次} {+ 专题} {= 会议}]
	// [{1 3}] [{1 2} {8 10}]
}

func ExampleCheck() {
	town := &corpus.Document{ID: "d-1", Title: "镇方案", Level: corpus.LevelTown}
	fmt.Println(compare.Check(town, town))
	// Output:
	// cannot compare "镇方案" against "镇方案": it is the same document
}

func ExampleFindUppers() {
	town := &corpus.Document{ID: "d-town", Title: "水峪贯镇方案", Level: corpus.LevelTown, PlanYear: 2024,
		Place:      &corpus.Place{Code: "141122103", Name: "水峪贯镇", Level: corpus.LevelTown},
		References: []corpus.Reference{{Title: "交城县人民政府关于做好2024年安全生产工作的通知", Number: "交政发〔2024〕1号"}}}
	stored := []*corpus.Document{
		{ID: "d-county", Level: corpus.LevelCounty, PlanYear: 2024, DocNumber: "交政发〔2024〕1号"},
		{ID: "d-lvliang", Level: corpus.LevelCity, PlanYear: 2023, Place: &corpus.Place{Code: "1411", Name: "吕梁市", Level: corpus.LevelCity}},
		{ID: "d-shuozhou", Level: corpus.LevelCity, PlanYear: 2023, Place: &corpus.Place{Code: "1406", Name: "朔州市", Level: corpus.LevelCity}},
	}
	found, err := compare.FindUppers(town, stored)
	for _, u := range found {
		fmt.Println(u.Doc.ID, "—", u.Reason)
	}
	fmt.Println(err)

	// A town plan whose place is unknown gets no uppers by place.
	anonymous := &corpus.Document{ID: "d-anon", Title: "**镇2024年安全生产工作要点", Level: corpus.LevelTown, PlanYear: 2024}
	found, err = compare.FindUppers(anonymous, stored)
	fmt.Println(len(found), err)
	// Output:
	// d-county — cited: 交政发〔2024〕1号
	// d-lvliang — 吕梁市, city, 2023
	// <nil>
	// 0 the place of "**镇2024年安全生产工作要点" is unknown, so the documents above and below it cannot be chosen: name them
}

func ExampleFindLowers() {
	city := &corpus.Document{ID: "d-lvliang", Level: corpus.LevelCity, PlanYear: 2024,
		Place: &corpus.Place{Code: "1411", Name: "吕梁市", Level: corpus.LevelCity}}
	stored := []*corpus.Document{
		{ID: "d-jiaocheng", Level: corpus.LevelCounty, PlanYear: 2024, Place: &corpus.Place{Code: "141122", Name: "交城县", Level: corpus.LevelCounty}},
		{ID: "d-shuiyuguan", Level: corpus.LevelTown, PlanYear: 2024, Place: &corpus.Place{Code: "141122103", Name: "水峪贯镇", Level: corpus.LevelTown}},
		{ID: "d-yingxian", Level: corpus.LevelCounty, PlanYear: 2024, Place: &corpus.Place{Code: "140622", Name: "应县", Level: corpus.LevelCounty}},
	}
	found, err := compare.FindLowers(city, stored)
	for _, l := range found {
		fmt.Println(l.Doc.ID, "—", l.Reason)
	}
	fmt.Println(err)
	// Output:
	// d-jiaocheng — 交城县, county, 2024
	// d-shuiyuguan — 水峪贯镇, town, 2024
	// <nil>
}

func ExampleCoverage() {
	seg, err := segment.New()
	if err != nil {
		panic(err)
	}
	city := corpus.Parsed{Doc: &corpus.Document{ID: "d-city", Title: "市方案", Level: corpus.LevelCity}, Obligations: obligations(
		"各县（市、区）每半年至少组织一次综合应急演练。",
		"全面推行“双随机、一公开”监管。",
	)}
	city.Obligations[0].Frequencies = []corpus.Frequency{{Raw: "每半年至少组织一次", Period: corpus.PeriodHalfYear, Count: 1}}
	countyA := corpus.Parsed{Doc: &corpus.Document{ID: "d-a", Title: "甲县方案", Level: corpus.LevelCounty}, Obligations: obligations(
		"县政府每年至少组织一次综合应急演练。",
		"全面推行“双随机、一公开”监管。",
	)}
	countyA.Obligations[0].Frequencies = []corpus.Frequency{{Raw: "每年至少组织一次", Period: corpus.PeriodYear, Count: 1}}
	countyB := corpus.Parsed{Doc: &corpus.Document{ID: "d-b", Title: "乙县方案", Level: corpus.LevelCounty}, Obligations: obligations(
		"全面推行“双随机、一公开”监管。",
	)}
	r, err := compare.Coverage(seg, city, []corpus.Parsed{countyA, countyB})
	if err != nil {
		panic(err)
	}
	for _, row := range r.Rows {
		fmt.Println(row.Upper.ID, row.Cells[0].Verdict, row.Cells[1].Verdict, row.Tally.Coverage)
	}
	for k, l := range r.Lowers {
		fmt.Println(l.Name(), r.Totals[k].Coverage)
	}
	// Output:
	// o-1 weakened missing 0
	// o-2 carried carried 1
	// 甲县方案 0.5
	// 乙县方案 0.5
}
