//go:build !unix

package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// lockDir creates dir/lock exclusively and writes the pid into it; Close
// removes it. Without flock a crashed writer leaves the file behind, and the
// user must remove it by hand.
func lockDir(dir string) (unlock func() error, err error) {
	path := filepath.Join(dir, "lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, &LockedError{Dir: dir, PID: LockHolder(dir)}
	}
	if err != nil {
		return nil, fmt.Errorf("lock corpus: %w", err)
	}
	if _, err := f.WriteString(strconv.Itoa(os.Getpid()) + "\n"); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("lock corpus %s: %w", dir, err)
	}
	return func() error {
		f.Close()
		return os.Remove(path)
	}, nil
}
