package store

import (
	"context"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/consent"
)

// MailFeedback records what a mail provider reported about an address: a hard bounce (it does
// not exist) or a complaint (the person marked a message as spam). Either suppresses the address
// at once, whether or not it belongs to a contact; a contact's email marketing consent is also
// revoked, by that method, so its ledger says why. Source names the report (an id, never an
// address). It reports the contact's id, 0 for an unknown address.
func (db *DB) MailFeedback(ctx context.Context, actor Actor, email string, method consent.Method, source string) (int64, error) {
	if method != consent.Bounce && method != consent.Complaint {
		return 0, bedside.Errorf(bedside.EInvalid, "mail feedback is a bounce or a complaint")
	}
	key, err := db.addressKey(ctx, actor.PracticeID, consent.Email, email)
	if err != nil {
		return 0, err
	}
	reason, _ := suppressionFor(consent.Event{Kind: consent.Revoked, Method: method, Purpose: consent.Marketing})
	var contactID int64
	err = db.tx(ctx, func(t *Tx) error {
		c, err := t.contactRow(ctx, actor.PracticeID, "email_index = ?", key)
		switch {
		case err == nil && !c.wiped:
			contactID = c.id
			if _, err := t.recordConsent(ctx, actor, c, consent.Event{Channel: consent.Email, Purpose: consent.Marketing,
				Kind: consent.Revoked, Method: method, Source: source}); err != nil {
				return err
			}
		case err != nil && bedside.ErrorCode(err) != bedside.ENotFound:
			return err
		}
		return t.suppress(ctx, actor, consent.Email, key, reason)
	})
	return contactID, err
}
