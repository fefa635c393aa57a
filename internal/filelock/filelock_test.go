package filelock

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestTryLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	l, err := TryLock(path, "watch")
	if err != nil {
		t.Fatal(err)
	}
	if pid, role := Holder(path); pid != os.Getpid() || role != "watch" {
		t.Errorf("Holder = %d %q, want %d watch", pid, role, os.Getpid())
	}
	// A second lock of the same file, even in this process, is refused.
	_, err = TryLock(path, "add")
	var held *HeldError
	if !errors.As(err, &held) || held.PID != os.Getpid() || held.Role != "watch" {
		t.Fatalf("second TryLock: %v, want held by pid %d (watch)", err, os.Getpid())
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	if pid, _ := Holder(path); pid != 0 {
		t.Errorf("after Unlock the file still names pid %d", pid)
	}
	l2, err := TryLock(path, "")
	if err != nil {
		t.Fatalf("TryLock after Unlock: %v", err)
	}
	l2.Unlock()
	l2.Unlock() // a second Unlock is harmless
}

func TestParseNote(t *testing.T) {
	tests := []struct {
		in   string
		pid  int
		role string
	}{
		{"123\n", 123, ""},
		{"123 dutymap watch\n", 123, "dutymap watch"},
		{"", 0, ""},
		{"abc watch", 0, ""},
		{"-5", 0, ""},
		{"  42   add  \nrest", 42, "add"},
	}
	for _, tt := range tests {
		if pid, role := parseNote(tt.in); pid != tt.pid || role != tt.role {
			t.Errorf("parseNote(%q) = %d %q, want %d %q", tt.in, pid, role, tt.pid, tt.role)
		}
	}
}

// TestLockOtherProcess holds the lock in a child process: the kernel lock
// is seen across processes, and dropped when the holder dies.
func TestLockOtherProcess(t *testing.T) {
	if path := os.Getenv("FILELOCK_TEST_HOLD"); path != "" {
		if _, err := TryLock(path, "child"); err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("locked\n")
		os.Stdin.Read(make([]byte, 1)) // hold until the parent closes stdin
		os.Exit(0)
	}
	path := filepath.Join(t.TempDir(), "lock")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockOtherProcess$")
	cmd.Env = append(os.Environ(), "FILELOCK_TEST_HOLD="+path)
	in, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 7)
	if _, err := out.Read(buf); err != nil {
		t.Fatal(err)
	}
	_, err := TryLock(path, "parent")
	var held *HeldError
	if !errors.As(err, &held) || held.PID != cmd.Process.Pid || held.Role != "child" {
		t.Errorf("TryLock while pid %d holds it: %v", cmd.Process.Pid, err)
	}
	cmd.Process.Kill()
	in.Close()
	cmd.Wait()
	l, err := TryLock(path, "parent")
	if err != nil {
		t.Fatalf("TryLock after the holder died: %v", err)
	}
	l.Unlock()
}
