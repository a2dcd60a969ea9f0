package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
)

// Actor is who does something: a signed-in user, an API token, or the system.
type Actor struct {
	PracticeID int64
	UserID     int64
	TokenID    int64
	SigningID  int64 // a patient signing through a signing request's link
	ReleaseID  int64 // a person pictured signing a photo release through its link (the link's id)
}

// String is the actor as written in the audit log: ids only.
func (a Actor) String() string {
	switch {
	case a.SigningID != 0:
		return "signing:" + strconv.FormatInt(a.SigningID, 10)
	case a.ReleaseID != 0:
		return "release-link:" + strconv.FormatInt(a.ReleaseID, 10)
	case a.TokenID != 0:
		return "token:" + strconv.FormatInt(a.TokenID, 10)
	case a.UserID != 0:
		return "user:" + strconv.FormatInt(a.UserID, 10)
	}
	return "system"
}

// audit appends an event to the practice's chain inside the caller's transaction, so that the
// event exists exactly when the change does. The chain head row serialises appenders (SQLite has
// one writer anyway; PostgreSQL locks the row).
func (t *Tx) audit(ctx context.Context, practiceID int64, actor Actor, action, objectType, objectID string) error {
	lock := ""
	if t.db.dialect == Postgres {
		lock = " FOR UPDATE"
	}
	var seq int64
	var prev string
	err := t.queryRow(ctx, "SELECT seq, hash FROM audit_heads WHERE practice_id = ?"+lock, practiceID).Scan(&seq, &prev)
	if errors.Is(err, sql.ErrNoRows) {
		if _, err := t.exec(ctx, "INSERT INTO audit_heads (practice_id, seq, hash) VALUES (?, 0, '')", practiceID); err != nil {
			return fmt.Errorf("audit head: %w", err)
		}
		if t.db.dialect == Postgres {
			if err := t.queryRow(ctx, "SELECT seq, hash FROM audit_heads WHERE practice_id = ? FOR UPDATE", practiceID).Scan(&seq, &prev); err != nil {
				return fmt.Errorf("audit head: %w", err)
			}
		}
	} else if err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	ev := bedside.AuditEvent{PracticeID: practiceID, Seq: seq + 1, At: t.db.now().UTC().Truncate(time.Millisecond),
		Actor: actor.String(), Action: action, ObjectType: objectType, ObjectID: objectID, PrevHash: prev}
	ev.Hash = eventHash(ev)
	if _, err := t.exec(ctx, `INSERT INTO audit_events (practice_id, seq, at, actor, action, object_type, object_id, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, ev.PracticeID, ev.Seq, ms(ev.At), ev.Actor, ev.Action, ev.ObjectType, ev.ObjectID, ev.PrevHash, ev.Hash); err != nil {
		return fmt.Errorf("audit event: %w", err)
	}
	if _, err := t.exec(ctx, "UPDATE audit_heads SET seq = ?, hash = ? WHERE practice_id = ?", ev.Seq, ev.Hash, practiceID); err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	return nil
}

// eventHash is SHA-256 over the previous hash and the event's fields, each length-prefixed so
// that no two different events serialise the same way.
func eventHash(ev bedside.AuditEvent) string {
	h := sha256.New()
	for _, f := range []string{ev.PrevHash, strconv.FormatInt(ev.PracticeID, 10), strconv.FormatInt(ev.Seq, 10),
		strconv.FormatInt(ms(ev.At), 10), ev.Actor, ev.Action, ev.ObjectType, ev.ObjectID} {
		fmt.Fprintf(h, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Audit records an event on its own, for views of data that change nothing.
func (db *DB) Audit(ctx context.Context, actor Actor, action, objectType, objectID string) error {
	return db.tx(ctx, func(t *Tx) error { return t.audit(ctx, actor.PracticeID, actor, action, objectType, objectID) })
}

// AuditFilter narrows a listing of the audit log.
type AuditFilter struct {
	Action     string // prefix, e.g. "user." or "profile.update"
	Actor      string
	ObjectType string
	Since      time.Time
	Until      time.Time
	Limit      int
	BeforeSeq  int64 // for paging back
}

// AuditEvents lists a practice's events, newest first.
func (db *DB) AuditEvents(ctx context.Context, practiceID int64, f AuditFilter) ([]bedside.AuditEvent, error) {
	q := `SELECT id, practice_id, seq, at, actor, action, object_type, object_id, prev_hash, hash
		FROM audit_events WHERE practice_id = ?`
	args := []any{practiceID}
	if f.Action != "" {
		q += " AND action LIKE ?"
		args = append(args, strings.ReplaceAll(f.Action, "%", "")+"%")
	}
	if f.Actor != "" {
		q += " AND actor = ?"
		args = append(args, f.Actor)
	}
	if f.ObjectType != "" {
		q += " AND object_type = ?"
		args = append(args, f.ObjectType)
	}
	if !f.Since.IsZero() {
		q += " AND at >= ?"
		args = append(args, ms(f.Since))
	}
	if !f.Until.IsZero() {
		q += " AND at < ?"
		args = append(args, ms(f.Until))
	}
	if f.BeforeSeq > 0 {
		q += " AND seq < ?"
		args = append(args, f.BeforeSeq)
	}
	limit := f.Limit
	if limit <= 0 || limit > 10000 {
		limit = 200
	}
	q += " ORDER BY seq DESC LIMIT " + strconv.Itoa(limit)
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("audit events: %w", err)
	}
	defer rows.Close()
	var out []bedside.AuditEvent
	for rows.Next() {
		var ev bedside.AuditEvent
		var at int64
		if err := rows.Scan(&ev.ID, &ev.PracticeID, &ev.Seq, &at, &ev.Actor, &ev.Action, &ev.ObjectType, &ev.ObjectID, &ev.PrevHash, &ev.Hash); err != nil {
			return nil, fmt.Errorf("audit events: %w", err)
		}
		ev.At = fromMS(at)
		out = append(out, ev)
	}
	return out, rows.Err()
}

// Break describes the first broken link of a practice's audit chain.
type Break struct {
	PracticeID int64
	Seq        int64
	Problem    string
}

// VerifyAudit walks every practice's chain from the start and returns the first broken link of
// each, or none when every chain holds.
func (db *DB) VerifyAudit(ctx context.Context) (events int, breaks []Break, err error) {
	rows, err := db.query(ctx, "SELECT practice_id, seq, hash FROM audit_heads ORDER BY practice_id")
	if err != nil {
		return 0, nil, fmt.Errorf("audit heads: %w", err)
	}
	type head struct {
		practice, seq int64
		hash          string
	}
	var heads []head
	for rows.Next() {
		var h head
		if err := rows.Scan(&h.practice, &h.seq, &h.hash); err != nil {
			rows.Close()
			return 0, nil, err
		}
		heads = append(heads, h)
	}
	rows.Close()
	for _, h := range heads {
		n, br, err := db.verifyChain(ctx, h.practice, h.seq, h.hash)
		if err != nil {
			return events, breaks, err
		}
		events += n
		if br != nil {
			breaks = append(breaks, *br)
		}
	}
	return events, breaks, nil
}

func (db *DB) verifyChain(ctx context.Context, practiceID, headSeq int64, headHash string) (int, *Break, error) {
	rows, err := db.query(ctx, `SELECT seq, at, actor, action, object_type, object_id, prev_hash, hash
		FROM audit_events WHERE practice_id = ? ORDER BY seq`, practiceID)
	if err != nil {
		return 0, nil, fmt.Errorf("audit events: %w", err)
	}
	defer rows.Close()
	prev, want := "", int64(1)
	n := 0
	for rows.Next() {
		ev := bedside.AuditEvent{PracticeID: practiceID}
		var at int64
		if err := rows.Scan(&ev.Seq, &at, &ev.Actor, &ev.Action, &ev.ObjectType, &ev.ObjectID, &ev.PrevHash, &ev.Hash); err != nil {
			return n, nil, err
		}
		ev.At = fromMS(at)
		n++
		switch {
		case ev.Seq != want:
			return n, &Break{practiceID, want, fmt.Sprintf("event %d is missing (found %d next)", want, ev.Seq)}, nil
		case ev.PrevHash != prev:
			return n, &Break{practiceID, ev.Seq, "its previous-hash does not match the event before it"}, nil
		case eventHash(ev) != ev.Hash:
			return n, &Break{practiceID, ev.Seq, "its contents do not match its hash (edited)"}, nil
		}
		prev, want = ev.Hash, want+1
	}
	if err := rows.Err(); err != nil {
		return n, nil, err
	}
	if want-1 != headSeq || prev != headHash {
		return n, &Break{practiceID, want, fmt.Sprintf("the chain ends at %d but its head says %d (events removed)", want-1, headSeq)}, nil
	}
	return n, nil, nil
}
