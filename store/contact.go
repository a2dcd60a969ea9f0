package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/consent"
)

// Contact is a person the practice may message. Name, addresses and the unsubscribe token are
// sealed at rest; a wiped contact is a tombstone with ids and times only.
type Contact struct {
	ID         int64      `json:"id"`
	PracticeID int64      `json:"-"`
	Name       string     `json:"name,omitempty"`
	Email      string     `json:"email,omitempty"`     // normalised: lower case
	Phone      string     `json:"phone,omitempty"`     // normalised: E.164
	TimeZone   string     `json:"time_zone,omitempty"` // IANA zone, when known: texts keep to its quiet hours rather than the area code's
	Token      string     `json:"-"`                   // the opaque unsubscribe token for List-Unsubscribe; only its hash is indexed
	CreatedAt  time.Time  `json:"created_at"`
	WipedAt    *time.Time `json:"wiped_at,omitempty"`
}

type contactSealed struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
	TZ    string `json:"tz,omitempty"`
	Token string `json:"token"`
}

// contactRow is what the ledger needs of a contact without opening it.
type contactRow struct {
	id         int64
	emailIndex sql.NullString
	phoneIndex sql.NullString
	wiped      bool
}

// index is the contact's blind index on a channel, "" when it has no address there.
func (c contactRow) index(ch consent.Channel) string {
	if ch == consent.SMS {
		return c.phoneIndex.String
	}
	return c.emailIndex.String
}

// normalizeContact puts the addresses in normal form. Its errors name the field, never the value.
func normalizeContact(c Contact) (Contact, error) {
	c.Name = strings.TrimSpace(c.Name)
	c.Email, c.Phone = strings.TrimSpace(c.Email), strings.TrimSpace(c.Phone)
	if c.Email == "" && c.Phone == "" {
		return c, bedside.Errorf(bedside.EInvalid, "a contact needs an email address or a phone number")
	}
	if len(c.Name) > 200 {
		return c, bedside.Errorf(bedside.EInvalid, "name is too long")
	}
	var err error
	if c.Email != "" {
		if c.Email, err = consent.Normalize(consent.Email, c.Email); err != nil {
			return c, bedside.Errorf(bedside.EInvalid, "email: %v", err)
		}
	}
	if c.Phone != "" {
		if c.Phone, err = consent.Normalize(consent.SMS, c.Phone); err != nil {
			return c, bedside.Errorf(bedside.EInvalid, "phone: %v", err)
		}
	}
	if c.TimeZone = strings.TrimSpace(c.TimeZone); c.TimeZone != "" {
		if _, err := time.LoadLocation(c.TimeZone); err != nil || c.TimeZone == "Local" {
			return c, bedside.Errorf(bedside.EInvalid, "time_zone must be an IANA zone such as America/Chicago")
		}
	}
	return c, nil
}

func nullIndex(key []byte, practiceID int64, ch consent.Channel, address string) sql.NullString {
	if address == "" {
		return sql.NullString{}
	}
	return sql.NullString{String: blindIndex(key, practiceID, ch, address), Valid: true}
}

func newUnsubscribeToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateContact seals and stores a contact with a new unsubscribe token. It gives no consent:
// consent is only ever recorded as events.
func (db *DB) CreateContact(ctx context.Context, actor Actor, c Contact) (Contact, error) {
	c, err := normalizeContact(c)
	if err != nil {
		return c, err
	}
	key, err := db.indexKey(ctx)
	if err != nil {
		return c, err
	}
	err = db.tx(ctx, func(t *Tx) error {
		c, err = t.createContact(ctx, actor, key, c)
		return err
	})
	return c, err
}

func (t *Tx) createContact(ctx context.Context, actor Actor, key []byte, c Contact) (Contact, error) {
	c.PracticeID, c.Token, c.CreatedAt = actor.PracticeID, newUnsubscribeToken(), fromMS(ms(t.db.now()))
	id, err := t.insert(ctx, `INSERT INTO contacts (practice_id, sealed, key_id, email_index, phone_index, token_sha256, created_at)
		VALUES (?, ?, 0, ?, ?, ?, ?)`, actor.PracticeID, []byte{0},
		nullIndex(key, actor.PracticeID, consent.Email, c.Email), nullIndex(key, actor.PracticeID, consent.SMS, c.Phone),
		tokenHash(c.Token), ms(c.CreatedAt))
	if isUnique(err) {
		return c, bedside.Errorf(bedside.EConflict, "a contact with this email address or phone number already exists")
	}
	if err != nil {
		return c, fmt.Errorf("insert contact: %w", err)
	}
	c.ID = id
	plain, _ := json.Marshal(contactSealed{Name: c.Name, Email: c.Email, Phone: c.Phone, TZ: c.TimeZone, Token: c.Token})
	if err := t.sealRow(ctx, "contacts", id, plain); err != nil {
		return c, fmt.Errorf("seal contact: %w", err)
	}
	return c, t.audit(ctx, actor.PracticeID, actor, "contact.create", "contact", strconv.FormatInt(id, 10))
}

// Contact opens a contact of the actor's practice; the view is an audit event.
func (db *DB) Contact(ctx context.Context, actor Actor, id int64) (Contact, error) {
	c, err := db.contact(ctx, db.read, actor.PracticeID, "id = ?", id)
	if err != nil {
		return c, err
	}
	return c, db.Audit(ctx, actor, "contact.view", "contact", strconv.FormatInt(id, 10))
}

