package media

import "encoding/binary"

// EXIF tags read from the first image directory.
const (
	tagOrientation = 0x0112
	tagGPSIFD      = 0x8825
)

// readEXIF reads the orientation and whether a GPS directory is present from a TIFF structure
// (the body of an EXIF block). It reads only the first directory and follows no pointers, so a
// hostile file cannot make it loop; anything out of bounds reads as absent.
func readEXIF(tiff []byte) (orientation int, gps bool) {
	if len(tiff) < 8 {
		return 0, false
	}
	var bo binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0, false
	}
	if bo.Uint16(tiff[2:]) != 42 {
		return 0, false
	}
	off := uint64(bo.Uint32(tiff[4:]))
	if off+2 > uint64(len(tiff)) {
		return 0, false
	}
	n := uint64(bo.Uint16(tiff[off:]))
	entries := tiff[off+2:]
	for i := uint64(0); i < n && i*12+12 <= uint64(len(entries)); i++ {
		e := entries[i*12 : i*12+12]
		switch bo.Uint16(e) {
		case tagOrientation:
			// A SHORT whose value sits in the first two bytes of the value field.
			if bo.Uint16(e[2:]) == 3 {
				orientation = int(bo.Uint16(e[8:]))
			}
		case tagGPSIFD:
			gps = true
		}
	}
	return orientation, gps
}
