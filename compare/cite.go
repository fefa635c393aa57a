package compare

import "github.com/dutymap/dutymap/corpus"

// Cites reports whether the reference r names the document d, by document
// number or title, as FindUppers and FindLowers judge a citation: spaces
// and compatibility forms of characters do not count.
func Cites(r corpus.Reference, d *corpus.Document) bool {
	_, ok := cites(citations(&corpus.Document{References: []corpus.Reference{r}}), d)
	return ok
}
