package form

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside/authorization"
	"github.com/bedsidehq/bedside/phi"
)

var generated = time.Date(2026, 3, 2, 15, 4, 5, 0, time.UTC)

// sample is a complete draft: a parent allows a child's name, photos and treatment story on
// three channels as a success story and a testimonial, for a year.
func sample(lang string) Form {
	return Form{
		Practice:    Practice{Name: "Riverside Dental", Address: "12 Elm Street, Springfield, IL 62701", Phone: "(217) 555-0134"},
		PatientName: "Emma Johnson",
		Lang:        lang,
		Generated:   generated,
		Authorization: authorization.Authorization{
			Description: "before-and-after photos of my braces treatment",
			Purposes:    []authorization.Purpose{authorization.SuccessStory, authorization.Testimonial},
			Expires:     time.Date(2027, 3, 2, 0, 0, 0, 0, time.UTC),
			Elements:    []phi.Kind{phi.Photo, phi.Name, phi.Case},
			Channels:    []authorization.Channel{"instagram", "facebook", "website"},
		},
	}
}

func render(t *testing.T, f Form) []byte {
	t.Helper()
	b, err := Render(f)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return b
}

var (
	streamRE = regexp.MustCompile(`(?s)stream\n(.*?)\nendstream`)
	showRE   = regexp.MustCompile(`\(((?:\\.|[^\\)])*)\)Tj`)
	spaceRE  = regexp.MustCompile(`\s+`)
)

// furnitureRE matches page headers and footers, which can fall in the middle of a paragraph.
var furnitureRE = regexp.MustCompile(`^(Page \d+ of \d+|Página \d+ de \d+|.*, continued \(patient: .*|.*, continuación \(paciente: .*)$`)

// pdfText returns the text of the pages without headers and footers, decoded from cp1252 to
// UTF-8, with the lines a paragraph was wrapped into joined by single spaces, so a test can look
// for a whole sentence.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	var body []string
	for _, l := range pdfLines(t, pdf) {
		if !furnitureRE.MatchString(l) {
			body = append(body, l)
		}
	}
	return spaceRE.ReplaceAllString(strings.Join(body, " "), " ")
}

// pdfLines returns each string the pages show, in order, decoded to UTF-8.
func pdfLines(t *testing.T, pdf []byte) []string {
	t.Helper()
	var lines []string
	for _, m := range streamRE.FindAllSubmatch(pdf, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue // not compressed: fonts and the like carry no page text here
		}
		content, err := io.ReadAll(zr)
		if err != nil {
			continue // image data can end oddly; it carries no text either
		}
		for _, s := range showRE.FindAllSubmatch(content, -1) {
			lines = append(lines, cp1252(unescape(s[1])))
		}
	}
	return lines
}

func unescape(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) {
			i++
		}
		out = append(out, b[i])
	}
	return out
}

// cp1252High holds the code page's 0x80-0x9F; above that it matches Latin-1.
var cp1252High = []rune("€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ")

func cp1252(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		if c >= 0x80 && c < 0xa0 {
			sb.WriteRune(cp1252High[c-0x80])
		} else {
			sb.WriteRune(rune(c))
		}
	}
	return sb.String()
}
