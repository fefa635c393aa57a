package extract

import (
	"regexp"

	"github.com/dutymap/dutymap/corpus"
)

// modalityRules are tried in order; the first that matches gives the
// obligation's modality. A work plan's bare imperative (加强…, 开展…) binds:
// with no marker the modality is must.
var modalityRules = []struct {
	re       *regexp.Regexp
	modality corpus.Modality
}{
	{regexp.MustCompile(`严禁|不得|禁止|不准|不允许|杜绝|严防`), corpus.MustNot},
	{regexp.MustCompile(`必须|务必|要|确保|严格|坚决|一律|须`), corpus.Must},
	{regexp.MustCompile(`应当|应|鼓励|倡导|提倡|力争|争取|尽量|原则上`), corpus.Should},
	{regexp.MustCompile(`可以|可`), corpus.May},
}

// modalityOf returns how strongly text binds.
func modalityOf(text string) corpus.Modality {
	for _, r := range modalityRules {
		if r.re.MatchString(text) {
			return r.modality
		}
	}
	return corpus.Must
}
