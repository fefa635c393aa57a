package numeral_test

import (
	"fmt"

	"github.com/dutymap/dutymap/internal/numeral"
)

func ExampleParse() {
	for _, s := range []string{"12", "十二", "两", "三十一"} {
		n, _ := numeral.Parse(s)
		fmt.Println(s, n)
	}
	// Output:
	// 12 12
	// 十二 12
	// 两 2
	// 三十一 31
}

func ExampleYear() {
	y, ok := numeral.Year("二〇二四")
	fmt.Println(y, ok)
	// Output: 2024 true
}
