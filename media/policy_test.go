package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/bedsidehq/bedside"
)

// signedPDF is a minimal PDF as a scanner app writes it.
var signedPDF = []byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj <</Type/Catalog>> endobj\n(Jane Roe authorizes...)\ntrailer <</Root 1 0 R>>\n%%EOF\n")

func TestPolicyClean(t *testing.T) {
	jpg := spliceJPEG(encodeJPEG(t, picture(32, 32), 90), app1EXIF("Pixel 8", 1, true))
	pngBig := encodePNG(t, picture(100, 100))
	tests := []struct {
		name   string
		policy Policy
		in     []byte
		msg    string // a part of the refusal, or "" when accepted
	}{
		{"post photo", PostMedia(), jpg, ""},
		{"authorization photo", AuthorizationScan(), jpg, ""},
		{"authorization pdf", AuthorizationScan(), signedPDF, ""},
		{"pdf attached to a post", PostMedia(), signedPDF, "upload a JPEG or PNG"},
		{"pdf cut short", AuthorizationScan(), signedPDF[:60], "PDF file is damaged"},
		{"image over its limit", Policy{Allow: []Type{JPEG}, MaxImageBytes: 100}, jpg, "larger than the JPEG limit of 100 bytes"},
		{"pdf over its limit", Policy{Allow: []Type{PDF}, MaxPDFBytes: 50}, signedPDF, "larger than the PDF limit"},
		{"pdf at its limit", Policy{Allow: []Type{PDF}, MaxPDFBytes: int64(len(signedPDF))}, signedPDF, ""},
		{"too many pixels", Policy{Allow: []Type{PNG}, MaxPixels: 9999}, pngBig, "100 × 100 pixels, more than the limit of 9999 pixels"},
		{"zero policy accepts nothing", Policy{}, jpg, "no file type is accepted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tt.policy.Clean(tt.in)
			if tt.msg != "" {
				checkRefused(t, err, tt.msg)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(res.Data)
			if res.SHA256 != hex.EncodeToString(sum[:]) {
				t.Error("hash is not of the clean bytes")
			}
		})
	}
}

// A signed document must keep its exact bytes, so its hash still proves what was signed.
func TestPDFIsKeptByteForByte(t *testing.T) {
	res, err := AuthorizationScan().Read(bytes.NewReader(signedPDF))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(signedPDF)
	if !bytes.Equal(res.Data, signedPDF) || res.SHA256 != hex.EncodeToString(sum[:]) || res.Type != PDF || len(res.Removed) != 0 {
		t.Fatalf("got %s %s removed %q", res.Type, res.SHA256, res.Removed)
	}
}

// A stream that arrives a byte at a time gives the same result as the whole file.
func TestReadMatchesClean(t *testing.T) {
	in := spliceJPEG(encodeJPEG(t, picture(32, 32), 90), app1EXIF("Pixel 8", 3, true), comment)
	want, err := PostMedia().Clean(in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := PostMedia().Read(iotest.OneByteReader(bytes.NewReader(in)))
	if err != nil || got.SHA256 != want.SHA256 || !slices.Equal(got.Removed, want.Removed) || got.Orientation != 3 {
		t.Fatalf("got %s %q orientation %d, %v", got.SHA256, got.Removed, got.Orientation, err)
	}
}

// endless is a stream that never ends: a JPEG header followed by zeros.
type endless struct{ read int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 0
		if e.read+int64(i) < 3 {
			p[i] = "\xFF\xD8\xFF"[e.read+int64(i)]
		}
	}
	e.read += int64(len(p))
	return len(p), nil
}

func TestReadStopsAtTheLimit(t *testing.T) {
	for _, limit := range []int64{100, 4096, 1 << 20} {
		r := &endless{}
		_, err := Policy{Allow: []Type{JPEG}, MaxImageBytes: limit}.Read(r)
		checkRefused(t, err, "larger than the JPEG limit")
		if r.read > limit+1 && r.read > SniffLen {
			t.Errorf("limit %d: read %d bytes", limit, r.read)
		}
	}
}

func TestReadRefusesBeforeReadingTheRest(t *testing.T) {
	r := &countingReader{r: io.MultiReader(strings.NewReader("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"), &endless{})}
	_, err := PostMedia().Read(r)
	checkRefused(t, err, "videos are not accepted yet")
	if r.n > SniffLen {
		t.Errorf("read %d bytes of a refused file", r.n)
	}
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

// A broken upload is the server's or the network's problem, not an invalid file.
func TestReadPassesOnReaderErrors(t *testing.T) {
	_, err := PostMedia().Read(failingReader{})
	if bedside.ErrorCode(err) != bedside.EInternal || !strings.Contains(err.Error(), "connection reset") {
		t.Fatalf("got %v (%s)", err, bedside.ErrorCode(err))
	}
}
