package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/extract"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/org"
	"github.com/dutymap/dutymap/report"
)

// pageSize is the number of hits a search page shows.
const pageSize = 20

// maxPage bounds how deep a search pages: bleve collects offset+size hits
// for a page, so a page past ten thousand hits costs more than it can be
// worth to a reader; a narrower query finds them.
const maxPage = 10000 / pageSize

// exportLimit is the most rows an export of a search writes.
const exportLimit = 5000

// Bounds of the free-text fields of a search.
const (
	maxQueryRunes = 200
	maxNameRunes  = 100
)

// searchForm is a search as the URL holds it: every filter of the form, by
// its parameter name (see parseSearch).
type searchForm struct {
	Q        string // q: words and "quoted phrases"
	Level    string // level: town … national
	Issuer   string // issuer, as written in the documents
	Region   string // region: GB/T 2260 code of a place
	Unit     string // unit: a body, in any of its forms
	Role     string // role: lead or support; "" for any
	Period   string // period: a frequency period
	Sector   string // sector
	Modality string // modality
	Due      string // due: ISO date a deadline falls on or before
	Year     int    // year: plan year
	Page     int    // page: from 1
}

// parseSearch reads a search from URL parameters. A value outside what the
// form offers is an input error naming the field; unknown parameters are
// ignored.
func parseSearch(v url.Values) (searchForm, error) {
	f := searchForm{
		Q: strings.TrimSpace(v.Get("q")), Level: v.Get("level"), Issuer: strings.TrimSpace(v.Get("issuer")),
		Region: strings.TrimSpace(v.Get("region")), Unit: strings.TrimSpace(v.Get("unit")), Role: v.Get("role"),
		Period: v.Get("period"), Sector: v.Get("sector"), Modality: v.Get("modality"),
		Due: strings.TrimSpace(v.Get("due")), Page: 1,
	}
	bad := func(format string, args ...any) (searchForm, error) {
		return searchForm{}, badInput(http.StatusBadRequest, format, args...)
	}
	switch {
	case utf8.RuneCountInString(f.Q) > maxQueryRunes:
		return bad("检索词过长：最多 %d 个字", maxQueryRunes)
	case utf8.RuneCountInString(f.Issuer) > maxNameRunes || utf8.RuneCountInString(f.Unit) > maxNameRunes:
		return bad("单位名称过长：最多 %d 个字", maxNameRunes)
	case !valid(levels, f.Level):
		return bad("层级 %q 无效", f.Level)
	case !valid(periods, f.Period):
		return bad("频次 %q 无效", f.Period)
	case !valid(modalities, f.Modality):
		return bad("约束力 %q 无效", f.Modality)
	case !valid(searchRoles, f.Role):
		return bad("职责 %q 无效：应为牵头（lead）或配合（support）", f.Role)
	case f.Sector != "" && !slices.Contains(extract.Sectors(), f.Sector):
		return bad("行业领域 %q 无效", f.Sector)
	case f.Region != "" && !isRegionCode(f.Region):
		return bad("行政区划代码 %q 无效：应为 2 至 12 位数字，如 141122", f.Region)
	}
	if f.Due != "" {
		if _, err := time.Parse("2006-01-02", f.Due); err != nil {
			return bad("截止日期 %q 无效：应为 2024-06-30 这样的日期", f.Due)
		}
	}
	if f.Unit == "" {
		f.Role = "" // a role narrows a unit; alone it says nothing
	}
	if s := strings.TrimSpace(v.Get("year")); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < 1949 || y > 2100 {
			return bad("年度 %q 无效：应为 1949 至 2100 之间的年份", s)
		}
		f.Year = y
	}
	if s := strings.TrimSpace(v.Get("page")); s != "" {
		p, err := strconv.Atoi(s)
		if err != nil || p < 1 || p > maxPage {
			return bad("页码 %q 无效：应为 1 至 %d", s, maxPage)
		}
		f.Page = p
	}
	return f, nil
}

func isRegionCode(s string) bool {
	if len(s) < 2 || len(s) > 12 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// query returns the index query of the form, for its page.
func (f searchForm) query() index.Query {
	q := index.Query{
		Text: f.Q, Level: f.Level, Issuer: f.Issuer, Region: f.Region, Period: f.Period,
		Sector: f.Sector, Modality: f.Modality, DueBefore: f.Due, Year: f.Year,
		Limit: pageSize, Offset: (f.Page - 1) * pageSize,
	}
	switch f.Role {
	case string(org.Lead):
		q.Lead = f.Unit
	case string(org.Support):
		q.Support = f.Unit
	default:
		q.Unit = f.Unit
	}
	return q
}

// values returns the URL parameters of the form; the first page is left
// out, as are empty fields, so that URLs stay short.
func (f searchForm) values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("q", f.Q)
	set("level", f.Level)
	set("issuer", f.Issuer)
	set("region", f.Region)
	set("unit", f.Unit)
	set("role", f.Role)
	set("period", f.Period)
	set("sector", f.Sector)
	set("modality", f.Modality)
	set("due", f.Due)
	if f.Year != 0 {
		v.Set("year", strconv.Itoa(f.Year))
	}
	if f.Page > 1 {
		v.Set("page", strconv.Itoa(f.Page))
	}
	return v
}

