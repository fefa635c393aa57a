package report

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/org"
)

// ByLead returns the duty list of each lead unit of doc's obligations: the
// units called lead, or the responsible ones where an obligation calls none
// lead (as the 牵头单位 column of the task breakdown table). Names of one
// body (市应急局, 市应急管理局) make one list, named by the body's standard
// name in its place; r may be nil, and then names are taken as written.
// Lists come with the most duties first, then by name.
func ByLead(r *org.Resolver, doc *corpus.Document, obs []corpus.Obligation) []*DutyList {
	type unit struct {
		name   string
		duties []Duty
	}
	byKey := map[string]*unit{}
	var order []*unit
	for i := range obs {
		o := &obs[i]
		names, role := o.Lead, org.Lead
		if len(names) == 0 {
			names, role = o.Responsible, org.Responsible
		}
		seen := map[string]bool{}
		for _, n := range names {
			key, name := n, n
			if r != nil {
				b := r.Resolve(n, doc)
				key, name = b.Key(), b.String()
			}
			if seen[key] {
				continue
			}
			seen[key] = true
			u := byKey[key]
			if u == nil {
				u = &unit{name: name}
				byKey[key] = u
				order = append(order, u)
			}
			u.duties = append(u.duties, Duty{Doc: doc, Obligation: o, Role: role, As: n})
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		if a, b := len(order[i].duties), len(order[j].duties); a != b {
			return a > b
		}
		return order[i].name < order[j].name
	})
	out := make([]*DutyList, len(order))
	for i, u := range order {
		out[i] = NewDutyList(u.name, u.duties)
	}
	return out
}

// WriteXLSX writes the report's workbook: the task breakdown table on its
// sheet (SheetName), then a sheet per lead unit of the document (ByLead)
// with that unit's duties grouped by when they fall due, named by the unit
// (cut to Excel's 31 characters, made unique).
func (r *Report) WriteXLSX(w io.Writer) error {
	tab := r.Table
	if tab == nil {
		tab = NewTable(r.Document, r.Obligations)
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := tab.fillXLSX(f); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	if r.Document != nil {
		// Without the resolver's data (a broken build), units are listed
		// by their names as written rather than not at all.
		res, _ := org.Standard()
		used := map[string]bool{SheetName: true}
		for _, l := range ByLead(res, r.Document, r.Obligations) {
			name := sheetName(l.Unit, used)
			if _, err := f.NewSheet(name); err != nil {
				return fmt.Errorf("write xlsx: sheet %s: %w", name, err)
			}
			if err := l.fillSheet(f, name); err != nil {
				return fmt.Errorf("write xlsx: sheet %s: %w", name, err)
			}
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

// sheetName makes a worksheet name of s that Excel accepts — at most 31
// characters, none of :\/?*[] — and that is not in used (a number is added),
// and records it there.
func sheetName(s string, used map[string]bool) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, s)
	s = strings.Trim(s, "'")
	if s == "" {
		s = "单位"
	}
	cut := func(s string, n int) string {
		for utf8.RuneCountInString(s) > n {
			_, w := utf8.DecodeLastRuneInString(s)
			s = s[:len(s)-w]
		}
		return s
	}
	name := cut(s, 31)
	for i := 2; used[strings.ToLower(name)]; i++ {
		suffix := "(" + strconv.Itoa(i) + ")"
		name = cut(s, 31-len(suffix)) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}
