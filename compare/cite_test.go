package compare

import (
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

func TestCites(t *testing.T) {
	county := &corpus.Document{Title: "交城县人民政府关于做好2024年安全生产工作的通知", DocNumber: "交政发〔2024〕1号"}
	tests := []struct {
		name string
		ref  corpus.Reference
		want bool
	}{
		{"by number", corpus.Reference{Title: "另一个标题", Number: "交政发〔2024〕1号"}, true},
		{"by title, spaced as printed", corpus.Reference{Title: "交城县人民政府 关于做好 2024 年安全生产工作的通知"}, true},
		{"by number in full-width digits", corpus.Reference{Number: "交政发〔２０２４〕１号"}, true},
		{"another number", corpus.Reference{Number: "交政发〔2024〕2号"}, false},
		{"another title", corpus.Reference{Title: "交城县人民政府关于做好2023年安全生产工作的通知"}, false},
		{"nothing", corpus.Reference{}, false},
	}
	for _, tt := range tests {
		if got := Cites(tt.ref, county); got != tt.want {
			t.Errorf("%s: Cites(%+v) = %v, want %v", tt.name, tt.ref, got, tt.want)
		}
	}
}
