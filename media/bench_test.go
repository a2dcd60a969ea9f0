package media

import (
	"image"
	"math/rand/v2"
	"testing"
)

// BenchmarkStripJPEG strips a phone-sized ~2 MB JPEG carrying EXIF, XMP, ICC and a comment.
// The work is one pass over the segments, a copy of the scan data and a SHA-256.
func BenchmarkStripJPEG(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	img := image.NewNRGBA(image.Rect(0, 0, 1800, 1350))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.IntN(256))
	}
	in := spliceJPEG(encodeJPEG(b, img, 92), app0JFIF, app1EXIF("Pixel 8", 6, true),
		segment(mAPP1, sigXMP, xmp), app2ICC, comment)
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := Strip(in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(in))/1e6, "MB/file")
}
