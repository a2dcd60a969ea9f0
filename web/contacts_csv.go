package web

import (
	"fmt"
	"io"
	"strings"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/consent"
	"github.com/bedsidehq/bedside/store"
)

// The contact CSV format: a header naming the columns, in any order. email or phone (or both) is
// required; the consent columns are optional and, when consent is named, say how, when and to
// which registered text it was given. consent lists "channel/purpose" pairs separated by spaces
// or semicolons, e.g. "email/marketing; sms/treatment".
var (
	contactColumns = []string{"name", "email", "phone"}
	consentColumns = []string{"consent", "consent_method", "consented_at", "text_version"}
)

// parseContactsCSV reads a contact list. Errors name lines and columns, never values.
func parseContactsCSV(r io.Reader) ([]store.ImportRow, error) {
	t, err := readCSVHeader(r)
	if err != nil {
		return nil, err
	}
	if !t.has("email") && !t.has("phone") {
		return nil, bedside.Errorf(bedside.EInvalid, "the header must name an email or a phone column (columns: %s, and optionally %s)",
			strings.Join(contactColumns, ", "), strings.Join(consentColumns, ", "))
	}
	var rows []store.ImportRow
	var bad []string
	err = t.each(func(line int, raw func(string) string) error {
		if len(rows) >= maxCSVRows*5 {
			return bedside.Errorf(bedside.EInvalid, "a file holds at most %d contacts", maxCSVRows*5)
		}
		get := func(c string) string { return strings.TrimSpace(raw(c)) }
		row := store.ImportRow{Name: get("name"), Email: get("email"), Phone: get("phone")}
		if pairs := strings.FieldsFunc(get("consent"), func(r rune) bool { return r == ';' || r == ' ' || r == ',' }); len(pairs) > 0 {
			at, err := parseWhen(get("consented_at"))
			if err != nil {
				bad = append(bad, fmt.Sprintf("line %d: consented_at is not a date like 2026-11-26 or 2026-11-26T15:04:05Z", line))
				return nil
			}
			method := consent.Method(get("consent_method"))
			if method == "" {
				method = consent.Import
			}
			for _, p := range pairs {
				ch, pu, _ := strings.Cut(p, "/")
				row.Consent = append(row.Consent, store.ImportConsent{Channel: consent.Channel(strings.ToLower(ch)),
					Purpose: consent.Purpose(strings.ToLower(pu)), Method: method, At: at, TextVersion: get("text_version")})
			}
		}
		rows = append(rows, row)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		return nil, &bedside.Error{Code: bedside.EInvalid, Details: bad,
			Message: fmt.Sprintf("%d line(s) are not valid; nothing was imported. First: %s", len(bad), bad[0])}
	}
	if len(rows) == 0 {
		return nil, bedside.Errorf(bedside.EInvalid, "the file has a header but no contacts")
	}
	return rows, nil
}
