package ingest

import (
	"errors"

	"github.com/dutymap/dutymap/corpus"
)

// Parse turns the bytes of one file into the Documents it holds.
// name is used for format sniffing and error messages.
func Parse(name string, data []byte) ([]*corpus.Document, error) {
	return nil, errors.New("ingest: not built yet")
}
