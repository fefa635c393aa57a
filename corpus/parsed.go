package corpus

// Parsed is a Document with the Obligations extracted from it: what
// ingest and extract hand on, together, to the store, the index and the
// comparisons.
type Parsed struct {
	Doc         *Document
	Obligations []Obligation
}
