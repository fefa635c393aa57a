package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// unitForms rewrites the short and variant forms of body names to one
// normal form, longest first: 安委办 and 安委会办公室 become
// 安全生产委员会办公室. Applied left to right, once per position.
var unitForms = []struct{ from, to string }{
	{"安全生产委员会办公室", "安全生产委员会办公室"},
	{"安委会办公室", "安全生产委员会办公室"},
	{"安委办", "安全生产委员会办公室"},
	{"安办", "安全生产委员会办公室"},
	{"消安委会", "消防安全委员会"},
	{"安委会", "安全生产委员会"},
	{"安全生产委员会", "安全生产委员会"},
	{"应急管理局", "应急管理局"},
	{"应急局", "应急管理局"},
	{"市场监督管理局", "市场监督管理局"},
	{"市场监管局", "市场监督管理局"},
	{"人力资源和社会保障局", "人力资源和社会保障局"},
	{"人力资源社会保障局", "人力资源和社会保障局"},
	{"人社局", "人力资源和社会保障局"},
	{"住房和城乡建设局", "住房和城乡建设局"},
	{"住房城乡建设局", "住房和城乡建设局"},
	{"住建局", "住房和城乡建设局"},
	{"发展和改革委员会", "发展和改革委员会"},
	{"发展改革委", "发展和改革委员会"},
	{"发改委", "发展和改革委员会"},
	{"发展和改革局", "发展和改革局"},
	{"发展改革局", "发展和改革局"},
	{"发改局", "发展和改革局"},
	{"工业和信息化局", "工业和信息化局"},
	{"经济和信息化局", "经济和信息化局"},
	{"工信局", "工业和信息化局"},
	{"经信局", "经济和信息化局"},
	{"卫生健康委员会", "卫生健康委员会"},
	{"卫健委", "卫生健康委员会"},
	{"卫生健康局", "卫生健康局"},
	{"卫健局", "卫生健康局"},
	{"文化和旅游局", "文化和旅游局"},
	{"文旅局", "文化和旅游局"},
	{"自然资源和规划局", "自然资源和规划局"},
	{"自然资源局", "自然资源局"},
	{"城市管理行政执法局", "城市管理局"},
	{"城管执法局", "城市管理局"},
	{"城管局", "城市管理局"},
	{"教育和体育局", "教育和体育局"},
	{"教体局", "教育和体育局"},
	{"农业农村局", "农业农村局"},
	{"生态环境局", "生态环境局"},
	{"交通运输局", "交通运输局"},
	{"交通局", "交通运输局"},
	{"消防救援支队", "消防救援支队"},
	{"消防救援大队", "消防救援大队"},
	{"公安局交警支队", "公安局交通警察支队"},
	{"公安局交警大队", "公安局交通警察大队"},
	{"交警支队", "公安局交通警察支队"},
	{"交警大队", "公安局交通警察大队"},
	{"国资委", "国有资产监督管理委员会"},
	{"国资办", "国有资产监督管理办公室"},
	{"道安办", "道路交通安全管理办公室"},
}

// NormalizeUnit returns the normal form of a body's name, for search and
// comparison: width and brackets unified (NFKC-like for the ASCII range),
// spaces removed, short forms expanded (市安委办 = 市安委会办公室 =
// 市安全生产委员会办公室), a trailing 等/等部门 dropped. The name as
// written stays in the obligation; this form is an index key.
func NormalizeUnit(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsSpace(r):
			continue
		case r >= '！' && r <= '～': // full-width ASCII
			r = r - '！' + '!'
		case r == '〈' || r == '〔' || r == '【':
			r = '('
		case r == '〉' || r == '〕' || r == '】':
			r = ')'
		}
		b.WriteRune(r)
	}
	s := b.String()
	for _, e := range []string{"等有关部门", "等相关部门", "等部门", "等单位", "等"} {
		if strings.HasSuffix(s, e) && len(s) > len(e) {
			s = strings.TrimSuffix(s, e)
			break
		}
	}
	b.Reset()
	for i := 0; i < len(s); {
		matched := false
		for _, f := range unitForms {
			if strings.HasPrefix(s[i:], f.from) {
				b.WriteString(f.to)
				i += len(f.from)
				matched = true
				break
			}
		}
		if !matched {
			_, w := utf8.DecodeRuneInString(s[i:])
			b.WriteString(s[i : i+w])
			i += w
		}
	}
	return b.String()
}

// placeLevels are the runes that end the place prefix of a body's name
// (市科技局: 市; 嘉定区应急局: 嘉定区).
const placeLevels = "省市州县区镇乡"

// placePrefix returns the place that opens name — up to its first 省市州县区
// 镇乡 within four runes — when a body's name follows (市科技局 → 市), or "".
// A party organ (市委组织部) gives none: its departments are named apart.
func placePrefix(name string) string {
	for i, n := 0, 0; i < len(name) && n < 4; n++ {
		r, w := utf8.DecodeRuneInString(name[i:])
		i += w
		if strings.ContainsRune(placeLevels, r) {
			rest := name[i:]
			if utf8.RuneCountInString(rest) < 2 || strings.HasPrefix(rest, "委") || strings.HasPrefix(rest, "政府") {
				return ""
			}
			return name[:i]
		}
	}
	return ""
}

// bareName reports whether name is a body's name written without its
// place, as lists write all but the first (市科技局、工信局: 工信局): no place
// in its first runes and no quantifier (各, 有关, 其他) before it.
func bareName(name string) bool {
	for _, q := range []string{"各", "有关", "相关", "其他", "其它", "全", "本", "该", "负有", "驻"} {
		if strings.HasPrefix(name, q) {
			return false
		}
	}
	for i, n := 0, 0; i < len(name) && n < 3; n++ {
		r, w := utf8.DecodeRuneInString(name[i:])
		if strings.ContainsRune(placeLevels, r) || r == '村' || r == '委' {
			return false
		}
		i += w
	}
	return utf8.RuneCountInString(name) >= 2
}

// NormalizeUnits returns the normal forms (NormalizeUnit) of a list of
// names as written, in order, with a shared place distributed over it: a
// name written without its place takes that of the nearest name before it
// that has one (市科技局、工信局、公安局 → 市科技局, 市工业和信息化局, 市公安局).
// Matching every form of one body in search is the duty lists' work.
func NormalizeUnits(names []string) []string {
	out := make([]string, len(names))
	place := ""
	for i, n := range names {
		if p := placePrefix(n); p != "" {
			place = p
		} else if place != "" && bareName(n) {
			n = place + n
		}
		out[i] = NormalizeUnit(n)
	}
	return out
}
