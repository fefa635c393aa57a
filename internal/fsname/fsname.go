// Package fsname takes a file name and a byte limit and hands out a name
// that fits it: file systems refuse names over 255 bytes, which is 85
// Chinese characters, and dutymap adds suffixes to names it was given
// (NAME.error.txt, .NAME.tmp-123, NAME (2).txt). A name too long is cut on
// a character boundary and given a short hash of the whole name, so that
// two long names that share a beginning stay apart, and the same name
// always gives the same result.
package fsname

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"unicode/utf8"
)

// Max is the longest file name, in bytes, that common file systems take
// (ext4, XFS, APFS, NTFS in UTF-16 units: at least this many bytes of UTF-8
// for names of Chinese characters).
const Max = 255

// hashLen is the hex digits of the hash put into a shortened name.
const hashLen = 8

// Fit returns name unchanged if it is at most max bytes long; otherwise
// its stem, cut on a character boundary, then "~" and 8 hex digits of the
// SHA-256 of name, then its extension (when the extension is short
// enough to keep), in at most max bytes. max below 16 is taken as 16.
func Fit(name string, max int) string {
	max = maxInt(max, 2*hashLen)
	if len(name) <= max {
		return name
	}
	sum := sha256.Sum256([]byte(name))
	tag := "~" + hex.EncodeToString(sum[:])[:hashLen]
	ext := path.Ext(name)
	if len(ext) > 16 || len(ext)+len(tag) > max {
		ext = ""
	}
	stem := name[:len(name)-len(ext)]
	return cut(stem, max-len(tag)-len(ext)) + tag + ext
}

// cut returns the longest prefix of s of at most n bytes that ends on a
// rune boundary.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}
