// Package batch takes an inbox folder and a Processor and hands every file
// that lands there to the Processor exactly once, then files it under
// INBOX/done/ or, with NAME.error.txt beside it saying why, INBOX/failed/.
//
// Run goes once over what the inbox holds (for cron and CI); Watch keeps
// going, woken by file-system events (fsnotify) or, on folders that give
// none such as network shares, by polling. Either waits until a file has
// stopped growing — its size and modification time the same at two checks
// a settle interval apart — before it takes it.
//
// batch knows nothing of documents: what processing means (ingest, extract,
// store, compare, report) is the Processor's business. What batch guarantees
// is that no file is lost or handled twice when the process dies at any
// moment, kill -9 included: a small journal of in-flight files
// (INBOX/.dutymap-journal.json, written to a temporary file, synced and
// renamed) records each file before the Processor gets it, and a failure's
// reason before the file moves to failed/. A restart then finishes filing
// a failure without processing it again, and hands a file that was being
// processed to the Processor again, marked Resumed. The file's move to
// done/ or failed/ is the commit: a file is in the inbox or filed, never
// both, and never filed twice. The Processor must therefore be idempotent:
// handing it the same bytes twice must store them once and write the same
// report.
//
// A Processor that is also a Grouper gets the files in groups — those of
// one Run's scan, those that settled together in Watch, a lone file alone
// and at once — so that work they share (dutymap's index update) is done
// once per group: each file's own work (Stage) within its time budget and
// failing alone, then the shared work (Commit), then each file's rest
// (Finish), and only then is it filed. A run that dies mid-group leaves
// every file of the group in the inbox, and counts the death against the
// file in hand alone.
//
// Nothing jams the inbox: each file has a time budget (Inbox.Timeout),
// after which its Processor's context ends and the file goes to failed/
// with the reason; names are shortened where NAME.error.txt or NAME (2)
// would not fit the file system; and a verdict that cannot be carried out
// (the move fails) is logged and kept for the next run while the other
// files go on.
package batch
