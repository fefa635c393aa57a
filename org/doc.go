// Package org takes the name of a government body as a document writes it
// (市应急局, 应急管理局, 朔州市应急管理局, 各县（市、区）应急管理局) together
// with the document's place chain, and hands out the Body it names: the
// body's standard name within its place (朔州市应急管理局), and the keys by
// which a search for any form of that body finds it.
//
// Short forms come from a table of standard names kept as data
// (bodies.tsv): 应急局 is 应急管理局, 安委办 is 安全生产委员会办公室,
// 交警大队 is 公安局交通警察大队. The place comes from the name when it
// names one (朔州市…, a bare 市… or 县…), else from the document: a name
// without a place is the body of the document's own place, or of the
// nearest place above it that has such a body (a town plan's 公安局 is its
// county's). A written 市 is the lowest 市 of the document's chain, so 市应急局
// in a county-level city's plan is that city's.
//
// A Pattern is a name as a user asks for it: one with a place
// (朔州市应急管理局) matches that body only; one with a bare level word
// (市应急管理局) matches the body in every place so named; one without
// (应急管理局) matches it at every level. Matching goes by keys, so that an
// index can hold a Body's keys and look up a Pattern's terms.
//
// org imports corpus and the gazetteer of ingest only.
package org
