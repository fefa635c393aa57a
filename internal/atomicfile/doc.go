// Package atomicfile takes a file name and the bytes to put there and writes
// them so that a reader, or a run after a crash, sees either the old file or
// the whole new one: into a temporary file in the same folder, synced, then
// renamed over the name, the folder synced after.
package atomicfile
