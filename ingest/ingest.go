package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/internal/fold"
)

// MaxSize is the largest input Parse accepts, in bytes. Policy documents
// weigh kilobytes; anything past this is refused rather than read.
const MaxSize = 32 << 20

// Errors Parse wraps, for callers that want to tell them apart.
var (
	ErrEmpty       = errors.New("empty file")
	ErrTooLarge    = fmt.Errorf("file larger than %d MiB", MaxSize>>20)
	ErrUnsupported = errors.New("unsupported format")
	ErrNoText      = errors.New("no text")
)

// Parse turns the bytes of one file into the Documents it holds, in reading
// order. name is used for format sniffing (by extension, overruled by the
// content) and in error messages; Parse does no I/O and keeps no state.
//
// A file holding several documents (a web page carrying seven work plans)
// yields one Document per plan, Part counting from 1. Each Document has
// its normalised Text, Body span, metadata, place and Outline; Source is
// name. An error names the file and the problem (empty, binary, bad
// archive, undecodable text, too large, nothing readable) and no Documents
// come with it.
func Parse(name string, data []byte) ([]*corpus.Document, error) {
	docs, err := parse(name, data)
	if err != nil {
		return nil, fmt.Errorf("ingest %s: %w", name, err)
	}
	return docs, nil
}

func parse(name string, data []byte) ([]*corpus.Document, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmpty
	}
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%w: %.1f MiB", ErrTooLarge, float64(len(data))/(1<<20))
	}
	format, err := sniffFormat(name, data)
	if err != nil {
		return nil, err
	}
	var ls []line
	charset := ""
	switch format {
	case formatDOCX:
		ls, err = docxLines(data)
		charset = charsetUTF8
	default:
		var text string
		text, charset, err = decodeText(data)
		if err != nil {
			return nil, err
		}
		if format == formatTXT && looksHTML(text) {
			format = formatHTML
		}
		var raw []string
		if format != formatHTML {
			raw = splitRawLines(text)
		}
		if format == formatTXT && looksMarkdown(text, raw) {
			format = formatMD
		}
		tables := 0
		switch format {
		case formatHTML:
			ls, err = htmlLines(text)
		case formatMD:
			ls = markdownLines(raw)
		default:
			ls = textTables(raw, &tables)
		}
		if format != formatHTML {
			ls = pipeTables(ls, &tables)
		}
	}
	if err != nil {
		return nil, err
	}
	ls = dropClutter(ls)
	if format == formatTXT {
		ls = splitGlued(joinPageChunks(ls))
	}
	if len(ls) == 0 {
		return nil, ErrNoText
	}
	spaceDecimalParents(ls)
	for i := range ls {
		ls[i].fold = fold.String(ls[i].text)
	}
	sum := sha256.Sum256(data)
	id := hex.EncodeToString(sum[:6])
	parts := splitDocuments(ls)
	docs := make([]*corpus.Document, 0, len(parts))
	for k, p := range parts {
		d := buildDocument(p)
		d.ID = fmt.Sprintf("d-%s-%d", id, k+1)
		d.Source = name
		d.Part = k + 1
		d.Format = format
		d.Charset = charset
		docs = append(docs, d)
	}
	return docs, nil
}

// pageMeta is what a page's metadata block says about the document.
type pageMeta struct {
	title, number, issuer, date, publisher string
}

// add records fields; the first value of each kind wins.
func (pm *pageMeta) add(fs []field) {
	for _, f := range fs {
		v := strings.TrimSpace(f.value)
		if v == "" {
			continue
		}
		set := func(p *string, v string) {
			if *p == "" {
				*p = v
			}
		}
		switch f.kind {
		case fieldTitle:
			set(&pm.title, removeSpaces(v))
		case fieldNumber:
			set(&pm.number, removeSpaces(v))
		case fieldIssuer:
			set(&pm.issuer, removeSpaces(v))
		case fieldPublisher:
			set(&pm.publisher, removeSpaces(v))
		case fieldDate:
			set(&pm.date, metaDate(v))
		}
	}
}

