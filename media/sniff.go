package media

import (
	"bytes"
	"net/http"
	"strings"
)

// SniffLen is how many leading bytes Sniff looks at.
const SniffLen = 512

var (
	magicJPEG = []byte("\xFF\xD8\xFF")
	magicPNG  = []byte("\x89PNG\r\n\x1a\n")
	magicPDF  = []byte("%PDF-")
)

// Sniff decides the type of a file from its first bytes (at least the first SniffLen when the
// file is that long) and refuses it unless the type is in allow. The file name and the
// client's Content-Type are never consulted: both are the uploader's claim, not the content.
func Sniff(head []byte, allow ...Type) (Type, error) {
	if len(head) == 0 {
		return "", invalid("the file is empty")
	}
	if len(head) > SniffLen {
		head = head[:SniffLen]
	}
	t := magic(head)
	// Both the standard sniffer and our own signature check must agree, so a polyglot that
	// one of them reads as HTML or script is refused.
	ct, _, _ := strings.Cut(http.DetectContentType(head), ";")
	if t != "" && ct == string(t) {
		for _, a := range allow {
			if a == t {
				return t, nil
			}
		}
	}
	switch {
	case strings.HasPrefix(ct, "video/") || isoBrand(head) == "video":
		return "", invalid("videos are not accepted yet; " + accepted(allow))
	case isoBrand(head) == "image":
		return "", invalid("HEIC and AVIF photos are not accepted yet; export the photo as JPEG (" + accepted(allow) + ")")
	}
	return "", invalid("this type of file is not accepted; " + accepted(allow))
}

// magic returns the type whose signature starts head, or "".
func magic(head []byte) Type {
	switch {
	case bytes.HasPrefix(head, magicJPEG):
		return JPEG
	case bytes.HasPrefix(head, magicPNG):
		return PNG
	case bytes.HasPrefix(head, magicPDF):
		return PDF
	}
	return ""
}

// isoBrand tells an ISO base media file (MP4, MOV, HEIC, AVIF) holding a still image from one
// holding a video, by its major brand: "image", "video" or "" when head is not one.
func isoBrand(head []byte) string {
	if len(head) < 12 || string(head[4:8]) != "ftyp" {
		return ""
	}
	switch string(head[8:12]) {
	case "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif", "avis":
		return "image"
	}
	return "video"
}

// accepted says which types may be uploaded, for error messages.
func accepted(allow []Type) string {
	var names []string
	for _, t := range allow {
		names = append(names, t.name())
	}
	switch len(names) {
	case 0:
		return "no file type is accepted here"
	case 1:
		return "upload a " + names[0]
	}
	return "upload a " + strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