// With returns the URL of the search with the given parameters set (or
// cleared, for ""), back on its first page: what a facet or a filter's
// remove link points to. Pairs are key, value, key, value ….
func (f searchForm) With(kv ...string) string {
	v := f.values()
	v.Del("page")
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			v.Del(kv[i])
		} else {
			v.Set(kv[i], kv[i+1])
		}
	}
	return "/?" + v.Encode()
}

// PageURL returns the URL of page n of the search.
func (f searchForm) PageURL(n int) string {
	g := f
	g.Page = n
	return "/?" + g.values().Encode()
}

// ExportURL returns the URL of the search's results as a file: xlsx or csv.
func (f searchForm) ExportURL(format string) string {
	g := f
	g.Page = 1
	return "/search." + format + "?" + g.values().Encode()
}

// Asked reports whether the form asks for anything: words or a filter.
func (f searchForm) Asked() bool {
	g := f
	g.Page = 1
	return len(g.values()) > 0
}

// piece is a run of text, marked or not.
type piece struct {
	Text string
	Mark bool
}

// pieces cuts text at spans (byte offsets, sorted, not overlapping), the
// runs inside a span marked. Spans out of range or off rune boundaries are
// dropped rather than trusted.
func pieces(text string, spans []corpus.Span) []piece {
	var out []piece
	at := 0
	for _, s := range spans {
		if s.Start < at || s.End > len(text) || s.Start >= s.End ||
			!utf8.RuneStart(text[s.Start]) || (s.End < len(text) && !utf8.RuneStart(text[s.End])) {
			continue
		}
		if s.Start > at {
			out = append(out, piece{Text: text[at:s.Start]})
		}
		out = append(out, piece{Text: text[s.Start:s.End], Mark: true})
		at = s.End
	}
	if at < len(text) {
		out = append(out, piece{Text: text[at:]})
	}
	return out
}

// hitView is one hit as the page shows it.
type hitView struct {
	index.Hit
	N      int     // its number in the whole result, from 1
	Pieces []piece // its text with the query's words marked
	URL    string  // the obligation in its document
	Facts  facts
}

// facts are the units, frequency and deadline of an obligation, as shown
// under a hit or beside a line of a document.
type facts struct {
	Lead, Support, Responsible []string
	Frequency, Deadline        string
}

// facetView is one facet with its terms, each a link that narrows the
// search to it (or, when it is already chosen, widens it again).
type facetView struct {
	Label string
	Terms []facetTerm
}

type facetTerm struct {
	Label  string
	Count  int
	URL    string
	Active bool
}

// activeFilter is a filter in force, with the link that removes it.
type activeFilter struct {
	Label, Value, Remove string
}

// pager is the page links under a result.
type pager struct {
	Page, Last int
	Prev, Next string
	Links      []pageLink
}

type pageLink struct {
	N       int
	URL     string
	Current bool
	Gap     bool // an ellipsis before this link
}

