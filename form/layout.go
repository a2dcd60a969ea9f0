package form

import "strings"

// heading starts a section, moving to a new page first when fewer than keep millimetres are
// left, so a heading is never stranded at the foot of a page.
func (d *doc) heading(s string, keep float64) {
	p := d.pdf
	_, h := p.GetPageSize()
	if p.GetY()+keep > h-margin {
		p.AddPage()
	}
	p.Ln(2)
	p.SetFont("Helvetica", "B", 12)
	p.MultiCell(0, 6.5, d.tr(s), "", "L", false)
	p.Ln(1)
}

func (d *doc) para(s string) {
	d.pdf.SetFont("Helvetica", "", bodySize)
	d.pdf.MultiCell(0, lineH, d.tr(s), "", "L", false)
	d.pdf.Ln(1.5)
}

// bullets prints one indented item per line; the items are in the patient's language already.
func (d *doc) bullets(items []string) {
	p := d.pdf
	p.SetFont("Helvetica", "", bodySize)
	for _, it := range items {
		p.SetX(margin + 4)
		p.CellFormat(5, lineH, d.tr("•"), "", 0, "L", false, 0, "")
		p.MultiCell(0, lineH, d.tr(it), "", "L", false)
	}
	p.Ln(1.5)
}

// field prints "label: value" on one line, the value in the body font.
func (d *doc) field(label, value string) {
	p := d.pdf
	p.SetFont("Helvetica", "B", bodySize)
	p.CellFormat(p.GetStringWidth(d.tr(label+": "))+1, lineH, d.tr(label+": "), "", 0, "L", false, 0, "")
	p.SetFont("Helvetica", "", bodySize)
	p.MultiCell(0, lineH, d.tr(value), "", "L", false)
}

// blank draws a line to write on, w millimetres wide, with its label under it; the caller
// places rows, so two blanks can share one.
func (d *doc) blank(label string, x, y, w float64) {
	p := d.pdf
	p.Line(x, y+9, x+w, y+9)
	p.SetXY(x, y+9.5)
	p.SetFont("Helvetica", "", 9)
	p.CellFormat(w, 4.5, d.tr(label), "", 0, "L", false, 0, "")
}

func join(s []string) string { return strings.Join(s, ", ") }
