package media

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"

	"github.com/bedsidehq/bedside"
)

// keepChunk reports whether a PNG chunk draws the picture or gives its colours.
func keepChunk(typ string) bool {
	switch typ {
	case "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "cHRM", "gAMA", "iCCP", "sBIT", "sRGB", "pHYs":
		return true
	}
	return false
}

// stripPNG copies the chunks keepChunk accepts, byte for byte with their CRCs, after checking
// those CRCs; it stops at IEND. Each step moves past one whole chunk, so the loop ends.
func stripPNG(data []byte) (stripped, error) {
	s := stripped{data: make([]byte, 0, len(data))}
	s.data = append(s.data, magicPNG...)
	i, sawIDAT := len(magicPNG), false
	for first := true; ; first = false {
		if len(data)-i < 12 {
			return stripped{}, damaged(PNG)
		}
		n := binary.BigEndian.Uint32(data[i:])
		if n > 1<<31-1 || int64(n) > int64(len(data)-i-12) {
			return stripped{}, damaged(PNG)
		}
		chunk := data[i : i+12+int(n)]
		typ, body := string(chunk[4:8]), chunk[8:8+n]
		i += len(chunk)
		if !chunkName(chunk[4:8]) || first != (typ == "IHDR") {
			return stripped{}, damaged(PNG)
		}
		if !keepChunk(typ) {
			if typ[0] < 'a' {
				// An unknown critical chunk: the picture cannot be drawn without it.
				return stripped{}, bedside.Errorf(bedside.EInvalid, "this kind of PNG is not supported; save it again as a standard PNG")
			}
			s.pngChunk(typ, body)
			continue
		}
		if crc32.ChecksumIEEE(chunk[4:8+n]) != binary.BigEndian.Uint32(chunk[8+n:]) {
			return stripped{}, damaged(PNG)
		}
		s.data = append(s.data, chunk...)
		switch typ {
		case "IDAT":
			sawIDAT = true
		case "IEND":
			if !sawIDAT {
				return stripped{}, damaged(PNG)
			}
			if i < len(data) {
				s.removed = append(s.removed, rmTrailing)
			}
			return s, nil
		}
	}
}

// chunkName reports whether b is a valid chunk type: four ASCII letters.
func chunkName(b []byte) bool {
	for _, c := range b {
		if (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') {
			return false
		}
	}
	return true
}

var keywordXMP = []byte("XML:com.adobe.xmp\x00")

// pngChunk records, by name, what a dropped chunk held.
func (s *stripped) pngChunk(typ string, body []byte) {
	switch typ {
	case "eXIf":
		s.noteEXIF(body)
	case "iTXt":
		if bytes.HasPrefix(body, keywordXMP) {
			s.removed = append(s.removed, rmXMP)
			if bytes.Contains(body, xmpGPSHint) {
				s.removed = append(s.removed, rmGPS)
			}
			return
		}
		s.removed = append(s.removed, rmText)
	case "tEXt", "zTXt":
		s.removed = append(s.removed, rmText)
	case "tIME":
		s.removed = append(s.removed, rmTime)
	default:
		s.removed = append(s.removed, rmOther)
	}
}
