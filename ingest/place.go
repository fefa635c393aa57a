package ingest

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/ingest/gazetteer"
)

// divisions is the embedded gazetteer, loaded on first use (~30 ms) and
// immutable after.
var divisions = sync.OnceValues(gazetteer.Load)

// reSuffix finds the first administrative suffix of an issuer, with the
// (possibly anonymised) name before it.
var reSuffix = regexp.MustCompile(`^(.{0,12}?)(特别行政区|自治区|自治州|自治县|自治旗|街道|苏木|地区|省|市|州|盟|县|区|旗|镇|乡)`)

var reNational = regexp.MustCompile(`^(?:国务院|中共中央|全国|国家|应急管理部|中华人民共和国)`)

// anonymous holds the characters that stand for a name left out (**镇, xx市).
const anonymous = "*＊xX×○某"

// suffixLevel gives the level an administrative suffix implies: 镇/乡/街道/
// 苏木 town; 县/区/旗 county; 市/州/盟/地区 city (a county-level 市 needs the
// gazetteer); 省/自治区 province.
func suffixLevel(s string) corpus.Level {
	switch s {
	case "镇", "乡", "街道", "苏木":
		return corpus.LevelTown
	case "县", "区", "旗", "自治县", "自治旗":
		return corpus.LevelCounty
	case "市", "州", "盟", "地区", "自治州":
		return corpus.LevelCity
	case "省", "自治区", "特别行政区":
		return corpus.LevelProvince
	}
	return corpus.LevelUnknown
}

// Cues that a 市 whose name is left out is county-level: it addresses towns
// and streets (镇(街)) and county brigades (大队) directly, where a
// prefecture city addresses its counties (县(市、区)) and detachments (支队).
var (
	countyCues = []string{"镇(街", "镇（街", "各镇", "大队"}
	cityCues   = []string{"县(市、区)", "县（市、区）", "县市区", "各县", "区县", "支队"}
)

func countAll(s string, subs []string) int {
	n := 0
	for _, sub := range subs {
		n += strings.Count(s, sub)
	}
	return n
}

// mentionScan caps how much of a body is scanned for place names.
const mentionScan = 256 << 10

// locate sets the document's level, place and region. The issuer's name is
// matched against the gazetteer (山西省朔州市 → a chain; a name shared by
// several places is settled by the names of its parents in the text). An
// issuer whose place is left out keeps the level its suffix gives (**镇 →
// town); for a 市 that level is ambiguous, so the body decides: a county-
// or city-level 市 named most often in the body (towns named vote for their
// county), else cues of a county-level administration.
func locate(d *corpus.Document) {
	iss := d.Issuer
	if iss == "" {
		return
	}
	if reNational.MatchString(iss) {
		d.Level = corpus.LevelNational
		return
	}
	g, err := divisions()
	if err != nil {
		g = nil // the embedded data is tested; fall back to suffixes
	}
	if g != nil {
		if p, level := matchIssuer(g, iss, d.Text); level != corpus.LevelUnknown {
			d.Level = level
			setPlace(g, d, p)
			return
		}
	}
	m := reSuffix.FindStringSubmatch(iss)
	if m == nil {
		return
	}
	d.Level = suffixLevel(m[2])
	if m[2] != "市" || strings.Trim(m[1], anonymous) != "" {
		return
	}
	body := d.Text[d.Body.Start:d.Body.End]
	if len(body) > mentionScan {
		body = body[:mentionScan]
	}
	if g != nil {
		if p := inferCity(g, body); p != nil {
			d.Level = p.Level
			setPlace(g, d, p)
			return
		}
	}
	county := countAll(body, countyCues)
	city := countAll(body, cityCues)
	if county >= 2 && county > city {
		d.Level = corpus.LevelCounty
	}
}

func setPlace(g *gazetteer.Gazetteer, d *corpus.Document, p *gazetteer.Division) {
	if p == nil {
		return
	}
	pl := p.Place()
	d.Place = &pl
	for _, c := range g.Chain(p) {
		d.Region = append(d.Region, c.Place())
	}
}

