// Package workspace takes a corpus directory and hands out the operations
// people ask of dutymap: add files, rebuild the index, search, read a
// document, diff two versions, compare a document with its upper levels
// (the one place that chooses them, Uppers), build a report and put an
// inbox file through all of it (ProcessInboxFile). It owns the opened
// corpus — store, index, segmenter and extractor — the way bleve's root
// package is the API over its analysis, index and search packages;
// cmd/dutymap, batch and the web server are thin shells over it.
//
// A Workspace (Open) holds a corpus for writing: it keeps store and index
// in step (each change reaches the index in one batch, stamped with the
// store's commit, so a crash is caught up on the next Open), repairs what a
// crash or a full disk left, and parses outside its lock so that searches
// never wait for a parse. An Engine runs the stages that need no corpus.
//
// Readers while a writer works: bleve lets one process at a time open an
// index, and a holder — watch, serve, a long add — keeps it open for as
// long as it runs. So a holder answers other processes on a unix socket in
// the corpus directory (Serve; JSON, mode 0600, nothing on the network):
// their searches, and the files `dutymap add` hands over (HandOff). A View
// (OpenView) reads documents from the store, which may be read while it is
// written, and sends its searches to the holder, or opens the index itself
// when no process holds the corpus.
package workspace
