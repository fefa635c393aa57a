// Package readcap takes a file name and a limit and hands out the file's
// bytes, or an error saying why not: larger than the limit, or not a
// regular file at all. A named pipe or a device is refused without
// blocking on it — opening a FIFO for reading would otherwise wait for a
// writer forever, deaf to signals — and no file is read past the limit.
package readcap
