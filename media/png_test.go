package media

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"
)

// Chunks as editors and phones write them.
var (
	gAMA     = chunk("gAMA", []byte{0, 0, 0xB1, 0x8F})
	sRGB     = chunk("sRGB", []byte{0})
	pHYs     = chunk("pHYs", []byte("\x00\x00\x0b\x13\x00\x00\x0b\x13\x01"))
	tEXt     = chunk("tEXt", []byte("Comment\x00Patient Jane Roe"))
	zTXt     = chunk("zTXt", []byte("Author\x00\x00compressed-Jane"))
	iTXtXMP  = chunk("iTXt", append([]byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"), xmp...))
	tIME     = chunk("tIME", []byte{0x07, 0xE9, 3, 14, 9, 30, 0})
	eXIf     = chunk("eXIf", exifTIFF("Pixel 8", 8, true))
	private  = chunk("prVt", []byte("maker notes"))
	badCRCOf = func(c []byte) []byte {
		c = slices.Clone(c)
		c[len(c)-1] ^= 0xFF
		return c
	}
)

func TestStripPNG(t *testing.T) {
	plain := encodePNG(t, picture(40, 30))
	tests := []struct {
		name        string
		in          []byte
		removed     []string
		orientation int
		gone, kept  [][]byte
	}{
		{name: "encoder output is already clean and passes unchanged", in: plain},
		{
			name:        "text, XMP, EXIF with GPS, time and private chunks go; colour chunks stay",
			in:          splicePNG(plain, gAMA, sRGB, tEXt, zTXt, iTXtXMP, tIME, eXIf, private, pHYs),
			removed:     []string{"EXIF", "GPS", "XMP", "other metadata", "text chunks", "timestamp"},
			orientation: 8,
			gone:        [][]byte{tEXt, zTXt, iTXtXMP, tIME, eXIf, private, []byte("Pixel 8"), []byte("Jane")},
			kept:        [][]byte{gAMA, sRGB, pHYs},
		},
		{
			name:    "a damaged CRC in a dropped chunk does not matter",
			in:      splicePNG(plain, badCRCOf(tEXt)),
			removed: []string{"text chunks"},
		},
		{
			name:    "data after IEND is dropped",
			in:      append(slices.Clone(plain), "<script>Jane</script>"...),
			removed: []string{"data after the image"},
			gone:    [][]byte{[]byte("script")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Strip(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, res, PNG, 40, 30)
			if !slices.Equal(res.Removed, tt.removed) {
				t.Errorf("removed %q, want %q", res.Removed, tt.removed)
			}
			if res.Orientation != tt.orientation {
				t.Errorf("orientation %d, want %d", res.Orientation, tt.orientation)
			}
			for _, b := range tt.gone {
				if bytes.Contains(res.Data, b) {
					t.Errorf("%q survived", b)
				}
			}
			// Kept chunks come through with their CRCs, and the rest of the file is the encoder's.
			want := splicePNG(plain, tt.kept...)
			if !bytes.Equal(res.Data, want) {
				t.Error("the stripped file is not the original minus the dropped chunks")
			}
			// Against the encoder's file: Go's decoder, unlike libpng, refuses a bad CRC anywhere.
			samePixels(t, plain, res.Data)
		})
	}
}

func TestStripPNGRefusesMalformed(t *testing.T) {
	plain := encodePNG(t, picture(8, 8))
	idat := bytes.Index(plain, []byte("IDAT")) - 4
	corruptIDAT := slices.Clone(plain)
	corruptIDAT[idat+10] ^= 1
	huge := slices.Clone(plain)
	binary.BigEndian.PutUint32(huge[idat:], 0xFFFFFFF0)
	tests := []struct {
		name, msg string
		in        []byte
	}{
		{"wrong CRC in image data", "damaged", corruptIDAT},
		{"wrong CRC in a colour chunk", "damaged", splicePNG(plain, badCRCOf(gAMA))},
		{"chunk longer than the file", "damaged", huge},
		{"no IEND", "damaged", plain[:len(plain)-12]},
		{"IEND before any IDAT", "damaged", append(slices.Clone(plain[:33]), chunk("IEND", nil)...)},
		{"chunk before IHDR", "damaged", slices.Concat(plain[:8], tEXt, plain[8:])},
		{"two IHDR", "damaged", splicePNG(plain, plain[8:33])},
		{"chunk type not letters", "damaged", splicePNG(plain, chunk("t<Xt", []byte("x")))},
		{"unknown critical chunk", "not supported", splicePNG(plain, chunk("CgBI", []byte{0, 0, 0, 0}))},
		{"header only", "damaged", plain[:8]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Strip(tt.in)
			checkRefused(t, err, tt.msg)
		})
	}
}

func TestStripPNGRefusesEveryTruncation(t *testing.T) {
	full := splicePNG(encodePNG(t, picture(8, 8)), gAMA, tEXt, eXIf)
	for n := range len(full) {
		if _, err := Strip(full[:n]); err == nil {
			t.Fatalf("a file cut to %d of %d bytes was accepted", n, len(full))
		}
	}
}
