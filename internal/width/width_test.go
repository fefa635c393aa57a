package width

import "testing"

func TestOf(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"安全生产", 8},
		{"4月底前", 7},
		{"（一）", 6},
		{"每月1次，", 9},
		{"ＡＢ", 4},
	} {
		if got := Of(c.in); got != c.want {
			t.Errorf("Of(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	for _, c := range []struct {
		in   string
		cols int
		want string
	}{
		{"安全生产", 8, "安全生产"},
		{"安全生产", 7, "安全生…"},
		{"安全生产", 6, "安全…"},
		{"abcdef", 4, "abc…"},
		{"安全", 0, ""},
	} {
		if got := Truncate(c.in, c.cols); got != c.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", c.in, c.cols, got, c.want)
		}
		if got := Of(Truncate(c.in, c.cols)); got > c.cols && c.cols > 0 {
			t.Errorf("Truncate(%q, %d) is %d columns wide", c.in, c.cols, got)
		}
	}
}
