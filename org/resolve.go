package org

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/ingest/gazetteer"
)

// Resolver resolves body names against the table of standard names and
// the gazetteer. It is immutable and safe for concurrent use.
type Resolver struct {
	tab *table
	gaz *gazetteer.Gazetteer // nil: places are known from documents' chains only
}

// New returns a Resolver over the embedded table of standard names. g
// finds place names written in a body's name (大同市应急局 in a 朔州
// document); it may be nil, and then only the places of the document's own
// chain are recognised. The error reports a malformed table.
func New(g *gazetteer.Gazetteer) (*Resolver, error) {
	t, err := parseTable(bodiesTSV)
	if err != nil {
		return nil, err
	}
	return &Resolver{tab: t, gaz: g}, nil
}

// standard is the Resolver over the embedded table and gazetteer, built
// on first use and immutable after.
var standard = sync.OnceValues(func() (*Resolver, error) {
	g, err := gazetteer.Load()
	if err != nil {
		return nil, err
	}
	return New(g)
})

// Standard returns the process's Resolver over the embedded table and the
// embedded gazetteer, built on the first call (about 50 ms). The error is
// that of loading either, and the same on every call.
func Standard() (*Resolver, error) { return standard() }

// Body is a government body in its place: what a unit name resolves to.
type Body struct {
	// Name is the body's standard name without its place: 应急管理局,
	// 委宣传部 (of 县委宣传部), 人民政府 (of a place named alone).
	Name string `json:"name"`
	// Also are the standard names of the bodies this one also stands for
	// (a merged department, or one named differently elsewhere).
	Also []string `json:"also,omitempty"`
	// Place is the body's place; its Code and Name are empty when the
	// document leaves the place out (市安全生产委员会, xx市).
	Place corpus.Place `json:"place"`
	// Suffix is the administrative word of the place (市, 县, 区, 镇 …);
	// "" when unknown.
	Suffix string `json:"suffix,omitempty"`
	// Plural is set for a name that stands for every body of the kind in
	// the places Collective names (各县(市、区)应急管理局, 各乡镇(街道)) or,
	// without Collective, in the document's own place (各有关部门).
	Plural     bool   `json:"plural,omitempty"`
	Collective string `json:"collective,omitempty"`
	// Anonymous is set when the document left the place's name out (xx市).
	Anonymous bool `json:"anonymous,omitempty"`
}

// String returns the body's name as a reader wants it: the place's name
// and the standard name (朔州市应急管理局, 阆中市委宣传部), or the
// administrative word where the place is left out (市应急管理局).
func (b Body) String() string {
	name := b.Name
	if b.Plural {
		if b.Collective != "" && name == government {
			name = ""
		}
		return "各" + b.Collective + name
	}
	switch {
	case b.Place.Name != "":
		return b.Place.Name + name
	case b.Anonymous:
		return "xx" + b.Suffix + name
	}
	return b.Suffix + name
}

// government is the body a place's name stands for when written alone.
const government = "人民政府"

// Key returns the body's canonical key: the same for every form of its
// name within its place (市应急局 and 应急管理局 in a 朔州市 document and
// 朔州市应急管理局 anywhere give place:1406/应急管理局). A body whose place
// the document leaves out is keyed by level and suffix only.
func (b Body) Key() string {
	switch {
	case b.Plural && b.Collective != "":
		if b.Place.Code != "" {
			return "under:" + b.Place.Code + "/" + levelKey(b.Level(), b.Name)
		}
		return levelKey(b.Level(), b.Name)
	case b.Place.Code != "":
		return placeKey(b.Place.Code, b.Name)
	case b.Suffix != "":
		return levelKey(b.Place.Level, suffixKey(b.Suffix, b.Name))
	}
	return levelKey(b.Place.Level, b.Name)
}

// Level returns the level of the body's place; for a plural, the level of
// the places it covers (county for 各县(市、区)应急管理局).
func (b Body) Level() corpus.Level {
	if b.Plural && b.Collective != "" {
		return collectiveLevel(b.Collective)
	}
	return b.Place.Level
}

