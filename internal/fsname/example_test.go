package fsname_test

import (
	"fmt"
	"strings"

	"github.com/dutymap/dutymap/internal/fsname"
)

func ExampleFit() {
	fmt.Println(fsname.Fit("方案.txt", fsname.Max))
	long := strings.Repeat("关于做好安全生产工作的通知", 7) + ".docx"
	short := fsname.Fit(long+".error.txt", fsname.Max)
	fmt.Println(len(long+".error.txt"), "bytes →", len(short), "bytes")
	// Output:
	// 方案.txt
	// 288 bytes → 253 bytes
}
