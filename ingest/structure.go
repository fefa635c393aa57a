package ingest

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dutymap/dutymap/internal/fold"
	"github.com/dutymap/dutymap/internal/width"
)

// Site clutter that scraped pages leave in the text: navigation bullets,
// breadcrumbs, posting lines and share/print widgets.
var (
	reBullet  = compile(`^[•·●◆■▪►▶※]\s*[^。，；,;]{0,20}$`)
	reWidget  = compile(`^【?(?:打印本页|关闭窗口|返回顶部|分享到|扫一扫|上一篇|下一篇|相关(?:文章|阅读|推荐|链接|新闻)|版权所有|网站地图|联系我们|免责声明|字体|字号)`)
	rePosting = compile(`^(?:发布|发文|更新)?(?:时间|日期)\s*[:：]\s*\d{4}[-/.年]\d{1,2}.*(?:来源|浏览|点击|作者)`)
	reDebris  = compile(`^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d{1,4}\s*页(?:\s*[，,/／]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$`)
)

// isClutter reports a line that is site furniture or page-break debris, not
// document text. Cheap tests on the first character and the length keep
// the patterns off ordinary paragraphs.
func isClutter(l line) bool {
	t := l.text
	if len(t) > 240 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	switch {
	case strings.ContainsRune("•·●◆■▪►▶※", r):
		return reBullet.MatchString(t)
	case len(t) <= 40 && (isDigit(r) || strings.ContainsRune("-—–－第 ", r)):
		if reDebris.MatchString(t) {
			return true
		}
	}
	if utf8.RuneCountInString(t) > 80 {
		return false
	}
	for _, k := range clutterWords {
		if strings.Contains(t, k) {
			return true
		}
	}
	return reWidget.MatchString(t) || rePosting.MatchString(t)
}

// clutterWords mark short lines of site furniture wherever they stand.
var clutterWords = []string{"当前位置", "您的位置", "您现在的位置", "ICP备", "Copyright", "©"}

// dropClutter removes clutter lines in place; table rows stay. Of a
// breadcrumb only the document title that closes it stays, as a line of
// its own: a trail is never part of a title, nor glued to one. An
// article-info line glued to a title is cut off it. A line after dropped
// clutter is marked cut: the site's header above a breadcrumb is no line
// of the title below it.
func dropClutter(ls []line) []line {
	out := ls[:0]
	fresh := false // whether out is a copy
	cut := false   // whether a line was dropped since the last one kept
	for _, l := range ls {
		l.cut = l.cut || cut
		cut = false
		if l.row {
			out = append(out, l)
			continue
		}
		if title, info, ok := cutPostingInfo(l); ok {
			if !fresh {
				// Two lines for one would overrun the lines still to
				// read: go on in a copy.
				out, fresh = append(make([]line, 0, len(ls)+1), out...), true
			}
			out = append(out, title, info)
			continue
		}
		if title, ok := breadcrumb(l.text); ok {
			if title != "" {
				l.text, l.bold = title, nil
				l.cut = true
				out = append(out, l)
			} else {
				cut = true
			}
			continue
		}
		if isClutter(l) {
			cut = true
			continue
		}
		out = append(out, l)
	}
	return out
}

// cutPostingInfo cuts a page's article-info line off the title it was
// glued to (…工作方案转载　来源：…　浏览次数：1286): the title is the text
// before it when that holds no sentence.
func cutPostingInfo(l line) (title, info line, ok bool) {
	if len(l.text) > 3*maxCrumbLine || !colons.in(l.text) && !strings.Contains(l.text, "【") {
		return line{}, line{}, false // no label: most lines
	}
	k := postingInfo(fold.String(l.text))
	if k <= 0 || hasSentence(l.text[:k]) || strings.TrimSpace(l.text[:k]) == "" {
		return line{}, line{}, false
	}
	title = cleanLine(line{text: l.text[:k], heading: l.heading, bold: boldBefore(l.bold, k)})
	info = cleanLine(line{text: l.text[k:]})
	return title, info, true
}

