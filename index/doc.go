// Package index takes Documents with their Obligations and hands out a
// searchable bleve index of the obligations: words (cut by gse), units by
// role, level, issuer, region, document number, period, sector, modality,
// deadline and plan year, with ranked, highlighted hits and facet counts.
//
// The text field is analysed by a gse tokenizer registered in bleve under
// TokenizerType. It indexes the finest words of the text (安全生产 → 安全,
// 生产) and every pair of touching words (安全␟生产); a query string is
// looked up as the pairs of its own finest words at the same distances. So
// a query for a long word finds it inside longer ones (自建房 in
// 经营性自建房), a query for a part finds the long word (安全 in 安全生产),
// and phrases of very common words stay fast because pairs are rare. The
// tokenizer needs the process's segment.Segmenter, which Open binds to the
// index it opens; bleve's registry holds only the constructor.
//
// An Index records, in the same batch as a Document's obligations, a marker
// saying the Document is indexed (Has), so that an interrupted add can be
// detected and finished without duplicates. Obligation IDs are the index's
// document IDs: indexing an obligation again replaces it.
package index
