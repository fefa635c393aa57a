package compare

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dutymap/dutymap/segment"
)

// boilerplate lists the verbs and adverbs that every safety-work plan puts
// in front of every duty (进一步加强…, 深入推进…, 严格落实…). They say little
// about which duty a sentence is, so their weight is cut to boilerplateWeight;
// they are kept at all so that two sentences differing only in them still
// score above zero.
var boilerplate = setOf(
	"进一步", "加强", "深入", "推动", "落实", "推进", "强化", "严格", "完善", "健全",
	"建立", "建立健全", "开展", "持续", "全面", "积极", "认真", "切实", "不断", "有效",
	"扎实", "深化", "做好", "提升", "坚持", "加快", "加大", "确保", "实施", "组织",
	"督促", "工作", "相关", "有关", "各级", "各类", "重点", "着力", "大力", "努力",
	"全力", "及时", "依法", "按照", "根据", "结合", "实际", "情况", "进行", "做到",
	"必须", "应当", "严禁", "不得", "禁止", "务必", "鼓励", "支持", "能够", "逐步",
	"集中", "常态化", "定期", "统筹", "负责", "牵头", "配合", "协同", "责任单位",
)

// stopRunes are one-character function words dropped outright.
var stopRunes = setOf(
	"的", "和", "与", "及", "等", "对", "在", "并", "将", "为", "以", "把", "要", "了",
	"是", "由", "从", "向", "于", "中", "其", "或", "各", "按", "上", "下", "内", "有",
	"个", "所", "之", "被", "到", "可", "应", "不", "也", "还", "已", "即", "则", "就",
)

const (
	// quoteWeight is the weight of a quoted slogan (“三违”, “五到位”, “双报告”):
	// plans quote the same slogans at every level, so a shared one is strong
	// evidence of the same duty, whatever the segmenter makes of its runes.
	quoteWeight       = 2.0
	boilerplateWeight = 0.15
	// subwordWeight is the weight of the rune bigrams of a long word, which
	// let 自建房 meet 经营性自建房 without making the two words the same.
	subwordWeight = 0.5
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// term is one weighted feature of a text.
type term struct {
	id int32
	w  float32
}

// vec is a sparse vector of terms sorted by id, of unit length (or empty).
type vec []term

// dot returns the inner product of two vectors sorted by id.
func dot(a, b vec) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			s += float64(a[i].w) * float64(b[j].w)
			i++
			j++
		}
	}
	return s
}

// bag is the raw features of a text: feature → multiplier-weighted count.
type bag map[string]float64

// tokenFeatures cuts a text, already cut into toks, into weighted
// features (see addFeatures).
func tokenFeatures(text string, toks []segment.Token) bag {
	b := bag{}
	b.addFeatures(text, toks, 1)
	return b
}

// addFeatures adds the weighted features of a text, already cut into
// toks, to b, each times scale: content words at weight 1, boilerplate
// words at boilerplateWeight, the rune bigrams of words of three or more
// runes at subwordWeight, quoted slogans whole at quoteWeight; one-rune
// function words are dropped.
func (b bag) addFeatures(text string, toks []segment.Token, scale float64) {
	for _, q := range quotes(text) {
		b["“"+q+"”"] += quoteWeight * scale
	}
	for _, t := range toks {
		w := t.Text
		n := utf8.RuneCountInString(w)
		if n == 1 && stopRunes[w] {
			continue
		}
		m := 1.0
		if boilerplate[w] {
			m = boilerplateWeight
		}
		b[w] += m * scale
		if n >= 3 && !boilerplate[w] {
			// Each pair of adjacent runes: w[i:k] where k ends the rune after i.
			for i := 0; i < len(w); {
				_, s1 := utf8.DecodeRuneInString(w[i:])
				if i+s1 >= len(w) {
					break
				}
				_, s2 := utf8.DecodeRuneInString(w[i+s1:])
				b[w[i:i+s1+s2]] += subwordWeight * scale
				i += s1
			}
		}
	}
}

// quotes returns the texts between matching quotation marks, of 2 to 12 runes.
func quotes(text string) []string {
	var out []string
	for {
		i := strings.IndexAny(text, "“\"「")
		if i < 0 {
			return out
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		closer := "”"
		switch r {
		case '"':
			closer = "\""
		case '「':
			closer = "」"
		}
		text = text[i+w:]
		j := strings.Index(text, closer)
		if j < 0 {
			return out
		}
		if n := utf8.RuneCountInString(text[:j]); n >= 2 && n <= 12 {
			out = append(out, text[:j])
		}
		text = text[j+len(closer):]
	}
}

// model turns bags into TF-IDF vectors over one vocabulary, with document
// frequencies counted over every bag added to it.
type model struct {
	ids  map[string]int32
	df   []int32
	bags int
	idfs []float64 // by term, once no more bags are added
}

func newModel() *model { return &model{ids: map[string]int32{}} }

// add counts the features of b towards document frequencies.
func (m *model) add(b bag) {
	m.bags++
	m.idfs = nil
	var fresh []string
	for f := range b {
		if id, ok := m.ids[f]; ok {
			m.df[id]++
		} else {
			fresh = append(fresh, f)
		}
	}
	// New features get ids in sorted order, so that the same input always
	// gives the same vectors, sums and scores, to the last bit.
	sort.Strings(fresh)
	for _, f := range fresh {
		m.ids[f] = int32(len(m.df))
		m.df = append(m.df, 1)
	}
}

// vector returns the unit TF-IDF vector of b; features the model has not
// seen are left out.
func (m *model) vector(b bag) vec {
	v := make(vec, 0, len(b))
	for f, tf := range b {
		id, ok := m.ids[f]
		if !ok {
			continue
		}
		w := tf * m.idf(id)
		if tf > 1 {
			w = (1 + math.Log(tf)) * m.idf(id)
		}
		v = append(v, term{id: id, w: float32(w)})
	}
	slices.SortFunc(v, func(a, b term) int { return cmp.Compare(a.id, b.id) })
	var norm float64
	for _, t := range v {
		norm += float64(t.w) * float64(t.w)
	}
	if norm == 0 {
		return nil
	}
	inv := 1 / math.Sqrt(norm)
	for i := range v {
		v[i].w = float32(float64(v[i].w) * inv)
	}
	return v
}

// idf returns the inverse document frequency of a term, computed once per
// term after the last add (which forgets those computed before).
func (m *model) idf(id int32) float64 {
	if len(m.idfs) != len(m.df) {
		m.idfs = make([]float64, len(m.df))
		for i, df := range m.df {
			m.idfs[i] = math.Log(1 + float64(m.bags)/float64(df))
		}
	}
	return m.idfs[id]
}

// common reports whether a term is too frequent to seek candidates with:
// held by more than maxPosting bags, its postings would grow with the
// documents while it says little about which duty a text is.
func (m *model) common(id int32) bool { return m.df[id] > maxPosting }