// boldBefore returns the bold ranges of a line's first e bytes.
func boldBefore(bold []rng, e int) []rng {
	var out []rng
	for _, g := range bold {
		if g.s < e {
			out = append(out, rng{g.s, min(g.e, e)})
		}
	}
	return out
}

// A breadcrumb is the trail of a site's sections down to the page:
// "当前位置：首页 > 政务公开 > 通知公告", "您当前的位置：首页 >> 政务公开 >>
// 乡镇信息 >> 黄龙镇", "首页 » 信息公开", "政务公开 > 政策文件 > 部门文件".
// A location label (当前位置：, 您现在的位置：; 位置： before a trail)
// makes the line one whatever follows; without it the trail opens at the
// home page (首页, 主页, 网站首页) before any separator (>>, >, », ›, →,
// /), or runs three or more short steps apart by angle separators (> »
// ›), which no sentence of a document is written with (a process written
// 申请→受理→审核 is document text).
var reLocation = compile(`^(?:您|你)?(?:当前|现在|目前)?的?(?:所在)?位置\s*[:：]`)

// crumbSeps separate the steps of a breadcrumb, the longer forms first;
// angle reports the separators only trails are written with.
var crumbSeps = [...]struct {
	s     string
	angle bool
}{{">>", true}, {"＞＞", true}, {"->", false}, {"»", true}, {"›", true}, {">", true}, {"＞", true}, {"→", false}, {"/", false}, {"／", false}}

// crumbHomes name a site's home page, where a trail opens.
var crumbHomes = []string{"首页", "主页", "网站首页", "门户首页", "返回首页"}

// maxCrumbLine is the longest breadcrumb line, in bytes: a label, a few
// sections and maybe the title (a hundred characters); paragraphs are
// longer.
const maxCrumbLine = 360

// maxCrumbStep is the longest step of a trail without a location label
// or home page, in runes: a section's name, never a sentence.
const maxCrumbStep = 15

// mayBeCrumb is breadcrumb's cheap first test: a location label within
// the line's first runes, a home page opening it, or an angle separator.
func mayBeCrumb(t string) bool {
	// Every home page's name ends in 页 within its first five runes.
	if strings.Contains(t[:min(len(t), 30)], "位置") || strings.Contains(t[:min(len(t), 15)], "页") || strings.IndexByte(t, '>') >= 0 {
		return true
	}
	return strings.Contains(t, "»") || strings.Contains(t, "›") || strings.Contains(t, "＞")
}

// breadcrumb reports whether t is a breadcrumb and returns the document
// title that closes it, if any (当前位置：首页 > 通知公告 > 关于…的通知), ""
// otherwise. It matches on the fold (當前位置 too) and returns the title
// as written.
func breadcrumb(t string) (string, bool) {
	if len(t) > maxCrumbLine || !mayBeCrumb(t) {
		return "", false // most lines
	}
	f := fold.String(t)
	from, label := 0, ""
	if m := reLocation.FindStringIndex(f); m != nil {
		from, label = m[1], f[:m[1]]
	}
	// The steps, as byte ranges of t.
	var steps []rng
	angle := true
	for i := from; i <= len(f); {
		k, sep := len(f), ""
		for j := i; j < len(f) && sep == ""; j++ {
			for _, c := range crumbSeps {
				if strings.HasPrefix(f[j:], c.s) {
					k, sep = j, c.s
					angle = angle && c.angle
					break
				}
			}
		}
		steps = append(steps, trimRange(t, i, k))
		if sep == "" {
			break
		}
		i = k + len(sep)
	}
	step := func(k int) string { return f[steps[k].s:steps[k].e] }
	last := len(steps) - 1
	// A bare 位置： opens document text too (位置：县城东南5公里): a
	// trail must follow it.
	labeled := label != "" && (!strings.HasPrefix(label, "位置") || len(steps) >= 2)
	if !labeled {
		if len(steps) < 2 {
			return "", false
		}
		if !slices.ContainsFunc(steps, func(g rng) bool { return g.e > g.s }) {
			return "", true // separators alone: a trail whose steps stood on lines of their own
		}
		home := slices.Contains(crumbHomes, step(0))
		if !home && (len(steps) < 3 || !angle) {
			return "", false
		}
		for k := range last {
			if s := step(k); s == "" || atLeastRunes(s, maxCrumbStep+1) || clausePunct.in(s) {
				return "", false
			}
		}
		if !home && atLeastRunes(step(last), maxCrumbStep+1) && !endsDocKind(step(last)) {
			return "", false
		}
	}
	if s := step(last); atLeastRunes(s, 8) && looksTitle(line{text: t[steps[last].s:steps[last].e], fold: s}) {
		return t[steps[last].s:steps[last].e], true
	}
	return "", true
}

