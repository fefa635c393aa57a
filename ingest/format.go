package ingest

import (
	"bytes"
	"fmt"
	"net/http"
	"path"
	"strings"
)

// The formats Parse reads, as recorded in corpus.Document.Format.
const (
	formatTXT  = "txt"
	formatMD   = "md"
	formatHTML = "html"
	formatDOCX = "docx"
)

// sniffFormat decides how to read data: the content's magic bytes first
// (a zip is a .docx, an image or PDF is refused), then the extension of
// name; text without a telling extension is checked for HTML and Markdown
// after decoding.
func sniffFormat(name string, data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return formatDOCX, nil
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return "", fmt.Errorf("%w: legacy Word .doc (OLE) file; save it as .docx", ErrUnsupported)
	case bytes.HasPrefix(data, []byte("%PDF")):
		return "", fmt.Errorf("%w: PDF", ErrUnsupported)
	case bytes.HasPrefix(data, []byte("{\\rtf")):
		return "", fmt.Errorf("%w: RTF", ErrUnsupported)
	}
	ct := http.DetectContentType(data)
	for _, p := range []string{"image/", "audio/", "video/", "font/", "application/x-gzip", "application/zip", "application/pdf", "application/wasm", "application/vnd.ms-fontobject", "application/x-rar"} {
		if strings.HasPrefix(ct, p) {
			return "", fmt.Errorf("%w: binary content (%s)", ErrUnsupported, ct)
		}
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm", ".xhtml", ".shtml":
		return formatHTML, nil
	case ".md", ".markdown":
		return formatMD, nil
	}
	return formatTXT, nil
}

// looksHTML reports text that is an HTML page whatever its name says.
func looksHTML(s string) bool {
	head := asciiLower(strings.TrimSpace(s[:min(len(s), 2048)]))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		strings.HasPrefix(head, "<?xml") && strings.Contains(head, "<html") ||
		strings.Contains(head, "<body") || strings.HasPrefix(head, "<head")
}

// asciiLower returns s with its ASCII capitals lowered. For the tags
// looksHTML looks for it answers as strings.ToLower does (no other rune
// lowers to one of their letters; the Kelvin sign's k and the dotted
// capital I's i are in none of them), without decoding the text.
func asciiLower(s string) string {
	i := 0
	for i < len(s) && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
