package form

import (
	"bytes"
	"compress/zlib"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/authorization"
	"github.com/bedsidehq/bedside/phi"
)

func TestRenderIsDeterministic(t *testing.T) {
	f := sample("en")
	first := render(t, f)
	if !bytes.HasPrefix(first, []byte("%PDF-")) || !bytes.Contains(first[len(first)-8:], []byte("%%EOF")) {
		t.Fatalf("not a PDF: starts %q", first[:8])
	}
	// Concurrent renders share nothing that would make them differ (run with -race).
	var wg sync.WaitGroup
	outs := make([][]byte, 4)
	for i := range outs {
		wg.Go(func() { outs[i], _ = Render(f) })
	}
	wg.Wait()
	for i, b := range outs {
		if !bytes.Equal(b, first) {
			t.Fatalf("render %d differs from the first", i)
		}
	}
	// The same instant in another zone is the same document.
	ny, _ := time.LoadLocation("America/New_York")
	f.Generated = generated.In(ny)
	if !bytes.Equal(render(t, f), first) {
		t.Fatal("the zone of Generated changed the bytes")
	}
	// And Generated really is what fixes the dates.
	f.Generated = generated.Add(time.Second)
	if bytes.Equal(render(t, f), first) {
		t.Fatal("a different Generated gave the same bytes: the dates are not taken from it")
	}
	if !bytes.Contains(first, []byte("/CreationDate (D:20260302150405)")) {
		t.Fatal("creation date is not Generated in UTC")
	}
}

// want holds hand-written wording each language must contain, independent of the phrase table:
// the 164.508(c) statements as a patient reads them.
var want = map[string][]string{
	"en": {
		"Permission to Share My Health Information on Social Media",
		"Patient: Emma Johnson",
		"I allow Riverside Dental to share this information about me:",
		"More details: before-and-after photos of my braces treatment",
		"Riverside Dental, 12 Elm Street, Springfield, IL 62701, phone (217) 555-0134.",
		"Anyone. The practice may post it for the public on:",
		"This permission ends on March 2, 2027.",
		"I can cancel this permission at any time. To cancel, I must write a note, sign it, and give it or mail it to Riverside Dental, 12 Elm Street, Springfield, IL 62701.",
		"If I have questions, I can call (217) 555-0134.",
		"My care does not depend on this form.",
		"Riverside Dental will still treat me. My payment, my health plan, and my benefits will not change.",
		"others may share it again. Then the privacy law (HIPAA) may no longer protect it.",
		"On social media, anyone can copy, save, or share a post.",
		"I will get a copy of this form after I sign it.",
		"Signature of patient or personal representative", "Date", "Printed name",
		"If you sign for the patient, write your legal authority to act for them",
	},
	"es": {
		"Permiso para compartir mi información de salud en las redes sociales",
		"Formulario de autorización HIPAA",
		"Paciente: Emma Johnson",
		"Doy permiso a Riverside Dental para compartir esta información sobre mí:",
		"Riverside Dental, 12 Elm Street, Springfield, IL 62701, teléfono (217) 555-0134.",
		"Cualquier persona. El consultorio la puede publicar para el público en:",
		"Este permiso termina el 2 de marzo de 2027.",
		"Puedo cancelar este permiso en cualquier momento. Para cancelarlo, debo escribir una nota, firmarla y entregarla o enviarla por correo a Riverside Dental, 12 Elm Street, Springfield, IL 62701.",
		"Si tengo preguntas, puedo llamar al (217) 555-0134.",
		"Mi atención médica no depende de este formulario.",
		"Riverside Dental me va a seguir atendiendo.",
		"otras personas la pueden volver a compartir. Entonces es posible que la ley de privacidad (HIPAA) ya no la proteja.",
		"En las redes sociales, cualquier persona puede copiar, guardar o compartir una publicación.",
		"Voy a recibir una copia de este formulario después de firmarlo.",
		"Firma del paciente o de su representante personal", "Fecha", "Nombre en letra de molde",
		"Si firma en nombre del paciente, escriba su autoridad legal",
	},
}

func TestRenderSaysEverything(t *testing.T) {
	for _, lg := range []string{"en", "es"} {
		t.Run(lg, func(t *testing.T) {
			f := sample(lg)
			// Every kind, channel and purpose, and one kind the table does not know.
			f.Authorization.Elements = append(slices.Clone(phi.Kinds), "FUTURE_KIND")
			f.Authorization.Channels = authorization.Channels
			f.Authorization.Purposes = authorization.Purposes
			text := pdfText(t, render(t, f))
			l := langs[lg]
			expect := append([]string{}, want[lg]...)
			for _, w := range kindWords {
				expect = append(expect, "• "+w[l])
			}
			for _, w := range channelWords {
				expect = append(expect, "• "+w[l])
			}
			for _, w := range purposeWords {
				expect = append(expect, "• "+w[l])
			}
			expect = append(expect, "• "+otherKind[l])
			for _, s := range expect {
				if !strings.Contains(text, s) {
					t.Errorf("missing %q", s)
				}
			}
		})
	}
}

func TestRenderListsScopeOnceInStableOrder(t *testing.T) {
	f := sample("en")
	f.Authorization.Elements = []phi.Kind{phi.Case, phi.Name, phi.Case, "X1", "X2"}
	text := pdfText(t, render(t, f))
	want := "me: • my name • my treatment or condition • other details that could show who I am More details"
	if !strings.Contains(text, want) {
		t.Fatalf("want %q in\n%s", want, text)
	}
}

