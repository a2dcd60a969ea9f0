package form

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/go-pdf/fpdf"
)

// Bounds on the drawn signature: a tablet's drawing is a few tens of kilobytes and a few
// hundred pixels wide.
const (
	maxSignaturePNG    = 2 << 20
	maxSignaturePixels = 4000
)

// Signature is what the signer gave on screen.
type Signature struct {
	Name      string    // typed name
	Authority string    // a personal representative's authority; empty when the patient signs
	PNG       []byte    // the drawn signature
	At        time.Time // when, in the signer's time zone
	// IP and UserAgent are evidence for the audit record only. They are never printed: the
	// patient's copy is theirs to share, and these say nothing about consent.
	IP        string
	UserAgent string
}

// Signed returns the patient's copy: the form Render makes from f, then a block with the typed
// name, the drawn signature, the signing time and the SHA-256 of the unsigned PDF, which ties
// the copy to the document whose hash was recorded. When f.Authorization.DocumentSHA256 is set
// and f no longer renders to that document, it refuses with bedside.EConflict.
func Signed(f Form, sig Signature) ([]byte, error) {
	unsigned, err := Render(f)
	if err != nil {
		return nil, err
	}
	if err := checkSignature(sig); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(unsigned)
	hash := hex.EncodeToString(sum[:])
	// A copy must never tie to a document other than the one recorded as signed.
	if rec := f.Authorization.DocumentSHA256; rec != "" && !strings.EqualFold(rec, hash) {
		return nil, bedside.Errorf(bedside.EConflict, "cannot make the signed copy: the form does not match the document that was signed")
	}
	d, err := newDoc(f)
	if err != nil {
		return nil, err
	}
	// The copy was last changed when it was signed.
	d.pdf.SetModificationDate(sig.At.UTC())
	if !d.fits(sig.Name) || !d.fits(sig.Authority) {
		return nil, bedside.Errorf(bedside.EInvalid, "cannot make the signed copy: characters the form's font cannot print in the typed name or authority")
	}
	d.body()
	if err := d.signedBlock(sig, hash); err != nil {
		return nil, err
	}
	return d.output()
}

func checkSignature(sig Signature) error {
	var bad []string
	if sig.Name == "" {
		bad = append(bad, "typed name")
	}
	if len(sig.PNG) == 0 {
		bad = append(bad, "drawn signature")
	}
	if sig.At.IsZero() {
		bad = append(bad, "signing time")
	}
	if len(bad) > 0 {
		return bedside.Errorf(bedside.EInvalid, "cannot make the signed copy: missing %s", join(bad))
	}
	if len(sig.PNG) > maxSignaturePNG {
		return bedside.Errorf(bedside.EInvalid, "cannot make the signed copy: the drawn signature is larger than %d bytes", maxSignaturePNG)
	}
	return nil
}

// cleanPNG decodes the drawing and encodes it again as 8-bit RGBA: fpdf's own PNG parser panics
// on a truncated file and refuses interlaced or 16-bit ones, and a browser may send any of them.
func cleanPNG(b []byte) ([]byte, error) {
	bad := bedside.Errorf(bedside.EInvalid, "cannot make the signed copy: the drawn signature is not a PNG image the form can embed")
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, bad
	}
	// A small file can declare a huge image.
	if cfg.Width > maxSignaturePixels || cfg.Height > maxSignaturePixels {
		return nil, bedside.Errorf(bedside.EInvalid, "cannot make the signed copy: the drawn signature is larger than %d pixels a side", maxSignaturePixels)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, bad
	}
	rgba := image.NewNRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	var out bytes.Buffer
	if err := png.Encode(&out, rgba); err != nil {
		return nil, fmt.Errorf("form: encode signature: %w", err)
	}
	return out.Bytes(), nil
}

func (d *doc) signedBlock(sig Signature, sum string) error {
	l, p := d.l, d.pdf
	drawn, err := cleanPNG(sig.PNG)
	if err != nil {
		return err
	}
	info := p.RegisterImageOptionsReader("signature", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(drawn))
	if p.Err() || info == nil || info.Width() <= 0 || info.Height() <= 0 {
		return fmt.Errorf("form: embed signature: %w", p.Error())
	}
	// Fit the drawing in a 70 x 25 mm box whatever its pixel size.
	w, h := 70.0, 70.0*info.Height()/info.Width()
	if h > 25 {
		w, h = w*25/h, 25
	}
	d.heading(l.say(mSignedHead), 60+h)
	d.para(fmt.Sprintf(l.say(mSignedName), sig.Name))
	if sig.Authority != "" {
		d.para(fmt.Sprintf(l.say(mSignedAuthority), sig.Authority))
	}
	d.para(l.say(mSignedDrawn))
	p.ImageOptions("signature", margin+4, p.GetY(), w, h, true, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	p.Ln(2)
	d.para(fmt.Sprintf(l.say(mSignedAt), l.moment(sig.At)))
	d.para(l.say(mHashNote))
	p.SetFont("Courier", "", 9)
	p.MultiCell(0, 5, hashLabel+sum, "", "L", false)
	return nil
}
