//go:build !unix

package readcap

import "os"

// openNonBlocking checks that path is a regular file before opening it:
// where O_NONBLOCK is not available, a file replaced between the check and
// the open is the remaining risk.
func openNonBlocking(path string) (*os.File, error) {
	if err := CheckRegular(path); err != nil {
		return nil, err
	}
	return os.Open(path)
}