// matchIssuer reads the gazetteer names that open the issuer, each inside
// the one before (山西省朔州市人民政府), and returns the lowest with its level.
// When that name is shared by several places, the one whose parents the
// text names wins; if none does, only the level is known (when they agree).
func matchIssuer(g *gazetteer.Gazetteer, iss, text string) (*gazetteer.Division, corpus.Level) {
	var cands []*gazetteer.Division
	for i := 0; i < len(iss); {
		found := false
		// Longest name first.
		ends := runeEnds(iss[i:], g.MaxNameLen())
		for k := len(ends) - 1; k >= 1; k-- { // at least 2 runes
			next := within(g.Lookup(iss[i:i+ends[k]]), cands)
			if len(next) > 0 {
				cands = next
				i += ends[k]
				found = true
				break
			}
		}
		if !found {
			break
		}
	}
	if len(cands) == 0 {
		return nil, corpus.LevelUnknown
	}
	if len(cands) == 1 {
		return cands[0], cands[0].Level
	}
	var best *gazetteer.Division
	bestScore, tie := 0, false
	for _, c := range cands {
		score := 0
		for _, a := range g.Chain(c)[1:] {
			if strings.Contains(text, a.Name) {
				score++
			}
		}
		switch {
		case score > bestScore:
			best, bestScore, tie = c, score, false
		case score == bestScore:
			tie = true
		}
	}
	if best != nil && !tie {
		return best, best.Level
	}
	level := cands[0].Level
	for _, c := range cands[1:] {
		if c.Level != level {
			return nil, corpus.LevelUnknown
		}
	}
	return nil, level
}

// within keeps the divisions of ds that lie inside one of outer (all of
// ds when outer is empty).
func within(ds, outer []*gazetteer.Division) []*gazetteer.Division {
	if len(outer) == 0 {
		return ds
	}
	var out []*gazetteer.Division
	for _, d := range ds {
		for _, o := range outer {
			if gazetteer.IsAncestor(o, d) {
				out = append(out, d)
				break
			}
		}
	}
	return out
}

// runeEnds returns the byte offsets of the ends of the first n runes of s
// (ends[k] is the end of rune k, ends[0] = 0).
func runeEnds(s string, n int) []int {
	ends := []int{0}
	for i := range s {
		if i > 0 {
			ends = append(ends, i)
		}
		if len(ends) > n {
			return ends
		}
	}
	return append(ends, len(s))
}

// maxMention bounds the length of a name mentions looks for, in runes.
const maxMention = 10

// mentions counts the names of cities (市) and towns (镇, 乡, 街道) of at least three
// characters in text, longest match at each name end.
func mentions(g *gazetteer.Gazetteer, text string) map[string]int {
	out := map[string]int{}
	var starts [maxMention]int // ring of the byte offsets of the last rune starts
	n := 0
	for i, r := range text {
		starts[n%maxMention] = i
		n++
		switch r {
		case '市', '镇', '乡', '道':
		default:
			continue
		}
		end := i + utf8.RuneLen(r)
		if n < 3 || !g.EndsName(text[starts[(n-2)%maxMention]:end]) {
			continue
		}
		for k := min(n, maxMention); k >= 3; k-- {
			name := text[starts[(n-k)%maxMention]:end]
			if len(g.Lookup(name)) > 0 {
				out[name]++
				break
			}
		}
	}
	return out
}

// inferCity finds the 市 a body belongs to when the issuer leaves it out:
// county- and city-level 市 named in the text score their mentions; a
// county-level 市 also scores the distinct towns named in it when there are
// two or more. The best score of at least 2 wins; between a place and its
// parent the lower wins (a county names its prefecture too).
func inferCity(g *gazetteer.Gazetteer, body string) *gazetteer.Division {
	score := map[*gazetteer.Division]int{}
	towns := map[*gazetteer.Division]map[string]bool{}
	for name, n := range mentions(g, body) {
		for _, d := range g.Lookup(name) {
			switch {
			case d.Level == corpus.LevelTown:
				if p := g.Parent(d); p != nil && strings.HasSuffix(p.Name, "市") && p.Level == corpus.LevelCounty {
					if towns[p] == nil {
						towns[p] = map[string]bool{}
					}
					towns[p][name] = true
				}
			case strings.HasSuffix(name, "市") && (d.Level == corpus.LevelCounty || d.Level == corpus.LevelCity):
				score[d] += n
			}
		}
	}
	for c, ts := range towns {
		if len(ts) >= 2 {
			score[c] += len(ts)
		}
	}
	var best *gazetteer.Division
	for d, s := range score {
		if s < 2 {
			continue
		}
		switch {
		case best == nil, s > score[best]:
			best = d
		case s == score[best]:
			if gazetteer.IsAncestor(best, d) || !gazetteer.IsAncestor(d, best) && d.Level.Rank() < best.Level.Rank() ||
				d.Level == best.Level && d.Code < best.Code {
				best = d
			}
		}
	}
	return best
}
