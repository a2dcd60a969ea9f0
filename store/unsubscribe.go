package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/consent"
)

// Unsubscribe handles the one-click unsubscribe (POST /u/{token}, RFC 8058): no user is signed
// in, so the opaque token alone names the contact. It revokes email marketing and suppresses the
// address, and answers the same for a token whose contact was wiped (already suppressed). It
// returns the contact's practice and id, for the caller's records.
func (db *DB) Unsubscribe(ctx context.Context, token string, method consent.Method) (practiceID, contactID int64, err error) {
	if method != consent.UnsubscribeLink && method != consent.ListUnsubscribePost {
		return 0, 0, bedside.Errorf(bedside.EInvalid, "unsubscribe method must be unsubscribe_link or list_unsubscribe_post")
	}
	if token == "" || len(token) > 128 {
		return 0, 0, bedside.Errorf(bedside.ENotFound, "this unsubscribe link is not valid")
	}
	err = db.tx(ctx, func(t *Tx) error {
		var c contactRow
		err := t.queryRow(ctx, "SELECT practice_id, id FROM contacts WHERE token_sha256 = ?", tokenHash(token)).Scan(&practiceID, &c.id)
		if errors.Is(err, sql.ErrNoRows) {
			return bedside.Errorf(bedside.ENotFound, "this unsubscribe link is not valid")
		}
		if err != nil {
			return fmt.Errorf("unsubscribe: %w", err)
		}
		if c, err = t.contactRow(ctx, practiceID, "id = ?", c.id); err != nil {
			return err
		}
		contactID = c.id
		if c.wiped {
			return nil
		}
		_, err = t.recordConsent(ctx, Actor{PracticeID: practiceID}, c, consent.Event{Channel: consent.Email, Purpose: consent.Marketing,
			Kind: consent.Revoked, Method: method, Source: "unsubscribe"})
		return err
	})
	return practiceID, contactID, err
}
