//go:build !linux

package index

// rss is not measured here: the scale benchmark reports 0.
func rss() (now, peak int64) { return 0, 0 }

func resetPeakRSS() {}
