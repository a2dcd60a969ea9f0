package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/authorization"
)

// RetentionYears is how long an authorization and its history are kept after it was last in
// effect: 45 CFR 164.508(b)(6) and 164.530(j) require six years.
const RetentionYears = 6

// LastInEffect is when an authorization stopped being in effect: its revocation, else its expiry
// date. ok is false while it may still be in effect (valid, or ending on an event).
func LastInEffect(a authorization.Authorization, now time.Time) (t time.Time, ok bool) {
	switch {
	case !a.RevokedAt.IsZero():
		return a.RevokedAt, true
	case !a.Expires.IsZero() && !a.Expires.After(now):
		return a.Expires, true
	}
	return time.Time{}, false
}

// DeleteAuthorization removes an authorization whose retention period is over. Before that it
// refuses, saying until when it must be kept. The posts that relied on it keep their sealed
// snapshots, which hold a copy of it.
func (db *DB) DeleteAuthorization(ctx context.Context, actor Actor, id int64) error {
	a, err := db.authorization(ctx, actor.PracticeID, id)
	if err != nil {
		return err
	}
	now := db.now()
	last, ok := LastInEffect(a, now)
	if !ok {
		return bedside.Errorf(bedside.EConflict, "this authorization may still be in effect; revoke it or wait for it to expire, then keep it %d years", RetentionYears)
	}
	if keep := last.AddDate(RetentionYears, 0, 0); now.Before(keep) {
		return bedside.Errorf(bedside.EConflict, "this authorization must be kept until %s (%d years after it was last in effect)", keep.Format("2006-01-02"), RetentionYears)
	}
	return db.tx(ctx, func(t *Tx) error {
		for _, q := range []string{
			"UPDATE signing_requests SET authorization_id = NULL WHERE authorization_id = ? AND practice_id = ?",
			"DELETE FROM takedowns WHERE authorization_id = ? AND practice_id = ?",
			"DELETE FROM post_authorizations WHERE authorization_id = ? AND practice_id = ?",
			"DELETE FROM revocations WHERE authorization_id = ? AND practice_id = ?",
			"DELETE FROM authorizations WHERE id = ? AND practice_id = ?",
		} {
			if _, err := t.exec(ctx, q, id, actor.PracticeID); err != nil {
				return err
			}
		}
		return t.audit(ctx, actor.PracticeID, actor, "authorization.delete", "authorization", strconv.FormatInt(id, 10))
	})
}

// PatientExport is everything Bedside holds about one patient: their record, authorizations
// with revocations, the pictures they appear in and the posts that relied on their
// authorizations. It answers a patient's request for their records and a compliance audit.
type PatientExport struct {
	Patient        Patient               `json:"patient"`
	Authorizations []ExportAuthorization `json:"authorizations"`
	Media          []Media               `json:"media"`
	Posts          []ExportPostReliance  `json:"posts"`
	ExportedAt     time.Time             `json:"exported_at"`
}

// ExportAuthorization is one authorization with its status at export and its revocation.
type ExportAuthorization struct {
	authorization.Authorization
	Status     authorization.Status `json:"status"`
	Revocation *Revocation          `json:"revocation,omitempty"`
}

// ExportPostReliance is a post that relied on one of the patient's authorizations.
type ExportPostReliance struct {
	PostID          int64      `json:"post_id"`
	AuthorizationID int64      `json:"authorization_id"`
	State           PostState  `json:"state"`
	PublishedAt     *time.Time `json:"published_at,omitempty"`
}

// ExportPatient gathers a patient's export; it is audited.
func (db *DB) ExportPatient(ctx context.Context, actor Actor, patientID int64) (PatientExport, error) {
	now := db.now()
	p, err := db.patient(ctx, actor.PracticeID, patientID)
	if err != nil {
		return PatientExport{}, err
	}
	x := PatientExport{Patient: p, Authorizations: []ExportAuthorization{}, Media: []Media{}, Posts: []ExportPostReliance{}, ExportedAt: now}
	auths, err := db.Authorizations(ctx, actor.PracticeID, patientID)
	if err != nil {
		return x, err
	}
	for _, a := range auths {
		st, _ := authorization.StatusOf(a, now)
		ea := ExportAuthorization{Authorization: a, Status: st}
		var rv Revocation
		var received int64
		err := db.queryRow(ctx, "SELECT received_at, method, document_sha256 FROM revocations WHERE authorization_id = ? AND practice_id = ?", a.ID, actor.PracticeID).
			Scan(&received, &rv.Method, &rv.DocumentSHA256)
		if err == nil {
			rv.ReceivedAt = fromMS(received)
			ea.Revocation = &rv
		} else if !errors.Is(err, sql.ErrNoRows) {
			return x, err
		}
		x.Authorizations = append(x.Authorizations, ea)
		err = each(ctx, db.read, db.q(`SELECT p.id, p.state, p.published_at FROM posts p JOIN post_authorizations pa ON pa.post_id = p.id
			WHERE pa.authorization_id = ? AND p.practice_id = ? ORDER BY p.id`), []any{a.ID, actor.PracticeID}, func(rows *sql.Rows) error {
			r := ExportPostReliance{AuthorizationID: a.ID}
			var published sql.NullInt64
			if err := rows.Scan(&r.PostID, &r.State, &published); err != nil {
				return err
			}
			if published.Valid {
				t := fromMS(published.Int64)
				r.PublishedAt = &t
			}
			x.Posts = append(x.Posts, r)
			return nil
		})
		if err != nil {
			return x, err
		}
	}
	var mids []int64
	mids, err = db.idList(ctx, db.read, `SELECT mp.media_id FROM media_patients mp JOIN media m ON m.id = mp.media_id
		WHERE mp.patient_id = ? AND m.practice_id = ? ORDER BY mp.media_id`, patientID, actor.PracticeID)
	if err != nil {
		return x, err
	}
	for _, id := range mids {
		m, err := db.media(ctx, db.read, actor.PracticeID, id)
		if err != nil {
			return x, err
		}
		x.Media = append(x.Media, m)
	}
	return x, db.Audit(ctx, actor, "patient.export", "patient", strconv.FormatInt(patientID, 10))
}
