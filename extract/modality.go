package extract

import (
	"strings"

	"github.com/dutymap/dutymap/corpus"
)

// modalityRules are tried in order; the first that matches gives the
// obligation's modality. A work plan's bare imperative (加强…, 开展…) binds:
// with no marker the modality is must.
var modalityRules = []struct {
	words    []string
	modality corpus.Modality
}{
	{[]string{"严禁", "不得", "禁止", "不准", "不允许", "杜绝", "严防"}, corpus.MustNot},
	{[]string{"必须", "务必", "要", "确保", "严格", "坚决", "一律", "须"}, corpus.Must},
	{[]string{"应当", "应", "鼓励", "倡导", "提倡", "力争", "争取", "尽量", "原则上"}, corpus.Should},
	{[]string{"可以", "可"}, corpus.May},
}

// modalityOf returns how strongly text binds.
func modalityOf(text string) corpus.Modality {
	for _, r := range modalityRules {
		for _, w := range r.words {
			if strings.Contains(text, w) {
				return r.modality
			}
		}
	}
	return corpus.Must
}
