// Package form renders the plain-language HIPAA authorization (45 CFR 164.508) a patient signs
// before a practice may post their information, pre-filled with the scope of a draft
// authorization, as a PDF in English or Spanish. Output is byte-for-byte deterministic because
// the SHA-256 of the exact document signed is recorded with the authorization.
package form

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/authorization"
)

// Practice is the discloser, with the contact a patient needs to revoke.
type Practice struct {
	Name    string
	Address string // where a written revocation goes
	Phone   string
}

// Form is everything printed on one authorization form.
type Form struct {
	Practice    Practice
	PatientName string
	// Authorization is the unsigned draft. Its scope is printed: Elements, Description,
	// Channels, Purposes, Expires or ExpiryEvent, ThirdPartyPaid. Who discloses is Practice and
	// to whom is the public on Channels, so the form cannot disagree with the scope it grants.
	Authorization authorization.Authorization
	Lang          string // "en" or "es"
	// Generated is written as the PDF's creation date. It is an input, not the clock, so the
	// same Form always gives the same bytes and hash.
	Generated time.Time
}

// Render returns the unsigned form as PDF. It refuses, with bedside.EInvalid, a form that lacks
// any element 164.508(c) requires; the message lists every missing part and never the patient's
// name.
func Render(f Form) ([]byte, error) {
	d, err := newDoc(f)
	if err != nil {
		return nil, err
	}
	d.body()
	return d.output()
}

// check lists every missing or unknown part of f, so a clerk fixes them in one go.
func check(f Form) error {
	a := f.Authorization
	var bad []string
	need := func(missing bool, what string) {
		if missing {
			bad = append(bad, "missing "+what)
		}
	}
	need(f.Practice.Name == "", "practice name")
	need(f.Practice.Address == "", "practice address")
	need(f.Practice.Phone == "", "practice phone")
	need(f.PatientName == "", "patient name")
	need(f.Lang == "", "language")
	need(f.Generated.IsZero(), "generation time")
	need(len(a.Elements) == 0, "elements (what information)")
	need(len(a.Channels) == 0, "channels (where it is posted)")
	need(len(a.Purposes) == 0, "purposes")
	need(a.Expires.IsZero() && strings.TrimSpace(a.ExpiryEvent) == "", "expiry date or event")
	if _, ok := langs[f.Lang]; !ok && f.Lang != "" {
		bad = append(bad, "unsupported language "+quote(f.Lang)+" (want en or es)")
	}
	for _, c := range a.Channels {
		if !slices.Contains(authorization.Channels, c) {
			bad = append(bad, "unknown channel "+quote(string(c)))
		}
	}
	for _, p := range a.Purposes {
		if !slices.Contains(authorization.Purposes, p) {
			bad = append(bad, "unknown purpose "+quote(string(p)))
		}
	}
	if !a.Expires.IsZero() && !f.Generated.IsZero() && !a.Expires.After(f.Generated) {
		bad = append(bad, "expiry date is not after the form date")
	}
	if len(bad) > 0 {
		e := bedside.Errorf(bedside.EInvalid, "cannot make the authorization form: %s", strings.Join(bad, "; "))
		e.Details = bad
		return e
	}
	return nil
}

// codeRE is what a channel, purpose or language code looks like.
var codeRE = regexp.MustCompile(`^[a-z0-9_-]{1,32}$`)

// quote shows a code from input only when it looks like one, so a message can never echo
// free text, such as a name typed into the wrong field.
func quote(s string) string {
	if !codeRE.MatchString(s) {
		return "(not a code)"
	}
	return `"` + s + `"`
}
