package media

import (
	"bytes"
	"strings"
	"testing"

	"github.com/bedsidehq/bedside"
)

func TestSniff(t *testing.T) {
	images := []Type{JPEG, PNG}
	scans := []Type{JPEG, PNG, PDF}
	tests := []struct {
		name  string
		head  string
		allow []Type
		want  Type
		msg   string // a part of the refusal when want is ""
	}{
		{"jpeg", "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", images, JPEG, ""},
		{"png", "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", images, PNG, ""},
		{"pdf for an authorization", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", scans, PDF, ""},
		{"pdf among post media", "%PDF-1.7\n", images, "", "upload a JPEG or PNG"},
		{"html named photo.jpg", "<!DOCTYPE html><html><script>alert('Jane Roe')</script>", images, "", "not accepted"},
		{"svg named photo.jpg", `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>`, images, "", "not accepted"},
		{"bare svg", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`, images, "", "not accepted"},
		{"jpeg signature after whitespace", "  \xFF\xD8\xFF\xE0", images, "", "not accepted"},
		{"gif", "GIF89a\x01\x00\x01\x00", images, "", "not accepted"},
		{"webp", "RIFF\x24\x00\x00\x00WEBPVP8 ", images, "", "not accepted"},
		{"plain text", "Jane Roe, DOB 01/02/1980", scans, "", "upload a JPEG, PNG or PDF"},
		{"mp4 video", "\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom", images, "", "videos are not accepted yet"},
		{"quicktime video", "\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  ", images, "", "videos are not accepted yet"},
		{"webm video", "\x1A\x45\xDF\xA3\x9F\x42\x86\x81\x01", images, "", "videos are not accepted yet"},
		{"heic photo", "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", images, "", "HEIC and AVIF"},
		{"empty", "", images, "", "empty"},
		{"nothing allowed", "\xFF\xD8\xFF\xE0", nil, "", "no file type is accepted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Sniff([]byte(tt.head), tt.allow...)
			if tt.want != "" {
				if err != nil || got != tt.want {
					t.Fatalf("got %q, %v; want %q", got, err, tt.want)
				}
				return
			}
			checkRefused(t, err, tt.msg)
		})
	}
}

// Only the first SniffLen bytes count: what follows cannot turn a picture into something else.
func TestSniffLooksAtTheHeadOnly(t *testing.T) {
	head := "\x89PNG\r\n\x1a\n" + strings.Repeat("\x00", SniffLen)
	if got, err := Sniff([]byte(head+"<html><script>"), PNG); err != nil || got != PNG {
		t.Fatalf("got %q, %v", got, err)
	}
}

// checkRefused asserts an EInvalid error whose message contains want and nothing from a file.
func checkRefused(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatal("accepted")
	}
	if bedside.ErrorCode(err) != bedside.EInvalid {
		t.Fatalf("code %q (%v), want invalid", bedside.ErrorCode(err), err)
	}
	msg := bedside.ErrorMessage(err)
	if !bytes.Contains([]byte(msg), []byte(want)) {
		t.Errorf("message %q does not say %q", msg, want)
	}
	for _, leak := range []string{"Jane", "Pixel", "<", "script", ".jpg", "%PDF"} {
		if bytes.Contains([]byte(msg), []byte(leak)) {
			t.Errorf("message %q echoes the file", msg)
		}
	}
}
