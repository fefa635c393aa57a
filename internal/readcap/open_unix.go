//go:build unix

package readcap

import (
	"os"
	"syscall"
)

// openNonBlocking opens path for reading without waiting: O_NONBLOCK makes
// opening a FIFO return at once instead of waiting for a writer, and means
// nothing for a regular file. O_NOCTTY keeps a terminal device from
// becoming the process's controlling terminal.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
}
