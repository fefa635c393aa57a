//go:build !linux

package index

import "time"

// threadTime is not measured here: the query benchmarks report wall time
// alone.
func threadTime() time.Duration { return 0 }
