package form

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
)

// drawing is a transparent 300x90 PNG with one stroke, like a tablet's signature pad gives.
func drawing(t testing.TB) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 300, 90))
	for x := 20; x < 280; x++ {
		img.Set(x, 45+(x%30)-15, color.NRGBA{0, 0, 80, 255})
	}
	return encode(t, img)
}

func encode(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func signature(t testing.TB) Signature {
	chicago, err := time.LoadLocation("America/Chicago")
	if err != nil {
		t.Fatal(err)
	}
	return Signature{
		Name: "Laura Johnson", Authority: "parent of a minor", PNG: drawing(t),
		At: time.Date(2026, 3, 2, 9, 30, 0, 0, chicago),
		IP: "203.0.113.77", UserAgent: "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)",
	}
}

func TestSignedCopy(t *testing.T) {
	for _, lg := range []string{"en", "es"} {
		t.Run(lg, func(t *testing.T) {
			f, sig := sample(lg), signature(t)
			sum := sha256.Sum256(render(t, f))
			b, err := Signed(f, sig)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := Signed(f, sig)
			if !bytes.Equal(b, again) {
				t.Fatal("the signed copy is not deterministic")
			}
			text := pdfText(t, b)
			l := langs[lg]
			for _, w := range append(want[lg],
				"Document SHA-256: "+hex.EncodeToString(sum[:]),
				"Laura Johnson", "parent of a minor",
				map[lang]string{en: "Signed on: March 2, 2026 at 9:30 AM CST (UTC-06:00)",
					es: "Firmado el: 2 de marzo de 2026, 09:30 CST (UTC-06:00)"}[l],
			) {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q", w)
				}
			}
			if !bytes.Contains(b, []byte("/Subtype /Image")) || !bytes.Contains(b, []byte("/SMask")) {
				t.Error("the drawn signature, with its transparency, is not embedded")
			}
			for _, secret := range []string{sig.IP, "203.0.113", sig.UserAgent, "Mozilla", "iPad"} {
				if strings.Contains(text, secret) || bytes.Contains(b, []byte(secret)) {
					t.Errorf("the patient's copy shows audit evidence %q", secret)
				}
			}
		})
	}
}

func TestSignedRefuses(t *testing.T) {
	cases := []struct {
		name   string
		change func(*Signature)
		want   string
	}{
		{"nothing", func(s *Signature) { *s = Signature{} }, "missing typed name, drawn signature, signing time"},
		{"not a png", func(s *Signature) { s.PNG = []byte("GIF89a not a png") }, "not a PNG image"},
		{"truncated png", func(s *Signature) { s.PNG = s.PNG[:40] }, "not a PNG image"},
		{"huge", func(s *Signature) { s.PNG = make([]byte, maxSignaturePNG+1) }, "larger than"},
		{"too many pixels", func(s *Signature) { s.PNG = encode(t, image.NewGray(image.Rect(0, 0, 5000, 1))) }, "larger than 4000 pixels"},
		{"unprintable name", func(s *Signature) { s.Name = "Lâm Thị Hương" }, "cannot print in the typed name"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sig := signature(t)
			c.change(&sig)
			b, err := Signed(sample("en"), sig)
			if err == nil || b != nil {
				t.Fatal("made a signed copy from a bad signature")
			}
			msg := bedside.ErrorMessage(err)
			if bedside.ErrorCode(err) != bedside.EInvalid || !strings.Contains(msg, c.want) {
				t.Fatalf("got %s %q, want invalid with %q", bedside.ErrorCode(err), msg, c.want)
			}
			if strings.Contains(msg, "Johnson") || strings.Contains(msg, "Lâm") {
				t.Errorf("message names the signer: %q", msg)
			}
		})
	}
	// Browsers send other PNG flavours fpdf cannot read as they are; they are embedded all the same.
	for _, img := range []image.Image{image.NewGray(image.Rect(0, 0, 200, 50)), image.NewNRGBA64(image.Rect(0, 0, 200, 50)),
		image.NewPaletted(image.Rect(0, 0, 200, 50), color.Palette{color.White, color.Black})} {
		sig := signature(t)
		sig.PNG = encode(t, img)
		if _, err := Signed(sample("en"), sig); err != nil {
			t.Errorf("%T: %v", img, err)
		}
	}
	// A form that no longer renders to the recorded document gets no copy.
	f := sample("en")
	f.Authorization.DocumentSHA256 = strings.Repeat("ab", 32)
	if _, err := Signed(f, signature(t)); bedside.ErrorCode(err) != bedside.EConflict {
		t.Fatalf("signed copy of a form other than the one recorded: %v", err)
	}
	sum := sha256.Sum256(render(t, f))
	f.Authorization.DocumentSHA256 = strings.ToUpper(hex.EncodeToString(sum[:]))
	if _, err := Signed(f, signature(t)); err != nil {
		t.Fatalf("the recorded hash matches, yet: %v", err)
	}
	// The form's own defects come first, unchanged.
	f = sample("en")
	f.Authorization.Channels = nil
	if _, err := Signed(f, signature(t)); !strings.Contains(bedside.ErrorMessage(err), "missing channels") {
		t.Fatalf("got %v", err)
	}
}
