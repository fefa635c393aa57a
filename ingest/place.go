package ingest

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/ingest/gazetteer"
	"github.com/dutymap/dutymap/internal/fold"
)

// divisions is the embedded gazetteer, loaded on first use (~30 ms) and
// immutable after.
var divisions = sync.OnceValues(gazetteer.Load)

// reSuffix finds the first administrative suffix of an issuer, with the
// (possibly anonymised) name before it.
var reSuffix = compile(`^(.{0,12}?)(特别行政区|自治区|自治州|自治县|自治旗|街道|苏木|地区|省|市|州|盟|县|区|旗|镇|乡)`)

var reNational = compile(`^(?:国务院|中共中央|全国|国家|应急管理部|中华人民共和国)`)

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

// countAll counts the occurrences of each of subs in s (strings.Count
// scans at memory speed; one pass testing every rune is slower).
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
// several places is settled by the names of its parents in the text); a
// lower division the issuer names after the part the gazetteer knows
// decides the level (温州市鹿城区双屿镇人民政府 → town). An issuer whose
// place is left out keeps the level its suffix gives (**镇 → town); for a
// 市 that level is ambiguous, so the body decides: a county- or
// city-level 市 named most often in the body (towns named vote for their
// county), else cues of a county-level administration. A development
// zone is county-level unless its addressees are county-level bodies.
// Without an issuer: the place that opens the title, then how the text
// names its own jurisdiction (全镇, 我县, 全市 …), then whom it addresses
// (各乡镇 → county), then the bodies it names (县应急局 …), then the
// publishing department of the page (publisher).
func locate(d *corpus.Document, publisher string) {
	g, err := divisions()
	if err != nil {
		g = nil // the embedded data is tested; fall back to suffixes
	}
	if d.Issuer != "" && locateIssuer(g, d, d.Issuer) {
		return
	}
	if g != nil && d.Title != "" {
		if p, level := matchIssuer(g, fold.String(d.Title), d.Text); level != corpus.LevelUnknown {
			d.Level = level
			setPlace(g, d, p)
			return
		}
	}
	body := d.Matching()[d.Body.Start:d.Body.End]
	if len(body) > mentionScan {
		body = body[:mentionScan]
		for len(body) > 0 && !utf8.RuneStart(d.Matching()[d.Body.Start+len(body)]) {
			body = body[:len(body)-1]
		}
	}
	if l := selfLevel(body, reSelfStrong); l != corpus.LevelUnknown {
		if l == corpus.LevelCity && countAll(body, countyCues) >= 2 && countAll(body, countyCues) > countAll(body, cityCues) {
			l = corpus.LevelCounty
		}
		d.Level = l
		return
	}
	if l := addresseeLevel(d.Addressees); l != corpus.LevelUnknown {
		d.Level = l
		return
	}
	if l := selfLevel(body, reSelfBody); l != corpus.LevelUnknown {
		d.Level = l
		return
	}
	if publisher != "" {
		locateIssuer(g, d, publisher)
		d.Place, d.Region = nil, nil
	}
}

// locateIssuer sets level and place from a body's name and reports whether
// it gave a level.
func locateIssuer(g *gazetteer.Gazetteer, d *corpus.Document, iss string) bool {
	iss = fold.String(iss)
	if i := strings.Index(iss, "、"); i > 0 {
		iss = iss[:i] // joint issuers: the first
	}
	iss = strings.TrimPrefix(strings.TrimPrefix(iss, "中国共产党"), "中共")
	if reNational.MatchString(iss) {
		d.Level = corpus.LevelNational
		return true
	}
	if g != nil {
		if p, level, rest := matchIssuerRest(g, iss, d.Text); level != corpus.LevelUnknown {
			// A town or street the gazetteer does not list, under the place it does.
			if m := reLowerGov.FindStringSubmatch(rest); m != nil {
				if l := suffixLevel(m[1]); l.Rank() > 0 && l.Rank() < level.Rank() {
					d.Level = l
					if p != nil {
						setPlace(g, d, p)
						d.Place = nil
					}
					return true
				}
			}
			d.Level = level
			setPlace(g, d, p)
			return true
		}
	}
	m := reSuffix.FindStringSubmatch(iss)
	if m == nil {
		return false
	}
	d.Level = suffixLevel(m[2])
	if m[2] == "区" && reZone.MatchString(m[1]+m[2]) {
		if addressesCounties(g, d.Addressees) {
			d.Level = corpus.LevelCity
		}
		return true
	}
	if m[2] != "市" || strings.Trim(m[1], anonymous) != "" {
		return d.Level != corpus.LevelUnknown
	}
	body := d.Text[d.Body.Start:d.Body.End]
	if len(body) > mentionScan {
		body = body[:mentionScan]
	}
	if g != nil {
		if p := inferCity(g, body); p != nil {
			d.Level = p.Level
			setPlace(g, d, p)
			return true
		}
	}
	county := countAll(body, countyCues)
	city := countAll(body, cityCues)
	if county >= 2 && county > city {
		d.Level = corpus.LevelCounty
	}
	return true
}

// reLowerGov is a town or street named with its government after the part
// of an issuer the gazetteer knows: 双屿镇人民政府, 仰义乡委员会.
var reLowerGov = compile(`^[\p{Han}]{1,10}?(镇|乡|街道|苏木)(?:人民政府|政府|党委|党工委|委员会|办事处|安委会)`)

