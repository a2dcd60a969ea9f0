package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/consent"
)

// Text is one text message to a contact. The body is sealed at rest; the rest is ids, codes and
// times, so that counting a contact's texts never opens a body.
type Text struct {
	ID             int64           `json:"id"`
	PracticeID     int64           `json:"-"`
	ContactID      int64           `json:"contact_id"`
	Purpose        consent.Purpose `json:"purpose"`
	Body           string          `json:"-"`
	Status         string          `json:"status"`
	TwilioSID      string          `json:"twilio_sid,omitempty"`
	ErrorCode      int             `json:"error_code,omitempty"`
	ConsentEventID int64           `json:"consent_event_id"` // the given event that allowed the text
	ScheduledFor   time.Time       `json:"scheduled_for"`
	SentAt         *time.Time      `json:"sent_at,omitempty"`
	CreatedAt      time.Time       `json:"created_at"`
	Attempts       int             `json:"-"` // only in memory: how often the worker deferred it

	lease int64 // sending_until of the claim this value came from
}

// Statuses of a text of ours; Twilio's own ("queued", "sent", "delivered", "undelivered",
// "failed"...) follow once it has taken the message.
const (
	TextScheduled = "scheduled" // waiting for its time, or for the worker
	TextRefused   = "refused"   // a rule checked again at send time said no; never sent
	TextFailed    = "failed"    // Twilio refused or lost it
)

// CreateText stores a text under the contact's row lock, after check has passed on the times of
// the contact's earlier texts of the same purpose (sent or still to go). The lock makes the check
// and the insert one step, so two requests at once cannot both take the day's last treatment
// text.
func (db *DB) CreateText(ctx context.Context, actor Actor, tx Text, check func(previous []time.Time) error) (Text, error) {
	if !tx.Purpose.Valid() || tx.ConsentEventID == 0 || tx.ScheduledFor.IsZero() {
		return tx, bedside.Errorf(bedside.EInvalid, "a text needs a purpose, the consent that allows it and a time")
	}
	err := db.tx(ctx, func(t *Tx) error {
		lock := ""
		if db.dialect == Postgres {
			lock = " FOR UPDATE"
		}
		var wiped sql.NullInt64
		err := t.queryRow(ctx, "SELECT wiped_at FROM contacts WHERE practice_id = ? AND id = ?"+lock, actor.PracticeID, tx.ContactID).Scan(&wiped)
		if errors.Is(err, sql.ErrNoRows) {
			return bedside.Errorf(bedside.ENotFound, "no such contact")
		}
		if err != nil {
			return fmt.Errorf("lock contact: %w", err)
		}
		if wiped.Valid {
			return bedside.Errorf(bedside.EConflict, "this contact was wiped")
		}
		prev, err := t.textTimes(ctx, actor.PracticeID, tx.ContactID, tx.Purpose)
		if err != nil {
			return err
		}
		if err := check(prev); err != nil {
			return err
		}
		now := db.now()
		tx.PracticeID, tx.Status, tx.CreatedAt = actor.PracticeID, TextScheduled, fromMS(ms(now))
		tx.ScheduledFor = fromMS(ms(tx.ScheduledFor))
		id, err := t.insert(ctx, `INSERT INTO sms_messages (practice_id, contact_id, purpose, sealed, key_id, status, consent_event_id, scheduled_for, created_at, updated_at)
			VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`, actor.PracticeID, tx.ContactID, string(tx.Purpose), []byte{0}, tx.Status,
			tx.ConsentEventID, ms(tx.ScheduledFor), ms(now), ms(now))
		if err != nil {
			return fmt.Errorf("insert text: %w", err)
		}
		tx.ID = id
		if err := t.sealRow(ctx, "sms_messages", id, []byte(tx.Body)); err != nil {
			return fmt.Errorf("seal text: %w", err)
		}
		return t.audit(ctx, actor.PracticeID, actor, "sms.create", "sms_message", strconv.FormatInt(id, 10))
	})
	return tx, err
}

