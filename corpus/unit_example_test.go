package corpus_test

import (
	"fmt"

	"github.com/dutymap/dutymap/corpus"
)

func ExampleNormalizeUnit() {
	fmt.Println(corpus.NormalizeUnit("市安委办"))
	fmt.Println(corpus.NormalizeUnit("市安委会办公室"))
	fmt.Println(corpus.NormalizeUnit("市住房城乡建设局等"))
	// Output:
	// 市安全生产委员会办公室
	// 市安全生产委员会办公室
	// 市住房和城乡建设局
}

func ExampleNormalizeUnits() {
	fmt.Println(corpus.NormalizeUnits([]string{"市科技局", "工信局", "公安局"}))
	// Output: [市科技局 市工业和信息化局 市公安局]
}
