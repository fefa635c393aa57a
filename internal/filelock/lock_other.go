//go:build !unix

package filelock

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		pid, role := Holder(path)
		return nil, &HeldError{Path: path, PID: pid, Role: role}
	}
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return f, nil
}

// unlockFile closes f and removes it: without flock, the file's existence
// is the lock.
func unlockFile(f *os.File, path string) error {
	f.Close()
	return os.Remove(path)
}
