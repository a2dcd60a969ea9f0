package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/consent"
)

const linkKeyName = "link_signing"

// LinkKey is the installation's key for signing links (double opt-in confirmations). Like the
// blind-index key it is random and stored sealed, so every server sharing the database signs and
// checks links alike, and a restart does not break links already sent.
func (db *DB) LinkKey(ctx context.Context) ([]byte, error) {
	return db.namedKey(ctx, linkKeyName, &db.links)
}

// ConsentText is a registered consent text with its exact wording.
type ConsentText struct {
	consent.Text
	Body      string
	CreatedAt time.Time
}

// ConsentTexts lists the practice's consent texts, newest first.
func (db *DB) ConsentTexts(ctx context.Context, practiceID int64) ([]ConsentText, error) {
	out := []ConsentText{}
	err := each(ctx, db.read, db.q(`SELECT version, body, sha256, not_condition_of_purchase, created_at FROM consent_texts
		WHERE practice_id = ? ORDER BY id DESC`), []any{practiceID}, func(rows *sql.Rows) error {
		var t ConsentText
		var nc int
		var created int64
		if err := rows.Scan(&t.Version, &t.Body, &t.SHA256, &nc, &created); err != nil {
			return err
		}
		t.NotConditionOfPurchase, t.CreatedAt = nc != 0, fromMS(created)
		out = append(out, t)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("consent texts: %w", err)
	}
	return out, nil
}

// Subscribe records consent a person gave on a signup form: it finds the practice's contact with
// the same email or phone, or creates one, and appends the given events, all in one transaction.
// Each event must be a given event for a channel the contact has an address on. Nothing else of
// an existing contact changes; a suppression stays (nothing in Bedside lifts one), so a person
// who unsubscribed and signs up again gives consent that waits for staff to review.
func (db *DB) Subscribe(ctx context.Context, actor Actor, c Contact, events []consent.Event) (Contact, []consent.Event, error) {
	c, err := normalizeContact(c)
	if err != nil {
		return c, nil, err
	}
	key, err := db.indexKey(ctx)
	if err != nil {
		return c, nil, err
	}
	var out []consent.Event
	err = db.tx(ctx, func(t *Tx) error {
		row, found, err := t.matchContact(ctx, actor.PracticeID, key, c)
		if err != nil {
			return err
		}
		if !found {
			if c, err = t.createContact(ctx, actor, key, c); err != nil {
				return err
			}
			if row, err = t.contactRow(ctx, actor.PracticeID, "id = ?", c.ID); err != nil {
				return err
			}
		}
		c.ID = row.id
		for _, e := range events {
			if e.Kind != consent.Given {
				return bedside.Errorf(bedside.EInvalid, "a signup gives consent; it cannot confirm or revoke it")
			}
			if row.index(e.Channel) == "" {
				continue // an existing contact without this address: staff add it, not a public form
			}
			e, err := t.recordConsent(ctx, actor, row, e)
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	return c, out, err
}

// ConfirmConsent records the double opt-in: for each given event named (by a signed link), a
// confirmed event, if that event is still the pending consent for its channel and purpose. A
// link followed after a revocation or a newer signup confirms nothing. It returns how many were
// confirmed now; following the link again confirms nothing more.
func (db *DB) ConfirmConsent(ctx context.Context, actor Actor, contactID int64, givenIDs []int64, ip, userAgent string) (int, error) {
	n := 0
	err := db.tx(ctx, func(t *Tx) error {
		row, err := t.contactRow(ctx, actor.PracticeID, "id = ?", contactID)
		if err != nil {
			return err
		}
		if row.wiped {
			return nil
		}
		evs, err := t.ledger(ctx, actor.PracticeID, contactID)
		if err != nil {
			return err
		}
		state := consent.Derive(evs)
		for _, st := range state.Standings {
			if st.Status != consent.StatusPending || !slices.Contains(givenIDs, st.GivenBy.ID) {
				continue
			}
			g := st.GivenBy
			if _, err := t.recordConsent(ctx, actor, row, consent.Event{Channel: g.Channel, Purpose: g.Purpose, Kind: consent.Confirmed,
				Method: consent.DoubleOptIn, Source: "confirm:" + strconv.FormatInt(g.ID, 10), Text: consent.Text{Version: g.Text.Version},
				IP: ip, UserAgent: userAgent}); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// Subscriber is what the preference centre shows the holder of an unsubscribe token.
type Subscriber struct {
	PracticeID int64
	Contact    Contact
	State      consent.State
}

// SubscriberByToken finds the contact an unsubscribe token names, in any practice: the token is
// the only credential of a person reading their preferences. Reading them is an audit event of
// the contact's practice. A wiped contact is found, with no addresses and everything suppressed.
func (db *DB) SubscriberByToken(ctx context.Context, token string) (Subscriber, error) {
	var sub Subscriber
	if token == "" || len(token) > 128 {
		return sub, bedside.Errorf(bedside.ENotFound, "this unsubscribe link is not valid")
	}
	err := db.queryRow(ctx, "SELECT practice_id FROM contacts WHERE token_sha256 = ?", tokenHash(token)).Scan(&sub.PracticeID)
	if errors.Is(err, sql.ErrNoRows) {
		return sub, bedside.Errorf(bedside.ENotFound, "this unsubscribe link is not valid")
	}
	if err != nil {
		return sub, fmt.Errorf("subscriber: %w", err)
	}
	actor := Actor{PracticeID: sub.PracticeID}
	if sub.Contact, err = db.contact(ctx, db.read, sub.PracticeID, "token_sha256 = ?", tokenHash(token)); err != nil {
		return sub, err
	}
	if sub.State, err = db.ConsentState(ctx, actor, sub.Contact.ID); err != nil {
		return sub, err
	}
	return sub, db.Audit(ctx, actor, "contact.preferences", "contact", strconv.FormatInt(sub.Contact.ID, 10))
}
