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
