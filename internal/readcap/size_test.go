package readcap

import "testing"

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{100: "100 bytes", 2048: "2 KiB", 1536: "1.5 KiB", 32 << 20: "32 MiB", 5 << 19: "2.5 MiB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
