package extract

import (
	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/segment"
)

// Extractor finds the obligations of Documents.
type Extractor struct {
	seg *segment.Segmenter
}

// New returns an Extractor that cuts words with seg.
func New(seg *segment.Segmenter) *Extractor { return &Extractor{seg: seg} }

// Extract returns the obligations of doc in reading order.
func (e *Extractor) Extract(doc *corpus.Document) []corpus.Obligation { return nil }
