package ingest

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// TestCappedReader: the XML of a .docx is decoded as it is inflated, so
// the cap on its size is kept by the reader, whatever the zip header says.
func TestCappedReader(t *testing.T) {
	for _, tc := range []struct {
		size, limit int
		ok          bool
	}{
		{0, 10, true},
		{9, 10, true},
		{10, 10, true},
		{11, 10, false},
		{100000, 10, false},
	} {
		data := strings.Repeat("<", tc.size)
		got, err := io.ReadAll(&cappedReader{r: strings.NewReader(data), left: int64(tc.limit)})
		switch {
		case tc.ok && (err != nil || string(got) != data):
			t.Errorf("%d bytes under a cap of %d: %d bytes read, %v", tc.size, tc.limit, len(got), err)
		case !tc.ok && !errors.Is(err, errDocxXMLSize):
			t.Errorf("%d bytes under a cap of %d: err %v, want errDocxXMLSize", tc.size, tc.limit, err)
		case !tc.ok && len(got) > tc.limit:
			t.Errorf("%d bytes under a cap of %d: %d bytes came out", tc.size, tc.limit, len(got))
		}
	}
}
