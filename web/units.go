package web

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/report"
)

// unitsPage is the data of the page of the corpus's bodies.
type unitsPage struct {
	Level  string
	Year   int
	Levels []choice
	Bodies []index.BodyCount
}

// listFilter reads the level and year filters that the units and duties
// pages share.
func listFilter(v url.Values) (level string, year int, err error) {
	level = v.Get("level")
	if !valid(levels, level) {
		return "", 0, badInput(http.StatusBadRequest, "层级 %q 无效", level)
	}
	if s := strings.TrimSpace(v.Get("year")); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < 1949 || y > 2100 {
			return "", 0, badInput(http.StatusBadRequest, "年度 %q 无效：应为 1949 至 2100 之间的年份", s)
		}
		year = y
	}
	return level, year, nil
}

func (s *Server) units(w http.ResponseWriter, r *http.Request) {
	level, year, err := listFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	bodies, err := s.core.Bodies(r.Context(), index.Query{Level: level, Year: year})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "units", "责任单位", "units", unitsPage{Level: level, Year: year, Levels: levels, Bodies: bodies})
}

// dutiesForm is the duty list a URL asks for.
type dutiesForm struct {
	Unit  string
	Role  string
	Level string
	Year  int
	Due   string
}

func parseDuties(v url.Values) (dutiesForm, error) {
	f := dutiesForm{Unit: strings.TrimSpace(v.Get("unit")), Role: v.Get("role"), Due: strings.TrimSpace(v.Get("due"))}
	var err error
	if f.Level, f.Year, err = listFilter(v); err != nil {
		return f, err
	}
	switch {
	case utf8.RuneCountInString(f.Unit) > maxNameRunes:
		return f, badInput(http.StatusBadRequest, "单位名称过长：最多 %d 个字", maxNameRunes)
	case !valid(dutyRoles, f.Role):
		return f, badInput(http.StatusBadRequest, "职责 %q 无效：应为牵头、配合或负责", f.Role)
	}
	if f.Due != "" {
		if _, err := time.Parse("2006-01-02", f.Due); err != nil {
			return f, badInput(http.StatusBadRequest, "截止日期 %q 无效：应为 2024-06-30 这样的日期", f.Due)
		}
	}
	return f, nil
}

func (f dutiesForm) query() DutyQuery {
	return DutyQuery{Unit: f.Unit, Role: f.Role, Filter: report.DutyFilter{Year: f.Year, Level: corpus.Level(f.Level), DueBefore: f.Due}}
}

func (f dutiesForm) values() url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"unit": f.Unit, "role": f.Role, "level": f.Level, "due": f.Due} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if f.Year != 0 {
		v.Set("year", strconv.Itoa(f.Year))
	}
	return v
}

// ExportURL returns the URL of the list as a file: xlsx, csv or ics.
func (f dutiesForm) ExportURL(format string) string {
	return "/duties/export/" + format + "?" + f.values().Encode()
}

// dutiesPage is the data of a unit's duty list.
type dutiesPage struct {
	Form   dutiesForm
	List   *report.DutyList
	Levels []choice
	Roles  []choice
}

func (s *Server) duties(w http.ResponseWriter, r *http.Request) {
	f, err := parseDuties(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := dutiesPage{Form: f, Levels: levels, Roles: dutyRoles}
	title := "单位职责"
	if f.Unit != "" {
		duties, err := s.core.Duties(r.Context(), f.query())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.List = report.NewDutyList(f.Unit, duties)
		title = f.Unit + " - 单位职责"
	}
	s.render(w, r, http.StatusOK, "duties", title, "units", p)
}

// dutiesExport answers /duties/export/{format}: the duty list as a
// workbook, CSV or an iCalendar file of its deadlines and recurrences.
func (s *Server) dutiesExport(w http.ResponseWriter, r *http.Request) {
	f, err := parseDuties(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	format := r.PathValue("format")
	if format != "xlsx" && format != "csv" && format != "ics" {
		s.fail(w, r, badInput(http.StatusNotFound, "不支持导出为 %q：可选 xlsx、csv、ics", format))
		return
	}
	if f.Unit == "" {
		s.fail(w, r, badInput(http.StatusBadRequest, "请给出责任单位：unit=单位名称"))
		return
	}
	duties, err := s.core.Duties(r.Context(), f.query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name := fileSafe(f.Unit) + "-职责清单"
	list := report.NewDutyList(f.Unit, duties)
	switch format {
	case "xlsx":
		s.download(w, r, name+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", list.WriteXLSX)
	case "csv":
		s.download(w, r, name+".csv", "text/csv; charset=utf-8", list.WriteCSV)
	default:
		cal := report.NewCalendar(f.Unit, duties)
		s.download(w, r, fileSafe(f.Unit)+"-日历.ics", "text/calendar; charset=utf-8", func(w io.Writer) error {
			return cal.WriteICS(w, time.Now())
		})
	}
}
