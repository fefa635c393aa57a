//go:build linux

package extract

import (
	"syscall"
	"time"
	"unsafe"
)

// threadCPU returns the CPU time of the calling OS thread (the benchmark
// locks its goroutine to one), to the nanosecond: work of other threads —
// another benchmark's garbage collection — is not counted.
func threadCPU() time.Duration {
	const clockThreadCPUTime = 3 // CLOCK_THREAD_CPUTIME_ID
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return cpuTime()
	}
	return time.Duration(ts.Nano())
}