// reZone ends the names of development zones (county-level by default).
var reZone = compile(`(?:开发区|高新区|示范区|新区|园区|试验区|实验区)$`)

// addressesCounties reports addressees that are county-level bodies: a
// county-level division the gazetteer knows, or 各县（市、区）.
func addressesCounties(g *gazetteer.Gazetteer, addr []string) bool {
	for _, a := range addr {
		a = fold.String(a)
		if countAll(a, cityCues) > 0 {
			return true
		}
		if g == nil {
			continue
		}
		if m := reSuffix.FindStringSubmatch(a); m != nil && (m[2] == "区" || m[2] == "县") {
			for _, dv := range g.Lookup(m[1] + m[2]) {
				if dv.Level == corpus.LevelCounty {
					return true
				}
			}
		}
	}
	return false
}

// How a text names its own jurisdiction (folded): 全县, 我镇, 本市 …
// (strong), and the bodies of one level it names (县应急局, 镇政府 …).
var (
	reSelfStrong = compile(`(?:全|我|本)(街道|镇|乡|县|区|市|州|省)`)
	reSelfBody   = compile(`(街道|镇|乡|县|区|市|州|省)(?:人民政府|政府|党委|委员会|安委会|安委办|[\p{Han}]{1,6}?(?:局|委|办|厅|站|所|中心|队))`)
)

// selfLevel returns the level the text names itself by most often with
// re, unknown when none; a mention right after a Chinese character (各县,
// 市县) or 各 is someone else's. Ties go to the lower level.
func selfLevel(text string, re *pattern) corpus.Level {
	var n [6]int
	for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
		if m[0] > 0 {
			r, _ := utf8.DecodeLastRuneInString(text[:m[0]])
			if re == reSelfBody && unicode.Is(unicode.Han, r) && !strings.ContainsRune("由和与及向对将请经为", r) {
				continue
			}
			if r == '各' {
				continue
			}
		}
		l := suffixLevel(text[m[2]:m[3]])
		if text[m[2]:m[3]] == "州" {
			l = corpus.LevelCity
		}
		n[l.Rank()]++
	}
	best := 0
	for r := 1; r < len(n); r++ {
		if n[r] > n[best] {
			best = r
		}
	}
	return [...]corpus.Level{corpus.LevelUnknown, corpus.LevelTown, corpus.LevelCounty, corpus.LevelCity, corpus.LevelProvince, corpus.LevelNational}[best]
}

// addressee levels: whom a document addresses is one level below it.
var reAddressee = []struct {
	re    *pattern
	level corpus.Level
}{
	{compile(`^各(?:地级)?市|^各(?:市|州)[（(]`), corpus.LevelProvince},
	{compile(`^各(?:自治)?县|^各区|^各旗`), corpus.LevelCity},
	{compile(`^各(?:乡镇|镇|乡|街道)`), corpus.LevelCounty},
	{compile(`^各(?:村|社区|居委会|行政村)`), corpus.LevelTown},
}

// addresseeLevel returns the level above the first addressee that names
// a kind of division, unknown when none does.
func addresseeLevel(addr []string) corpus.Level {
	for _, a := range addr {
		a = fold.String(a)
		for _, x := range reAddressee {
			if x.re.MatchString(a) {
				return x.level
			}
		}
	}
	return corpus.LevelUnknown
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
	p, l, _ := matchIssuerRest(g, iss, text)
	return p, l
}

// matchIssuerRest is matchIssuer that also returns the rest of the name
// after the divisions it matched.
func matchIssuerRest(g *gazetteer.Gazetteer, iss, text string) (*gazetteer.Division, corpus.Level, string) {
	var cands []*gazetteer.Division
	i := 0
	for i < len(iss) {
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
		return nil, corpus.LevelUnknown, ""
	}
	if len(cands) == 1 {
		return cands[0], cands[0].Level, iss[i:]
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
		return best, best.Level, iss[i:]
	}
	level := cands[0].Level
	for _, c := range cands[1:] {
		if c.Level != level {
			return nil, corpus.LevelUnknown, ""
		}
	}
	return nil, level, iss[i:]
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

// mentionEnds are the last characters of the names mentions counts.
var mentionEnds = newRuneSet("市镇乡道")

// mentions counts the names of cities (市) and towns (镇, 乡, 街道) of at
// least three characters in text (valid UTF-8), longest match at each
// name end. The ends are found by byte (wordSet) and the names read
// backwards from them, so the text is not decoded rune by rune.
func mentions(g *gazetteer.Gazetteer, text string) map[string]int {
	out := map[string]int{}
	for i := 0; ; {
		k := mentionEnds.index(text[i:])
		if k < 0 {
			break
		}
		p := i + k
		_, size := utf8.DecodeRuneInString(text[p:])
		end := p + size
		i = end
		// starts[j] is where the rune j places before the end one starts.
		var starts [maxMention]int
		starts[0] = p
		n := 1
		for s := p; n < maxMention && s > 0; n++ {
			_, size := utf8.DecodeLastRuneInString(text[:s])
			s -= size
			starts[n] = s
		}
		if n < 3 || !g.EndsName(text[starts[1]:end]) {
			continue
		}
		for k := n; k >= 3; k-- {
			name := text[starts[k-1]:end]
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
