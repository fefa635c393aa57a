// Package plantext writes long work plans of realistic text for tests and
// benchmarks that measure what dutymap does with big documents: the
// paragraphs and headings of real plans (the embedded samples, and any
// further texts given), reordered, renumbered into one outline and varied
// (places, months, counts, attributed bodies), so that a plan of several
// megabytes is not one short text repeated word for word.
package plantext

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/dutymap/dutymap/samples"
)

// Source is the material plans are written from: body paragraphs and
// section headings of real documents, stripped of their numbering.
type Source struct {
	paras, heads []string
}

// New reads the samples and the texts given (the contents of further
// documents, e.g. a dev set) into a Source.
func New(texts ...string) (*Source, error) {
	s := &Source{}
	err := fs.WalkDir(samples.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(samples.FS(), p)
		if err != nil {
			return err
		}
		s.read(string(b))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("plantext: %w", err)
	}
	for _, t := range texts {
		s.read(t)
	}
	if len(s.paras) == 0 || len(s.heads) == 0 {
		return nil, fmt.Errorf("plantext: no paragraphs or headings in the material")
	}
	return s, nil
}

// marker is an outline number opening a line: 一、 （一） (1) 1. 1、 第一条.
var marker = regexp.MustCompile(`^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.、．]\s*|第[一二三四五六七八九十百]+[条章节]\s*)`)

func (s *Source) read(text string) {
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		m := marker.FindString(l)
		body := strings.TrimSpace(l[len(m):])
		n := utf8.RuneCountInString(body)
		switch {
		case m != "" && n >= 6 && n <= 30 && !strings.ContainsAny(body, "。；;"):
			s.heads = append(s.heads, strings.TrimRight(body, "，,：:"))
		case n >= 40:
			s.paras = append(s.paras, body)
		}
	}
}

var (
	places = []string{"青山县", "河西区", "柳林镇", "东湖街道", "南江县", "北岭乡", "石桥镇", "长宁区", "西坪县", "云溪镇", "白沙街道", "平川县"}
	bodies = []string{"应急管理局", "公安局", "住房和城乡建设局", "交通运输局", "市场监督管理局", "消防救援大队", "自然资源局",
		"农业农村局", "水利局", "教育局", "卫生健康局", "文化和旅游局", "商务局", "城市管理局", "生态环境分局", "工业和信息化局"}
	month = regexp.MustCompile(`[0-9]{1,2}月`)
	count = regexp.MustCompile(`[0-9]{1,3}(?:次|家|个|人|项)`)
)

// Plan returns a work plan of at least size bytes of UTF-8 text (and at
// most one paragraph more), the same for the same seed: a cover with
// issuer, number and title, then sections 一、 of subsections （一） of
// items 1. whose paragraphs come from the material, with months and counts
// redrawn and, on some items, a bracket naming lead and supporting bodies.
func (s *Source) Plan(size int, seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	place := places[rng.IntN(len(places))]
	year := 2019 + rng.IntN(7)
	var b strings.Builder
	b.Grow(size + 4096)
	fmt.Fprintf(&b, "%s人民政府文件\n\n%s政发〔%d〕%d号\n\n%s人民政府关于印发%d年安全生产工作要点的通知\n\n各乡镇人民政府，县直各有关单位：\n\n现将《%s%d年安全生产工作要点》印发给你们，请结合实际，认真贯彻落实。\n\n",
		place, string([]rune(place)[:1]), year, 1+rng.IntN(40), place, year, place, year)
	level := "县"
	if strings.HasSuffix(place, "区") {
		level = "区"
	}
	unit := func() string { return level + bodies[rng.IntN(len(bodies))] }
	for sec := 0; b.Len() < size; sec++ {
		fmt.Fprintf(&b, "%s、%s\n", chinese(sec%99+1), s.heads[rng.IntN(len(s.heads))])
		for sub := 0; sub < 8 && b.Len() < size; sub++ {
			fmt.Fprintf(&b, "（%s）%s\n", chinese(sub+1), s.heads[rng.IntN(len(s.heads))])
			for item := 0; item < 6 && b.Len() < size; item++ {
				p := s.paras[rng.IntN(len(s.paras))]
				p = month.ReplaceAllStringFunc(p, func(string) string { return fmt.Sprintf("%d月", 1+rng.IntN(12)) })
				p = count.ReplaceAllStringFunc(p, func(m string) string {
					_, size := utf8.DecodeLastRuneInString(m)
					return fmt.Sprintf("%d%s", 1+rng.IntN(50), m[len(m)-size:])
				})
				fmt.Fprintf(&b, "%d.%s", item+1, p)
				if rng.IntN(3) == 0 {
					fmt.Fprintf(&b, "（牵头单位：%s；配合单位：%s、%s）", unit(), unit(), unit())
				}
				b.WriteByte('\n')
			}
		}
	}
	fmt.Fprintf(&b, "\n%s人民政府\n%d年%d月%d日\n", place, year, 1+rng.IntN(12), 1+rng.IntN(28))
	return b.String()
}

// chinese writes 1–99 in Chinese numerals, as section numbers are.
func chinese(n int) string {
	const d = "零一二三四五六七八九"
	digit := func(k int) string { return string([]rune(d)[k]) }
	switch {
	case n < 10:
		return digit(n)
	case n < 20:
		return "十" + strings.TrimPrefix(digit(n%10), "零")
	default:
		return digit(n/10) + "十" + strings.TrimPrefix(digit(n%10), "零")
	}
}

// WriteDocx writes text as a Word .docx whose markup is as heavy as that
// of a file edited for years: each line a paragraph, and every character
// a run of its own that repeats its fonts, size and colour, so that the
// XML is some eighty times the text and the archive a sixtieth of the XML.
func WriteDocx(w io.Writer, text string) error {
	zw := zip.NewWriter(w)
	f, err := zw.Create("[Content_Types].xml")
	if err != nil {
		return err
	}
	if _, err := io.WriteString(f, `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`); err != nil {
		return err
	}
	f, err = zw.Create("word/document.xml")
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, l := range strings.Split(text, "\n") {
		bw.WriteString(`<w:p><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLine="640"/></w:pPr>`)
		for _, r := range l {
			bw.WriteString(`<w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:cs="仿宋_GB2312"/><w:color w:val="000000"/><w:kern w:val="0"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:t>`)
			if err := xml.EscapeText(bw, []byte(string(r))); err != nil {
				return err
			}
			bw.WriteString(`</w:t></w:r>`)
		}
		bw.WriteString(`</w:p>`)
	}
	bw.WriteString(`</w:body></w:document>`)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}
