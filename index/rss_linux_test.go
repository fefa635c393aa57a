package index

import (
	"bytes"
	"os"
	"strconv"
)

// rss returns the process's resident set size and its peak since the last
// resetPeakRSS, in bytes, from /proc/self/status; 0 where unreadable.
func rss() (now, peak int64) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	field := func(name string) int64 {
		_, rest, ok := bytes.Cut(data, []byte("\n"+name+":"))
		if !ok {
			return 0
		}
		line, _, _ := bytes.Cut(rest, []byte("\n"))
		kb, err := strconv.ParseInt(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(line), []byte("kB")))), 10, 64)
		if err != nil {
			return 0
		}
		return kb << 10
	}
	return field("VmRSS"), field("VmHWM")
}

// resetPeakRSS makes the peak that rss reports start again from now.
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }
