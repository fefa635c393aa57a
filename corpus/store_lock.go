package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// LockedError is returned by OpenStore when another process is writing to
// the corpus directory.
type LockedError struct {
	Dir string
	PID int // 0 when the holder's pid could not be read
}

func (e *LockedError) Error() string {
	if e.PID == 0 {
		return fmt.Sprintf("corpus %s in use by another process", e.Dir)
	}
	return fmt.Sprintf("corpus %s in use by pid %d", e.Dir, e.PID)
}

// LockHolder returns the pid written in dir's lock file, or 0 if there is
// none. The pid names the writer only while it holds the lock.
func LockHolder(dir string) int {
	b, err := os.ReadFile(filepath.Join(dir, "lock"))
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		return 0
	}
	return pid
}
