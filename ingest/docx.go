package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxDocxXML caps the uncompressed size of word/document.xml: a zip bomb
// is refused, not inflated.
const maxDocxXML = 64 << 20

// docxLines reads the paragraphs of a Word .docx in order: each <w:p> is a
// line (a <w:br/> inside one ends a line too), runs with <w:b/> are bold,
// paragraphs styled as headings (Heading1, 标题 1, Title) are headings, and
// each table row becomes one line with its cells separated by " | ".
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
	// The header's size may lie; read at most the cap plus one byte.
	xmlData, err := io.ReadAll(io.LimitReader(rc, maxDocxXML+1))
	if err != nil {
		return nil, fmt.Errorf("docx: word/document.xml: %w", err)
	}
	if len(xmlData) > maxDocxXML {
		return nil, fmt.Errorf("docx: word/document.xml expands past %d MiB", maxDocxXML>>20)
	}
	return wordLines(xmlData)
}

// wordLines walks WordprocessingML with a streaming decoder.
func wordLines(data []byte) ([]line, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var out []line
	var lb lineBuilder
	var (
		inText, runBold, inRPr bool
		tableDepth, cell       int
		rowOpen                bool
		depth                  int
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
			case "tr":
				rowOpen, cell = true, 0
			case "tc":
				lb.row = true
				if cell > 0 {
					lb.write(" | ", false)
				}
				cell++
			case "p":
				if tableDepth == 0 || !rowOpen {
					lb.heading = false
				} else if lb.b.Len() > 0 && cell > 0 && !strings.HasSuffix(lb.b.String(), " | ") {
					lb.write(" ", false) // paragraphs inside one cell
				}
			case "pStyle":
				v := strings.ToLower(wordVal(t))
				if strings.HasPrefix(v, "heading") || strings.HasPrefix(v, "title") || strings.Contains(v, "标题") {
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
				lb.write(" ", false)
			case "br", "cr":
				if tableDepth == 0 {
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
			case "tr":
				rowOpen = false
				out = lb.flush(out)
			case "tbl":
				tableDepth--
			}
		case xml.CharData:
			if inText {
				lb.write(string(t), runBold)
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
