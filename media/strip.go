package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image/jpeg"
	"image/png"
	"slices"
)

// Strip removes the metadata from a JPEG or PNG image without re-encoding it: the pixels, the
// colour information (JFIF, ICC profile, Adobe transform; PLTE, tRNS, gAMA, cHRM, sRGB, iCCP,
// sBIT, pHYs) and every byte of image data are kept as they were. Anything after the image's
// end marker is dropped too, as phones append videos (motion photos) and maker data there.
// A malformed or truncated image, or one whose header the standard decoder cannot read, is
// refused.
func Strip(data []byte) (Result, error) {
	t, err := Sniff(data, JPEG, PNG)
	if err != nil {
		return Result{}, err
	}
	var s stripped
	decodeConfig := jpeg.DecodeConfig
	switch t {
	case JPEG:
		s, err = stripJPEG(data)
	case PNG:
		s, err = stripPNG(data)
		decodeConfig = png.DecodeConfig
	}
	if err != nil {
		return Result{}, err
	}
	cfg, err := decodeConfig(bytes.NewReader(s.data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return Result{}, damaged(t)
	}
	slices.Sort(s.removed)
	return Result{Data: s.data, Type: t, SHA256: hash(s.data), Width: cfg.Width, Height: cfg.Height,
		Removed: slices.Compact(s.removed), Orientation: s.orientation}, nil
}

// stripped is what a format's stripper returns.
type stripped struct {
	data        []byte
	removed     []string
	orientation int
}

// The names Removed may hold: a fixed vocabulary, so nothing from the file is ever echoed.
const (
	rmEXIF      = "EXIF"
	rmGPS       = "GPS"
	rmXMP       = "XMP"
	rmIPTC      = "IPTC"
	rmComment   = "comment"
	rmThumbnail = "thumbnail"
	rmText      = "text chunks"
	rmTime      = "timestamp"
	rmOther     = "other metadata"
	rmTrailing  = "data after the image"
)

// noteEXIF records what an EXIF block held, by name, and its orientation.
func (s *stripped) noteEXIF(tiff []byte) {
	s.removed = append(s.removed, rmEXIF)
	o, gps := readEXIF(tiff)
	if gps {
		s.removed = append(s.removed, rmGPS)
	}
	if o >= 1 && o <= 8 && s.orientation == 0 {
		s.orientation = o
	}
}

func hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
