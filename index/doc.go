// Package index takes Documents with their Obligations and hands out a
// searchable bleve index of the obligations: words (cut by gse), units by
// role, level, issuer, region, document number, period, sector, modality,
// deadline and plan year, with ranked, highlighted hits and facet counts.
//
// An obligation's text is cut by gse once, when it is indexed, into its
// finest words (安全生产 → 安全, 生产), and searched through two fields
// made of that cut (see analyzer.go): the words, without positions, and
// every pair of touching words (安全␟生产), with positions. A query word is
// looked up as its own finest words, one word as a word and more as their
// pairs in a row. So a query for a long word finds it inside longer ones
// (自建房 in 经营性自建房), a query for a part finds the long word (安全 in
// 安全生产), and phrases of very common words stay fast because pairs are
// rare. Hits are highlighted by cutting their text again, word by word.
//
// An Index records, in the same batch as a Document's obligations, a marker
// saying the Document is indexed (Has), so that an interrupted add can be
// detected and finished without duplicates. Obligation IDs are the index's
// document IDs: indexing an obligation again replaces it. Many Documents
// are best indexed with AddAll, in batches of BatchObligations, and a
// rebuild with Options.Bulk, whose Close leaves the index merged into one
// segment.
package index
