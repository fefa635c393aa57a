package fold_test

import (
	"fmt"
	"strings"

	"github.com/dutymap/dutymap/internal/fold"
)

func ExampleString() {
	text := "現將《蕪湖市安全生產目標管理考核辦法》印發給你們"
	f := fold.String(text)
	fmt.Println(f)
	// A span found in the fold is valid in the text.
	i := strings.Index(f, "印发")
	fmt.Println(text[i : i+len("印发")])
	// Output:
	// 现将《芜湖市安全生产目标管理考核办法》印发给你们
	// 印發
}
