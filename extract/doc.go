// Package extract takes a corpus.Document and hands out its obligations:
// the sentences and clauses of its numbered items that bind someone, with
// the units that lead, support or answer for them, how often they recur,
// when they are due, how strongly they bind, the sectors they concern and
// their numeric targets.
//
// The rules live in ordered, named tables, one file per construct:
// frequency.go (每月至少一次, 年内不少于4次, 周调度、月小结, 每两月 → 6 a year),
// deadline.go (4月底前, 2023年8-11月, 三季度末前, 年内), unit.go (attribution
// brackets such as （牵头责任单位：X，协同责任单位：Y） or 〔X会同Y负责〕, label
// lines such as 牵头单位：X, and named subjects such as 道安办要… or
// 应急站牵头负责…), modality.go, sector.go (the fixed vocabulary, Sectors) and
// target.go. Each rule works on plain strings and is tested on real
// phrasings; extract.go cuts a Document into passages (one per outline
// item, after its heading), sentences, ；-parts and clauses, and applies them.
// An attribution covers the obligations of its passage since the previous
// one; a deadline in a phase heading binds the first obligation under it.
//
// gse (through segment.Segmenter) is used for word boundaries only: to tell
// a verb that ends a subject (镇综合行政执法队要…) from the same characters
// inside a name (镇应急站) and to cut a list of bodies out of running text.
//
// Spans are byte offsets into Document.Text, as everywhere in corpus.
package extract
