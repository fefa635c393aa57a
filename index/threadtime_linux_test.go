package index

import (
	"syscall"
	"time"
	"unsafe"
)

// clockThreadCPUTime is Linux's CLOCK_THREAD_CPUTIME_ID, which package
// syscall lacks; unlike getrusage's thread times it is exact, not counted
// in scheduler ticks.
const clockThreadCPUTime = 3

// threadTime returns the CPU time of the calling OS thread so far: with the
// goroutine locked to its thread, the time a query takes of a core,
// whatever else the machine runs.
func threadTime() time.Duration {
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}
