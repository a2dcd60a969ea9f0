package campaign

import (
	"strings"
	"testing"
)

func TestProblems(t *testing.T) {
	ok := Campaign{Name: "Spring", Kind: Marketing, Subject: "Flu shots are here", Body: "Book yours."}
	cases := []struct {
		name string
		edit func(*Campaign)
		want string
	}{
		{"fine", func(*Campaign) {}, ""},
		{"no name", func(c *Campaign) { c.Name = " " }, "name"},
		{"bad kind", func(c *Campaign) { c.Kind = "promo" }, "kind"},
		{"two-line subject", func(c *Campaign) { c.Subject = "a\r\nBcc: x@example.com" }, "subject"},
		{"empty body", func(c *Campaign) { c.Body = "" }, "body"},
		{"digest needs no body", func(c *Campaign) { c.Body, c.Digest = "", true }, ""},
		{"paid without statement", func(c *Campaign) { c.ThirdPartyPaid = true }, "remuneration"},
		{"paid with statement", func(c *Campaign) { c.ThirdPartyPaid, c.Sponsor = true, "Acme Aligners" }, ""},
		{"sponsor unpaid", func(c *Campaign) { c.Sponsor = "Acme" }, "sponsor"},
		{"paid treatment", func(c *Campaign) { c.Kind, c.ThirdPartyPaid, c.Sponsor = Treatment, true, "Acme" }, "is marketing"},
		{"treatment digest", func(c *Campaign) { c.Kind, c.Digest = Treatment, true }, "digest"},
	}
	for _, tc := range cases {
		c := ok
		tc.edit(&c)
		got := strings.Join(c.Problems(), "; ")
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("%s: problems %q, want %q", tc.name, got, tc.want)
		}
	}
}
