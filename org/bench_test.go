package org

import "testing"

// BenchmarkResolve reads names of the kinds plans write, in a district's
// plan (the place chain of three).
func BenchmarkResolve(b *testing.B) {
	r := testResolver(b)
	names := []string{"市应急局", "区应急管理局", "各乡镇（街道）", "市公安局交警支队", "中共朔州市委组织部",
		"大同市应急局", "交警大队", "市安委会有关成员单位", "xx海事局", "区教体局"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = r.Resolve(names[i%len(names)], districtDoc).Keys()
	}
}
