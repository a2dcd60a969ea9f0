package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"testing"
)

func TestStripJPEG(t *testing.T) {
	plain := encodeJPEG(t, picture(64, 48), 90)
	tests := []struct {
		name        string
		in          []byte
		removed     []string
		orientation int
		gone, kept  []string // substrings that must not / must remain
	}{
		{
			name:    "encoder output is already clean and passes unchanged",
			in:      plain,
			removed: nil,
		},
		{
			name: "phone photo loses EXIF, GPS, XMP, IPTC and comment but keeps JFIF, ICC and Adobe",
			in: spliceJPEG(plain, app0JFIF, app1EXIF("Pixel 8", 1, true), segment(mAPP1, sigXMP, xmp),
				app2ICC, iptc, app14, comment),
			removed:     []string{"EXIF", "GPS", "IPTC", "XMP", "comment"},
			orientation: 1,
			gone:        []string{"Pixel 8", "Google", "WGS-84", "Exif\x00", "GPSLatitude", "Jane Roe", "8BIM", "http://ns.adobe.com"},
			kept:        []string{string(app0JFIF), string(app2ICC), string(app14)},
		},
		{
			name:        "a rotated photo reports its lost orientation",
			in:          spliceJPEG(plain, app1EXIF("Pixel 8", 6, false)),
			removed:     []string{"EXIF"},
			orientation: 6,
			gone:        []string{"Pixel 8"},
		},
		{
			name:    "a motion photo's video after the end marker is dropped",
			in:      append(spliceJPEG(plain, segment(mAPP1, sigXMP, []byte("MotionPhoto"))), "\x00\x00\x00\x18ftypmp42 Jane Roe clip"...),
			removed: []string{"XMP", "data after the image"},
			gone:    []string{"MotionPhoto", "ftypmp42", "Jane Roe"},
		},
		{
			name:    "a JFIF thumbnail is dropped and the JFIF header kept",
			in:      spliceJPEG(plain, segment(mAPP0, []byte("JFIF\x00\x01\x01\x01\x00\x48\x00\x48\x01\x01"), []byte("thumbnail of Jane"))),
			removed: []string{"thumbnail"},
			gone:    []string{"thumbnail of Jane"},
			kept:    []string{string(app0JFIF)},
		},
		{
			name:    "JFXX thumbnails, MPF indexes and maker APPn segments are dropped",
			in:      spliceJPEG(plain, app0JFIF, segment(mAPP0, sigJFXX, []byte("thumb")), segment(mAPP2, []byte("MPF\x00index")), segment(0xEC, []byte("Ducky\x00maker"))),
			removed: []string{"other metadata", "thumbnail"},
			gone:    []string{"thumb", "MPF", "Ducky"},
			kept:    []string{string(app0JFIF)},
		},
		{
			name: "fill bytes before a marker are dropped",
			in:   append(append([]byte{0xFF, 0xD8, 0xFF, 0xFF}, plain[2:len(plain)-2]...), 0xFF, 0xFF, 0xFF, 0xD9),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Strip(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, res, JPEG, 64, 48)
			if !slices.Equal(res.Removed, tt.removed) {
				t.Errorf("removed %q, want %q", res.Removed, tt.removed)
			}
			if res.Orientation != tt.orientation || res.LostOrientation() != (tt.orientation > 1) {
				t.Errorf("orientation %d, want %d", res.Orientation, tt.orientation)
			}
			for _, s := range tt.gone {
				if bytes.Contains(res.Data, []byte(s)) {
					t.Errorf("%q survived", s)
				}
			}
			for _, s := range tt.kept {
				if !bytes.Contains(res.Data, []byte(s)) {
					t.Errorf("%q was dropped", s)
				}
			}
			if tt.removed == nil && len(tt.kept) == 0 && len(tt.gone) == 0 && !bytes.Equal(res.Data, plain) {
				t.Error("a clean file changed")
			}
			// Every byte of the picture is the original's: the stripped file plus the dropped
			// segments would give the input back, and it decodes to the same pixels.
			if !bytes.HasSuffix(res.Data, plain[len(plain)-1000:]) {
				t.Error("the entropy-coded data was not copied verbatim")
			}
			samePixels(t, tt.in, res.Data)
		})
	}
}

// checkResult asserts what every accepted picture must satisfy.
func checkResult(t *testing.T, res Result, typ Type, w, h int) {
	t.Helper()
	sum := sha256.Sum256(res.Data)
	if res.Type != typ || res.Width != w || res.Height != h || res.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("got %s %dx%d %s, want %s %dx%d and the hash of the clean bytes", res.Type, res.Width, res.Height, res.SHA256, typ, w, h)
	}
}

func TestStripJPEGRefusesMalformed(t *testing.T) {
	plain := encodeJPEG(t, picture(16, 16), 90)
	sos := bytes.Index(plain, []byte{0xFF, mSOS})
	tests := []struct {
		name, msg string
		in        []byte
	}{
		{"no end marker", "damaged", plain[:len(plain)-2]},
		{"cut inside the scan", "damaged", plain[:sos+40]},
		{"cut inside a segment", "damaged", plain[:30]},
		{"segment length past the end", "damaged", spliceJPEG(plain, []byte{0xFF, mCOM, 0xFF, 0xF0, 'x'})},
		{"segment length below two", "damaged", spliceJPEG(plain, []byte{0xFF, mCOM, 0x00, 0x01})},
		{"garbage between segments", "damaged", spliceJPEG(plain, app0JFIF, []byte("<html>"))},
		{"end marker before any scan", "damaged", []byte{0xFF, 0xD8, 0xFF, 0xD9}},
		{"second start marker", "not supported", spliceJPEG(plain, []byte{0xFF, mSOI})},
		{"lossless coding", "not supported", spliceJPEG(plain, segment(0xC3, make([]byte, 9)))},
		{"arithmetic coding table", "not supported", spliceJPEG(plain, segment(0xCC, []byte{0, 1}))},
		{"no frame header", "damaged", slices.Concat([]byte{0xFF, 0xD8}, plain[sos:])},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Strip(tt.in)
			checkRefused(t, err, tt.msg)
		})
	}
}

// Every proper prefix of a JPEG lacks its end marker, wherever the upload was cut.
func TestStripJPEGRefusesEveryTruncation(t *testing.T) {
	full := spliceJPEG(encodeJPEG(t, picture(16, 16), 90), app0JFIF, app1EXIF("Pixel 8", 6, true), comment)
	for n := range len(full) {
		if _, err := Strip(full[:n]); err == nil {
			t.Fatalf("a file cut to %d of %d bytes was accepted", n, len(full))
		}
	}
}