// trimRange returns [i, j) of t without the spaces at its ends.
func trimRange(t string, i, j int) rng {
	for i < j && t[i] == ' ' {
		i++
	}
	for j > i && t[j-1] == ' ' {
		j--
	}
	return rng{i, j}
}

// reDocKind names the kinds of document a title line ends with; a repeated
// title that splits a file into parts must name one.
var reDocKind = compile(`要点|方案|通知|计划|意见|办法|规定|细则|总结|报告|决定|安排|清单|规划|通报|公告|通告|纲要|制度`)

// endsDocKind reports a title that ends in its kind of document, maybe
// closed by 》”）): what reDocKind followed by [》”）)]?$ matches.
func endsDocKind(t string) bool {
	if r, size := utf8.DecodeLastRuneInString(t); strings.ContainsRune("》”）)", r) && hasKindSuffix(t[:len(t)-size]) {
		return true
	}
	return hasKindSuffix(t)
}

func hasKindSuffix(t string) bool {
	for _, k := range reDocKind.prefixes {
		if strings.HasSuffix(t, k) {
			return true
		}
	}
	return false
}

// splitDocuments cuts the lines of a file into its documents. A page may
// carry several documents, each opened by a title line that repeats a
// common stem with a trailing ordinal ("…工作要点一", "…工作要点二"; also
// digits, （一）, 之一). When such a run 1, 2, …, n (n ≥ 2) exists, each part
// runs from its title to the next one and what precedes the first title
// (site header, page excerpts) is dropped; otherwise the file is one
// document.
func splitDocuments(ls []line) [][]line {
	type cand struct {
		idx int
		val int
	}
	groups := map[string][]cand{}
	var order []string
	for i, l := range ls {
		t := l.text
		if !atLeastRunes(t, 6) || atLeastRunes(t, 61) || partPunct.in(t) {
			continue
		}
		if _, ok := parseMarker(t); ok {
			continue
		}
		stem, val := splitOrdinal(t)
		if val == 0 || utf8.RuneCountInString(stem) < 4 || !reDocKind.MatchString(stem) {
			continue
		}
		if _, ok := groups[stem]; !ok {
			order = append(order, stem)
		}
		groups[stem] = append(groups[stem], cand{i, val})
	}
	var best []cand
	for _, stem := range order {
		g := groups[stem]
		// Keep the longest run 1, 2, 3, … in reading order.
		var run []cand
		for _, c := range g {
			if c.val == len(run)+1 {
				run = append(run, c)
			}
		}
		if len(run) >= 2 && len(run) > len(best) {
			best = run
		}
	}
	if best == nil {
		return [][]line{ls}
	}
	parts := make([][]line, len(best))
	for k, c := range best {
		end := len(ls)
		if k+1 < len(best) {
			end = best[k+1].idx
		}
		parts[k] = ls[c.idx:end]
	}
	return parts
}