// searchPage is the data of the search page.
type searchPage struct {
	Form       searchForm
	Result     *index.Result
	Hits       []hitView
	Facets     []facetView
	Active     []activeFilter
	Pager      pager
	Levels     []choice
	Periods    []choice
	Modalities []choice
	Roles      []choice
	Sectors    []string
	Took       string
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	f, err := parseSearch(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := f.query()
	res, err := s.core.Search(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	facets, err := s.facets(r.Context(), q, res.Total)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := searchPage{
		Form: f, Result: res, Levels: levels, Periods: periods, Modalities: modalities,
		Roles: searchRoles, Sectors: extract.Sectors(), Took: fmt.Sprintf("%.1f", float64(res.Took.Microseconds())/1000),
	}
	for i, h := range res.Hits {
		p.Hits = append(p.Hits, hitView{Hit: h, N: (f.Page-1)*pageSize + i + 1, Pieces: pieces(h.Text, h.Matches), URL: obligationURL(h.Doc, h.ID),
			Facts: facts{Lead: h.Lead, Support: h.Support, Responsible: h.Responsible,
				Frequency: strings.Join(h.Frequency, "；"), Deadline: strings.Join(h.Deadline, "；")}})
	}
	p.Facets = facetViews(f, facets)
	p.Active = activeFilters(f)
	p.Pager = newPager(f, res.Total)
	title := "检索"
	if f.Q != "" {
		title = f.Q + " - 检索"
	}
	s.render(w, r, http.StatusOK, "search", title, "search", p)
}

// facetViews turns the index's facets into links: a level, lead unit,
// period or sector of the hits narrows the search to it.
func facetViews(f searchForm, fs []index.Facet) []facetView {
	var out []facetView
	for _, fc := range fs {
		var v facetView
		for _, t := range fc.Terms {
			ft := facetTerm{Label: t.Term, Count: t.Count}
			switch fc.Field {
			case index.FieldLevel:
				ft.Label, ft.Active = levelName(t.Term), f.Level == t.Term
				ft.URL = f.With("level", toggle(ft.Active, t.Term))
			case index.FieldLead:
				ft.Active = f.Unit == t.Term && f.Role == string(org.Lead)
				ft.URL = f.With("unit", toggle(ft.Active, t.Term), "role", toggle(ft.Active, string(org.Lead)))
			case index.FieldPeriod:
				ft.Label, ft.Active = periodName(t.Term), f.Period == t.Term
				ft.URL = f.With("period", toggle(ft.Active, t.Term))
			case index.FieldSector:
				ft.Active = f.Sector == t.Term
				ft.URL = f.With("sector", toggle(ft.Active, t.Term))
			default:
				continue
			}
			v.Terms = append(v.Terms, ft)
		}
		if len(v.Terms) == 0 {
			continue
		}
		switch fc.Field {
		case index.FieldLevel:
			v.Label = "发文层级"
		case index.FieldLead:
			v.Label = "牵头单位"
		case index.FieldPeriod:
			v.Label = "工作频次"
		case index.FieldSector:
			v.Label = "行业领域"
		}
		out = append(out, v)
	}
	return out
}

// toggle is the value a facet link sets: the term, or nothing when the
// term is chosen already, so that a second click undoes the first.
func toggle(active bool, term string) string {
	if active {
		return ""
	}
	return term
}

func activeFilters(f searchForm) []activeFilter {
	var out []activeFilter
	add := func(label, value string, keys ...string) {
		if value == "" {
			return
		}
		kv := make([]string, 0, 2*len(keys))
		for _, k := range keys {
			kv = append(kv, k, "")
		}
		out = append(out, activeFilter{Label: label, Value: value, Remove: f.With(kv...)})
	}
	add("层级", levelName(f.Level), "level")
	add("发文单位", f.Issuer, "issuer")
	add("行政区划", f.Region, "region")
	unit := f.Unit
	if unit != "" && f.Role != "" {
		unit += "（" + label(searchRoles, f.Role) + "）"
	}
	add("责任单位", unit, "unit", "role")
	add("频次", periodName(f.Period), "period")
	add("行业领域", f.Sector, "sector")
	add("约束力", modalityName(f.Modality), "modality")
	add("截止日期不晚于", f.Due, "due")
	if f.Year != 0 {
		add("年度", strconv.Itoa(f.Year), "year")
	}
	return out
}

// newPager returns the page links of a result of total hits: the first
// and last pages, and two on either side of the current one.
func newPager(f searchForm, total uint64) pager {
	last := int((total + pageSize - 1) / pageSize)
	last = min(max(last, 1), maxPage)
	p := pager{Page: f.Page, Last: last}
	if f.Page > 1 {
		p.Prev = f.PageURL(f.Page - 1)
	}
	if f.Page < last {
		p.Next = f.PageURL(f.Page + 1)
	}
	if last == 1 {
		return p
	}
	prev := 0
	for n := 1; n <= last; n++ {
		if n != 1 && n != last && (n < f.Page-2 || n > f.Page+2) {
			continue
		}
		p.Links = append(p.Links, pageLink{N: n, URL: f.PageURL(n), Current: n == f.Page, Gap: prev != 0 && n > prev+1})
		prev = n
	}
	return p
}

// searchExport answers /search.xlsx and /search.csv: the task breakdown
// table of the search's hits, up to exportLimit, in their order.
func (s *Server) searchExport(w http.ResponseWriter, r *http.Request) {
	f, err := parseSearch(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := f.query()
	q.Limit, q.Offset = exportLimit, 0
	tab, err := s.core.Table(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name := "检索结果"
	if f.Q != "" {
		name += "-" + fileSafe(f.Q)
	}
	format := strings.TrimPrefix(r.URL.Path, "/search.")
	s.sendTable(w, r, tab, name, format)
}

// sendTable sends a task breakdown table as a download, xlsx or csv.
func (s *Server) sendTable(w http.ResponseWriter, r *http.Request, tab *report.Table, name, format string) {
	switch format {
	case "xlsx":
		s.download(w, r, name+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", tab.WriteXLSX)
	case "csv":
		s.download(w, r, name+".csv", "text/csv; charset=utf-8", tab.WriteCSV)
	default:
		s.fail(w, r, badInput(http.StatusNotFound, "不支持导出为 %q：可选 xlsx、csv", format))
	}
}

// fileSafe makes s fit in a file name: letters, digits and Han characters
// kept, the rest joined by -, at most 40 characters.
func fileSafe(s string) string {
	var b strings.Builder
	n, dash := 0, false
	for _, r := range s {
		if n >= 40 {
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			n++
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}
