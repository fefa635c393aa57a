package readcap_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/dutymap/dutymap/internal/readcap"
)

func ExampleReadFile() {
	dir, _ := os.MkdirTemp("", "readcap")
	defer os.RemoveAll(dir)
	name := filepath.Join(dir, "plan.txt")
	os.WriteFile(name, []byte("每月至少召开一次会议。"), 0o644)
	b, err := readcap.ReadFile(name, 1<<20)
	fmt.Println(string(b), err)
	_, err = readcap.ReadFile(name, 8)
	fmt.Println(err)
	_, err = readcap.ReadFile(dir, 1<<20)
	fmt.Println(err)
	// Output:
	// 每月至少召开一次会议。 <nil>
	// file is larger than 8 bytes
	// not a regular file (a folder)
}
