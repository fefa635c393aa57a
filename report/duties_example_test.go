package report_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/org"
	"github.com/dutymap/dutymap/report"
)

// plan is a city plan with three duties of its 应急管理局, named three ways.
func plan() corpus.Parsed {
	shuozhou := corpus.Place{Code: "1406", Name: "朔州市", Level: corpus.LevelCity}
	doc := &corpus.Document{ID: "d-sz", Title: "朔州市2024年安全生产工作要点", Issuer: "朔州市人民政府",
		Level: corpus.LevelCity, PlanYear: 2024, Place: &shuozhou, Region: []corpus.Place{shuozhou}}
	p := corpus.Parsed{Doc: doc, Obligations: []corpus.Obligation{
		{ID: "d-sz/o-1", Path: []string{"一"}, Text: "每季度召开一次安全形势分析会。（牵头单位：市安委办，配合单位：市应急局）",
			Lead: []string{"市安委办"}, Support: []string{"市应急局"},
			Frequencies: []corpus.Frequency{{Raw: "每季度召开一次", Period: corpus.PeriodQuarter, Count: 1}}},
		{ID: "d-sz/o-2", Path: []string{"二"}, Text: "6月底前完成危化企业排查。（牵头单位：市应急管理局）",
			Lead: []string{"市应急管理局"}, Deadlines: []corpus.Deadline{{Raw: "6月底前", Date: "2024-06-30", Kind: corpus.By}}},
		{ID: "d-sz/o-3", Path: []string{"三"}, Text: "加强执法队伍建设。", Responsible: []string{"应急管理局"}},
	}}
	// The brackets that name the units, as extract finds them.
	for i := range p.Obligations[:2] {
		o := &p.Obligations[i]
		at := strings.Index(o.Text, "（牵头")
		o.Span = corpus.Span{Start: 0, End: len(o.Text)}
		o.Attribution = &corpus.Span{Start: at, End: len(o.Text)}
	}
	return p
}

func ExampleSelectDuties() {
	r, err := org.Standard()
	if err != nil {
		fmt.Println(err)
		return
	}
	duties := report.SelectDuties(r, r.Pattern("市应急局"), report.DutyFilter{Year: 2024}, []corpus.Parsed{plan()})
	for _, d := range duties {
		fmt.Println(d.Obligation.ID, d.Role, d.As)
	}
	// Output:
	// d-sz/o-1 support 市应急局
	// d-sz/o-2 lead 市应急管理局
	// d-sz/o-3 responsible 应急管理局
}

func ExampleNewDutyList() {
	r, err := org.Standard()
	if err != nil {
		fmt.Println(err)
		return
	}
	duties := report.SelectDuties(r, r.Pattern("市应急局"), report.DutyFilter{}, []corpus.Parsed{plan()})
	for _, g := range report.NewDutyList("市应急局", duties).Groups {
		fmt.Println(g.Label, len(g.Duties))
	}
	// Output:
	// 2024-06-30 1
	// 每季度 1
	// 无时限 1
}

func ExampleByLead() {
	r, err := org.Standard()
	if err != nil {
		fmt.Println(err)
		return
	}
	p := plan()
	for _, l := range report.ByLead(r, p.Doc, p.Obligations) {
		fmt.Println(l.Unit, l.Total)
	}
	// Output:
	// 朔州市应急管理局 2
	// 朔州市安全生产委员会办公室 1
}

func ExampleCalendar_WriteICS() {
	p := plan()
	var duties []report.Duty
	for i := range p.Obligations {
		duties = append(duties, report.Duty{Doc: p.Doc, Obligation: &p.Obligations[i]})
	}
	cal := report.NewCalendar("朔州市 2024", duties)
	var b strings.Builder
	if err := cal.WriteICS(&b, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	for _, line := range strings.Split(b.String(), "\r\n") {
		if strings.HasPrefix(line, "DTSTART") || strings.HasPrefix(line, "RRULE") {
			fmt.Println(line)
		}
	}
	fmt.Println(cal.Skipped, "duty without a date")
	// Output:
	// DTSTART;VALUE=DATE:20240101
	// RRULE:FREQ=MONTHLY;INTERVAL=3;UNTIL=20241231
	// DTSTART;VALUE=DATE:20240630
	// 1 duty without a date
}
