// Package extract takes a corpus.Document and hands out its obligations:
// the sentences and clauses of its outline items, of its passages outside
// the outline (a preamble, a cover notice, closing text) and the rows of
// its task tables that bind someone, with the units that lead, support or
// answer for them, the actors they bind, how often they recur, when they
// are due, how strongly they bind (the modal cue), the sectors they
// concern and their numeric targets.
//
// The rules live in ordered, named tables, one file per construct:
//   - sentence.go: sentences (。！？, line ends that are not wraps, cut at
//     maxSentence on a run without marks), brackets, clauses;
//   - attribution.go: attribution brackets and lines (（牵头责任单位：X，协同
//     责任单位：Y）, 〔X会同Y负责〕, 责任单位：A（牵头）、B, 抓总);
//   - subject.go: the subject of a clause (由X + any verb, 请X, 要求X, X要/
//     必须/应/将, X牵头负责, X要会同Y, X协助Y, bodies set up and then tasked,
//     actors such as 企业主要负责人);
//   - unit.go: the names of bodies (suffixes, lists split as written,
//     fields of work, places sharing a head);
//   - table.go: task tables, a row one obligation, cells by the role of
//     their column's header;
//   - deadline.go and lunar.go: date atoms (Chinese numerals, days with a
//     time of day, 5.12, ten days, months, quarters, halves, festivals by
//     the lunar calendar) and the words that bind them (前, 至, 于);
//   - frequency.go: 每月至少一次, 年内不少于4次, 月检查月通报, 双月, 各组织一次
//     after months, N次以上;
//   - modality.go: the ordered scale of modal words (可 < 应 < 要 < 必须;
//     严禁, 不得), matched as gse words before a verb;
//   - sector.go (the fixed vocabulary, Sectors) and target.go.
//
// extract.go cuts a Document into scopes (one per outline item, after its
// heading, and one per passage) and the scopes into chunks, and applies the
// rules. An attribution covers the obligations of its scope since the
// previous one, and an attribution line after the last of a group of
// sub-items covers the group; a deadline in a phase heading binds every
// sentence of the phase that has none of its own; a date written without a
// year takes the plan year, else the nearest year the text names before it.
//
// Rules read the folded text (Document.Matching: traditional characters
// folded to simplified, with the same byte offsets) and give names and raw
// words as Document.Text writes them. gse (through segment.Segmenter)
// tells a word from the same characters inside another (应 in 各单位应于,
// not in 应急管理局); candidates are found as characters and confirmed by
// cutting a few runes around them, so that no sentence is cut as a whole.
// Every rule works on a bounded string or looks around within a bounded
// window, so extraction is linear in the size of the text.
//
// Spans are byte offsets into Document.Text, as everywhere in corpus.
package extract
