// Package extract takes a corpus.Document and hands out its obligations:
// the sentences and clauses of its numbered items that bind someone, with
// the units that lead, support or answer for them, how often they recur,
// when they are due, how strongly they bind, the sectors they concern and
// their numeric targets.
//
// The rules live in ordered, named tables, one file per construct:
// frequency.go (每月至少一次, 年内不少于4次, 周调度、月小结), deadline.go
// (4月底前, 2023年8-11月, 年内), unit.go (attribution brackets such as
// （牵头责任单位：X，协同责任单位：Y） and named subjects such as 道安办要…),
// modality.go, sector.go and target.go. Each rule works on plain strings
// and is tested on real phrasings; extract.go cuts a Document into
// obligations and applies them.
//
// Spans are byte offsets into Document.Text, as everywhere in corpus.
package extract
