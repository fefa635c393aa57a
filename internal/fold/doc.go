// Package fold takes text and hands out its folded shadow for matching:
// traditional Chinese characters become simplified ones and compatibility
// forms (CJK compatibility ideographs, Kangxi radicals, small and vertical
// punctuation forms) their plain ones, one rune for one rune of the same
// UTF-8 length. A folded string therefore has the length and the rune
// boundaries of its source, and a byte span found in one is valid in the
// other: rules match on the fold and show the original.
//
// The traditional→simplified table is built once, on first use, from the
// character dictionary (TSCharacters) of OpenCC as embedded in
// github.com/liuzl/gocc; nothing is read from disk or the network. A
// mapping that would change the encoded length (a BMP character to one
// outside it, full-width ASCII to ASCII) is left out: rules written for
// matching handle both widths of ASCII punctuation themselves.
package fold
