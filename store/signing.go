package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/authorization"
)

// SigningRequest is an authorization prepared by staff and waiting for the patient's signature
// on the office tablet. The patient signs the exact document stored with it.
type SigningRequest struct {
	ID              int64                       `json:"id"`
	PracticeID      int64                       `json:"-"`
	PatientID       int64                       `json:"patient_id"`
	Draft           authorization.Authorization `json:"draft"`
	Form            json.RawMessage             `json:"-"` // what the caller needs to render the signed copy of the same form
	DocumentID      int64                       `json:"document_id"`
	DocumentSHA256  string                      `json:"document_sha256"`
	ExpiresAt       time.Time                   `json:"expires_at"`
	SignedAt        *time.Time                  `json:"signed_at,omitempty"`
	AuthorizationID int64                       `json:"authorization_id,omitempty"`
	CopyDocumentID  int64                       `json:"copy_document_id,omitempty"`
}

// Evidence is what the signing page records: who typed what, the drawn signature, where from and
// when. It is sealed with the request and never shown on the patient's copy.
type Evidence struct {
	TypedName    string    `json:"typed_name"`
	SignaturePNG []byte    `json:"signature_png"`
	IP           string    `json:"ip"`
	UserAgent    string    `json:"user_agent"`
	At           time.Time `json:"at"`
}

type signingSealed struct {
	Draft    authorization.Authorization `json:"draft"`
	Form     json.RawMessage             `json:"form,omitempty"`
	Evidence *Evidence                   `json:"evidence,omitempty"`
}

// CreateSigningRequest stores the prepared authorization and the exact document the patient will
// sign. tokenHash is the SHA-256 of the link's secret, which only the caller ever sees.
func (db *DB) CreateSigningRequest(ctx context.Context, actor Actor, draft authorization.Authorization, form json.RawMessage, document []byte, tokenHash string, ttl time.Duration) (SigningRequest, error) {
	req := SigningRequest{PracticeID: actor.PracticeID, PatientID: draft.PatientID, Draft: draft, Form: form, ExpiresAt: db.now().Add(ttl)}
	err := db.tx(ctx, func(t *Tx) error {
		var n int
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM patients WHERE id = ? AND practice_id = ?", draft.PatientID, actor.PracticeID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return bedside.Errorf(bedside.ENotFound, "no such patient")
		}
		doc, err := t.putDocument(ctx, actor, "application/pdf", document)
		if err != nil {
			return err
		}
		req.DocumentID, req.DocumentSHA256 = doc.ID, doc.SHA256
		id, err := t.insert(ctx, `INSERT INTO signing_requests (practice_id, patient_id, token_sha256, document_id, sealed, key_id, created_by, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)`, actor.PracticeID, draft.PatientID, tokenHash, doc.ID, []byte{0}, actor.UserID, ms(db.now()), ms(req.ExpiresAt))
		if err != nil {
			return fmt.Errorf("insert signing request: %w", err)
		}
		req.ID = id
		if err := t.sealSigning(ctx, id, signingSealed{Draft: draft, Form: form}); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "signing.create", "signing_request", strconv.FormatInt(id, 10))
	})
	return req, err
}

func (t *Tx) sealSigning(ctx context.Context, id int64, s signingSealed) error {
	plain, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return t.sealRow(ctx, "signing_requests", id, plain)
}

// SigningRequestByToken finds the request a signing link names. An expired link is not found; a
// signed one is returned so that the patient can download their copy until it expires.
func (db *DB) SigningRequestByToken(ctx context.Context, tokenHash string) (SigningRequest, error) {
	return db.signingRequest(ctx, db.read, tokenHash)
}

