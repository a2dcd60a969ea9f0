package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/consent"
)

// ImportRow is one contact in a list import. Consent is only the evidence the practice holds:
// without it the contact is created with no consent.
type ImportRow struct {
	Name    string
	Email   string
	Phone   string
	Consent []ImportConsent
}

// ImportConsent is evidence of consent given before the import: how, when, and to which text.
type ImportConsent struct {
	Channel     consent.Channel
	Purpose     consent.Purpose
	Method      consent.Method // how it was given originally: web_form, paper, sms_keyword, or import when unknown
	At          time.Time
	TextVersion string // a registered consent text version
}

// ImportResult is what happened to one row. Error and Skipped name fields and reasons, never
// values.
type ImportResult struct {
	Row       int      `json:"row"` // from 1
	ContactID int64    `json:"contact_id,omitempty"`
	Created   bool     `json:"created,omitempty"`
	Recorded  []string `json:"recorded,omitempty"` // "email/marketing": consent evidence appended
	Skipped   []string `json:"skipped,omitempty"`  // "email/marketing: suppressed"
	Error     string   `json:"error,omitempty"`
}

// ImportContacts adds contacts from a list, all or none: if any row is bad, nothing is written and
// the error's details hold every row's result. An import never lifts a suppression, never gives
// consent without evidence, and never overwrites a confirmed or revoked consent; an existing
// contact (same email or phone) is matched, not changed.
func (db *DB) ImportContacts(ctx context.Context, actor Actor, rows []ImportRow, importID string) ([]ImportResult, error) {
	if !validImportID(importID) {
		return nil, bedside.Errorf(bedside.EInvalid, "an import id has 1 to 64 letters, digits, '-' or '_'")
	}
	if len(rows) == 0 || len(rows) > 50000 {
		return nil, bedside.Errorf(bedside.EInvalid, "an import has 1 to 50000 rows")
	}
	key, err := db.indexKey(ctx)
	if err != nil {
		return nil, err
	}
	results := make([]ImportResult, len(rows))
	contacts := make([]Contact, len(rows))
	bad := false
	seen := map[string]int{}
	for i, r := range rows {
		results[i].Row = i + 1
		c, err := normalizeContact(Contact{Name: r.Name, Email: r.Email, Phone: r.Phone})
		if err == nil {
			err = checkImportConsent(c, r.Consent)
		}
		for _, k := range []string{"email:" + c.Email, "sms:" + c.Phone} {
			if err == nil && len(k) > 6 && k != "sms:" {
				if prev, dup := seen[k]; dup {
					err = bedside.Errorf(bedside.EInvalid, "same address as row %d", prev)
				}
				seen[k] = i + 1
			}
		}
		if err != nil {
			results[i].Error, bad = bedside.ErrorMessage(err), true
		}
		contacts[i] = c
	}
	if bad {
		return results, &bedside.Error{Code: bedside.EInvalid, Message: "the import has bad rows; nothing was imported", Details: results}
	}
	err = db.tx(ctx, func(t *Tx) error {
		for i := range rows {
			if err := t.importRow(ctx, actor, key, contacts[i], rows[i].Consent, importID, &results[i]); err != nil {
				if bedside.ErrorCode(err) == bedside.EInternal {
					return err
				}
				results[i].Error, bad = bedside.ErrorMessage(err), true
			}
		}
		if bad {
			return &bedside.Error{Code: bedside.EInvalid, Message: "the import has bad rows; nothing was imported", Details: results}
		}
		return t.audit(ctx, actor.PracticeID, actor, "contact.import", "import", importID)
	})
	if err != nil {
		if bedside.ErrorCode(err) == bedside.EInvalid {
			for i := range results { // nothing was written
				results[i].ContactID, results[i].Created, results[i].Recorded, results[i].Skipped = 0, false, nil, nil
			}
		}
		return results, err
	}
	return results, nil
}

func validImportID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func checkImportConsent(c Contact, cs []ImportConsent) error {
	for _, ic := range cs {
		switch {
		case !ic.Channel.Valid():
			return bedside.Errorf(bedside.EInvalid, "consent: channel must be email or sms")
		case !ic.Purpose.Valid():
			return bedside.Errorf(bedside.EInvalid, "consent: purpose must be marketing or treatment")
		case ic.Channel == consent.Email && c.Email == "", ic.Channel == consent.SMS && c.Phone == "":
			return bedside.Errorf(bedside.EInvalid, "consent: no address for %s", ic.Channel)
		case ic.At.IsZero():
			return bedside.Errorf(bedside.EInvalid, "consent: evidence needs the time consent was given")
		case ic.TextVersion == "":
			return bedside.Errorf(bedside.EInvalid, "consent: evidence needs the consent text version shown")
		}
		ev := consent.Event{Channel: ic.Channel, Purpose: ic.Purpose, Kind: consent.Given, Method: ic.Method, At: ic.At,
			Text: consent.Text{Version: ic.TextVersion, SHA256: consent.HashText("-")}} // the real hash comes from the registration
		if err := ev.Validate(); err != nil {
			return bedside.Errorf(bedside.EInvalid, "consent: %v", err)
		}
	}
	return nil
}

