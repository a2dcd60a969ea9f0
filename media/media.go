// Package media makes an uploaded file safe to store and publish. It decides the type from the
// bytes alone, bounds the size, and strips the metadata a phone or camera writes into a picture
// (EXIF with GPS position, device and time; XMP; IPTC; comments; text chunks) without decoding
// and re-encoding it, so the picture keeps its quality and every other byte. A PDF, such as a
// signed authorization, is kept byte for byte so its hash still proves what was signed.
//
// Errors are *bedside.Error with code EInvalid and a fixed message: they never quote the file's
// content or name.
package media

import "github.com/bedsidehq/bedside"

// Type is a media type decided from a file's bytes.
type Type string

// The accepted types.
const (
	JPEG Type = "image/jpeg"
	PNG  Type = "image/png"
	PDF  Type = "application/pdf"
)

// name is how messages call the type.
func (t Type) name() string {
	switch t {
	case JPEG:
		return "JPEG"
	case PNG:
		return "PNG"
	case PDF:
		return "PDF"
	}
	return "unknown"
}

// Result is a cleaned file and what is known about it.
type Result struct {
	Data   []byte // the clean bytes, to store and publish
	Type   Type
	SHA256 string // hex SHA-256 of Data
	Width  int    // pixels; 0 for a PDF
	Height int

	// Removed names the kinds of metadata that were dropped ("EXIF", "GPS", "XMP", "comment",
	// "text chunks"...), never their values. Empty when the file was already clean.
	Removed []string

	// Orientation is the EXIF orientation the original carried (1 to 8), or 0 when it had
	// none. See LostOrientation.
	Orientation int
}

// LostOrientation reports whether the original told viewers to rotate or mirror it (EXIF
// orientation 2 to 8). That instruction went with the EXIF, and the pixels are never rotated
// here because that would mean re-encoding, so the picture will now show sideways or mirrored:
// the caller should warn the user, who can rotate it in their editor and upload it again.
func (r Result) LostOrientation() bool { return r.Orientation > 1 }

// invalid returns the error for a refused file; msg must never hold file content.
func invalid(msg string) error { return bedside.Errorf(bedside.EInvalid, "%s", msg) }

// damaged returns the error for a file that is malformed or truncated.
func damaged(t Type) error {
	return bedside.Errorf(bedside.EInvalid, "the %s file is damaged or incomplete", t.name())
}
