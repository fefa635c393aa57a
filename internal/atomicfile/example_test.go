package atomicfile_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dutymap/dutymap/internal/atomicfile"
)

func ExampleWriteFile() {
	dir, _ := os.MkdirTemp("", "atomicfile")
	defer os.RemoveAll(dir)
	name := filepath.Join(dir, "tasks.csv")
	err := atomicfile.WriteFile(name, func(w io.Writer) error {
		_, err := io.WriteString(w, "序号,工作任务\n1,每月至少召开一次会议\n")
		return err
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	b, _ := os.ReadFile(name)
	fmt.Print(string(b))
	// Output:
	// 序号,工作任务
	// 1,每月至少召开一次会议
}
