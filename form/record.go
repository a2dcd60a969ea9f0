package form

import (
	"bytes"
	"fmt"
	"time"

	"github.com/go-pdf/fpdf"
)

// Record is a plain listing for a person to read: a patient's export of what the practice holds
// about them. The caller words the sections; Record only lays them out.
type Record struct {
	Title     string
	Subtitle  string
	Generated time.Time // written as the PDF's dates, so the same Record gives the same bytes
	Sections  []Section
}

// Section is a heading and its lines.
type Section struct {
	Heading string
	Lines   []string
}

// RecordPDF renders r. Characters the core fonts cannot print come out as "?", which a listing
// (unlike a signed form) can tolerate.
func RecordPDF(r Record) ([]byte, error) {
	p := fpdf.New("P", "mm", "Letter", "")
	p.SetCreationDate(r.Generated.UTC())
	p.SetModificationDate(r.Generated.UTC())
	p.SetCatalogSort(true)
	p.SetProducer("Bedside", false)
	p.SetTitle(r.Title, true)
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(true, margin)
	p.AliasNbPages(nbAlias)
	tr := p.UnicodeTranslatorFromDescriptor("")
	p.SetFooterFunc(func() {
		p.SetY(-margin + 5)
		p.SetFont("Helvetica", "", 9)
		p.CellFormat(0, 5, fmt.Sprintf("%d / %s", p.PageNo(), nbAlias), "", 0, "C", false, 0, "")
	})
	p.AddPage()
	p.SetFont("Helvetica", "B", 16)
	p.MultiCell(0, 8, tr(r.Title), "", "L", false)
	p.SetFont("Helvetica", "", 10)
	p.MultiCell(0, 5, tr(r.Subtitle), "", "L", false)
	for _, s := range r.Sections {
		p.Ln(3)
		p.SetFont("Helvetica", "B", 12)
		p.MultiCell(0, 6.5, tr(s.Heading), "", "L", false)
		p.SetFont("Helvetica", "", bodySize)
		for _, l := range s.Lines {
			p.MultiCell(0, lineH, tr(l), "", "L", false)
		}
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, fmt.Errorf("form: write record: %w", err)
	}
	return buf.Bytes(), nil
}