// Keys returns every key a search for the body may ask for: its standard
// name (and those it also stands for) alone, with the level of its place,
// with its administrative word, with both, and with its place's code; a
// plural gives its name alone, with its level, and under the place that
// holds the places it covers.
func (b Body) Keys() []string {
	var keys []string
	lv := b.Level()
	for _, n := range append([]string{b.Name}, b.Also...) {
		keys = append(keys, n)
		if lv != corpus.LevelUnknown {
			keys = append(keys, levelKey(lv, n))
		}
		if b.Plural && b.Collective != "" {
			if b.Place.Code != "" {
				keys = append(keys, "under:"+b.Place.Code+"/"+levelKey(lv, n))
			}
			continue
		}
		if b.Suffix != "" {
			keys = append(keys, suffixKey(b.Suffix, n))
			if lv != corpus.LevelUnknown {
				keys = append(keys, levelKey(lv, suffixKey(b.Suffix, n)))
			}
		}
		if b.Place.Code != "" {
			keys = append(keys, placeKey(b.Place.Code, n))
		}
	}
	return keys
}

func levelKey(l corpus.Level, rest string) string {
	if l == corpus.LevelUnknown {
		return rest
	}
	return "level:" + string(l) + "/" + rest
}

func suffixKey(suffix, name string) string { return "suffix:" + suffix + "/" + name }
func placeKey(code, name string) string    { return "place:" + code + "/" + name }

// place is a place of a document's chain with its administrative word. The
// chain of a document whose place is left out starts with a place known
// by level and word only.
type place struct {
	corpus.Place
	suffix string
}

// chainOf returns the document's place and its parents, lowest first.
func (r *Resolver) chainOf(d *corpus.Document) []place {
	if d == nil {
		return nil
	}
	var out []place
	if d.Place != nil {
		out = append(out, place{*d.Place, suffixOf(d.Place.Name)})
	} else if d.Level != corpus.LevelUnknown {
		// The issuer names its place's kind even when the name is left out
		// (市安全生产委员会, **镇).
		sh := r.shape(d.Issuer, nil, false)
		out = append(out, place{corpus.Place{Level: d.Level}, sh.suffix})
	}
	for _, p := range d.Region {
		if len(out) > 0 && p.Code != "" && p.Code == out[0].Code {
			continue
		}
		out = append(out, place{p, suffixOf(p.Name)})
	}
	return out
}

// shape is what a written name says of itself: whether it is a plural,
// the place it names or the administrative word it opens with, and the
// body's name as written.
type shape struct {
	plural     bool
	collective string
	anonymous  bool
	place      *corpus.Place // a place named in full, found in the chain or the gazetteer
	within     string        // code of the place named before it, if any (南安市 of 福建省南安市官桥镇)
	suffix     string
	body       string
}

// shape parses a name as written; chain, lowest first, holds the places
// whose names it recognises before the gazetteer's. A query (a name a user
// typed) may name any place of the gazetteer; a document's name may name a
// town only of the document's own province.
func (r *Resolver) shape(name string, chain []place, query bool) shape {
	s := clean(name)
	var sh shape
	if r.tab.byForm[s] != nil {
		sh.body = s
		return sh
	}
	if rest, ok := strings.CutPrefix(s, "各"); ok {
		sh.plural = true
		if c, after := collective(rest, 1); c != "" {
			sh.collective, rest = c, strings.TrimPrefix(after, "级") // 各县级部门
		} else if after, ok := strings.CutPrefix(rest, "级"); ok {
			sh.collective, rest = "级", after // 各级: at every level
		}
		sh.body = rest
		return sh
	}
	if c, rest := collective(s, 2); c != "" {
		sh.plural, sh.collective, sh.body = true, c, rest // 乡镇(街道)落实: every town
		return sh
	}
	// 团市委, 团县委: the Youth League committee of that place.
	if mid, ok := strings.CutPrefix(s, "团"); ok && strings.HasSuffix(mid, "委") && len(mid) > len("委") {
		s = strings.TrimSuffix(mid, "委") + "团委"
	}
	if n := anonPrefix(s); n > 0 {
		sh.anonymous = true
		sh.suffix, sh.body = leadingSuffix(s[n:], r.tab.knows)
		return sh
	}
	if p, parent, n := r.placePrefix(s, chain, query); p != nil {
		sh.place = p
		if parent != nil {
			sh.within = parent.Code
		}
		sh.suffix = suffixOf(p.Name)
		sh.body = strings.TrimPrefix(s[n:], "级")
		return sh
	}
	sh.suffix, sh.body = leadingSuffix(s, r.tab.knows)
	return sh
}

