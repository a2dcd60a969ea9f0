package media

import "bytes"

// Signatures that open APPn segments.
var (
	sigJFIF    = []byte("JFIF\x00")
	sigJFXX    = []byte("JFXX\x00")
	sigEXIF    = []byte("Exif\x00\x00")
	sigXMP     = []byte("http://ns.adobe.com/xap/1.0/\x00")
	sigXMPExt  = []byte("http://ns.adobe.com/xmp/extension/\x00")
	sigICC     = []byte("ICC_PROFILE\x00")
	sigAdobe   = []byte("Adobe")
	xmpGPSHint = []byte("GPSL") // exif:GPSLatitude, exif:GPSLongitude
)

// jfifLen is the length of a JFIF APP0 body without a thumbnail.
const jfifLen = 14

// jpegSegment returns what to write for one segment other than SOS: the segment itself, a
// shortened copy, or nothing; it records what it drops.
func (s *stripped) jpegSegment(m byte, seg, body []byte) []byte {
	switch m {
	case mAPP0:
		return s.jfif(seg, body)
	case mAPP1:
		switch {
		case bytes.HasPrefix(body, sigEXIF):
			s.noteEXIF(body[len(sigEXIF):])
		case bytes.HasPrefix(body, sigXMP), bytes.HasPrefix(body, sigXMPExt):
			s.removed = append(s.removed, rmXMP)
			if bytes.Contains(body, xmpGPSHint) {
				s.removed = append(s.removed, rmGPS)
			}
		default:
			s.removed = append(s.removed, rmOther)
		}
		return nil
	case mAPP2:
		if bytes.HasPrefix(body, sigICC) {
			return seg
		}
	case mAPP13:
		s.removed = append(s.removed, rmIPTC)
		return nil
	case mAPP14:
		if bytes.HasPrefix(body, sigAdobe) {
			return seg // the colour transform: without it CMYK and RGB JPEGs decode wrongly
		}
	case mCOM:
		s.removed = append(s.removed, rmComment)
		return nil
	default:
		if m < mAPP0 || m > mAPP15 {
			return seg // a table or frame header: part of the picture
		}
	}
	s.removed = append(s.removed, rmOther)
	return nil
}

// jfif keeps a JFIF header (it tells decoders the colour space) but not its thumbnail: a
// thumbnail can show the picture as it was before it was cropped.
func (s *stripped) jfif(seg, body []byte) []byte {
	switch {
	case bytes.HasPrefix(body, sigJFXX):
		s.removed = append(s.removed, rmThumbnail)
		return nil
	case !bytes.HasPrefix(body, sigJFIF):
		s.removed = append(s.removed, rmOther)
		return nil
	case len(body) < jfifLen || len(body) == jfifLen && body[12] == 0 && body[13] == 0:
		return seg
	}
	if body[12] != 0 || body[13] != 0 {
		s.removed = append(s.removed, rmThumbnail)
	} else {
		s.removed = append(s.removed, rmOther)
	}
	out := append([]byte{0xFF, mAPP0, 0, 2 + jfifLen}, body[:12]...)
	return append(out, 0, 0)
}
