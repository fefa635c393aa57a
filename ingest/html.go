package ingest

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/dutymap/dutymap/internal/fold"
)

// maxHTMLDepth bounds the element nesting Parse walks as a tree; deeper
// markup is read as text between tags instead.
const maxHTMLDepth = 2000

// reClutterAttr matches class and id values of page furniture.
var reClutterAttr = compile(`(?i)(?:^|[-_\s])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|share|social|related|recommend|sidebar|comments?|copyright|toolbar|pagination|pager|login|search|advert|ads|banner|bdshare|jiathis|xgwz|position|weizhi|dqwz|print|fontsize)(?:$|[-_\s\d])`)

// htmlLines reads the article of an HTML page as lines: scripts, styles,
// navigation, headers and footers outside the article, share widgets,
// breadcrumbs and related-article lists are dropped; the smallest element
// holding most of the page's non-link text is the article, widened to its
// parents while they add little text (title, signature); a title heading
// before it is kept. Block elements and <br> end lines, rows of data
// tables become lines with cells separated by " | " (cells of layout
// tables are blocks), <strong>/<b> become bold and <h1>–<h6> headings. Lines that are mostly link text are navigation and dropped.
func htmlLines(s string) ([]line, error) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(s))
	if err != nil {
		if strings.Contains(err.Error(), "open stack of elements") {
			// x/net/html refuses more than 512 open elements: read the
			// text between the tags instead.
			return textLines(splitRawLines(stripTags(s))), nil
		}
		return nil, fmt.Errorf("html: %w", err)
	}
	root := doc.Get(0)
	if d := maxDepth(root); d > maxHTMLDepth {
		return textLines(splitRawLines(stripTags(s))), nil
	}
	doc.Find("script,style,noscript,template,iframe,object,embed,svg,canvas,form,button,select,input,textarea,nav,aside,menu,head").Remove()
	doc.Find("header,footer").Each(func(_ int, sel *goquery.Selection) {
		if sel.Closest("article,main").Length() == 0 {
			sel.Remove()
		}
	})
	// The page itself is never furniture, whatever its class says.
	doc.Find("[class],[id]").Not("html,body").Each(func(_ int, sel *goquery.Selection) {
		c, _ := sel.Attr("class")
		id, _ := sel.Attr("id")
		if reClutterAttr.MatchString(c) || reClutterAttr.MatchString(id) {
			sel.Remove()
		}
	})
	body := root
	if sel := doc.Find("body"); sel.Length() > 0 {
		body = sel.Get(0)
	}
	text := textCounts(body)
	article := pickArticle(body, text)
	var out []line
	tables := 0
	out = metaOutside(body, article, out, &tables)
	if t := titleBefore(body, article); t != nil {
		out = emitLines(t, out, &tables, nil)
	}
	out = emitLines(article, out, &tables, nil)
	return out, nil
}

// metaOutside appends the page metadata the article leaves out: sites put
// the 索引号/发文字号/发文机关/成文日期 block in a table or list of its own
// beside the article. Of the page outside the article it keeps the runs of
// lines that are metadata fields, and the tables all of whose rows are
// fields, when one of their labels is never document text.
func metaOutside(body, article *html.Node, out []line, tables *int) []line {
	if article == body {
		return out
	}
	ls := emitLines(body, nil, tables, article)
	for i := range ls {
		ls[i].fold = fold.String(ls[i].text)
	}
	for i := 0; i < len(ls); {
		l := ls[i]
		if !l.row {
			j, strong := i, false
			for j < len(ls) && !ls[j].row {
				_, n := metaFields(ls, j, false)
				if n == 0 {
					break
				}
				_, sn := metaFields(ls, j, true)
				strong = strong || sn > 0
				j += n
			}
			if strong {
				out = append(out, ls[i:j]...)
			}
			i = max(j, i+1)
			continue
		}
		j := i
		strong, all := false, true
		for ; j < len(ls) && ls[j].row && ls[j].table == l.table; j++ {
			r := ls[j]
			all = all && pageFields(r, false) != nil
			strong = strong || pageFields(r, true) != nil
		}
		if all && strong {
			out = append(out, ls[i:j]...)
		}
		i = j
	}
	return out
}

// stripTags reads the text of markup too deeply nested to parse as a
// tree: script and style contents are dropped, block tags end lines, other
// tags vanish and character references are decoded.
func stripTags(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(html.UnescapeString(s))
			break
		}
		b.WriteString(html.UnescapeString(s[:i]))
		s = s[i:]
		j := strings.IndexByte(s, '>')
		if j < 0 {
			break
		}
		tag := strings.ToLower(strings.TrimLeft(s[1:j], "/"))
		if k := strings.IndexAny(tag, " \t\n/"); k >= 0 {
			tag = tag[:k]
		}
		s = s[j+1:]
		switch tag {
		case "script", "style":
			if k := strings.Index(strings.ToLower(s), "</"+tag); k >= 0 {
				s = s[k:]
			}
		case "p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article":
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// maxDepth returns the deepest element nesting under n, iteratively.
func maxDepth(n *html.Node) int {
	type item struct {
		n *html.Node
		d int
	}
	deepest := 0
	stack := []item{{n, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		deepest = max(deepest, it.d)
		if it.d > maxHTMLDepth {
			return it.d
		}
		for c := it.n.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, item{c, it.d + 1})
		}
	}
	return deepest
}