func (db *DB) signingRequest(ctx context.Context, q querier, tokenHash string) (SigningRequest, error) {
	var r SigningRequest
	var sealed []byte
	var expires int64
	var signed, authID, copyID sql.NullInt64
	err := q.QueryRowContext(ctx, db.q(`SELECT s.id, s.practice_id, s.patient_id, s.document_id, d.sha256, s.sealed, s.expires_at, s.signed_at, s.authorization_id, s.copy_document_id
		FROM signing_requests s JOIN documents d ON d.id = s.document_id WHERE s.token_sha256 = ?`), tokenHash).
		Scan(&r.ID, &r.PracticeID, &r.PatientID, &r.DocumentID, &r.DocumentSHA256, &sealed, &expires, &signed, &authID, &copyID)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && db.now().After(fromMS(expires))) {
		return r, bedside.Errorf(bedside.ENotFound, "this signing link is not valid or has expired; ask the front desk for a new one")
	}
	if err != nil {
		return r, fmt.Errorf("signing request: %w", err)
	}
	var s signingSealed
	if err := db.openJSON(sealed, rowContext("signing_requests", r.ID), &s); err != nil {
		return r, fmt.Errorf("signing request %d: %w", r.ID, err)
	}
	r.Draft, r.Form, r.ExpiresAt, r.AuthorizationID, r.CopyDocumentID = s.Draft, s.Form, fromMS(expires), authID.Int64, copyID.Int64
	if signed.Valid {
		at := fromMS(signed.Int64)
		r.SignedAt = &at
	}
	return r, nil
}

// SigningDocument returns the exact document a signing link shows.
func (db *DB) SigningDocument(ctx context.Context, tokenHash string, signedCopy bool) (Document, []byte, error) {
	r, err := db.SigningRequestByToken(ctx, tokenHash)
	if err != nil {
		return Document{}, nil, err
	}
	id := r.DocumentID
	if signedCopy {
		if r.CopyDocumentID == 0 {
			return Document{}, nil, bedside.Errorf(bedside.ENotFound, "the form is not signed yet")
		}
		id = r.CopyDocumentID
	}
	return db.document(ctx, r.PracticeID, id)
}

// Sign completes a signing request: it records the evidence, creates the authorization (signed
// on screen, with the SHA-256 of the document shown) and stores the patient's copy that
// signedCopy renders. A link signs once.
func (db *DB) Sign(ctx context.Context, tokenHash string, ev Evidence, signedCopy func(r SigningRequest, a authorization.Authorization) ([]byte, error)) (authorization.Authorization, error) {
	ev.TypedName = strings.TrimSpace(ev.TypedName)
	if ev.TypedName == "" || len(ev.SignaturePNG) == 0 {
		return authorization.Authorization{}, bedside.Errorf(bedside.EInvalid, "type your full name and sign in the box")
	}
	var a authorization.Authorization
	err := db.tx(ctx, func(t *Tx) error {
		res, err := t.exec(ctx, "UPDATE signing_requests SET signed_at = ? WHERE token_sha256 = ? AND signed_at IS NULL AND expires_at > ?",
			ms(ev.At), tokenHash, ms(db.now()))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return bedside.Errorf(bedside.EConflict, "this form was signed already, or the link has expired")
		}
		r, err := db.signingRequest(ctx, t.tx, tokenHash)
		if err != nil {
			return err
		}
		actor := Actor{PracticeID: r.PracticeID, SigningID: r.ID}
		a = r.Draft
		a.Signer.Name, a.SignedAt, a.Method, a.DocumentSHA256 = ev.TypedName, ev.At, authorization.OnScreen, r.DocumentSHA256
		a, err = t.createAuthorization(ctx, actor, a)
		if err != nil {
			return err
		}
		pdf, err := signedCopy(r, a)
		if err != nil {
			return err
		}
		doc, err := t.putDocument(ctx, actor, "application/pdf", pdf)
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, "UPDATE signing_requests SET authorization_id = ?, copy_document_id = ? WHERE id = ?", a.ID, doc.ID, r.ID); err != nil {
			return err
		}
		if err := t.sealSigning(ctx, r.ID, signingSealed{Draft: r.Draft, Form: r.Form, Evidence: &ev}); err != nil {
			return err
		}
		return t.audit(ctx, r.PracticeID, actor, "signing.complete", "signing_request", strconv.FormatInt(r.ID, 10))
	})
	return a, err
}