func TestRenderFooterAndHeader(t *testing.T) {
	lines := strings.Join(pdfLines(t, render(t, sample("es"))), "\n")
	for _, s := range []string{"Página 1 de 2", "Página 2 de 2", "continuación (paciente: Emma Johnson)"} {
		if !strings.Contains(lines, s) {
			t.Errorf("missing %q", s)
		}
	}
}

func TestRenderRemunerationOnlyWhenPaid(t *testing.T) {
	paid := map[string]string{
		"en": "Another company pays Riverside Dental for this marketing. The practice will get money or other payment for using or sharing my information.",
		"es": "Otra compañía le paga a Riverside Dental por esta publicidad. El consultorio va a recibir dinero u otro pago por usar o compartir mi información.",
	}
	for lg, stmt := range paid {
		f := sample(lg)
		f.Authorization.Purposes = []authorization.Purpose{authorization.Marketing}
		if strings.Contains(pdfText(t, render(t, f)), stmt) {
			t.Errorf("%s: remuneration stated though no third party pays", lg)
		}
		f.Authorization.ThirdPartyPaid = true
		if !strings.Contains(pdfText(t, render(t, f)), stmt) {
			t.Errorf("%s: third party pays and the form does not say so", lg)
		}
	}
}

func TestRenderExpiry(t *testing.T) {
	cases := []struct {
		expires time.Time
		event   string
		want    string
	}{
		{time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), "", "This permission ends on January 31, 2027."},
		{time.Time{}, "the treatment ends.", "This permission ends when this happens: the treatment ends."},
		{time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), "the treatment ends",
			"This permission ends on January 31, 2027, or sooner if this happens: the treatment ends."},
	}
	for _, c := range cases {
		f := sample("en")
		f.Authorization.Expires, f.Authorization.ExpiryEvent = c.expires, c.event
		if text := pdfText(t, render(t, f)); !strings.Contains(text, c.want) {
			t.Errorf("want %q", c.want)
		}
	}
}

func TestRenderSpanishAccentsAreCP1252(t *testing.T) {
	pdf := render(t, sample("es"))
	var content []byte
	for _, m := range streamRE.FindAllSubmatch(pdf, -1) {
		if zr, err := zlib.NewReader(bytes.NewReader(m[1])); err == nil {
			b, _ := io.ReadAll(zr)
			content = append(content, b...)
		}
	}
	// ó is one byte, 0xF3, in cp1252: not UTF-8's C3 B3 and not fpdf's "." for a rune it lacks.
	if !bytes.Contains(content, []byte("autorizaci\xf3n HIPAA")) {
		t.Fatal(`"autorización" is not in the page as cp1252`)
	}
	if !strings.Contains(pdfText(t, pdf), "Formulario de autorización HIPAA") {
		t.Fatal(`"autorización" does not decode back`)
	}
}

func TestRenderRefusesIncomplete(t *testing.T) {
	cases := []struct {
		name   string
		change func(*Form)
		want   []string
	}{
		{"no elements", func(f *Form) { f.Authorization.Elements = nil }, []string{"missing elements (what information)"}},
		{"no channels", func(f *Form) { f.Authorization.Channels = nil }, []string{"missing channels"}},
		{"no purposes", func(f *Form) { f.Authorization.Purposes = nil }, []string{"missing purposes"}},
		{"no expiry", func(f *Form) { f.Authorization.Expires, f.Authorization.ExpiryEvent = time.Time{}, " " }, []string{"missing expiry date or event"}},
		{"all four", func(f *Form) { f.Authorization = authorization.Authorization{} }, []string{
			"missing elements (what information)", "missing channels (where it is posted)", "missing purposes", "missing expiry date or event"}},
		{"no practice contact", func(f *Form) { f.Practice.Address, f.Practice.Phone = "", "" }, []string{"missing practice address", "missing practice phone"}},
		{"no generation time", func(f *Form) { f.Generated = time.Time{} }, []string{"missing generation time"}},
		{"language", func(f *Form) { f.Lang = "fr" }, []string{`unsupported language "fr" (want en or es)`}},
		{"unknown channel and purpose", func(f *Form) {
			f.Authorization.Channels = append(f.Authorization.Channels, "myspace")
			f.Authorization.Purposes = append(f.Authorization.Purposes, "fundraising")
		}, []string{`unknown channel "myspace"`, `unknown purpose "fundraising"`}},
		{"free text where a code goes", func(f *Form) {
			f.Authorization.Channels = []authorization.Channel{"Emma Johnson"}
		}, []string{"unknown channel (not a code)"}},
		{"expired", func(f *Form) { f.Authorization.Expires = generated.AddDate(0, 0, -1) }, []string{"expiry date is not after the form date"}},
		{"unprintable name", func(f *Form) { f.PatientName = "Nguyễn Emma Johnson" }, []string{"font cannot print in patient name"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := sample("en")
			c.change(&f)
			b, err := Render(f)
			if err == nil || b != nil {
				t.Fatalf("rendered an incomplete form")
			}
			if bedside.ErrorCode(err) != bedside.EInvalid {
				t.Fatalf("code %q, want invalid: %v", bedside.ErrorCode(err), err)
			}
			msg := bedside.ErrorMessage(err)
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			if strings.Contains(msg, "Emma") || strings.Contains(msg, "Johnson") {
				t.Errorf("message names the patient: %q", msg)
			}
		})
	}
}
