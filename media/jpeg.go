package media

import (
	"bytes"

	"github.com/bedsidehq/bedside"
)

// JPEG marker codes (ITU T.81 table B.1).
const (
	mSOF0  = 0xC0
	mSOF1  = 0xC1
	mSOF2  = 0xC2
	mDHT   = 0xC4
	mRST0  = 0xD0
	mRST7  = 0xD7
	mSOI   = 0xD8
	mEOI   = 0xD9
	mSOS   = 0xDA
	mDQT   = 0xDB
	mDRI   = 0xDD
	mAPP0  = 0xE0
	mAPP1  = 0xE1
	mAPP2  = 0xE2
	mAPP13 = 0xED
	mAPP14 = 0xEE
	mAPP15 = 0xEF
	mCOM   = 0xFE
)

// stripJPEG walks the segments, keeps the ones that draw the picture or give its colours, and
// copies each scan's entropy-coded data verbatim. It stops at the end-of-image marker. Every
// step moves forward through data, so a hostile file ends the loop by running out of bytes.
func stripJPEG(data []byte) (stripped, error) {
	s := stripped{data: make([]byte, 0, len(data))}
	s.data = append(s.data, 0xFF, mSOI)
	sawSOS := false
	i := 2
	for {
		// A marker is 0xFF, any number of 0xFF fill bytes (dropped), then its code.
		if i >= len(data) || data[i] != 0xFF {
			return stripped{}, damaged(JPEG)
		}
		for i < len(data) && data[i] == 0xFF {
			i++
		}
		if i >= len(data) {
			return stripped{}, damaged(JPEG)
		}
		m := data[i]
		i++
		switch {
		case m == mEOI:
			if !sawSOS {
				return stripped{}, damaged(JPEG)
			}
			s.data = append(s.data, 0xFF, mEOI)
			if i < len(data) {
				s.removed = append(s.removed, rmTrailing)
			}
			return s, nil
		case m >= mRST0 && m <= mRST7:
			// A stray restart marker between scans: harmless, and decoders skip it.
			s.data = append(s.data, 0xFF, m)
			continue
		case !knownMarker(m):
			return stripped{}, unsupportedJPEG()
		}
		if i+2 > len(data) {
			return stripped{}, damaged(JPEG)
		}
		n := int(data[i])<<8 | int(data[i+1])
		if n < 2 || i+n > len(data) {
			return stripped{}, damaged(JPEG)
		}
		seg, body := data[i-2:i+n], data[i+2:i+n]
		i += n
		if m != mSOS {
			s.data = append(s.data, s.jpegSegment(m, seg, body)...)
			continue
		}
		sawSOS = true
		end, ok := scanEnd(data, i)
		if !ok {
			return stripped{}, damaged(JPEG)
		}
		s.data = append(s.data, seg...)
		s.data = append(s.data, data[i:end]...)
		i = end
	}
}

// knownMarker reports whether m is a segment the standard decoder reads. Others (lossless or
// arithmetic coding, hierarchical mode, reserved codes) are refused rather than passed on
// unread, since nothing here could tell what they carry.
func knownMarker(m byte) bool {
	switch m {
	case mSOF0, mSOF1, mSOF2, mDHT, mDQT, mDRI, mSOS, mCOM:
		return true
	}
	return m >= mAPP0 && m <= mAPP15
}

// scanEnd returns where the entropy-coded data starting at i ends: at the first marker that
// is neither a stuffed 0xFF00 nor a restart marker.
func scanEnd(data []byte, i int) (int, bool) {
	for {
		k := bytes.IndexByte(data[i:], 0xFF)
		if k < 0 || i+k+1 >= len(data) {
			return 0, false
		}
		i += k
		if c := data[i+1]; c != 0x00 && (c < mRST0 || c > mRST7) {
			return i, true
		}
		i += 2
	}
}

func unsupportedJPEG() error {
	return bedside.Errorf(bedside.EInvalid, "this kind of JPEG is not supported; save it again as a standard JPEG")
}
