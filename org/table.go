package org

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"github.com/dutymap/dutymap/corpus"
)

//go:embed bodies.tsv
var bodiesTSV string

// entry is one body of the table: its standard name, the levels of place
// that have it (nil: every level) and the standard names of the bodies it
// also stands for.
type entry struct {
	name   string
	levels []corpus.Level
	also   []string
}

// allows reports whether a place of level l can have the body.
func (e *entry) allows(l corpus.Level) bool {
	if e == nil || e.levels == nil {
		return true
	}
	for _, x := range e.levels {
		if x == l {
			return true
		}
	}
	return false
}

// table maps every standard name and short form to its entry.
type table struct {
	byForm map[string]*entry
	forms  []string // every key of byForm, longest first, for prefix matching
}

// parseTable reads the body table: one body a line, name, levels, forms
// and the bodies it also stands for, tab-separated.
func parseTable(src string) (*table, error) {
	t := &table{byForm: map[string]*entry{}}
	byName := map[string]*entry{}
	var pending []*entry
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f) > 4 || f[0] == "" {
			return nil, fmt.Errorf("org: bodies.tsv line %d: want name, levels, forms and also, tab-separated", n+1)
		}
		e := &entry{name: f[0]}
		if f[1] != "*" {
			for _, l := range strings.Split(f[1], ",") {
				lv := corpus.Level(l)
				if lv.Rank() == 0 {
					return nil, fmt.Errorf("org: bodies.tsv line %d: unknown level %q", n+1, l)
				}
				e.levels = append(e.levels, lv)
			}
		}
		if byName[e.name] != nil {
			return nil, fmt.Errorf("org: bodies.tsv line %d: %s listed twice", n+1, e.name)
		}
		byName[e.name] = e
		forms := []string{e.name}
		if len(f) > 2 && f[2] != "" {
			forms = append(forms, strings.Split(f[2], "、")...)
		}
		for _, form := range forms {
			if old := t.byForm[form]; old != nil {
				return nil, fmt.Errorf("org: bodies.tsv line %d: %s is a form of %s already", n+1, form, old.name)
			}
			t.byForm[form] = e
		}
		if len(f) > 3 && f[3] != "" {
			e.also = strings.Split(f[3], "、")
			pending = append(pending, e)
		}
	}
	for _, e := range pending {
		for _, a := range e.also {
			if byName[a] == nil {
				return nil, fmt.Errorf("org: bodies.tsv: %s also stands for %s, which is not listed", e.name, a)
			}
		}
	}
	for form := range t.byForm {
		t.forms = append(t.forms, form)
	}
	sort.Slice(t.forms, func(i, j int) bool {
		if len(t.forms[i]) != len(t.forms[j]) {
			return len(t.forms[i]) > len(t.forms[j])
		}
		return t.forms[i] < t.forms[j]
	})
	return t, nil
}

// lookup returns the standard name of s and its entry: s itself when it
// is a name or form of the table; else the longest form that opens s,
// standardised, followed by the rest (发改委能源局 → 发展和改革委员会能源局),
// a unit of that body found at the same levels; else s unchanged and no
// entry.
func (t *table) lookup(s string) (string, *entry) {
	if e := t.byForm[s]; e != nil {
		return e.name, e
	}
	for _, form := range t.forms {
		// X部门 is a kind of department (宣传部门), not a unit of 宣传部.
		if len(form) < len(s) && strings.HasPrefix(s, form) && !strings.HasPrefix(s[len(form):], "门") {
			e := t.byForm[form]
			name := e.name + s[len(form):]
			return name, &entry{name: name, levels: e.levels}
		}
	}
	return s, nil
}

// knows reports whether s is, or opens with, a name or form of the table.
func (t *table) knows(s string) bool {
	_, e := t.lookup(s)
	return e != nil
}
