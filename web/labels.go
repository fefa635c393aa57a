package web

import (
	"strings"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/org"
	"github.com/dutymap/dutymap/report"
)

// choice is one value of a closed set that a filter offers, with its label.
type choice struct {
	Value, Label string
}

// The closed sets of the filters, in the order a select lists them. A
// value outside them is a bad query (400), as the CLI refuses it.
var (
	levels = []choice{
		{string(corpus.LevelNational), "国家"}, {string(corpus.LevelProvince), "省级"},
		{string(corpus.LevelCity), "市级"}, {string(corpus.LevelCounty), "县级"},
		{string(corpus.LevelTown), "乡镇（街道）"},
	}
	periods = []choice{
		{string(corpus.PeriodDay), "每日"}, {string(corpus.PeriodWeek), "每周"},
		{string(corpus.PeriodMonth), "每月"}, {string(corpus.PeriodQuarter), "每季度"},
		{string(corpus.PeriodHalfYear), "每半年"}, {string(corpus.PeriodYear), "每年"},
	}
	modalities = []choice{
		{string(corpus.Must), "必须（要）"}, {string(corpus.MustNot), "禁止（不得）"},
		{string(corpus.Should), "应当"}, {string(corpus.May), "可以"},
	}
	// searchRoles are the roles a search can ask a unit to have: the index
	// knows lead and supporting units apart from the rest.
	searchRoles = []choice{{"", "任意职责"}, {string(org.Lead), "牵头"}, {string(org.Support), "配合"}}
	// dutyRoles are the roles of a unit's duty list.
	dutyRoles = []choice{
		{"", "任意职责"}, {string(org.Lead), "牵头"}, {string(org.Support), "配合"}, {string(org.Responsible), "负责"},
	}
)

// label returns the label of value in set, or value itself when the set
// lacks it (a value a newer core hands out).
func label(set []choice, value string) string {
	for _, c := range set {
		if c.Value == value {
			return c.Label
		}
	}
	return value
}

// valid reports whether value is "" or one of set.
func valid(set []choice, value string) bool {
	if value == "" {
		return true
	}
	for _, c := range set {
		if c.Value == value && c.Value != "" {
			return true
		}
	}
	return false
}

func levelName(l string) string    { return label(levels, l) }
func periodName(p string) string   { return label(periods, p) }
func modalityName(m string) string { return label(modalities, m) }
func roleName(r string) string     { return label(dutyRoles, r) }

// kindName is the Chinese label of a change kind or a verdict, the one
// report.KindLabel gives the report files too.
func kindName(k string) string { return report.KindLabel(k) }

// placeChain writes a document's place from the top down: 山西省 › 吕梁市 ›
// 交城县 › 水峪贯镇; "" when the place is unknown.
func placeChain(d *corpus.Document) string {
	var names []string
	for i := len(d.Region) - 1; i >= 0; i-- {
		names = append(names, d.Region[i].Name)
	}
	if len(names) == 0 && d.Place != nil {
		names = append(names, d.Place.Name)
	}
	return strings.Join(names, " › ")
}

// docName is what the pages call a document: its title, else its file.
func docName(d *corpus.Document) string {
	if d == nil {
		return ""
	}
	if t := strings.TrimSpace(d.Title); t != "" {
		return t
	}
	if d.Source != "" {
		return d.Source
	}
	return d.ID
}
