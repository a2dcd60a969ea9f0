package media

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// picture is a small gradient, so every pixel differs from its neighbours.
func picture(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(x * 7), uint8(y * 5), uint8(x ^ y), 255})
		}
	}
	return img
}

func encodeJPEG(t testing.TB, img image.Image, quality int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: quality}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// segment builds a JPEG marker segment.
func segment(marker byte, body ...[]byte) []byte {
	b := bytes.Join(body, nil)
	return append([]byte{0xFF, marker, byte((len(b) + 2) >> 8), byte(len(b) + 2)}, b...)
}

// spliceJPEG inserts segments right after SOI, where cameras write theirs.
func spliceJPEG(j []byte, segs ...[]byte) []byte {
	out := append([]byte{}, j[:2]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, j[2:]...)
}

// chunk builds a PNG chunk with a correct CRC.
func chunk(typ string, body []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	b = append(append(b, typ...), body...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[4:]))
}

// splicePNG inserts chunks right after IHDR (8-byte signature + 25-byte IHDR chunk).
func splicePNG(p []byte, chunks ...[]byte) []byte {
	out := append([]byte{}, p[:33]...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return append(out, p[33:]...)
}

// tiffEntry is one EXIF field: tag, TIFF type and raw little-endian value.
type tiffEntry struct {
	tag, typ uint16
	value    []byte
}

var tiffSize = map[uint16]int{2: 1, 3: 2, 4: 4, 5: 8, 7: 1}

// exifTIFF writes a little-endian TIFF structure as phones do: Make, Model, Orientation and,
// when gps is set, a GPS directory holding a position and the datum "WGS-84".
func exifTIFF(model string, orientation uint16, gps bool) []byte {
	le := binary.LittleEndian
	ascii := func(s string) []byte { return append([]byte(s), 0) }
	ifd0 := []tiffEntry{
		{0x010F, 2, ascii("Google")},
		{0x0110, 2, ascii(model)},
		{0x0112, 3, le.AppendUint16(nil, orientation)},
	}
	if gps {
		ifd0 = append(ifd0, tiffEntry{0x8825, 4, make([]byte, 4)})
	}
	b := []byte("II*\x00\x08\x00\x00\x00")
	b = writeIFD(b, ifd0)
	if gps {
		// Point the GPS entry (the last of IFD0, at offset 8) at the directory written next.
		le.PutUint32(b[8+2+12*(len(ifd0)-1)+8:], uint32(len(b)))
		var lat []byte
		for _, v := range []uint32{40, 1, 26, 1, 4611, 100} {
			lat = le.AppendUint32(lat, v)
		}
		b = writeIFD(b, []tiffEntry{{0x0001, 2, ascii("N")}, {0x0002, 5, lat}, {0x0012, 2, ascii("WGS-84")}})
	}
	return b
}

// writeIFD appends a directory and, after it, the values too long to sit in their entries.
func writeIFD(b []byte, entries []tiffEntry) []byte {
	le := binary.LittleEndian
	data := len(b) + 2 + 12*len(entries) + 4
	var extra []byte
	b = le.AppendUint16(b, uint16(len(entries)))
	for _, e := range entries {
		b = le.AppendUint16(b, e.tag)
		b = le.AppendUint16(b, e.typ)
		b = le.AppendUint32(b, uint32(len(e.value)/tiffSize[e.typ]))
		if len(e.value) <= 4 {
			b = append(b, append(e.value, make([]byte, 4-len(e.value))...)...)
			continue
		}
		b = le.AppendUint32(b, uint32(data+len(extra)))
		extra = append(extra, e.value...)
	}
	b = le.AppendUint32(b, 0)
	return append(b, extra...)
}

// Metadata as phones and editors write it.
var (
	app0JFIF = segment(mAPP0, []byte("JFIF\x00\x01\x01\x01\x00\x48\x00\x48\x00\x00"))
	app2ICC  = segment(mAPP2, sigICC, []byte("\x01\x01fake-profile-Display-P3"))
	app14    = segment(mAPP14, []byte("Adobe\x00\x64\x00\x00\x00\x00\x01"))
	xmp      = []byte(`<x:xmpmeta><rdf:Description exif:GPSLatitude="40,26.77N" xmp:CreatorTool="Pixel 8"/></x:xmpmeta>`)
	comment  = segment(mCOM, []byte("Patient Jane Roe, chart 4471"))
	iptc     = segment(mAPP13, []byte("Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0cJane Roe"))
)

func app1EXIF(model string, orientation uint16, gps bool) []byte {
	return segment(mAPP1, sigEXIF, exifTIFF(model, orientation, gps))
}

// samePixels fails unless a and b decode to the same picture.
func samePixels(t testing.TB, a, b []byte) {
	t.Helper()
	ia, _, err := image.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatalf("decode original: %v", err)
	}
	ib, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode stripped: %v", err)
	}
	if !samePicture(ia, ib) {
		t.Fatal("the stripped file decodes to different pixels")
	}
}

// samePicture reports whether a and b have the same bounds and colours.
func samePicture(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}