// counts holds, per element, the Han characters of its subtree outside
// links.
type counts struct{ total map[*html.Node]int }

// textCounts counts Han characters outside <a> for every element under root.
func textCounts(root *html.Node) counts {
	c := counts{total: map[*html.Node]int{}}
	// Post-order without recursion.
	type item struct {
		n    *html.Node
		seen bool
	}
	stack := []item{{root, false}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !it.seen {
			stack = append(stack, item{it.n, true})
			for ch := it.n.FirstChild; ch != nil; ch = ch.NextSibling {
				if ch.Type == html.ElementNode && ch.DataAtom != atom.A {
					stack = append(stack, item{ch, false})
				}
			}
			continue
		}
		n := it.n
		total := 0
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			switch {
			case ch.Type == html.TextNode:
				total += hanCount(ch.Data)
			case ch.Type == html.ElementNode && ch.DataAtom != atom.A:
				total += c.total[ch]
			}
		}
		c.total[n] = total
	}
	return c
}

func hanCount(s string) int {
	k := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			k++
		}
	}
	return k
}

// pickArticle returns the smallest element that holds three quarters of
// the page's text outside links (the article, however its paragraphs are
// marked up), widened to its parents while each adds less than a fifth
// (and under 500 characters) to the text: a title or signature beside it.
func pickArticle(body *html.Node, c counts) *html.Node {
	best := body
	need := c.total[body] * 3 / 4
	for {
		var next *html.Node
		for ch := best.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type == html.ElementNode && c.total[ch] >= need && c.total[ch] > 0 {
				next = ch
				break
			}
		}
		if next == nil {
			break
		}
		best = next
	}
	for best != body && best.Parent != nil {
		p := best.Parent
		extra := c.total[p] - c.total[best]
		if extra*5 > c.total[best] || extra > 500 {
			break
		}
		best = p
	}
	return best
}

// titleBefore finds a title heading (h1, h2, or an element whose class
// says title) that precedes the article outside it, nil if none.
func titleBefore(body, article *html.Node) *html.Node {
	if article == body {
		return nil
	}
	var found *html.Node
	for n := range body.Descendants() {
		if n == article {
			break
		}
		if n.Type != html.ElementNode || isInside(n, article) {
			continue
		}
		cls := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
		if n.DataAtom == atom.H1 || n.DataAtom == atom.H2 || strings.Contains(cls, "title") {
			if hanCount(nodeText(n)) >= 4 {
				found = n
			}
		}
	}
	return found
}

func isInside(n, anc *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == anc {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// isBlock reports elements that start a new line.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Blockquote, atom.Pre, atom.Center,
		atom.Hr, atom.Br, atom.Figure, atom.Figcaption, atom.Address, atom.Caption, atom.Body, atom.Html:
		return true
	}
	return false
}

// emitLines walks n in document order and appends its lines to out; data
// tables become row lines (tables numbers them in the file). The subtree
// of skip, when not nil, is left out.
func emitLines(n *html.Node, out []line, tables *int, skip *html.Node) []line {
	var lb lineBuilder
	linkRunes := 0
	flush := func() {
		t := lb.b.String()
		total := utf8.RuneCountInString(strings.TrimSpace(t))
		if total > 0 && linkRunes*2 >= total && total < 80 {
			lb.b.Reset()
			lb.bold = nil
			lb.heading = false
		} else {
			out = lb.flush(out)
		}
		linkRunes = 0
	}
	type frame struct {
		n    *html.Node
		exit bool
		bold bool
		link bool
	}
	stack := []frame{{n: n}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		nd := f.n
		if nd == skip {
			continue
		}
		if f.exit {
			if nd.Type == html.ElementNode && isBlock(nd.DataAtom) {
				flush()
			}
			continue
		}
		switch nd.Type {
		case html.TextNode:
			t := strings.Join(strings.Fields(nd.Data), " ")
			if strings.TrimSpace(nd.Data) != "" && nd.Data != strings.TrimLeft(nd.Data, " \t\r\n") && lb.b.Len() > 0 {
				t = " " + t
			}
			lb.write(t, f.bold)
			if f.link {
				linkRunes += utf8.RuneCountInString(t)
			}
			continue
		case html.ElementNode, html.DocumentNode:
		default:
			continue
		}
		a := nd.DataAtom
		bold, link := f.bold, f.link
		switch a {
		case atom.Br, atom.Hr:
			flush()
			continue
		case atom.Strong, atom.B:
			bold = true
		case atom.A:
			link = true
		case atom.Table:
			if rows := dataTable(nd, tables); rows != nil {
				flush()
				out = append(out, rows...)
				continue
			}
		case atom.Td, atom.Th:
			// A cell of a layout table is a block of its own.
			flush()
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			flush()
			lb.heading = true
		}
		if strings.Contains(strings.ReplaceAll(strings.ToLower(attr(nd, "style")), " ", ""), "font-weight:bold") {
			bold = true
		}
		if isBlock(a) && a != atom.H1 && a != atom.H2 && a != atom.H3 && a != atom.H4 && a != atom.H5 && a != atom.H6 {
			flush()
		}
		stack = append(stack, frame{n: nd, exit: true})
		var kids []*html.Node
		for c := nd.FirstChild; c != nil; c = c.NextSibling {
			kids = append(kids, c)
		}
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, frame{n: kids[i], bold: bold, link: link})
		}
	}
	flush()
	return out
}
