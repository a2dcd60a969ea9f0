package form

import (
	"bytes"
	"fmt"

	"github.com/bedsidehq/bedside"
	"github.com/go-pdf/fpdf"
)

// Page geometry in millimetres, US Letter.
const (
	margin   = 20.0
	bodySize = 11.0 // large enough for older patients reading on a tablet
	lineH    = 5.5
)

// nbAlias is replaced by fpdf with the page count when the document is closed.
const nbAlias = "{nb}"

// doc is one PDF being written.
type doc struct {
	f   Form
	l   lang
	pdf *fpdf.Fpdf
	tr  func(string) string // UTF-8 to cp1252, the code page of fpdf's core fonts
}

// newDoc checks f and sets up a PDF whose bytes depend only on f.
func newDoc(f Form) (*doc, error) {
	if err := check(f); err != nil {
		return nil, err
	}
	d := &doc{f: f, l: langs[f.Lang], pdf: fpdf.New("P", "mm", "Letter", "")}
	p := d.pdf
	// fpdf stamps time.Now and walks maps in random order unless told otherwise.
	p.SetCreationDate(f.Generated.UTC())
	p.SetModificationDate(f.Generated.UTC())
	p.SetCatalogSort(true)
	p.SetProducer("Bedside", false)
	p.SetTitle(d.l.say(mTitle), true)
	p.SetLang(map[lang]string{en: "en-US", es: "es-US"}[d.l])
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(true, margin)
	p.AliasNbPages(nbAlias)
	p.SetHeaderFunc(d.header)
	p.SetFooterFunc(d.footer)
	// A translator per document: fpdf's shares a buffer between calls, so it is not safe to
	// share between goroutines.
	d.tr = p.UnicodeTranslatorFromDescriptor("")
	if err := d.printable(); err != nil {
		return nil, err
	}
	p.AddPage()
	return d, nil
}

// printable refuses text the core fonts cannot show: fpdf would print "." instead, and a
// mangled name on a signed legal document is worse than no document.
func (d *doc) printable() error {
	a := d.f.Authorization
	fields := []struct{ name, s string }{
		{"practice name", d.f.Practice.Name}, {"practice address", d.f.Practice.Address},
		{"practice phone", d.f.Practice.Phone}, {"patient name", d.f.PatientName},
		{"description", a.Description}, {"expiry event", a.ExpiryEvent},
	}
	var bad []string
	for _, fl := range fields {
		if !d.fits(fl.s) {
			bad = append(bad, fl.name)
		}
	}
	if len(bad) > 0 {
		return bedside.Errorf(bedside.EInvalid, "cannot make the authorization form: characters the form's font cannot print in %s", join(bad))
	}
	return nil
}

func (d *doc) fits(s string) bool {
	for _, r := range s {
		if r >= 0x80 && d.tr(string(r)) == "." {
			return false
		}
	}
	return true
}

func (d *doc) header() {
	p := d.pdf
	if p.PageNo() == 1 {
		return
	}
	p.SetFont("Helvetica", "", 9)
	p.CellFormat(0, 5, d.tr(fmt.Sprintf(d.l.say(mContinued), d.l.say(mTitle), d.f.PatientName)), "", 1, "L", false, 0, "")
	p.Ln(3)
}

func (d *doc) footer() {
	p := d.pdf
	p.SetY(-margin + 5)
	p.SetFont("Helvetica", "", 9)
	p.CellFormat(0, 5, d.tr(fmt.Sprintf(d.l.say(mPage), p.PageNo(), nbAlias)), "", 0, "C", false, 0, "")
}

func (d *doc) output() ([]byte, error) {
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("form: write pdf: %w", err)
	}
	return buf.Bytes(), nil
}
