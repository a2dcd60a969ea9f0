package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/authorization"
)

// CreateAuthorization records a signed authorization for a patient of the actor's practice. It is
// stored even when defective (a clerk fixes it or collects a new one); StatusOf says which.
func (db *DB) CreateAuthorization(ctx context.Context, actor Actor, a authorization.Authorization) (authorization.Authorization, error) {
	err := db.tx(ctx, func(t *Tx) error {
		var err error
		a, err = t.createAuthorization(ctx, actor, a)
		return err
	})
	return a, err
}

func (t *Tx) createAuthorization(ctx context.Context, actor Actor, a authorization.Authorization) (authorization.Authorization, error) {
	a.PracticeID = actor.PracticeID
	a.RevokedAt = time.Time{}
	if a.SignedAt.IsZero() {
		return a, bedside.Errorf(bedside.EInvalid, "signed_at is required: an authorization exists once it is signed")
	}
	var n int
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM patients WHERE id = ? AND practice_id = ?", a.PatientID, actor.PracticeID).Scan(&n); err != nil {
		return a, err
	}
	if n == 0 {
		return a, bedside.Errorf(bedside.ENotFound, "no such patient")
	}
	var expires *int64
	if !a.Expires.IsZero() {
		e := ms(a.Expires)
		expires = &e
	}
	id, err := t.insert(ctx, `INSERT INTO authorizations (practice_id, patient_id, sealed, key_id, signed_at, expires_at, created_at)
		VALUES (?, ?, ?, 0, ?, ?, ?)`, actor.PracticeID, a.PatientID, []byte{0}, ms(a.SignedAt), expires, ms(t.db.now()))
	if err != nil {
		return a, fmt.Errorf("insert authorization: %w", err)
	}
	a.ID = id
	plain, _ := json.Marshal(a)
	if err := t.sealRow(ctx, "authorizations", id, plain); err != nil {
		return a, err
	}
	return a, t.audit(ctx, actor.PracticeID, actor, "authorization.create", "authorization", strconv.FormatInt(id, 10))
}

// Authorization opens one authorization of the actor's practice; the view is audited.
func (db *DB) Authorization(ctx context.Context, actor Actor, id int64) (authorization.Authorization, error) {
	a, err := db.authorization(ctx, actor.PracticeID, id)
	if err != nil {
		return a, err
	}
	return a, db.Audit(ctx, actor, "authorization.view", "authorization", strconv.FormatInt(id, 10))
}

func (db *DB) authorization(ctx context.Context, practiceID, id int64) (authorization.Authorization, error) {
	var a authorization.Authorization
	var sealed []byte
	var revoked sql.NullInt64
	err := db.queryRow(ctx, "SELECT sealed, revoked_at FROM authorizations WHERE practice_id = ? AND id = ?", practiceID, id).Scan(&sealed, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return a, bedside.Errorf(bedside.ENotFound, "no such authorization")
	}
	if err != nil {
		return a, fmt.Errorf("authorization: %w", err)
	}
	plain, err := db.keys.Open(sealed, rowContext("authorizations", id))
	if err != nil {
		return a, fmt.Errorf("authorization %d: %w", id, err)
	}
	if err := json.Unmarshal(plain, &a); err != nil {
		return a, fmt.Errorf("authorization %d: %w", id, err)
	}
	a.ID, a.PracticeID = id, practiceID
	if revoked.Valid {
		a.RevokedAt = fromMS(revoked.Int64)
	}
	return a, nil
}

// Revocation is a patient's written revocation of an authorization.
type Revocation struct {
	ReceivedAt     time.Time `json:"received_at"`
	Method         string    `json:"method"`          // how it arrived in writing: letter, email, form, portal
	DocumentSHA256 string    `json:"document_sha256"` // of the written revocation, kept with it
}

var writtenMethods = map[string]bool{"letter": true, "email": true, "form": true, "portal": true, "fax": true}

// Revoke records a written revocation. It takes effect from the day it was received; what was
// published before stays a record of reliance, and the caller opens takedown tasks.
func (db *DB) Revoke(ctx context.Context, actor Actor, id int64, r Revocation) error {
	if !writtenMethods[r.Method] {
		return bedside.Errorf(bedside.EInvalid, "a revocation must be in writing: letter, email, form, portal or fax")
	}
	if r.DocumentSHA256 == "" || r.ReceivedAt.IsZero() {
		return bedside.Errorf(bedside.EInvalid, "record the date received and the written document")
	}
	return db.tx(ctx, func(t *Tx) error {
		res, err := t.exec(ctx, "UPDATE authorizations SET revoked_at = ? WHERE id = ? AND practice_id = ? AND revoked_at IS NULL",
			ms(r.ReceivedAt), id, actor.PracticeID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var exists int
			t.queryRow(ctx, "SELECT COUNT(*) FROM authorizations WHERE id = ? AND practice_id = ?", id, actor.PracticeID).Scan(&exists)
			if exists == 0 {
				return bedside.Errorf(bedside.ENotFound, "no such authorization")
			}
			return bedside.Errorf(bedside.EConflict, "this authorization was revoked already")
		}
		if _, err := t.insert(ctx, `INSERT INTO revocations (practice_id, authorization_id, received_at, method, document_sha256, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, actor.PracticeID, id, ms(r.ReceivedAt), r.Method, r.DocumentSHA256, ms(db.now())); err != nil {
			return fmt.Errorf("insert revocation: %w", err)
		}
		if err := t.audit(ctx, actor.PracticeID, actor, "authorization.revoke", "authorization", strconv.FormatInt(id, 10)); err != nil {
			return err
		}
		return t.openTakedowns(ctx, actor, id)
	})
}

// Authorizations lists the practice's authorizations, newest first, optionally of one patient.
func (db *DB) Authorizations(ctx context.Context, practiceID, patientID int64) ([]authorization.Authorization, error) {
	ids, err := db.idList(ctx, db.read, "SELECT id FROM authorizations WHERE practice_id = ? AND (? = 0 OR patient_id = ?) ORDER BY id DESC LIMIT 1000", practiceID, patientID, patientID)
	if err != nil {
		return nil, err
	}
	out := make([]authorization.Authorization, 0, len(ids))
	for _, id := range ids {
		a, err := db.authorization(ctx, practiceID, id)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}
