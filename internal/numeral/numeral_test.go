package numeral

import "testing"

func TestParse(t *testing.T) {
	for s, want := range map[string]int{
		"4": 4, "１２": 12, "两": 2, "十": 10, "十二": 12, "二十": 20, "三十六": 36, "一": 1,
		"三十一": 31, "一百零五": 105, "百": 100, "〇": 0, "2024": 2024,
	} {
		if got, ok := Parse(s); !ok || got != want {
			t.Errorf("Parse(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "个", "十个", "3a", "99999999"} {
		if n, ok := Parse(s); ok {
			t.Errorf("Parse(%q) = %d, ok", s, n)
		}
	}
}

func TestYear(t *testing.T) {
	for s, want := range map[string]int{"2024": 2024, "２０２４": 2024, "二〇二四": 2024, "二OO九": 2009, "二00九": 2009, "一九九八": 1998} {
		if got, ok := Year(s); !ok || got != want {
			t.Errorf("Year(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "202", "20245", "二〇二十", "xx年"} {
		if y, ok := Year(s); ok {
			t.Errorf("Year(%q) = %d, ok", s, y)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"4", "十二", "一百零五", "二〇二四", "两", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := Parse(s)
		if ok && (n < 0 || n > 1e6) {
			t.Fatalf("Parse(%q) = %d out of range", s, n)
		}
		if y, ok := Year(s); ok && (y < 0 || y > 9999) {
			t.Fatalf("Year(%q) = %d", s, y)
		}
	})
}