// splitOrdinal splits a trailing ordinal off a title line: "要点三" →
// ("要点", 3), "方案2" → ("方案", 2), "计划（一）" → ("计划", 1), "之一" too.
func splitOrdinal(t string) (string, int) {
	// Parenthesised: （一） (1)
	if strings.HasSuffix(t, "）") || strings.HasSuffix(t, ")") {
		open := strings.LastIndexAny(t, "（(")
		if open > 0 {
			if m, ok := parseMarker(t[open:]); ok && open+m.end == len(t) {
				return strings.TrimSpace(t[:open]), m.value
			}
		}
		return "", 0
	}
	// Trailing Chinese numeral or digits.
	i := len(t)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(t[:i])
		if chineseDigit(r) < 0 && r != '十' && !isDigit(r) {
			break
		}
		i -= size
	}
	if i == len(t) || i == 0 {
		return "", 0
	}
	suffix := t[i:]
	var v, n int
	if r, _ := utf8.DecodeRuneInString(suffix); isDigit(r) {
		v, n = arabicNumber(suffix)
	} else {
		v, n = chineseNumber(suffix)
	}
	if n != len(suffix) || v == 0 {
		return "", 0
	}
	stem := strings.TrimSuffix(strings.TrimSpace(t[:i]), "之")
	// A year or a count is not an ordinal: "2024", "7篇" never reach here
	// ("篇" ends the line), but "计划2024" would.
	if v > 99 {
		return "", 0
	}
	return stem, v
}

// Line classes used to find a document's header and tail.
var (
	reDocNumber = compile(`[\p{Han}]{1,12}\s*[〔\[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*第?\s*(\d{1,5})\s*号`)
	reLabel     = compile(`^(?:附件|附表|抄送|抄报|主送|主题词|联系人|联系电话|签发人|发布日期|发布时间|印发日期)\s*\d*\s*[:：]`)
	reCC        = compile(`^(?:抄送|抄报)\s*[:：]\s*(.*)$`)
	reNote      = compile(`^[（(][^（()）]{1,30}[）)]$`)
)

// terminal reports whether a line ends a sentence or a block: 。！？；：
// and their ASCII forms, an ellipsis, a closing bracket (attribution
// brackets end items), or a closing quote right after 。！？.
func terminal(t string) bool {
	r, size := utf8.DecodeLastRuneInString(t)
	switch r {
	case '。', '！', '？', '；', '：', ':', ';', '!', '?', '…', '）', ')', '〕', '】', '」', '』', ']', '］':
		return true
	case '”', '’', '"':
		p, _ := utf8.DecodeLastRuneInString(t[:len(t)-size])
		return p == '。' || p == '！' || p == '？'
	case '.':
		// An ASCII full stop after a Chinese character ends a sentence
		// where a page lost the full-width 。.
		p, _ := utf8.DecodeLastRuneInString(t[:len(t)-size])
		return p > 0x2E80
	}
	return false
}

// sentenceInside reports whether t has sentence punctuation before its end.
func sentenceInside(t string) bool {
	t = strings.TrimRight(t, "。！？；")
	return sentenceEnds.in(t)
}

// maxHeaderLines is how many lines (metadata lines not counted) may come
// before a document's body.
const maxHeaderLines = 10

// findBodyStart returns the index of the first line of the provisions:
// the first line, among the first ten that are no page metadata, that
// holds a sentence (。；！？), is long, opens a numbered item or opens a
// preamble (根据…, 为…: a hard-wrapped first paragraph). Title,
// document number, addressee and metadata lines come before it; the
// metadata lines are marked aside and their fields added to pm.
func findBodyStart(ls []line, pm *pageMeta) int {
	seen := 0
	first := -1 // the first line that is no metadata
	for i := 0; i < len(ls); i++ {
		l := ls[i]
		if seen >= maxHeaderLines {
			break
		}
		if fs, n := metaFields(ls, i, false); n > 0 {
			for k := i; k < i+n; k++ {
				ls[k].aside = true
			}
			pm.add(fs)
			i += n - 1
			continue
		}
		if postingInfo(l.fold) == 0 {
			// An article-info line opened by a tag (转载　来源：…) holds
			// fields after it.
			ls[i].aside = true
			if k := infoStart(l.fold); k > 0 {
				pm.add(pageFields(line{text: l.text[k:], fold: l.fold[k:]}, false))
			}
			continue
		}
		seen++
		if first < 0 {
			first = i
		}
		t := l.fold
		if hasSentence(t) || utf8.RuneCountInString(t) > 60 || rePreambleOpen.MatchString(t) && utf8.RuneCountInString(t) >= 15 {
			return i
		}
		if wrappedClause(ls, i) {
			return i
		}
		if _, ok := parseMarker(t); ok || l.row {
			return i
		}
	}
	switch {
	case first < 0:
		return 0
	case first+1 < len(ls):
		return first + 1
	}
	return first
}