// placePrefix finds the place names that open s, each inside the one before
// (山西省朔州市…), and returns the lowest, the one named before it (nil if
// none) and the length of the names in bytes; nil if s opens with none. A
// name of the chain wins; else the gazetteer's division of that name
// nearest the chain.
func (r *Resolver) placePrefix(s string, chain []place, query bool) (found, parent *corpus.Place, at int) {
	for at < len(s) {
		p, n := r.onePlace(s[at:], chain, found, query)
		if p == nil {
			break
		}
		parent, found, at = found, p, at+n
	}
	return found, parent, at
}

func (r *Resolver) onePlace(s string, chain []place, above *corpus.Place, query bool) (*corpus.Place, int) {
	best, bestLen := (*corpus.Place)(nil), 0
	for i := range chain {
		if n := chain[i].Name; n != "" && len(n) > bestLen && strings.HasPrefix(s, n) {
			p := chain[i].Place
			best, bestLen = &p, len(n)
		}
	}
	if best != nil || r.gaz == nil {
		return best, bestLen
	}
	// The longest gazetteer name of two characters or more that opens s.
	var ends []int
	for i, n := 0, 0; i < len(s) && n < r.gaz.MaxNameLen(); n++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
		if n >= 1 {
			ends = append(ends, i)
		}
	}
	province := ""
	for _, p := range chain {
		if len(p.Code) >= 2 {
			province = p.Code[:2]
		}
	}
	for k := len(ends) - 1; k >= 0; k-- {
		name := s[:ends[k]]
		if !r.gaz.EndsName(name[prevRune(name, 2):]) {
			continue
		}
		var divs []*gazetteer.Division
		for _, d := range r.gaz.Lookup(name) {
			// Town names repeat across the country (城关镇, 高新区): a
			// document's town is one of its own province's.
			if d.Level == corpus.LevelTown && !query && (province == "" || !strings.HasPrefix(d.Code, province)) {
				continue
			}
			divs = append(divs, d)
		}
		if len(divs) == 0 {
			continue
		}
		p := nearest(divs, chain, above).Place()
		return &p, len(name)
	}
	return nil, 0
}

// prevRune returns the byte offset of the n-th rune from the end of s.
func prevRune(s string, n int) int {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, w := utf8.DecodeLastRuneInString(s[:i])
		i -= w
	}
	return i
}

