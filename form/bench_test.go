package form

import (
	"testing"
	"time"
)

// BenchmarkRender reports milliseconds per form; a clerk waits for one on the tablet.
func BenchmarkRender(b *testing.B) {
	f := sample("es")
	f.Authorization.ThirdPartyPaid = true
	n := 0
	for b.Loop() {
		if _, err := Render(f); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(b.Elapsed())/float64(time.Millisecond)/float64(n), "ms/form")
}

func BenchmarkSigned(b *testing.B) {
	f, sig := sample("en"), signature(b)
	n := 0
	for b.Loop() {
		if _, err := Signed(f, sig); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(b.Elapsed())/float64(time.Millisecond)/float64(n), "ms/copy")
}
