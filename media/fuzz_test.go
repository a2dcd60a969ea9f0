package media

import (
	"bytes"
	"image"
	"image/color"
	"testing"
)

// FuzzStrip feeds Strip mangled pictures. Whatever it accepts must decode, must keep the
// pixels the original had, and must already be clean: stripping it again changes nothing.
func FuzzStrip(f *testing.F) {
	jpg := encodeJPEG(f, picture(24, 16), 80)
	pngs := encodePNG(f, picture(12, 10))
	f.Add(jpg)
	f.Add(spliceJPEG(jpg, app0JFIF, app1EXIF("Pixel 8", 6, true), segment(mAPP1, sigXMP, xmp), app2ICC, iptc, app14, comment))
	f.Add(append(spliceJPEG(jpg, segment(mAPP0, sigJFXX, []byte("t"))), "trailer"...))
	f.Add(pngs)
	f.Add(splicePNG(pngs, gAMA, sRGB, tEXt, zTXt, iTXtXMP, tIME, eXIf, private, pHYs))
	f.Add(encodeJPEG(f, image.NewGray(image.Rect(0, 0, 9, 7)), 50))
	f.Add(encodePNG(f, image.NewPaletted(image.Rect(0, 0, 5, 3), color.Palette{color.White, color.Black})))
	f.Add(signedPDF)
	f.Fuzz(func(t *testing.T, in []byte) {
		res, err := Strip(in)
		if err != nil {
			return
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(res.Data))
		if err != nil || cfg.Width != res.Width || cfg.Height != res.Height {
			t.Fatalf("accepted output does not decode: %v", err)
		}
		if len(res.Data) > len(in) || res.SHA256 != hash(res.Data) {
			t.Fatal("output grew or its hash is wrong")
		}
		again, err := Strip(res.Data)
		if err != nil || !bytes.Equal(again.Data, res.Data) || len(again.Removed) != 0 || again.Orientation != 0 {
			t.Fatalf("stripping twice: %v, removed %q", err, again.Removed)
		}
		// Decode in full only small pictures: a header can claim gigapixels.
		if cfg.Width*cfg.Height > 1<<16 {
			return
		}
		orig, _, err := image.Decode(bytes.NewReader(in))
		if err != nil {
			return
		}
		clean, _, err := image.Decode(bytes.NewReader(res.Data))
		if err != nil {
			t.Fatalf("the original decodes but the stripped file does not: %v", err)
		}
		if !samePicture(orig, clean) {
			t.Fatal("stripping changed the pixels")
		}
	})
}
