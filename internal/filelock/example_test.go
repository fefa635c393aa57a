package filelock_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dutymap/dutymap/internal/filelock"
)

func ExampleTryLock() {
	dir, _ := os.MkdirTemp("", "filelock")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "lock")
	l, err := filelock.TryLock(path, "watch")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer l.Unlock()
	_, err = filelock.TryLock(path, "add") // refused at once, naming the holder
	var held *filelock.HeldError
	fmt.Println(errors.As(err, &held), held.PID == os.Getpid(), held.Role)
	// Output:
	// true true watch
}
