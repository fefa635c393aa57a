// Package ingest takes the bytes of one policy file (plain text, Markdown,
// HTML or Word .docx; UTF-8, GB18030/GBK or UTF-16) and hands out the
// corpus.Documents it holds: normalised text, metadata and the numbered
// outline of each document.
//
// Parse is pure: it reads nothing but its arguments and keeps no state, so
// it is safe for concurrent use. The stages run in order: format sniffing,
// charset decoding, line extraction per format (dropping site clutter),
// splitting a file that carries several documents, repair of broken lines,
// metadata, and the outline.
package ingest
