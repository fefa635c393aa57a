package org

import (
	"strings"

	"github.com/dutymap/dutymap/corpus"
)

// Pattern is a unit name as a user asks for it, read without a document:
// 朔州市应急管理局 (that body), 市应急局 (the 应急管理局 of every 市),
// 应急管理局 (that body at every level).
type Pattern struct {
	// Body is the name read as a body: the Name it stands for, and the place
	// or administrative word it names, if any.
	Body Body
	// Places are the places a name written with a place name may mean
	// (官桥镇 is in five provinces), each with its parents, lowest first.
	Places [][]corpus.Place
}

// Pattern reads a unit name as a user asks for it. A place name in it is
// looked up in the gazetteer; every division of that name counts. An empty
// name gives the zero Pattern, which matches nothing.
func (r *Resolver) Pattern(name string) Pattern {
	if clean(name) == "" {
		return Pattern{}
	}
	sh := r.shape(name, nil, true)
	p := Pattern{Body: r.resolve(sh, nil)}
	if sh.place == nil || r.gaz == nil {
		return p
	}
	for _, d := range r.gaz.Lookup(sh.place.Name) {
		if !strings.HasPrefix(d.Code, sh.within) {
			continue
		}
		var chain []corpus.Place
		for _, c := range r.gaz.Chain(d) {
			chain = append(chain, c.Place())
		}
		p.Places = append(p.Places, chain)
	}
	if len(p.Places) == 0 {
		p.Places = [][]corpus.Place{{*sh.place}}
	}
	return p
}

// Terms returns the keys (see Body.Keys) of which a body must have one to
// match the pattern. level, if known, narrows a pattern without a place to
// bodies of places of that level; it does not narrow one with a place. A
// pattern with a place also matches the plurals that cover it
// (各乡镇(街道) in its county's plan covers 积翠镇).
func (p Pattern) Terms(level corpus.Level) []string {
	b := p.Body
	if b.Name == "" {
		return nil
	}
	switch {
	case len(p.Places) > 0:
		var out []string
		for _, chain := range p.Places {
			own := chain[0]
			out = append(out, placeKey(own.Code, b.Name))
			for _, up := range chain[1:] {
				out = append(out, "under:"+up.Code+"/"+levelKey(own.Level, b.Name))
			}
		}
		return out
	case b.Suffix != "":
		return []string{levelKey(level, suffixKey(b.Suffix, b.Name))}
	}
	return []string{levelKey(level, b.Name)}
}

// Matches reports whether body b matches the pattern (with Terms(level)).
func (p Pattern) Matches(b Body, level corpus.Level) bool {
	terms := p.Terms(level)
	for _, k := range b.Keys() {
		for _, t := range terms {
			if k == t {
				return true
			}
		}
	}
	return false
}

// Role is the part a body takes in an obligation.
type Role string

// The roles of an obligation's units: 牵头 (lead), 配合/协同 (support), and
// responsible without that distinction.
const (
	Lead        Role = "lead"
	Support     Role = "support"
	Responsible Role = "responsible"
)

// RoleOf returns the role that a body matching p takes in obligation o of
// document d, with the unit's name as written: lead before support before
// responsible when it is named in several; "" when no unit of o matches.
// level narrows p as in Terms.
func (r *Resolver) RoleOf(p Pattern, level corpus.Level, d *corpus.Document, o *corpus.Obligation) (Role, string) {
	for _, g := range []struct {
		role  Role
		names []string
	}{{Lead, o.Lead}, {Support, o.Support}, {Responsible, o.Responsible}} {
		for _, n := range g.names {
			if p.Matches(r.Resolve(n, d), level) {
				return g.role, n
			}
		}
	}
	return "", ""
}
