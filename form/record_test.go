package form

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestRecordPDF: the listing carries every line, in order, and the same record gives the same bytes.
func TestRecordPDF(t *testing.T) {
	r := Record{Title: "Records held about Zoë Quixotic", Subtitle: "Riverside Dental", Generated: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC),
		Sections: []Section{{Heading: "Authorizations", Lines: []string{"#1 valid: NAME, PHOTO on facebook", "#2 revoked on 2026-11-20"}},
			{Heading: "Posts that relied on them", Lines: []string{"Post 7, published 2026-11-21"}}}}
	a, err := RecordPDF(r)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := RecordPDF(r)
	if !bytes.Equal(a, b) {
		t.Fatal("the same record gave different bytes")
	}
	text := pdfText(t, a)
	last := -1
	for _, want := range []string{"Zoë Quixotic", "Authorizations", "#1 valid: NAME, PHOTO on facebook", "#2 revoked", "Post 7, published"} {
		i := strings.Index(text, want)
		if i < 0 || i < last {
			t.Fatalf("%q missing or out of order in:\n%s", want, text)
		}
		last = i
	}
}