// wrappedClause reports a line of a hard-wrapped paragraph that the wrap
// cut before its first sentence ended: a comma inside it, which no title
// holds, at least 15 characters, no note in brackets (（2023年9月6日，
// 县政府常务会议通过）) and no addressee (opening with 各, or ending in a
// colon itself or on the line that continues it).
func wrappedClause(ls []line, i int) bool {
	t := ls[i].fold
	k := strings.IndexAny(t, "，,")
	if k <= 0 || k == len(t)-1 || !atLeastRunes(t, 15) || strings.HasPrefix(t, "各") || endsColon(t) || reNote.MatchString(t) {
		return false
	}
	return i+1 >= len(ls) || !endsColon(ls[i+1].fold)
}

func endsColon(t string) bool {
	return strings.HasSuffix(t, "：") || strings.HasSuffix(t, ":")
}

// hasSentence reports a line with sentence punctuation: 。；！？ or their
// ASCII forms after a Chinese character (pages that lost the full-width
// forms write "安全.", "工作;").
func hasSentence(t string) bool {
	if sentenceEnds.in(t) {
		return true
	}
	for i := 1; i < len(t); i++ {
		switch t[i] {
		case '.', ';', '!', '?':
			if r, _ := utf8.DecodeLastRuneInString(t[:i]); r > 0x2E80 {
				return true
			}
		}
	}
	return false
}

// findBodyEnd returns the index just past the last line of the provisions:
// the closing signature block (issuer, date lines, 抄送/抄报 and the names
// continuing them, publication notes) is cut off when it holds at least a
// date or a 抄送 line.
func findBodyEnd(ls []line, start int) int {
	end := len(ls)
	anchored := false
	for i := len(ls) - 1; i > start; i-- {
		t := ls[i].fold
		switch {
		case parseDateLine(t) != "", ls[i].aside && !reAttachment.MatchString(t) && !ls[i].row:
			anchored = true
		case reCC.MatchString(t), i > start+1 && reCC.MatchString(ls[i-1].fold) && isNameList(t):
			anchored = true
		case reNote.MatchString(t) && !isItem(t), isOrgLine(ls[i]):
		default:
			if anchored {
				return end
			}
			return len(ls)
		}
		end = i
	}
	if anchored {
		return end
	}
	return len(ls)
}

// isNameList reports a line that is only names separated by 、，, (the
// continuation of a 抄送 line).
func isNameList(t string) bool {
	t = strings.TrimRight(t, "。.")
	if t == "" || hasSentence(t) || strings.ContainsAny(t, "：:") {
		return false
	}
	for _, n := range splitNames(t) {
		if utf8.RuneCountInString(n) > 20 {
			return false
		}
	}
	return true
}

func isItem(t string) bool {
	_, ok := parseMarker(t)
	return ok
}

// isOrgLine reports a short line that can only be a name (a signature):
// no punctuation, no numbering, not a heading.
func isOrgLine(l line) bool {
	t := l.text
	if l.heading || utf8.RuneCountInString(t) > 30 || listPunct.in(t) {
		return false
	}
	_, ok := parseMarker(t)
	return !ok
}