// importRow matches or creates one contact and appends the consent evidence the rules allow.
func (t *Tx) importRow(ctx context.Context, actor Actor, key []byte, c Contact, cs []ImportConsent, importID string, res *ImportResult) error {
	row, found, err := t.matchContact(ctx, actor.PracticeID, key, c)
	if err != nil {
		return err
	}
	if !found {
		if c, err = t.createContact(ctx, actor, key, c); err != nil {
			return err
		}
		res.Created = true
		if row, err = t.contactRow(ctx, actor.PracticeID, "id = ?", c.ID); err != nil {
			return err
		}
	}
	res.ContactID = row.id
	if len(cs) == 0 {
		return nil
	}
	evs, err := t.ledger(ctx, actor.PracticeID, row.id)
	if err != nil {
		return err
	}
	state := consent.Derive(evs)
	for _, ic := range cs {
		label := string(ic.Channel) + "/" + string(ic.Purpose)
		sup, err := t.db.suppressedKey(ctx, t.tx, actor.PracticeID, ic.Channel, row.index(ic.Channel))
		if err != nil {
			return err
		}
		switch {
		case row.index(ic.Channel) == "":
			res.Skipped = append(res.Skipped, label+": the matched contact has no address for this channel")
			continue
		case sup:
			res.Skipped = append(res.Skipped, label+": suppressed")
			continue
		case !consent.ImportMayGive(state, ic.Channel, ic.Purpose):
			res.Skipped = append(res.Skipped, label+": already "+string(state.Of(ic.Channel, ic.Purpose).Status))
			continue
		}
		if _, err := t.recordConsent(ctx, actor, row, consent.Event{Channel: ic.Channel, Purpose: ic.Purpose, Kind: consent.Given,
			Method: ic.Method, At: ic.At, Text: consent.Text{Version: ic.TextVersion}, Source: "import:" + importID}); err != nil {
			return err
		}
		res.Recorded = append(res.Recorded, label)
	}
	return nil
}

// matchContact finds the practice's contact with the row's email or phone. Email and phone
// naming two different contacts is an error: the import cannot tell which is meant.
func (t *Tx) matchContact(ctx context.Context, practiceID int64, key []byte, c Contact) (contactRow, bool, error) {
	var byEmail, byPhone contactRow
	var okE, okP bool
	var err error
	if c.Email != "" {
		byEmail, err = t.contactRow(ctx, practiceID, "email_index = ?", blindIndex(key, practiceID, consent.Email, c.Email))
		if okE = err == nil; !okE && bedside.ErrorCode(err) != bedside.ENotFound {
			return byEmail, false, err
		}
	}
	if c.Phone != "" {
		byPhone, err = t.contactRow(ctx, practiceID, "phone_index = ?", blindIndex(key, practiceID, consent.SMS, c.Phone))
		if okP = err == nil; !okP && bedside.ErrorCode(err) != bedside.ENotFound {
			return byPhone, false, err
		}
	}
	switch {
	case okE && okP && byEmail.id != byPhone.id:
		return byEmail, false, bedside.Errorf(bedside.EInvalid, "the email address and the phone number belong to two different contacts (%d and %d)", byEmail.id, byPhone.id)
	case okE:
		return byEmail, true, nil
	case okP:
		return byPhone, true, nil
	}
	return contactRow{}, false, nil
}

// ledger reads a contact's events inside the transaction, without the sealed evidence: enough to
// derive its state.
func (t *Tx) ledger(ctx context.Context, practiceID, contactID int64) ([]consent.Event, error) {
	var evs []consent.Event
	err := each(ctx, t.tx, t.db.q(`SELECT e.id, e.channel, e.purpose, e.kind, e.method, e.at, t.version, t.sha256
		FROM consent_events e LEFT JOIN consent_texts t ON t.id = e.text_id
		WHERE e.practice_id = ? AND e.contact_id = ? ORDER BY e.id`), []any{practiceID, contactID}, func(rows *sql.Rows) error {
		var e consent.Event
		var at int64
		var version, sum sql.NullString
		if err := rows.Scan(&e.ID, &e.Channel, &e.Purpose, &e.Kind, &e.Method, &at, &version, &sum); err != nil {
			return err
		}
		e.At, e.Text.Version, e.Text.SHA256 = fromMS(at), version.String, sum.String
		evs = append(evs, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("consent ledger %d: %w", contactID, err)
	}
	return evs, nil
}
