// Package filelock takes the name of a lock file and hands out an
// exclusive lock on it, granted at once or refused with the pid and role
// of the process that holds it: a corpus directory and an inbox folder are
// each worked by one process at a time, and a second one is told who has
// it instead of waiting.
//
// On Unix the lock is flock(2) on the open file, dropped by the kernel when
// the holder dies, so a killed process never leaves it behind. Elsewhere
// the file is created exclusively and removed on Unlock; a crashed holder
// leaves it, and the user removes it by hand.
package filelock