// joinBroken repairs lines broken in the middle of a sentence inside the
// body [start, end): a line is joined to the next unless it ends a
// sentence or block, the next line opens a numbered item, either is a
// heading or a label (附件：, 抄送：, a 附件 line), or it is a heading-like item line
// (numbered, at most 40 characters, no sentence inside) that is shorter
// than the file's wrap width. It returns the new lines and the new body bounds.
func joinBroken(ls []line, start, end int) ([]line, int, int) {
	wrap := wrapWidth(ls, start, end)
	out := make([]line, 0, len(ls))
	out = append(out, ls[:start]...)
	var cur line
	have := false
	for i := start; i < end; i++ {
		l := ls[i]
		if have && canJoin(cur, l, wrap) {
			cur = joinLines(cur, l)
			continue
		}
		if have {
			out = append(out, cur)
		}
		cur, have = l, true
	}
	if have {
		out = append(out, cur)
	}
	newEnd := len(out)
	out = append(out, ls[end:]...)
	return out, start, newEnd
}

func canJoin(cur, next line, wrap int) bool {
	if cur.heading || next.heading || cur.row || next.row || cur.aside || next.aside {
		return false
	}
	if terminal(cur.text) && !(closesBracket(cur.text) && continues(next.fold)) {
		return false
	}
	if reLabel.MatchString(cur.fold) || reLabel.MatchString(next.fold) || parseDateLine(next.fold) != "" ||
		reAttachmentLabel.MatchString(cur.fold) || reAttachmentLabel.MatchString(next.fold) {
		return false
	}
	if _, ok := parseMarker(next.fold); ok {
		return false
	}
	if _, ok := parseMarker(cur.fold); ok && !sentenceInside(cur.text) && utf8.RuneCountInString(cur.text) <= 40 {
		// A short numbered line with no sentence in it is a heading, unless
		// the file is hard-wrapped and this line runs to the wrap width.
		return wrap > 0 && width.Of(cur.text) >= wrap-4
	}
	return true
}

// closesBracket reports a line that ends in a closing bracket: an
// attribution, or a cited title's number where a wrap fell after it.
func closesBracket(t string) bool {
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune("）)〕】]］", r)
}

// continues reports a line that can only go on with the line before it:
// it opens with a comma or 、 (no paragraph does), or with the join of a
// list of cited titles (和《, 及《, 以及《, 与《).
func continues(f string) bool {
	if r, _ := utf8.DecodeRuneInString(f); r == '，' || r == ',' || r == '、' {
		return true
	}
	for _, j := range listJoins {
		if j != "、" && strings.HasPrefix(f, j) && strings.HasPrefix(f[len(j):], "《") {
			return true
		}
	}
	return false
}

// joinLines appends next to cur, with a space only between Latin words (a
// number broken by the wrap is joined whole).
func joinLines(cur, next line) line {
	sep := ""
	a, _ := utf8.DecodeLastRuneInString(cur.text)
	b, _ := utf8.DecodeRuneInString(next.text)
	if isAlnum(a) && isAlnum(b) && !(isDigit(a) && isDigit(b)) {
		sep = " "
	}
	off := len(cur.text) + len(sep)
	bold := append([]rng(nil), cur.bold...)
	for _, g := range next.bold {
		bold = append(bold, rng{g.s + off, g.e + off})
	}
	return line{text: cur.text + sep + next.text, fold: cur.fold + sep + next.fold, bold: bold}
}

func isAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// wrapWidth finds the width at which a file was hard-wrapped: the display
// width shared (±2 columns) by at least three lines that end mid-sentence
// before a line that does not open an item. It returns 0 when there is
// none.
func wrapWidth(ls []line, start, end int) int {
	hist := map[int]int{}
	for i := start; i+1 < end; i++ {
		if terminal(ls[i].text) || ls[i].heading {
			continue
		}
		if _, ok := parseMarker(ls[i+1].text); ok {
			continue
		}
		if w := width.Of(ls[i].text); w >= 30 {
			hist[w]++
		}
	}
	best, bestN := 0, 0
	for w := range hist {
		n := 0
		for x := w - 2; x <= w+2; x++ {
			n += hist[x]
		}
		if n > bestN || n == bestN && w > best {
			best, bestN = w, n
		}
	}
	if bestN < 3 {
		return 0
	}
	return best
}
