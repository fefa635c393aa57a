package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
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
		if format == formatTXT && looksMarkdown(text) {
			format = formatMD
		}
		switch format {
		case formatHTML:
			ls, err = htmlLines(text)
		case formatMD:
			ls = markdownLines(text)
		default:
			ls = textLines(text)
		}
		if format != formatHTML {
			tables := 0
			ls = pipeTables(ls, &tables)
		}
	}
	if err != nil {
		return nil, err
	}
	ls = dropClutter(ls)
	if len(ls) == 0 {
		return nil, ErrNoText
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

// signatureLines is how many closing lines may hold the signature when no
// signature block ends the document.
const signatureLines = 15

// buildDocument repairs the lines of one document and reads its text,
// metadata and outline.
func buildDocument(ls []line) *corpus.Document {
	start := findBodyStart(ls)
	end := findBodyEnd(ls, start)
	ls, start, end = joinBroken(ls, start, end)

	// The text: one line per paragraph.
	off := make([]int, len(ls)+1)
	var b strings.Builder
	size := len(ls)
	for _, l := range ls {
		size += len(l.text)
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
	d.Fold = fold.String(d.Text)
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
	tail := ls[end:]
	// The signature may sit before attachments that follow it: dates and
	// 抄送 lines are looked for in the last lines too.
	sig := tail
	if len(sig) == 0 {
		sig = ls[max(start, len(ls)-signatureLines):]
	}
	d.Title = h.title
	d.DocNumber = h.docNumber
	d.Addressees = h.addressees
	d.Issuer = issuerOf(h, tail)
	d.Date = signingDate(sig)
	if d.Date == "" {
		d.Date = h.date
	}
	d.PlanYear = yearIn(d.Title)
	if d.PlanYear == 0 {
		d.PlanYear = yearIn(d.DocNumber)
	}
	d.CC = ccOf(sig)
	preEnd := bodyEnd
	if len(d.Outline) > 0 {
		preEnd = d.Outline[0].Span.Start
	}
	d.References = referencesIn(d.Text[bodyStart:preEnd])
	if d.Addressees == nil {
		d.Addressees = []string{}
	}
	if d.CC == nil {
		d.CC = []string{}
	}
	if d.References == nil {
		d.References = []corpus.Reference{}
	}
	locate(d)
	return d
}
