package samples_test

import (
	"fmt"
	"io/fs"

	"github.com/dutymap/dutymap/samples"
)

func ExampleFS() {
	names, _ := fs.Glob(samples.FS(), "*.txt")
	fmt.Println(len(names), names[0])
	// Output:
	// 5 000_b8c2bae4e8864faf.txt
}