// nearest picks among same-named divisions the one inside the place named
// before it, else the one sharing the longest code prefix with the chain.
func nearest(divs []*gazetteer.Division, chain []place, above *corpus.Place) *gazetteer.Division {
	best, score := divs[0], -1
	for _, d := range divs {
		s := 0
		if above != nil && strings.HasPrefix(d.Code, above.Code) {
			s = 100
		}
		for _, p := range chain {
			s = max(s, commonPrefix(d.Code, p.Code))
		}
		if s > score {
			best, score = d, s
		}
	}
	return best
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// Resolve returns the body that name, as written in document d, stands
// for. d gives the place chain (Place, Region) and, where the place is left
// out, the level; it may be nil for a name read on its own. Resolve never
// fails: a name the table does not know keeps its own wording as Name.
func (r *Resolver) Resolve(name string, d *corpus.Document) Body {
	chain := r.chainOf(d)
	return r.resolve(r.shape(name, chain, false), chain)
}

func (r *Resolver) resolve(sh shape, chain []place) Body {
	bodyName := stripNote(sh.body)
	if bodyName == "" {
		bodyName = government
	}
	std, e := r.tab.lookup(bodyName)
	b := Body{Name: std, Suffix: sh.suffix, Plural: sh.plural, Collective: sh.collective, Anonymous: sh.anonymous}
	if e != nil {
		b.Also = e.also
	}
	switch {
	case sh.plural && sh.collective != "":
		// Every body of the kind in the places under the document's own.
		if len(chain) > 0 {
			b.Place = chain[0].Place
		}
	case sh.plural:
		if len(chain) > 0 {
			b.Place, b.Suffix = chain[0].Place, chain[0].suffix
		}
	case sh.place != nil:
		b.Place = *sh.place
	case sh.anonymous:
		b.Place.Level = firstAllowed(suffixLevels(sh.suffix), e)
	case sh.suffix != "":
		p := bySuffix(chain, sh.suffix, e)
		b.Place = p.Place
	default:
		p := bare(chain, e)
		b.Place, b.Suffix = p.Place, p.suffix
	}
	return b
}

// bySuffix returns the place a name opening with an administrative word
// means: the lowest place of the chain with that word whose level has such
// a body (市消防救援支队 in a county-level city's plan is its prefecture's),
// else a place known by that word's level only.
func bySuffix(chain []place, suffix string, e *entry) place {
	for _, p := range chain {
		if p.suffix == suffix && e.allows(p.Level) {
			return p
		}
	}
	return place{corpus.Place{Level: firstAllowed(suffixLevels(suffix), e)}, suffix}
}

// bare returns the place of a name that names none: the document's own,
// or the nearest place above it that has such a body (a town plan's 公安局
// is its county's), else a place known by the level only.
func bare(chain []place, e *entry) place {
	for _, p := range chain {
		if e.allows(p.Level) {
			return p
		}
	}
	if len(chain) == 0 || e == nil {
		return place{}
	}
	own := chain[0].Level.Rank()
	best, dist := corpus.LevelUnknown, 0
	for _, l := range e.levels {
		d := l.Rank() - own
		if d < 0 {
			d = -d*10 + 1 // below the document: only when nothing above has it
		}
		if best == corpus.LevelUnknown || d < dist {
			best, dist = l, d
		}
	}
	return place{corpus.Place{Level: best}, ""}
}

// suffixLevels returns the levels a place with the administrative word can
// have, most usual first: a 市 is a prefecture or a county-level city.
func suffixLevels(suffix string) []corpus.Level {
	switch suffix {
	case "省", "自治区":
		return []corpus.Level{corpus.LevelProvince}
	case "市":
		return []corpus.Level{corpus.LevelCity, corpus.LevelCounty}
	case "州", "盟", "地区":
		return []corpus.Level{corpus.LevelCity}
	case "县", "区", "旗":
		return []corpus.Level{corpus.LevelCounty}
	case "镇", "乡", "街道", "苏木":
		return []corpus.Level{corpus.LevelTown}
	}
	return nil
}

// collectiveLevel returns the level of the places a collective names: that
// of its first word (县(市、区) → county, 乡镇(街道) → town); unknown for 级.
func collectiveLevel(c string) corpus.Level {
	suf, _ := leadingSuffix(c, nil)
	if l := suffixLevels(suf); len(l) > 0 {
		return l[0]
	}
	return corpus.LevelUnknown
}

// firstAllowed returns the first of levels that e allows, else the first.
func firstAllowed(levels []corpus.Level, e *entry) corpus.Level {
	for _, l := range levels {
		if e.allows(l) {
			return l
		}
	}
	if len(levels) > 0 {
		return levels[0]
	}
	return corpus.LevelUnknown
}
