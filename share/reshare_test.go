package share

import (
	"strings"
	"testing"

	"github.com/bedsidehq/bedside/phi"
)

func TestReshareComposesCredit(t *testing.T) {
	text, err := Reshare(" Worth a read before flu season. ", Credit{URL: "https://example.org/flu", Source: "Oregon Health Authority", Author: "Dr. Jane Smith", Title: "Five myths about the flu shot"})
	if err != nil {
		t.Fatal(err)
	}
	want := "Worth a read before flu season.\n\n“Five myths about the flu shot”\nVia Dr. Jane Smith, Oregon Health Authority: https://example.org/flu"
	if text != want {
		t.Errorf("got %q\nwant %q", text, want)
	}
	if got := (Credit{URL: "https://x.org/a", Source: "CDC"}).Line(); got != "Via CDC: https://x.org/a" {
		t.Errorf("no author: %q", got)
	}
}

func TestReshareRefusesBadCredit(t *testing.T) {
	for _, c := range []Credit{
		{URL: "javascript:alert(1)", Source: "X"},
		{URL: "example.org/a", Source: "X"},
		{URL: "https://example.org/a"},
		{URL: "https://example.org/a", Source: "X", Title: "line one\nMrs. Jones had a crown on March 3"},
		{URL: "https://example.org/a", Source: "X", Title: strings.Repeat("long ", 60)},
	} {
		if _, err := Reshare("hi", c); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
}

// TestScanChecksOnlyOwnWords: the credited headline and byline are another author's, so they do
// not hold the post; the practice's comment is scanned as any post; a hard identifier smuggled
// into the credit still counts; editing the credit block away scans everything.
func TestScanChecksOnlyOwnWords(t *testing.T) {
	sc := scanner(t)
	c := Credit{URL: "https://news.example.org/story", Source: "Bend Bulletin", Author: "Maria Alvarez",
		Title: "How one patient beat stage 3 melanoma after her surgery in March"}
	full := func(comment string) string {
		s, err := Reshare(comment, c)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	whole, err := sc.Scan(phi.Document{Text: full("Great story from our community."), Context: phi.Post})
	if err != nil {
		t.Fatal(err)
	}
	if whole.Verdict == phi.Allow {
		t.Fatalf("the credited title alone should be flagged when scanned as the practice's words; the test proves nothing")
	}
	for _, tc := range []struct {
		name    string
		text    string
		credit  *Credit
		verdict phi.Verdict
	}{
		{"credit is not the practice's", full("Great story from our community."), &c, phi.Allow},
		{"own words are scanned", full("We treated Mrs. Jones for this last Tuesday!"), &c, phi.Block},
		{"credit edited away", strings.Replace(full("Great story."), "Via", "via", 1), &c, whole.Verdict},
		{"no credit", full("Great story from our community."), nil, whole.Verdict},
	} {
		res, err := Scan(sc, tc.text, tc.credit)
		if err != nil {
			t.Fatal(err)
		}
		if res.Verdict != tc.verdict {
			t.Errorf("%s: verdict %s, want %s (%+v)", tc.name, res.Verdict, tc.verdict, res.Findings)
		}
		for _, f := range res.Findings {
			if tc.text[f.Start:f.End] != f.Text {
				t.Errorf("%s: finding offsets %d-%d do not point at %q", tc.name, f.Start, f.End, f.Text)
			}
		}
	}
	smuggled := c
	smuggled.Title = "Call 541-555-0199 or email jane.doe@gmail.com"
	text, _ := Reshare("Read this.", smuggled)
	if res, _ := Scan(sc, text, &smuggled); res.Verdict == phi.Allow {
		t.Errorf("a phone and email in the credit passed: %+v", res.Findings)
	}
}
