package incident

import (
	"embed"
	"fmt"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/bedsidehq/bedside"
)

// Language is the language of a letter.
type Language string

// The languages.
const (
	English Language = "en"
	Spanish Language = "es"
)

// Contact is how individuals reach the practice. 164.404(c)(1)(E) requires contact procedures
// with a toll-free number, an email address, a website or a postal address: at least one.
type Contact struct {
	Name          string // the practice's name, as patients know it
	TollFree      string
	Email         string
	Website       string
	PostalAddress string
}

// LetterInput is what a letter needs besides the incident.
type LetterInput struct {
	Language  Language
	Recipient string // the individual's name; empty gives a general greeting
	Practice  Contact
	Zone      *time.Location // the practice's zone, in which the dates are given
}

//go:embed letter_*.tmpl
var letterFS embed.FS

var letters = template.Must(template.ParseFS(letterFS, "letter_*.tmpl"))

// letterData is everything a template sees. It is built from ids, dates, kind codes and flags
// only, so the post's text, which is the PHI, has no way into a letter.
type letterData struct {
	Practice                             Contact
	Recipient, Platform                  string
	PostedAt, DiscoveredAt, TakenDownAt  string
	Kinds                                []string
	Financial, SSN                       bool
	RemovalRequested, Retrained, Updated bool
}

// Letter drafts the notice to an individual in plain language (164.404(c)(2)) with the content
// 164.404(c)(1) requires: what happened with the dates of the breach and its discovery, the types
// of PHI involved, steps to protect themselves, what the practice is doing, and how to reach it.
func Letter(in Incident, li LetterInput) (string, error) {
	if err := in.Validate(); err != nil {
		return "", err
	}
	if !in.breach() {
		return "", bedside.Errorf(bedside.EConflict, "the assessment concludes not_a_breach: no notice is required")
	}
	if li.Practice.Name == "" {
		return "", bedside.Errorf(bedside.EInvalid, "the letter needs the practice's name")
	}
	c := li.Practice
	if c.TollFree == "" && c.Email == "" && c.Website == "" && c.PostalAddress == "" {
		return "", bedside.Errorf(bedside.EInvalid, "the letter needs a toll-free number, an email address, a website or a postal address (164.404(c)(1)(E))")
	}
	if li.Zone == nil {
		return "", bedside.Errorf(bedside.EInvalid, "the letter needs the practice's time zone")
	}
	if li.Language != English && li.Language != Spanish {
		return "", bedside.Errorf(bedside.EInvalid, "the letter's language is en or es")
	}
	has := func(ks ...string) bool {
		return slices.ContainsFunc(ks, func(k string) bool { return slices.Contains(in.Kinds, k) })
	}
	d := letterData{
		Practice: c, Recipient: li.Recipient, Platform: in.Platform,
		PostedAt:     dateIn(in.PostedAt, li.Language, li.Zone),
		DiscoveredAt: dateIn(in.DiscoveredAt, li.Language, li.Zone),
		TakenDownAt:  dateIn(in.TakenDownAt, li.Language, li.Zone),
		Kinds:        kindsIn(in.Kinds, li.Language),
		Financial:    has("SSN", "ACCOUNT", "HEALTH_PLAN", "MRN"),
		SSN:          has("SSN"),

		RemovalRequested: in.Response.RemovalRequested,
		Retrained:        in.Response.StaffRetrained,
		Updated:          in.Response.PolicyUpdated,
	}
	var b strings.Builder
	if err := letters.ExecuteTemplate(&b, "letter_"+string(li.Language)+".tmpl", d); err != nil {
		return "", fmt.Errorf("letter: %w", err)
	}
	return b.String(), nil
}

var meses = [...]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
	"septiembre", "octubre", "noviembre", "diciembre"}

// dateIn writes t's date in loc the way a letter in lang would; "" for an unknown date.
func dateIn(t time.Time, lang Language, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(loc)
	if lang == Spanish {
		return fmt.Sprintf("%d de %s de %d", t.Day(), meses[t.Month()-1], t.Year())
	}
	return t.Format("January 2, 2006")
}