// buildDocument repairs the lines of one document and reads its text,
// metadata, outline, tables and passages.
func buildDocument(ls []line) *corpus.Document {
	var pm pageMeta
	start := findBodyStart(ls, &pm)
	for i := start; i < len(ls); i++ {
		if fs, n := metaFields(ls, i, true); n > 0 {
			for k := i; k < i+n; k++ {
				ls[k].aside = true
			}
			pm.add(fs)
			i += n - 1
		}
	}
	// A title glued to the first paragraph when no line before it is one.
	if start < len(ls) && !hasTitleLine(ls[:start]) {
		if t, r, ok := splitGluedTitle(ls[start]); ok {
			ls = splice(ls, start, t, r)
			start++
		}
	}
	sigs := findSignatures(ls, start)
	// The plan a cover notice issues opens with its title after the
	// notice's signature and its 附件 label (glued to its first paragraph
	// in some dumps).
	planTitle := ""
	var edits []lineEdit
	for _, sig := range sigs {
		i := sig.last + 1
		for i < len(ls) && reAttachmentLabel.MatchString(ls[i].fold) {
			i++
		}
		if i >= len(ls) || len(edits) > 0 && i < edits[len(edits)-1].end() {
			continue
		}
		var title line
		if t, r, ok := splitGluedTitle(ls[i]); ok {
			edits = append(edits, lineEdit{at: i, n: 1, with: []line{t, r}})
			title = t
		} else if looksTitle(ls[i]) {
			ls[i].heading = true
			title = ls[i]
		} else if i+1 < len(ls) && brokenTitle(ls[i], ls[i+1]) {
			t := joinLines(ls[i], ls[i+1])
			t.heading = true
			edits = append(edits, lineEdit{at: i, n: 2, with: []line{t}})
			title = t
		} else {
			continue
		}
		if planTitle == "" {
			planTitle = cleanTitle(title.text) // the earliest wins
		}
	}
	ls = applyEdits(ls, edits)
	end := findBodyEnd(ls, start)
	markAttachments(ls, start, len(ls))
	ls, start, end = joinBroken(ls, start, end)

	// The text: one line per paragraph, and its fold from the lines'
	// folds (folding is rune by rune, so the fold of the joined text is
	// the join of the folds; when no line folds, the text is its own).
	off := make([]int, len(ls)+1)
	var b strings.Builder
	size := len(ls)
	folds := false
	for _, l := range ls {
		size += len(l.text)
		folds = folds || l.fold != l.text
	}
	b.Grow(size)
	for i, l := range ls {
		if i > 0 {
			b.WriteByte('\n')
		}
		off[i] = b.Len()
		b.WriteString(l.text)
	}
	off[len(ls)] = b.Len()
	d := &corpus.Document{Text: b.String()}
	d.Fold = d.Text
	if folds {
		var fb strings.Builder
		fb.Grow(size)
		for i, l := range ls {
			if i > 0 {
				fb.WriteByte('\n')
			}
			fb.WriteString(l.fold)
		}
		d.Fold = fb.String()
	}
	bodyStart := off[start]
	bodyEnd := bodyStart
	if end > start {
		bodyEnd = off[end-1] + len(ls[end-1].text)
	}
	d.Body = corpus.Span{Start: bodyStart, End: bodyEnd}
	d.Outline = buildOutline(ls, off, start, end, bodyEnd)
	d.Tables = buildTables(ls, off)
	d.Passages = passages(ls, off, start, end, d.Outline)

	h := readHeader(ls[:start])
	d.Title = firstOf(pm.title, h.title, planTitle)
	d.DocNumber = firstOf(pm.number, h.docNumber)
	d.Addressees = h.addressees
	d.Issuer = pm.issuer
	if d.Issuer == "" {
		for _, s := range sigs {
			if len(s.orgs) > 0 {
				d.Issuer = strings.Join(s.orgs, "、")
				break
			}
		}
	}
	if d.Issuer == "" {
		d.Issuer = h.imprint
	}
	if d.Issuer == "" {
		d.Issuer = issuerOf(h, d.Title, d.Fold[bodyStart:bodyEnd], d.Text[bodyStart:bodyEnd])
	}
	d.Date = pm.date
	if d.Date == "" && len(sigs) > 0 {
		d.Date = sigs[0].date
	}
	if d.Date == "" {
		d.Date = h.date
	}
	d.PlanYear = yearIn(fold.String(d.Title))
	if d.PlanYear == 0 {
		d.PlanYear = yearIn(fold.String(d.DocNumber))
	}
	if d.PlanYear == 0 && len(d.Date) >= 4 {
		d.PlanYear, _ = strconv.Atoi(d.Date[:4])
	}
	d.CC = ccOf(ls[end:])
	d.References = documentReferences(d)
	if d.Addressees == nil {
		d.Addressees = []string{}
	}
	if d.CC == nil {
		d.CC = []string{}
	}
	if d.References == nil {
		d.References = []corpus.Reference{}
	}
	locate(d, pm.publisher)
	return d
}

// brokenTitle reports two lines that are one title broken in two: short,
// no clause punctuation or numbering in either, the second ending in a
// kind of document (…关于做好2021年汛期安全生产工作 / 的实施意见).
func brokenTitle(a, b line) bool {
	for _, l := range []line{a, b} {
		if l.row || l.aside || atLeastRunes(l.fold, 41) || clausePunct.in(l.fold) || isItem(l.fold) {
			return false
		}
	}
	return endsDocKind(b.fold) && looksTitle(line{text: a.text + b.text, fold: a.fold + b.fold})
}

// lineEdit replaces the n lines of a document from at with lines.
type lineEdit struct {
	at, n int
	with  []line
}

func (e lineEdit) end() int { return e.at + e.n }

// applyEdits applies edits, in order and not overlapping, in one pass:
// linear however many there are.
func applyEdits(ls []line, edits []lineEdit) []line {
	if len(edits) == 0 {
		return ls
	}
	out := make([]line, 0, len(ls)+len(edits))
	prev := 0
	for _, e := range edits {
		out = append(out, ls[prev:e.at]...)
		out = append(out, e.with...)
		prev = e.end()
	}
	return append(out, ls[prev:]...)
}

// splice replaces line i of ls with a and b.
func splice(ls []line, i int, a, b line) []line {
	out := make([]line, 0, len(ls)+1)
	out = append(out, ls[:i]...)
	out = append(out, a, b)
	return append(out, ls[i+1:]...)
}

// firstOf returns the first non-empty string.
func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