// ContactByToken finds the contact an unsubscribe token names, in the actor's practice only.
func (db *DB) ContactByToken(ctx context.Context, actor Actor, token string) (Contact, error) {
	c, err := db.contact(ctx, db.read, actor.PracticeID, "token_sha256 = ?", tokenHash(token))
	if err != nil {
		return c, err
	}
	return c, db.Audit(ctx, actor, "contact.view", "contact", strconv.FormatInt(c.ID, 10))
}

// Contacts lists the practice's contacts, newest first, wiped ones as tombstones. The listing is
// one audit event.
func (db *DB) Contacts(ctx context.Context, actor Actor) ([]Contact, error) {
	out := []Contact{}
	err := each(ctx, db.read, db.q(`SELECT id, sealed, created_at, wiped_at FROM contacts WHERE practice_id = ? ORDER BY id DESC LIMIT 1000`),
		[]any{actor.PracticeID}, func(rows *sql.Rows) error {
			c, err := db.scanContact(rows, actor.PracticeID)
			out = append(out, c)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("contacts: %w", err)
	}
	return out, db.Audit(ctx, actor, "contact.list", "practice", strconv.FormatInt(actor.PracticeID, 10))
}

func (db *DB) contact(ctx context.Context, q querier, practiceID int64, where string, arg any) (Contact, error) {
	row := q.QueryRowContext(ctx, db.q("SELECT id, sealed, created_at, wiped_at FROM contacts WHERE practice_id = ? AND "+where), practiceID, arg)
	c, err := db.scanContact(row, practiceID)
	if errors.Is(err, sql.ErrNoRows) {
		return c, bedside.Errorf(bedside.ENotFound, "no such contact")
	}
	return c, err
}

func (db *DB) scanContact(row interface{ Scan(...any) error }, practiceID int64) (Contact, error) {
	c := Contact{PracticeID: practiceID}
	var sealed []byte
	var created int64
	var wiped sql.NullInt64
	if err := row.Scan(&c.ID, &sealed, &created, &wiped); err != nil {
		return c, err
	}
	c.CreatedAt, c.WipedAt = fromMS(created), optTime(wiped)
	if wiped.Valid {
		return c, nil
	}
	var s contactSealed
	if err := db.openJSON(sealed, rowContext("contacts", c.ID), &s); err != nil {
		return c, fmt.Errorf("contact %d: %w", c.ID, err)
	}
	c.Name, c.Email, c.Phone, c.TimeZone, c.Token = s.Name, s.Email, s.Phone, s.TZ, s.Token
	return c, nil
}

// contactRow reads what the ledger needs of a contact inside a transaction.
func (t *Tx) contactRow(ctx context.Context, practiceID int64, where string, arg any) (contactRow, error) {
	var c contactRow
	var wiped sql.NullInt64
	err := t.queryRow(ctx, "SELECT id, email_index, phone_index, wiped_at FROM contacts WHERE practice_id = ? AND "+where, practiceID, arg).
		Scan(&c.id, &c.emailIndex, &c.phoneIndex, &wiped)
	if errors.Is(err, sql.ErrNoRows) {
		return c, bedside.Errorf(bedside.ENotFound, "no such contact")
	}
	if err != nil {
		return c, fmt.Errorf("contact: %w", err)
	}
	c.wiped = wiped.Valid
	return c, nil
}

// WipeContact erases a contact's personal data: the sealed name, addresses and token, the blind
// indexes, and the sealed IP addresses and user agents of its consent events. What must outlive
// it stays: the row as a tombstone, the consent ledger (ids, kinds, methods, times), and its
// addresses on the suppression list, so that the same address added again is still suppressed.
// Wiping adds those suppressions: a person who asked to be forgotten has not asked to be messaged.
func (db *DB) WipeContact(ctx context.Context, actor Actor, id int64) error {
	return db.tx(ctx, func(t *Tx) error {
		c, err := t.contactRow(ctx, actor.PracticeID, "id = ?", id)
		if err != nil {
			return err
		}
		if c.wiped {
			return nil
		}
		for _, ch := range consent.Channels {
			if k := c.index(ch); k != "" {
				if err := t.suppress(ctx, actor, ch, k, ReasonWiped); err != nil {
					return err
				}
			}
		}
		if _, err := t.exec(ctx, "DELETE FROM consent_evidence WHERE practice_id = ? AND event_id IN (SELECT id FROM consent_events WHERE contact_id = ?)",
			actor.PracticeID, id); err != nil {
			return fmt.Errorf("wipe consent evidence: %w", err)
		}
		// Texts keep their ids, times and consent references; their bodies go, and those not yet
		// sent never will be.
		if _, err := t.exec(ctx, "UPDATE sms_messages SET sealed = NULL, status = CASE WHEN status = ? THEN ? ELSE status END WHERE practice_id = ? AND contact_id = ?",
			TextScheduled, TextRefused, actor.PracticeID, id); err != nil {
			return fmt.Errorf("wipe texts: %w", err)
		}
		if _, err := t.exec(ctx, "UPDATE contacts SET sealed = NULL, email_index = NULL, phone_index = NULL, wiped_at = ? WHERE practice_id = ? AND id = ?",
			ms(db.now()), actor.PracticeID, id); err != nil {
			return fmt.Errorf("wipe contact: %w", err)
		}
		return t.audit(ctx, actor.PracticeID, actor, "contact.wipe", "contact", strconv.FormatInt(id, 10))
	})
}
