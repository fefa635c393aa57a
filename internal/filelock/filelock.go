package filelock

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Lock is a lock held on a file until Unlock.
type Lock struct {
	f    *os.File
	path string
}

// HeldError is returned by TryLock when another holder has the lock.
type HeldError struct {
	Path string
	PID  int    // the holder's pid; 0 when it could not be read
	Role string // what the holder said it is doing ("watch", "add"); may be empty
}

func (e *HeldError) Error() string {
	switch {
	case e.PID == 0:
		return fmt.Sprintf("%s is held by another process", e.Path)
	case e.Role == "":
		return fmt.Sprintf("%s is held by pid %d", e.Path, e.PID)
	}
	return fmt.Sprintf("%s is held by pid %d (%s)", e.Path, e.PID, e.Role)
}

// TryLock takes the lock on the file path, creating it if needed, and
// writes the pid and role into it for others' messages. It never waits: a
// lock held by another holder — another process, or another Lock of this
// process on the same file — fails with a *HeldError.
func TryLock(path, role string) (*Lock, error) {
	f, err := lockFile(path)
	if err != nil {
		return nil, err
	}
	l := &Lock{f: f, path: path}
	if err := l.f.Truncate(0); err != nil {
		l.Unlock()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if _, err := l.f.WriteAt([]byte(note(os.Getpid(), role)), 0); err != nil {
		l.Unlock()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return l, nil
}

// Unlock releases the lock. The pid is emptied first, so that a stale pid
// is never shown.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.f.Truncate(0)
	err := unlockFile(l.f, l.path)
	l.f = nil
	return err
}

// Holder returns the pid and role written in the lock file path; 0 and ""
// when there are none. They name the holder only while it holds the lock.
func Holder(path string) (pid int, role string) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, ""
	}
	return parseNote(string(b))
}

func note(pid int, role string) string {
	role = strings.Join(strings.Fields(role), " ")
	if role == "" {
		return strconv.Itoa(pid) + "\n"
	}
	return strconv.Itoa(pid) + " " + role + "\n"
}

func parseNote(s string) (int, string) {
	line, _, _ := strings.Cut(s, "\n")
	num, role, _ := strings.Cut(strings.TrimSpace(line), " ")
	pid, err := strconv.Atoi(num)
	if err != nil || pid <= 0 {
		return 0, ""
	}
	return pid, strings.TrimSpace(role)
}
