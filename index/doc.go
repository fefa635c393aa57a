// Package index takes Documents with their Obligations and hands out a
// searchable bleve index of the obligations: words (cut by gse), units by
// role, level, issuer, region, period, sector, deadline and plan year, with
// ranked, highlighted hits and facet counts.
//
// The text field is analysed by a gse tokenizer registered in bleve under
// TokenizerType. It indexes every word at every level of the cut (安全生产,
// and inside it 安全 and 生产), so a query for a long word finds texts that
// hold its parts in a row and a query for a part finds the long word. The
// tokenizer needs the process's segment.Segmenter, which Open binds to the
// index it opens; bleve's registry holds only the constructor.
//
// An Index records, in the same batch as a Document's obligations, a marker
// saying the Document is indexed (Has), so that an interrupted add can be
// detected and finished without duplicates. Obligation IDs are the index's
// document IDs: indexing an obligation again replaces it.
package index
