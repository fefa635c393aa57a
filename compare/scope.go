package compare

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/segment"
)

// levelRunes are the one-rune names of each level as plans write them
// before a body or a scope: 市级, 市应急局, 县（市、区）, 各乡镇.
var levelRunes = map[corpus.Level]string{
	corpus.LevelProvince: "省",
	corpus.LevelCity:     "市州盟",
	corpus.LevelCounty:   "县区旗",
	corpus.LevelTown:     "乡镇",
}

// lowerWords address a duty to the levels below whoever issues it, at any
// level: 各级, 属地, 基层 and the village-level bodies.
var lowerWords = setOf("各级", "属地", "基层", "两级", "村", "各村", "村级", "社区", "街道", "居委会", "村委会")

// properSuffixes end the name of a place or a firm: a plan that names one
// (应县GNSS观测站, 中煤平朔公司) describes a project of its own, not a duty
// every lower level must carry. 区 is left out: the segmenter leaves as
// many common words before it in pieces (易发区, 防御区) as names.
var properSuffixes = setOf("县", "镇", "乡", "公司", "集团")

// genericBefore are the one-rune words that make 县/区/镇/乡 a scope, not a
// name: 各县, 全县, 本区, 市、县, 城区.
const genericBefore = "各全本我该市省州两三多城郊辖社园矿景片山湖林牧库新老学街校每一其他这那"

// scope says to whom a clause of an upper-level duty is addressed.
type scope struct {
	own     bool // to the issuing level itself: 市级, 市应急局, a named place or firm
	lower   bool // to the levels below it: 各县（市、区）, 各乡镇, 各级, 属地
	subject bool // the marker opens the clause, so it binds the clauses after it
}

// scoper finds the scope of clauses of one upper-level document.
type scoper struct {
	own   string   // the document's own level runes (市州盟 for a city)
	below string   // the runes of every level below it
	names []string // the document's own place name and its short form (吕梁市, 吕梁)
}

func newScoper(d *corpus.Document) *scoper {
	s := &scoper{}
	if d == nil {
		return s
	}
	rank := d.Level.Rank()
	for l, r := range levelRunes {
		switch {
		case l == d.Level:
			s.own = r
		case l.Rank() > 0 && l.Rank() < rank:
			s.below += r
		}
	}
	if d.Place != nil && utf8.RuneCountInString(d.Place.Name) >= 2 {
		s.names = append(s.names, d.Place.Name)
	}
	return s
}

// of returns the scope of the clauses text[start:end], cut into toks
// (whose offsets are into text).
func (s *scoper) of(text string, start, end int, toks []segment.Token) scope {
	var sc scope
	if s.own == "" && s.below == "" {
		return sc
	}
	for _, n := range s.names {
		if i := strings.Index(text[start:end], n); i >= 0 {
			sc.own = true
			sc.subject = sc.subject || leading(text[start:end], i)
		}
	}
	for i, t := range toks {
		w := t.Text
		r, size := utf8.DecodeRuneInString(w)
		rest := w[size:]
		switch {
		case lowerWords[w]:
			sc.lower = true
		case strings.HasPrefix(w, "各") && strings.ContainsRune(s.below, firstRune(w[len("各"):])):
			sc.lower = true // 各县, 各乡镇
		case strings.ContainsRune(s.below, r) && (rest == "级" || rest == "" && !named(toks, i)):
			sc.lower = true // 县级, 县 of 市、县
		case strings.ContainsRune(s.own, r) && (rest == "级" || rest == "本级" || rest == "直"):
			sc.own = true // 市级, 市本级, 市直
			sc.subject = sc.subject || t.Start == toks[0].Start
		case strings.ContainsRune(s.own, r) && rest == "":
			// A lone 市 before a body (市应急局, 市综合应急救援支队); before 、
			// or a lower level (市、县) it is a joint scope.
			next, _ := utf8.DecodeRuneInString(text[t.End:])
			if next == '、' || strings.ContainsRune(s.below, next) {
				sc.lower = true
			} else if unicode.Is(unicode.Han, next) {
				sc.own = true
				sc.subject = sc.subject || t.Start == toks[0].Start
			}
		case properSuffixes[w] && named(toks, i):
			sc.own = true
		}
	}
	if sc.lower {
		sc.own, sc.subject = false, false
	}
	return sc
}

// named reports whether the suffix toks[i] (县, 公司 …) ends a proper name:
// it follows one-rune words that are not scope words (应 县, 中 煤 平 朔 公司),
// which is how the segmenter leaves a name it does not know.
func named(toks []segment.Token, i int) bool {
	n := 0
	for k := i - 1; k >= 0 && n < 4; k-- {
		t := toks[k]
		if utf8.RuneCountInString(t.Text) != 1 || t.End != toks[k+1].Start || strings.Contains(genericBefore, t.Text) {
			break
		}
		n++
	}
	return n > 0
}

// leading reports whether byte offset i of text is at or near the start of
// its clause (within the first three runes), where a subject stands.
func leading(text string, i int) bool { return utf8.RuneCountInString(text[:i]) <= 3 }

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
