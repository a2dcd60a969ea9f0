package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/consent"
)

// PutConsentText registers the exact wording of a consent text version. Registering the same
// version again with the same words is a no-op; with other words it is refused, so a version
// always means one text.
func (db *DB) PutConsentText(ctx context.Context, actor Actor, version, body string, notConditionOfPurchase bool) (consent.Text, error) {
	version = strings.TrimSpace(version)
	if version == "" || len(version) > 64 || strings.TrimSpace(body) == "" {
		return consent.Text{}, bedside.Errorf(bedside.EInvalid, "a consent text needs a version (up to 64 characters) and its wording")
	}
	txt := consent.Text{Version: version, SHA256: consent.HashText(body), NotConditionOfPurchase: notConditionOfPurchase}
	err := db.tx(ctx, func(t *Tx) error {
		if have, _, err := t.consentText(ctx, actor.PracticeID, version); err == nil {
			if have != txt {
				return bedside.Errorf(bedside.EConflict, "consent text version %q already has other wording; give the new wording a new version", version)
			}
			return nil
		} else if bedside.ErrorCode(err) != bedside.ENotFound {
			return err
		}
		id, err := t.insert(ctx, `INSERT INTO consent_texts (practice_id, version, body, sha256, not_condition_of_purchase, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, actor.PracticeID, version, body, txt.SHA256, b2i(notConditionOfPurchase), ms(db.now()))
		if err != nil {
			return fmt.Errorf("insert consent text: %w", err)
		}
		return t.audit(ctx, actor.PracticeID, actor, "consent_text.create", "consent_text", strconv.FormatInt(id, 10))
	})
	return txt, err
}

func (t *Tx) consentText(ctx context.Context, practiceID int64, version string) (consent.Text, int64, error) {
	txt := consent.Text{Version: version}
	var id int64
	var nc int
	err := t.queryRow(ctx, "SELECT id, sha256, not_condition_of_purchase FROM consent_texts WHERE practice_id = ? AND version = ?", practiceID, version).
		Scan(&id, &txt.SHA256, &nc)
	if errors.Is(err, sql.ErrNoRows) {
		return txt, 0, bedside.Errorf(bedside.ENotFound, "consent text version %q is not registered", version)
	}
	if err != nil {
		return txt, 0, fmt.Errorf("consent text: %w", err)
	}
	txt.NotConditionOfPurchase = nc != 0
	return txt, id, nil
}

// RecordConsent appends an event to a contact's ledger. A given event names a registered text
// version, whose hash and properties come from the registration, not from the caller. A
// revocation of marketing, or any unsubscribe, bounce, complaint or STOP, also puts the address on
// the suppression list for that channel.
func (db *DB) RecordConsent(ctx context.Context, actor Actor, contactID int64, e consent.Event) (consent.Event, error) {
	err := db.tx(ctx, func(t *Tx) error {
		c, err := t.contactRow(ctx, actor.PracticeID, "id = ?", contactID)
		if err != nil {
			return err
		}
		e, err = t.recordConsent(ctx, actor, c, e)
		return err
	})
	return e, err
}

func (t *Tx) recordConsent(ctx context.Context, actor Actor, c contactRow, e consent.Event) (consent.Event, error) {
	if c.wiped {
		return e, bedside.Errorf(bedside.EConflict, "this contact was wiped; add it again to record consent")
	}
	now := t.db.now()
	if e.At.IsZero() {
		e.At = now
	}
	e.At = fromMS(ms(e.At))
	if e.At.After(now.Add(time.Minute)) {
		return e, bedside.Errorf(bedside.EInvalid, "a consent event cannot be in the future")
	}
	e.ContactID, e.Actor = c.id, actor.String()
	var textID sql.NullInt64
	if e.Text.Version != "" {
		txt, id, err := t.consentText(ctx, actor.PracticeID, e.Text.Version)
		if err != nil {
			return e, err
		}
		if e.Text.SHA256 != "" && e.Text.SHA256 != txt.SHA256 {
			return e, bedside.Errorf(bedside.EInvalid, "the text shown does not match consent text version %q", e.Text.Version)
		}
		e.Text, textID = txt, sql.NullInt64{Int64: id, Valid: true}
	}
	if err := e.Validate(); err != nil {
		return e, bedside.Errorf(bedside.EInvalid, "consent event: %v", err)
	}
	if len(e.Source) > 128 || len(e.IP) > 64 || len(e.UserAgent) > 512 {
		return e, bedside.Errorf(bedside.EInvalid, "consent event: source, IP or user agent is too long")
	}
	if c.index(e.Channel) == "" && e.Kind != consent.Revoked {
		return e, bedside.Errorf(bedside.EInvalid, "the contact has no address for %s", e.Channel)
	}
	id, err := t.insert(ctx, `INSERT INTO consent_events (practice_id, contact_id, channel, purpose, kind, method, source, text_id, at, actor, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, actor.PracticeID, c.id, string(e.Channel), string(e.Purpose), string(e.Kind),
		string(e.Method), e.Source, textID, ms(e.At), e.Actor, ms(now))
	if err != nil {
		return e, fmt.Errorf("insert consent event: %w", err)
	}
	e.ID = id
	if e.IP != "" || e.UserAgent != "" {
		plain := []byte(e.IP + "\n" + e.UserAgent)
		if _, err := t.exec(ctx, "INSERT INTO consent_evidence (event_id, practice_id, sealed, key_id) VALUES (?, ?, ?, ?)",
			id, actor.PracticeID, t.db.keys.Seal(plain, rowContext("consent_evidence", id)), int(t.db.keys.Current())); err != nil {
			return e, fmt.Errorf("insert consent evidence: %w", err)
		}
	}
	if err := t.audit(ctx, actor.PracticeID, actor, "consent.record", "consent_event", strconv.FormatInt(id, 10)); err != nil {
		return e, err
	}
	if reason, ok := suppressionFor(e); ok && c.index(e.Channel) != "" {
		if err := t.suppress(ctx, actor, e.Channel, c.index(e.Channel), reason); err != nil {
			return e, err
		}
	}
	return e, nil
}

// suppressionFor says whether a revocation puts the address on the suppression list, and why.
// Revoking treatment messages through staff does not: the person may still want marketing on the
// same channel stopped, or not, and said only what they said.
func suppressionFor(e consent.Event) (string, bool) {
	if e.Kind != consent.Revoked {
		return "", false
	}
	switch e.Method {
	case consent.UnsubscribeLink, consent.ListUnsubscribePost:
		return ReasonUnsubscribe, true
	case consent.Bounce:
		return ReasonBounce, true
	case consent.Complaint:
		return ReasonComplaint, true
	case consent.SMSKeyword: // STOP ends all texts (TCPA)
		return ReasonRevoked, true
	}
	if e.Purpose == consent.Marketing {
		return ReasonRevoked, true
	}
	return "", false
}

// ConsentHistory returns a contact's ledger, oldest first. Reading it is an audit event.
func (db *DB) ConsentHistory(ctx context.Context, actor Actor, contactID int64) ([]consent.Event, error) {
	evs, err := db.consentHistory(ctx, actor.PracticeID, contactID)
	if err != nil {
		return nil, err
	}
	return evs, db.Audit(ctx, actor, "consent.view", "contact", strconv.FormatInt(contactID, 10))
}

func (db *DB) consentHistory(ctx context.Context, practiceID, contactID int64) ([]consent.Event, error) {
	var n int
	if err := db.hotRow(ctx, "SELECT COUNT(*) FROM contacts WHERE practice_id = ? AND id = ?", practiceID, contactID).Scan(&n); err != nil {
		return nil, fmt.Errorf("consent history: %w", err)
	}
	if n == 0 {
		return nil, bedside.Errorf(bedside.ENotFound, "no such contact")
	}
	return db.ledgerOf(ctx, practiceID, contactID)
}

// ledgerOf reads a contact's consent events, oldest first.
func (db *DB) ledgerOf(ctx context.Context, practiceID, contactID int64) ([]consent.Event, error) {
	evs := []consent.Event{}
	err := db.hotEach(ctx, `SELECT e.id, e.channel, e.purpose, e.kind, e.method, e.source, e.at, e.actor,
			t.version, t.sha256, t.not_condition_of_purchase, v.sealed
		FROM consent_events e
		LEFT JOIN consent_texts t ON t.id = e.text_id
		LEFT JOIN consent_evidence v ON v.event_id = e.id
		WHERE e.practice_id = ? AND e.contact_id = ? ORDER BY e.id`, []any{practiceID, contactID}, func(rows *sql.Rows) error {
		e := consent.Event{ContactID: contactID}
		var at int64
		var version, sum sql.NullString
		var nc sql.NullInt64
		var sealed []byte
		if err := rows.Scan(&e.ID, &e.Channel, &e.Purpose, &e.Kind, &e.Method, &e.Source, &at, &e.Actor, &version, &sum, &nc, &sealed); err != nil {
			return err
		}
		e.At = fromMS(at)
		e.Text = consent.Text{Version: version.String, SHA256: sum.String, NotConditionOfPurchase: nc.Int64 != 0}
		if sealed != nil {
			plain, err := db.keys.Open(sealed, rowContext("consent_evidence", e.ID))
			if err != nil {
				return fmt.Errorf("consent evidence %d: %w", e.ID, err)
			}
			e.IP, e.UserAgent, _ = strings.Cut(string(plain), "\n")
		}
		evs = append(evs, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("consent history: %w", err)
	}
	return evs, nil
}

// ConsentState derives a contact's consent from its ledger and marks the channels whose address
// is suppressed, ready for consent.Allowed. A wiped contact has every channel suppressed.
func (db *DB) ConsentState(ctx context.Context, actor Actor, contactID int64) (consent.State, error) {
	_, s, err := db.recipient(ctx, actor.PracticeID, contactID)
	return s, err
}

// recipientQuery reads a contact with everything its consent state needs besides the ledger, in
// one round trip: the campaign sender asks it for every message.
const recipientQuery = `SELECT c.id, c.sealed, c.created_at, c.wiped_at,
	CASE WHEN c.email_index IS NULL THEN 1 WHEN EXISTS (SELECT 1 FROM suppressions s WHERE s.practice_id = c.practice_id AND s.channel = 'email' AND s.address_key = c.email_index) THEN 1 ELSE 0 END,
	CASE WHEN c.phone_index IS NULL THEN 1 WHEN EXISTS (SELECT 1 FROM suppressions s WHERE s.practice_id = c.practice_id AND s.channel = 'sms' AND s.address_key = c.phone_index) THEN 1 ELSE 0 END,
	m.id, m.joined_at
	FROM contacts c LEFT JOIN loyalty_members m ON m.practice_id = c.practice_id AND m.contact_id = c.id
	WHERE c.practice_id = ? AND c.id = ?`

// recipient reads a contact and derives its consent state.
func (db *DB) recipient(ctx context.Context, practiceID, contactID int64) (Contact, consent.State, error) {
	var c Contact
	var sealed []byte
	var created int64
	var wiped, memberID, joined sql.NullInt64
	var noEmail, noPhone int
	err := db.hotRow(ctx, recipientQuery, practiceID, contactID).Scan(&c.ID, &sealed, &created, &wiped, &noEmail, &noPhone, &memberID, &joined)
	if errors.Is(err, sql.ErrNoRows) {
		return c, consent.State{}, bedside.Errorf(bedside.ENotFound, "no such contact")
	}
	if err != nil {
		return c, consent.State{}, fmt.Errorf("consent state: %w", err)
	}
	c.PracticeID, c.CreatedAt, c.WipedAt = practiceID, fromMS(created), optTime(wiped)
	if !wiped.Valid {
		var cs contactSealed
		if err := db.openJSON(sealed, rowContext("contacts", c.ID), &cs); err != nil {
			return c, consent.State{}, fmt.Errorf("contact %d: %w", c.ID, err)
		}
		c.Name, c.Email, c.Phone, c.Token = cs.Name, cs.Email, cs.Phone, cs.Token
	}
	evs, err := db.ledgerOf(ctx, practiceID, contactID)
	if err != nil {
		return c, consent.State{}, err
	}
	s := consent.Derive(evs)
	// No address, or a wiped contact: nothing can be sent there.
	s.Suppressed = map[consent.Channel]bool{consent.Email: wiped.Valid || noEmail == 1, consent.SMS: wiped.Valid || noPhone == 1}
	if memberID.Valid {
		// Joining the loyalty programme is evidence of the "points" rung of permission.
		s.Evidence = append(s.Evidence, consent.Evidence{Kind: consent.LoyaltyJoined,
			Ref: "loyalty_member:" + strconv.FormatInt(memberID.Int64, 10), At: fromMS(joined.Int64)})
	}
	return c, s, nil
}