// textTimes returns when the contact's texts of a purpose went or will go out: the send time of
// those sent, the scheduled time of those waiting. Texts that never left (refused, or failed
// before Twilio took them) do not count.
func (t *Tx) textTimes(ctx context.Context, practiceID, contactID int64, p consent.Purpose) ([]time.Time, error) {
	var out []time.Time
	err := each(ctx, t.tx, t.db.q(`SELECT COALESCE(sent_at, scheduled_for) FROM sms_messages
		WHERE practice_id = ? AND contact_id = ? AND purpose = ? AND status <> ? AND NOT (status = ? AND twilio_sid IS NULL)`),
		[]any{practiceID, contactID, string(p), TextRefused, TextFailed}, func(rows *sql.Rows) error {
			var at int64
			if err := rows.Scan(&at); err != nil {
				return err
			}
			out = append(out, fromMS(at))
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("earlier texts: %w", err)
	}
	return out, nil
}

const textColumns = "id, practice_id, contact_id, purpose, sealed, status, twilio_sid, error_code, consent_event_id, scheduled_for, sent_at, created_at, sending_until"

func (db *DB) scanText(row interface{ Scan(...any) error }) (Text, error) {
	var tx Text
	var sealed []byte
	var sid sql.NullString
	var code, sent, until sql.NullInt64
	var sched, created int64
	if err := row.Scan(&tx.ID, &tx.PracticeID, &tx.ContactID, &tx.Purpose, &sealed, &tx.Status, &sid, &code, &tx.ConsentEventID,
		&sched, &sent, &created, &until); err != nil {
		return tx, err
	}
	tx.TwilioSID, tx.ErrorCode, tx.lease = sid.String, int(code.Int64), until.Int64
	tx.ScheduledFor, tx.SentAt, tx.CreatedAt = fromMS(sched), optTime(sent), fromMS(created)
	if sealed != nil {
		plain, err := db.keys.Open(sealed, rowContext("sms_messages", tx.ID))
		if err != nil {
			return tx, fmt.Errorf("text %d: %w", tx.ID, err)
		}
		tx.Body = string(plain)
	}
	return tx, nil
}

// ClaimText takes the lease on sending one scheduled text that is due, for a send made at once
// from a request. It is the same claim the worker makes, so the two never both send it.
func (db *DB) ClaimText(ctx context.Context, actor Actor, id int64, lease time.Duration) (Text, error) {
	var out Text
	err := db.tx(ctx, func(t *Tx) error {
		now := ms(db.now())
		res, err := t.exec(ctx, `UPDATE sms_messages SET sending_until = ? WHERE id = ? AND practice_id = ? AND status = ?
			AND scheduled_for <= ? AND (sending_until IS NULL OR sending_until <= ?)`, now+lease.Milliseconds(), id, actor.PracticeID, TextScheduled, now, now)
		if err != nil {
			return fmt.Errorf("claim text: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return bedside.Errorf(bedside.EConflict, "this text is not due or is being sent right now")
		}
		out, err = db.scanText(t.queryRow(ctx, "SELECT "+textColumns+" FROM sms_messages WHERE id = ?", id))
		return err
	})
	return out, err
}

// DueTexts claims the scheduled texts whose time has come, with a lease: a server that dies
// mid-send frees them when it runs out.
func (db *DB) DueTexts(ctx context.Context, limit int, lease time.Duration) ([]Text, error) {
	var out []Text
	err := db.tx(ctx, func(t *Tx) error {
		now := ms(db.now())
		var ids []int64
		err := each(ctx, t.tx, db.q(`SELECT id FROM sms_messages WHERE status = ? AND scheduled_for <= ?
			AND (sending_until IS NULL OR sending_until <= ?) ORDER BY scheduled_for LIMIT ?`), []any{TextScheduled, now, now, limit},
			func(rows *sql.Rows) error {
				var id int64
				ids = append(ids, id)
				return rows.Scan(&ids[len(ids)-1])
			})
		if err != nil {
			return fmt.Errorf("due texts: %w", err)
		}
		for _, id := range ids {
			// Conditional, so that of two servers only one takes each text.
			res, err := t.exec(ctx, "UPDATE sms_messages SET sending_until = ? WHERE id = ? AND status = ? AND (sending_until IS NULL OR sending_until <= ?)",
				now+lease.Milliseconds(), id, TextScheduled, now)
			if err != nil {
				return fmt.Errorf("claim text: %w", err)
			}
			if n, _ := res.RowsAffected(); n != 1 {
				continue
			}
			tx, err := db.scanText(t.queryRow(ctx, "SELECT "+textColumns+" FROM sms_messages WHERE id = ?", id))
			if err != nil {
				return err
			}
			out = append(out, tx)
		}
		return nil
	})
	return out, err
}

// TextSent records that Twilio took a claimed text.
func (db *DB) TextSent(ctx context.Context, tx Text, sid, status string) error {
	return db.textOutcome(ctx, tx, "sms.send", `UPDATE sms_messages SET status = ?, twilio_sid = ?, sent_at = ?, sending_until = NULL, updated_at = ?
		WHERE id = ? AND practice_id = ? AND sending_until = ?`, status, sid, ms(db.now()), ms(db.now()), tx.ID, tx.PracticeID, tx.lease)
}

// TextRefused records that a claimed text was not sent because a rule checked again at send
// time refused it (consent revoked, number suppressed since it was scheduled).
func (db *DB) TextRefused(ctx context.Context, tx Text) error {
	return db.textOutcome(ctx, tx, "sms.refuse", `UPDATE sms_messages SET status = ?, sending_until = NULL, updated_at = ?
		WHERE id = ? AND practice_id = ? AND sending_until = ?`, TextRefused, ms(db.now()), tx.ID, tx.PracticeID, tx.lease)
}

// TextDeferred gives a claimed text back to the worker for a later time.
func (db *DB) TextDeferred(ctx context.Context, tx Text, at time.Time) error {
	return db.textOutcome(ctx, tx, "sms.defer", `UPDATE sms_messages SET scheduled_for = ?, sending_until = NULL, updated_at = ?
		WHERE id = ? AND practice_id = ? AND sending_until = ?`, ms(at), ms(db.now()), tx.ID, tx.PracticeID, tx.lease)
}

// TextFailed records that Twilio refused a claimed text, with its error code. Code 21610 means
// the recipient replied STOP to the sender at Twilio: the contact's texts are revoked and the
// number suppressed, as for a STOP we received ourselves.
func (db *DB) TextFailed(ctx context.Context, tx Text, code int) error {
	return db.tx(ctx, func(t *Tx) error {
		res, err := t.exec(ctx, `UPDATE sms_messages SET status = ?, error_code = ?, sending_until = NULL, updated_at = ?
			WHERE id = ? AND practice_id = ? AND sending_until = ?`, TextFailed, code, ms(db.now()), tx.ID, tx.PracticeID, tx.lease)
		if err != nil {
			return fmt.Errorf("text outcome: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return bedside.Errorf(bedside.EConflict, "the claim on this text ran out")
		}
		actor := Actor{PracticeID: tx.PracticeID}
		if err := t.audit(ctx, tx.PracticeID, actor, "sms.fail", "sms_message", strconv.FormatInt(tx.ID, 10)); err != nil {
			return err
		}
		if code == CodeUnsubscribed {
			return t.smsOptOutContact(ctx, actor, tx.ContactID, "twilio:"+strconv.Itoa(code))
		}
		return nil
	})
}

func (db *DB) textOutcome(ctx context.Context, tx Text, action, query string, args ...any) error {
	return db.tx(ctx, func(t *Tx) error {
		res, err := t.exec(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("text outcome: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return bedside.Errorf(bedside.EConflict, "the claim on this text ran out")
		}
		return t.audit(ctx, tx.PracticeID, Actor{PracticeID: tx.PracticeID}, action, "sms_message", strconv.FormatInt(tx.ID, 10))
	})
}

// CodeUnsubscribed is Twilio's error 21610: the recipient replied STOP to this sender.
const CodeUnsubscribed = 21610

// finalStatus lists Twilio's statuses a later callback must not overwrite with an earlier one
// arriving late.
var finalStatus = map[string]bool{"delivered": true, "undelivered": true, "failed": true, "read": true, "canceled": true}

// TextStatus records a status callback for the practice's message sid. Found is false for a sid
// that is not ours (Twilio also reports on texts sent from its console). An error code 21610
// revokes and suppresses as TextFailed does.
func (db *DB) TextStatus(ctx context.Context, actor Actor, sid, status string, code int) (found bool, err error) {
	if sid == "" || len(status) > 32 {
		return false, bedside.Errorf(bedside.EInvalid, "a status needs a message sid and a short status")
	}
	err = db.tx(ctx, func(t *Tx) error {
		var id, contactID int64
		var cur string
		err := t.queryRow(ctx, "SELECT id, contact_id, status FROM sms_messages WHERE practice_id = ? AND twilio_sid = ?", actor.PracticeID, sid).
			Scan(&id, &contactID, &cur)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("text status: %w", err)
		}
		found = true
		if !finalStatus[cur] {
			var c sql.NullInt64
			if code != 0 {
				c = sql.NullInt64{Int64: int64(code), Valid: true}
			}
			if _, err := t.exec(ctx, "UPDATE sms_messages SET status = ?, error_code = COALESCE(?, error_code), updated_at = ? WHERE id = ?",
				status, c, ms(db.now()), id); err != nil {
				return fmt.Errorf("text status: %w", err)
			}
		}
		if err := t.audit(ctx, actor.PracticeID, actor, "sms.status", "sms_message", strconv.FormatInt(id, 10)); err != nil {
			return err
		}
		if code == CodeUnsubscribed {
			return t.smsOptOutContact(ctx, actor, contactID, "twilio:"+strconv.Itoa(code))
		}
		return nil
	})
	return found, err
}

// Texts lists a contact's texts, newest first, without their bodies.
func (db *DB) Texts(ctx context.Context, actor Actor, contactID int64) ([]Text, error) {
	out := []Text{}
	err := each(ctx, db.read, db.q("SELECT "+textColumns+" FROM sms_messages WHERE practice_id = ? AND contact_id = ? ORDER BY id DESC LIMIT 500"),
		[]any{actor.PracticeID, contactID}, func(rows *sql.Rows) error {
			tx, err := db.scanText(rows)
			tx.Body = ""
			out = append(out, tx)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("texts: %w", err)
	}
	return out, nil
}

// ContactByPhone finds the practice's contact with a phone number, through the blind index; the
// number is never compared in the clear. A wiped contact has no index and is not found.
func (db *DB) ContactByPhone(ctx context.Context, actor Actor, phone string) (Contact, error) {
	key, err := db.addressKey(ctx, actor.PracticeID, consent.SMS, phone)
	if err != nil {
		return Contact{}, err
	}
	c, err := db.contact(ctx, db.read, actor.PracticeID, "phone_index = ?", key)
	if err != nil {
		return c, err
	}
	return c, db.Audit(ctx, actor, "contact.view", "contact", strconv.FormatInt(c.ID, 10))
}

// SMSOptOut records a texted revocation from a number: for a contact with that number, consent
// to texts is revoked for marketing and treatment alike (a STOP ends all texts, TCPA); the
// number is suppressed whether or not it belongs to a contact. Source names the inbound message
// (an id, never its text). It reports the contact's id, 0 for an unknown number.
func (db *DB) SMSOptOut(ctx context.Context, actor Actor, phone, source string) (int64, error) {
	key, err := db.addressKey(ctx, actor.PracticeID, consent.SMS, phone)
	if err != nil {
		return 0, err
	}
	var contactID int64
	err = db.tx(ctx, func(t *Tx) error {
		c, err := t.contactRow(ctx, actor.PracticeID, "phone_index = ?", key)
		switch {
		case err == nil && !c.wiped:
			contactID = c.id
			if err := t.revokeTexts(ctx, actor, c, source); err != nil {
				return err
			}
		case err != nil && bedside.ErrorCode(err) != bedside.ENotFound:
			return err
		}
		return t.suppress(ctx, actor, consent.SMS, key, ReasonRevoked)
	})
	return contactID, err
}

func (t *Tx) smsOptOutContact(ctx context.Context, actor Actor, contactID int64, source string) error {
	c, err := t.contactRow(ctx, actor.PracticeID, "id = ?", contactID)
	if err != nil {
		return err
	}
	if c.wiped { // a wipe suppressed the number already
		return nil
	}
	return t.revokeTexts(ctx, actor, c, source)
}

// revokeTexts appends a keyword revocation for every purpose; recordConsent suppresses.
func (t *Tx) revokeTexts(ctx context.Context, actor Actor, c contactRow, source string) error {
	for _, p := range consent.Purposes {
		if _, err := t.recordConsent(ctx, actor, c, consent.Event{Channel: consent.SMS, Purpose: p, Kind: consent.Revoked,
			Method: consent.SMSKeyword, Source: source}); err != nil {
			return err
		}
	}
	return nil
}

// SMSKeywordText is the consent text version a texted START is recorded against: the keyword
// itself is all the person agreed to.
const SMSKeywordText = "sms-keyword-start"

const smsKeywordWording = "START (or UNSTOP or YES) texted to the practice's number: asks for texts again"

// SMSOptIn records a texted START from a contact's number as consent given to treatment texts,
// by keyword, against the keyword's own text version. It gives no marketing consent: that needs
// written consent whose text says it is not a condition of purchase, which a keyword cannot
// carry. It takes nothing off the suppression list. It reports the contact's id, 0 for an
// unknown number (nothing is recorded then).
func (db *DB) SMSOptIn(ctx context.Context, actor Actor, phone, source string) (int64, error) {
	key, err := db.addressKey(ctx, actor.PracticeID, consent.SMS, phone)
	if err != nil {
		return 0, err
	}
	txt, err := db.PutConsentText(ctx, actor, SMSKeywordText, smsKeywordWording, false)
	if err != nil {
		return 0, err
	}
	var contactID int64
	err = db.tx(ctx, func(t *Tx) error {
		c, err := t.contactRow(ctx, actor.PracticeID, "phone_index = ?", key)
		if bedside.ErrorCode(err) == bedside.ENotFound {
			return nil
		}
		if err != nil || c.wiped {
			return err
		}
		contactID = c.id
		_, err = t.recordConsent(ctx, actor, c, consent.Event{Channel: consent.SMS, Purpose: consent.Treatment, Kind: consent.Given,
			Method: consent.SMSKeyword, Source: source, Text: txt})
		return err
	})
	return contactID, err
}
