package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxDocxXML caps the uncompressed size of word/document.xml: a zip bomb
// is refused, not inflated.
const maxDocxXML = 64 << 20

// docxLines reads the paragraphs of a Word .docx in order: each <w:p> is a
// line (a <w:br/> inside one ends a line too), runs with <w:b/> are bold,
// paragraphs styled as headings (Heading1, 标题 1, Title) are headings, and
// each table row becomes one row line with its cells separated by " | ".
func docxLines(data []byte) ([]line, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("docx: not a readable zip archive: %w", err)
	}
	var f *zip.File
	for _, zf := range zr.File {
		if zf.Name == "word/document.xml" {
			f = zf
			break
		}
	}
	if f == nil {
		return nil, fmt.Errorf("%w: zip archive without word/document.xml (not a .docx)", ErrUnsupported)
	}
	if f.UncompressedSize64 > maxDocxXML {
		return nil, fmt.Errorf("docx: word/document.xml expands to %d MiB (limit %d MiB)", f.UncompressedSize64>>20, maxDocxXML>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	defer rc.Close()
	// The XML is decoded as it is inflated, not read whole first: markup
	// can be sixty times the text it holds. The header's size may lie;
	// the reader stops at the cap.
	return wordLines(&cappedReader{r: rc, left: maxDocxXML})
}

// errDocxXMLSize is returned by a cappedReader read past its cap.
var errDocxXMLSize = fmt.Errorf("expands past %d MiB", maxDocxXML>>20)

// cappedReader reads r and fails with errDocxXMLSize once more than left
// bytes come out of it.
type cappedReader struct {
	r    io.Reader
	left int64
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left < 0 {
		return 0, errDocxXMLSize
	}
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return 0, errDocxXMLSize
	}
	return n, err
}

// wordLines walks WordprocessingML with a streaming decoder. Paragraphs
// outside tables are lines; each row of a table (w:tbl) is a row line, its
// cells' paragraphs joined by spaces, a cell spanning columns (w:gridSpan)
// or merged down (w:vMerge) repeating its cell, rows marked w:tblHeader or
// a first row of column labels its header; a table nested in a cell is
// text of that cell.
func wordLines(r io.Reader) ([]line, error) {
	dec := xml.NewDecoder(r)
	var out []line
	var lb lineBuilder
	var (
		inText, runBold, inRPr bool
		tableDepth, depth      int
		tables                 int
		// The row being read (outermost table only).
		cols      []colText
		cellText  strings.Builder
		inCell    bool
		span      int  // w:gridSpan of the cell
		cont      bool // w:vMerge continuing the cell above
		header    bool // w:tblHeader on the row
		rows      int  // rows emitted in this table
		vStart    []int
		allHeader bool
	)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("docx: word/document.xml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxHTMLDepth {
				return nil, fmt.Errorf("docx: elements nested deeper than %d", maxHTMLDepth)
			}
			switch t.Name.Local {
			case "tbl":
				tableDepth++
				if tableDepth == 1 {
					out = lb.flush(out)
					tables++
					rows, vStart, allHeader = 0, nil, true
				}
			case "tr":
				if tableDepth == 1 {
					cols, header = cols[:0], false
				}
			case "tblHeader":
				if tableDepth == 1 {
					v := wordVal(t)
					header = v == "" || v == "1" || v == "true" || v == "on"
				}
			case "tc":
				if tableDepth == 1 {
					inCell, span, cont = true, 1, false
					cellText.Reset()
				}
			case "gridSpan":
				if tableDepth == 1 && inCell {
					if v, err := strconv.Atoi(wordVal(t)); err == nil && v > 1 {
						span = min(v, maxSpan)
					}
				}
			case "vMerge":
				if tableDepth == 1 && inCell {
					cont = wordVal(t) != "restart"
				}
			case "p":
				if tableDepth > 0 {
					if cellText.Len() > 0 {
						cellText.WriteByte(' ')
					}
				} else {
					lb.heading = false
				}
			case "pStyle":
				v := strings.ToLower(wordVal(t))
				if tableDepth == 0 && (strings.HasPrefix(v, "heading") || strings.HasPrefix(v, "title") || strings.Contains(v, "标题")) {
					lb.heading = true
				}
			case "r":
				runBold = false
			case "rPr":
				inRPr = true
			case "b":
				if inRPr {
					v := wordVal(t)
					runBold = v == "" || v == "1" || v == "true" || v == "on"
				}
			case "t":
				inText = true
			case "tab":
				if tableDepth > 0 {
					cellText.WriteByte(' ')
				} else {
					lb.write(" ", false)
				}
			case "br", "cr":
				if tableDepth > 0 {
					cellText.WriteByte(' ')
				} else {
					out = lb.flush(out)
				}
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "t":
				inText = false
			case "rPr":
				inRPr = false
			case "p":
				if tableDepth == 0 {
					out = lb.flush(out)
				}
			case "tc":
				if tableDepth == 1 && inCell {
					inCell = false
					c := len(cols)
					for len(vStart) < c+span {
						vStart = append(vStart, 0)
					}
					for k := 0; k < span && len(cols) < maxColumns; k++ {
						switch {
						case cont && rows > vStart[c+k]:
							cols = append(cols, colText{from: rows - vStart[c+k]})
						case k == 0:
							cols = append(cols, colText{text: cellText.String()})
							vStart[c] = rows
						default:
							cols = append(cols, colText{left: true})
							vStart[c+k] = rows
						}
					}
				}
			case "tr":
				if tableDepth == 1 {
					l := rowLine(cols, tables, header && allHeader)
					if !header {
						allHeader = false
					}
					if l.text != "" {
						if rows == 0 && !l.header && isHeaderRow(l) {
							l.header = true
						}
						out = append(out, l)
						rows++
					}
				}
			case "tbl":
				tableDepth--
			}
		case xml.CharData:
			if inText {
				if tableDepth > 0 {
					cellText.Write(t)
				} else {
					lb.write(string(t), runBold)
				}
			}
		}
	}
	out = lb.flush(out)
	return out, nil
}

// wordVal returns the w:val attribute of an element.
func wordVal(t xml.StartElement) string {
	for _, a := range t.Attr {
		if a.Name.Local == "val" {
			return a.Value
		}
	}
	return ""
}
