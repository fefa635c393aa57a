// Package store takes source files and the Documents parsed from them and
// hands out a corpus directory that keeps them: each source by content
// hash, each Document with its Obligations, and which version of each
// document is current. It speaks the domain types of package corpus and
// knows nothing of parsing or searching.
//
// A corpus directory holds:
//
//	format             "dutymap corpus N": the layout's version
//	lock               the writer's lock (internal/filelock): its pid and role
//	sources/HASH       each source file's bytes, named by their SHA-256
//	docs/ID.json       each Document (text, outline, passages, tables) and its Obligations
//	files/HASH.json    one FileEntry per source: written last, it commits the file
//	index/             the search index, owned by package index
//
// Every file is written to a temporary file and renamed into place
// (internal/atomicfile), so a crash leaves either the old state or the new
// one; a writer removes the temporary files a crash left when it opens the
// directory. A source whose files/HASH.json is missing was never added:
// adding it again redoes it. A record that cannot be read — cut short or
// emptied by something outside dutymap — is skipped and reported (Damaged,
// *DamagedError), never allowed to stop the rest.
//
// Each commit gets the next number of a sequence (FileEntry.Seq), so that a
// reader such as the search index can record how far it has followed the
// store and replay the rest after a crash.
package store
