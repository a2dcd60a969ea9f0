package storetest

import (
	"context"
	"fmt"
	"time"

	"github.com/bedsidehq/bedside/consent"
	"github.com/bedsidehq/bedside/phi"
	"github.com/bedsidehq/bedside/store"
)

// SendingPractice readies a practice to send marketing mail: a profile with the From address and
// the postal address, and the consent text "email-v1".
func SendingPractice(ctx context.Context, db *store.DB, actor store.Actor) error {
	prof := phi.Profile{Name: "Riverside Dental", Emails: []string{"hello@riverside.example"}, Phones: []string{"(541) 555-0142"},
		Addresses: []string{"12 Oak Street, Bend, OR 97701"}}
	if _, err := db.UpdateProfile(ctx, actor, prof); err != nil {
		return err
	}
	_, err := db.PutConsentText(ctx, actor, "email-v1", "Yes, email me news and offers from Riverside Dental.", false)
	return err
}

// Subscribers imports n contacts s<i>@example.com in batches; those for which consents(i) is true
// come with evidence of email marketing consent given on the web form (a single opt-in list).
func Subscribers(ctx context.Context, db *store.DB, actor store.Actor, n int, consents func(i int) bool) error {
	const batch = 10000
	for from := 0; from < n; from += batch {
		rows := make([]store.ImportRow, 0, batch)
		for i := from; i < min(from+batch, n); i++ {
			r := store.ImportRow{Name: "Pat Doe", Email: fmt.Sprintf("s%d@example.com", i)}
			if consents(i) {
				r.Consent = []store.ImportConsent{{Channel: consent.Email, Purpose: consent.Marketing, Method: consent.WebForm,
					At: time.Now().Add(-time.Hour), TextVersion: "email-v1"}}
			}
			rows = append(rows, r)
		}
		if _, err := db.ImportContacts(ctx, actor, rows, fmt.Sprintf("seed-%d", from)); err != nil {
			return fmt.Errorf("import from %d: %w", from, err)
		}
	}
	return nil
}
