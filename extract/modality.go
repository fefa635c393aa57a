package extract

import (
	"strings"

	"github.com/dutymap/dutymap/corpus"
)

// modalScale is the ordered scale of modal words, weakest first, matched
// as gse words before a verb: 可 is not in 可燃物 nor 许可, 应 not in 应急 nor
// 相应, 要 not in 要求 nor 重要. Rank orders them: 1 may, 2 should, 3 must,
// 4 must (emphatic) and must not. 要 → 必须 is a change diff reports as
// stricter.
var modalScale = []struct {
	word     string
	modality corpus.Modality
	rank     int
}{
	{"可", corpus.May, 1},
	{"可以", corpus.May, 1},
	{"应", corpus.Should, 2},
	{"应当", corpus.Should, 2},
	{"应该", corpus.Should, 2},
	{"鼓励", corpus.Should, 2},
	{"提倡", corpus.Should, 2},
	{"倡导", corpus.Should, 2},
	{"力争", corpus.Should, 2},
	{"原则上", corpus.Should, 2},
	{"要", corpus.Must, 3},
	{"需要", corpus.Must, 3},
	{"须", corpus.Must, 3},
	{"需", corpus.Must, 3},
	{"必须", corpus.Must, 4},
	{"务必", corpus.Must, 4},
	{"一律", corpus.Must, 4},
	{"严禁", corpus.MustNot, 4},
	{"禁止", corpus.MustNot, 4},
	{"不得", corpus.MustNot, 4},
	{"杜绝", corpus.MustNot, 4},
	{"不准", corpus.MustNot, 4},
	{"不允许", corpus.MustNot, 4},
	{"不能", corpus.MustNot, 4},
	{"不要", corpus.MustNot, 4},
	{"绝不", corpus.MustNot, 4},
	{"决不", corpus.MustNot, 4},
	{"绝不能", corpus.MustNot, 4},
	{"决不能", corpus.MustNot, 4},
}

// modalWords is modalScale as a wordList, sharing chunkLists' automaton;
// built once and never changed.
var modalWords = chunkLists[0]

// modalScaleWords are the words of modalScale in order.
func modalScaleWords() []string {
	ws := make([]string, len(modalScale))
	for i, m := range modalScale {
		ws[i] = m.word
	}
	return ws
}

// modalRank is the rank of each word of modalScale.
var modalRank = func() map[string]int {
	m := map[string]int{}
	for _, c := range modalScale {
		m[c.word] = c.rank
	}
	return m
}()

// notAfterModal are words after which a modal word is no auxiliary: it is
// a noun or stands alone (工作需要的, 要的是).
var notAfterModal = []string{"的", "是", "，", "。", "；", ",", ";", "、", "）", ")"}

// placeLevelWords follow a place's first character (应县, 可市): a modal
// word before one of them is part of a place name.
var placeLevelWords = []string{"县", "市", "区", "镇", "乡", "州"}

// modal returns the modal cue of text — the strongest modal word that
// stands before a verb, the first of equal rank — with its span as byte
// offsets into text, and the modality it gives. With no cue, a work
// plan's bare imperative (加强…, 开展…) binds: the modality is must and the
// cue nil.
func (e *Extractor) modal(text string) (*corpus.Cue, corpus.Modality) {
	return e.modalIn(text, modalWords.scan(text))
}

// modalIn is modal with the scan of text by modalWords' automaton made
// already.
func (e *Extractor) modalIn(text string, scan []hit) (*corpus.Cue, corpus.Modality) {
	var best *corpus.Cue
	modality := corpus.Must
	eachWord(text, modalWords, scan, func(int, int) bool { return true }, func(i, j int, w string) bool {
		if best != nil && modalRank[w] <= best.Rank {
			return true // only a stronger cue can change the result
		}
		rest := text[j:]
		if rest == "" || hasPrefixAny(rest, notAfterModal...) || hasPrefixAny(rest, placeLevelWords...) {
			return true // 应县: a place; 工作需要的: a noun
		}
		if k := clauseEnd(text, j); k > j && strings.HasSuffix(text[j:k], "的") {
			return true // 对本级不能解决的，…: the word describes a case, binds no one
		}
		if !e.isWord(text, i, j) {
			return true // the costly test last
		}
		for _, m := range modalScale {
			if m.word == w {
				best = &corpus.Cue{Word: w, Span: corpus.Span{Start: i, End: j}, Rank: m.rank}
				modality = m.modality
			}
		}
		return best.Rank < 4
	})
	return best, modality
}
