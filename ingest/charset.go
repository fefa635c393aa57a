package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// The charsets Parse recognises, as recorded in corpus.Document.Charset.
const (
	charsetUTF8    = "utf-8"
	charsetGB18030 = "gb18030"
	charsetUTF16LE = "utf-16le"
	charsetUTF16BE = "utf-16be"
)

// errUndecodable reports bytes that are neither UTF-8, GB18030 nor UTF-16.
var errUndecodable = errors.New("undecodable text: not UTF-8, GB18030/GBK or UTF-16")

// decodeText turns data into a UTF-8 string and names the charset it was
// in: a BOM decides first (UTF-8, UTF-16 LE/BE), then valid UTF-8, then
// UTF-16 without BOM recognised by its zero bytes, then GB18030 (a superset
// of GBK and GB2312). Text that decodes only with many replacement
// characters or control bytes is refused.
func decodeText(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return cleanUTF8(data[3:]), charsetUTF8, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data, unicode.LittleEndian, charsetUTF16LE)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data, unicode.BigEndian, charsetUTF16BE)
	}
	if utf8.Valid(data) {
		s := string(data)
		return s, charsetUTF8, checkControls(s)
	}
	if e, ok := sniffUTF16(data); ok {
		name := charsetUTF16LE
		if e == unicode.BigEndian {
			name = charsetUTF16BE
		}
		return decodeUTF16(data, e, name)
	}
	// Mostly valid UTF-8 with a few broken sequences (a truncated file, a bad
	// copy) stays UTF-8; the broken bytes are dropped.
	good, bad := utf8Stats(data)
	if bad > 0 && good >= 20*bad {
		s := cleanUTF8(data)
		return s, charsetUTF8, checkControls(s)
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("%w: %v", errUndecodable, err)
	}
	s := string(out)
	if n := utf8.RuneCountInString(s); n > 0 && strings.Count(s, "\uFFFD")*50 > n {
		return "", "", errUndecodable
	}
	return s, charsetGB18030, checkControls(s)
}

func decodeUTF16(data []byte, e unicode.Endianness, name string) (string, string, error) {
	out, err := unicode.UTF16(e, unicode.UseBOM).NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("%s: %w", name, err)
	}
	s := string(out)
	return s, name, checkControls(s)
}

// sniffUTF16 recognises UTF-16 without a BOM. ASCII punctuation and
// newlines put a zero byte in one fixed position of each pair: at least a
// tenth of the pairs with it there and none in the other settles it.
// Chinese text without ASCII has no zero bytes, so the code units are
// read both ways too: when most of them are CJK characters, CJK or
// full-width punctuation or ASCII read one way, and not half as many the
// other way, that way it is (GB18030 bytes read as UTF-16 land in Hangul,
// surrogates and private use, never there).
func sniffUTF16(data []byte) (unicode.Endianness, bool) {
	if len(data) < 4 || len(data)%2 != 0 {
		return unicode.LittleEndian, false
	}
	n := min(len(data), 1<<16)
	var even, odd, le, be int
	for i := 0; i+1 < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
		if textUnit(uint16(data[i]) | uint16(data[i+1])<<8) {
			le++
		}
		if textUnit(uint16(data[i])<<8 | uint16(data[i+1])) {
			be++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 >= pairs && even == 0:
		return unicode.LittleEndian, true
	case even*10 >= pairs && odd == 0:
		return unicode.BigEndian, true
	case le*10 >= pairs*7 && le >= 2*be:
		return unicode.LittleEndian, true
	case be*10 >= pairs*7 && be >= 2*le:
		return unicode.BigEndian, true
	}
	return unicode.LittleEndian, false
}

// textUnit reports a UTF-16 code unit of Chinese text: a CJK character,
// CJK or full-width punctuation, printable ASCII or a line break.
func textUnit(u uint16) bool {
	return u >= 0x3400 && u <= 0x9FFF || u >= 0x3000 && u <= 0x303F || u >= 0xFF00 && u <= 0xFFEF ||
		u >= 0x20 && u < 0x7F || u == '\n' || u == '\r' || u == '\t' || u >= 0x2010 && u <= 0x2027
}

// utf8Stats counts the multi-byte runes and the invalid bytes of data.
func utf8Stats(data []byte) (good, bad int) {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			bad++
		case size > 1:
			good++
		}
		i += size
	}
	return good, bad
}

// cleanUTF8 returns data as a string without its invalid bytes.
func cleanUTF8(data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	return string(bytes.ToValidUTF8(data, nil))
}

// checkControls refuses text whose share of control characters (other than
// tab, newline, carriage return, form feed and vertical tab) or NUL bytes
// shows it is binary.
func checkControls(s string) error {
	ctl := controls(s)
	if ctl == 0 {
		return nil
	}
	if n := utf8.RuneCountInString(s); ctl*100 > n {
		return fmt.Errorf("binary content: %d control characters in %d", ctl, n)
	}
	return nil
}

// controls counts the bytes of s below 0x20 other than \t \n \r \f \v,
// and DEL. Eight bytes at a time are tested for any byte below 0x20 or
// equal to 0x7F (the tests have no false negatives); only words that have
// one are looked at byte by byte.
func controls(s string) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	n := 0
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		below := (x - 0x20*ones) &^ x & highs
		del := ((x ^ 0x7F*ones) - ones) &^ (x ^ 0x7F*ones) & highs
		if below|del == 0 {
			continue
		}
		for _, c := range []byte(s[i : i+8]) {
			if isControl(c) {
				n++
			}
		}
	}
	for ; i < len(s); i++ {
		if isControl(s[i]) {
			n++
		}
	}
	return n
}

// isControl reports a control byte that plain text does not hold.
func isControl(c byte) bool {
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' || c == 0x7f
}
