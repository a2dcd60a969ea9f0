package form

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/go-pdf/fpdf"
)

// Release is everything printed on one photo release: a plain form for staff, visitors and
// children pictured at an event. Patients sign the authorization (Form) instead.
type Release struct {
	Practice Practice
	Person   string // the person pictured
	Child    bool   // signed by a parent or guardian
	Event    string
	Uses     []string  // "social media", "the practice's website"
	Expires  time.Time // zero: until revoked
	// Generated is the PDF's creation date: an input, so the same Release gives the same bytes.
	Generated time.Time
}

func (r Release) check() error {
	var bad []string
	need := func(missing bool, what string) {
		if missing {
			bad = append(bad, "missing "+what)
		}
	}
	need(r.Practice.Name == "", "practice name")
	need(r.Person == "", "name of the person pictured")
	need(strings.TrimSpace(r.Event) == "", "event")
	need(len(r.Uses) == 0, "use")
	need(r.Generated.IsZero(), "generation time")
	if len(bad) > 0 {
		return bedside.Errorf(bedside.EInvalid, "cannot make the release form: %s", join(bad))
	}
	return nil
}

// RenderRelease returns the unsigned release as PDF.
func RenderRelease(r Release) ([]byte, error) {
	p, _, err := r.doc(r.Generated)
	if err != nil {
		return nil, err
	}
	return pdfBytes(p)
}

// SignedRelease returns the signer's copy: the release, then the typed name, the guardian's
// relationship for a child, the drawn signature, the time and the SHA-256 of the unsigned form.
func SignedRelease(r Release, sig Signature) ([]byte, error) {
	unsigned, err := RenderRelease(r)
	if err != nil {
		return nil, err
	}
	if err := checkSignature(sig); err != nil {
		return nil, err
	}
	drawn, err := cleanPNG(sig.PNG)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(unsigned)
	p, tr, err := r.doc(sig.At)
	if err != nil {
		return nil, err
	}
	info := p.RegisterImageOptionsReader("signature", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(drawn))
	if p.Err() || info == nil || info.Width() <= 0 || info.Height() <= 0 {
		return nil, fmt.Errorf("form: embed signature: %w", p.Error())
	}
	w, h := 70.0, 70.0*info.Height()/info.Width()
	if h > 25 {
		w, h = w*25/h, 25
	}
	line := func(s string) { p.MultiCell(0, lineH, tr(s), "", "L", false) }
	p.Ln(4)
	p.SetFont("Helvetica", "B", 12)
	line("Signed on screen")
	p.SetFont("Helvetica", "", bodySize)
	line("Typed name: " + sig.Name)
	if sig.Authority != "" {
		line("Relationship to the child: " + sig.Authority)
	}
	p.ImageOptions("signature", margin+4, p.GetY()+2, w, h, true, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	p.Ln(4)
	line("Signed at " + sig.At.UTC().Format("January 2, 2006 15:04 UTC"))
	p.SetFont("Courier", "", 9)
	p.MultiCell(0, 5, hashLabel+hex.EncodeToString(sum[:]), "", "L", false)
	return pdfBytes(p)
}

// doc lays out the release's text; at is written as the PDF's dates.
func (r Release) doc(at time.Time) (*fpdf.Fpdf, func(string) string, error) {
	if err := r.check(); err != nil {
		return nil, nil, err
	}
	p := fpdf.New("P", "mm", "Letter", "")
	p.SetCreationDate(r.Generated.UTC())
	p.SetModificationDate(at.UTC())
	p.SetCatalogSort(true)
	p.SetProducer("Bedside", false)
	p.SetTitle("Photo and video release", true)
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(true, margin)
	tr := p.UnicodeTranslatorFromDescriptor("")
	for _, s := range []string{r.Practice.Name, r.Practice.Address, r.Practice.Phone, r.Person, r.Event} {
		for _, c := range s {
			if c >= 0x80 && tr(string(c)) == "." {
				return nil, nil, bedside.Errorf(bedside.EInvalid, "cannot make the release form: characters its font cannot print")
			}
		}
	}
	p.AddPage()
	p.SetFont("Helvetica", "B", 16)
	p.MultiCell(0, 8, tr("Photo and video release"), "", "L", false)
	p.SetFont("Helvetica", "", bodySize)
	para := func(s string) { p.MultiCell(0, lineH, tr(s), "", "L", false); p.Ln(1.5) }
	para("Practice: " + r.Practice.Name)
	who := "Person pictured: " + r.Person
	if r.Child {
		who += " (a minor: a parent or legal guardian signs this release for them)"
	}
	para(who)
	para("Event: " + r.Event)
	para("I allow " + r.Practice.Name + " to use photographs and video of the person named above, taken at this event, on " +
		join(r.Uses) + ". No name will be added to a picture without separate permission.")
	if r.Expires.IsZero() {
		para("This release lasts until it is revoked.")
	} else {
		para("This release ends on " + r.Expires.Format("January 2, 2006") + ", unless it is revoked before then.")
	}
	revoke := "You may revoke this release at any time by telling " + r.Practice.Name + " in writing"
	if r.Practice.Address != "" {
		revoke += " (" + r.Practice.Address + ")"
	}
	if r.Practice.Phone != "" {
		revoke += " or by calling " + r.Practice.Phone
	}
	para(revoke + ". Revoking stops new uses; pictures already published may have been copied by others.")
	para("Signing is voluntary. Nothing the practice does for you depends on it.")
	return p, tr, nil
}

func pdfBytes(p *fpdf.Fpdf) ([]byte, error) {
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, fmt.Errorf("form: write release: %w", err)
	}
	return buf.Bytes(), nil
}
