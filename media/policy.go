package media

import (
	"bytes"
	"fmt"
	"io"

	"github.com/bedsidehq/bedside"
)

// Defaults for a Policy's zero fields.
const (
	DefaultMaxImageBytes = 20 << 20
	DefaultMaxPDFBytes   = 20 << 20
	// DefaultMaxPixels bounds width × height (a 200-megapixel phone photo fits), so a small
	// file that declares an enormous picture cannot exhaust memory wherever it is decoded later.
	DefaultMaxPixels = 200_000_000
)

// Policy says what one kind of upload may be. Zero limits take the defaults; a Policy that
// allows no type accepts nothing.
type Policy struct {
	Allow         []Type
	MaxImageBytes int64
	MaxPDFBytes   int64
	MaxPixels     int64
}

// PostMedia is the policy for pictures attached to posts: JPEG and PNG.
func PostMedia() Policy { return Policy{Allow: []Type{JPEG, PNG}} }

// AuthorizationScan is the policy for a signed authorization: a photo or scan of the form, or
// a PDF.
func AuthorizationScan() Policy { return Policy{Allow: []Type{JPEG, PNG, PDF}} }

// Read reads an upload and cleans it as Clean does. It decides the type from the first
// SniffLen bytes before reading the rest, and never reads past the type's limit plus one byte,
// so an over-size or refused upload costs no more than that.
func (p Policy) Read(r io.Reader) (Result, error) {
	head := make([]byte, SniffLen)
	n, err := io.ReadFull(r, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return Result{}, fmt.Errorf("media: read upload: %w", err)
	}
	t, err := Sniff(head[:n], p.Allow...)
	if err != nil {
		return Result{}, err
	}
	limit := p.maxBytes(t)
	buf := bytes.NewBuffer(make([]byte, 0, min(limit+1, 1<<20)))
	buf.Write(head[:n])
	if _, err := buf.ReadFrom(io.LimitReader(r, limit+1-int64(n))); err != nil {
		return Result{}, fmt.Errorf("media: read upload: %w", err)
	}
	return p.Clean(buf.Bytes())
}

// Clean checks a whole file against the policy and returns it made safe: a picture stripped
// of its metadata (see Strip), a PDF unchanged (its Result.Data is data itself).
func (p Policy) Clean(data []byte) (Result, error) {
	t, err := Sniff(data, p.Allow...)
	if err != nil {
		return Result{}, err
	}
	if limit := p.maxBytes(t); int64(len(data)) > limit {
		return Result{}, bedside.Errorf(bedside.EInvalid, "the file is larger than the %s limit of %s", t.name(), size(limit))
	}
	if t == PDF {
		return cleanPDF(data)
	}
	res, err := Strip(data)
	if err != nil {
		return Result{}, err
	}
	if int64(res.Width)*int64(res.Height) > p.maxPixels() {
		return Result{}, bedside.Errorf(bedside.EInvalid, "the picture is %d × %d pixels, more than the limit of %s", res.Width, res.Height, pixels(p.maxPixels()))
	}
	return res, nil
}

func (p Policy) maxBytes(t Type) int64 {
	if t == PDF {
		return orDefault(p.MaxPDFBytes, DefaultMaxPDFBytes)
	}
	return orDefault(p.MaxImageBytes, DefaultMaxImageBytes)
}

func (p Policy) maxPixels() int64 { return orDefault(p.MaxPixels, DefaultMaxPixels) }

func orDefault(v, def int64) int64 {
	if v > 0 {
		return v
	}
	return def
}

// size writes a byte count for people.
func size(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// pixels writes a pixel count for people.
func pixels(n int64) string {
	if n >= 1_000_000 && n%1_000_000 == 0 {
		return fmt.Sprintf("%d megapixels", n/1_000_000)
	}
	return fmt.Sprintf("%d pixels", n)
}
