package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside"
)

// ReplySend is an approved reply due to go out through its review's connector.
type ReplySend struct {
	PracticeID int64
	ReviewID   int64
	ReplyID    int64
	Attempts   int // failed attempts so far
}

// ClaimReplySend takes the lease on sending one approved reply, so that a person pressing send
// and the worker retrying never post it twice. It returns the attempts made so far.
func (db *DB) ClaimReplySend(ctx context.Context, actor Actor, reviewID, replyID int64, lease time.Duration) (ReplySend, error) {
	rs := ReplySend{PracticeID: actor.PracticeID, ReviewID: reviewID, ReplyID: replyID}
	err := db.tx(ctx, func(t *Tx) error {
		now := db.now()
		res, err := t.exec(ctx, `UPDATE review_replies SET sending_until = ?
			WHERE id = ? AND review_id = ? AND practice_id = ? AND state = 'approved' AND (sending_until IS NULL OR sending_until <= ?)`,
			ms(now.Add(lease)), replyID, reviewID, actor.PracticeID, ms(now))
		if err != nil {
			return err
		}
		var state string
		var until sql.NullInt64
		err = t.queryRow(ctx, "SELECT state, send_attempts, sending_until FROM review_replies WHERE id = ? AND review_id = ? AND practice_id = ?",
			replyID, reviewID, actor.PracticeID).Scan(&state, &rs.Attempts, &until)
		if errors.Is(err, sql.ErrNoRows) {
			return bedside.Errorf(bedside.ENotFound, "no such reply")
		}
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if state == "approved" {
				return bedside.Errorf(bedside.EConflict, "this reply is being sent right now")
			}
			return bedside.Errorf(bedside.EConflict, "this reply is %s; only an approved reply can be sent", state)
		}
		return nil
	})
	return rs, err
}

// DueReplySends claims the replies whose automatic retry is due.
func (db *DB) DueReplySends(ctx context.Context, limit int, lease time.Duration) ([]ReplySend, error) {
	var out []ReplySend
	err := db.tx(ctx, func(t *Tx) error {
		now := ms(db.now())
		var due []ReplySend
		err := each(ctx, t.tx, db.q(`SELECT practice_id, review_id, id, send_attempts FROM review_replies
			WHERE next_send_at <= ? AND state = 'approved' AND (sending_until IS NULL OR sending_until <= ?)
			ORDER BY next_send_at LIMIT ?`), []any{now, now, limit}, func(rows *sql.Rows) error {
			var r ReplySend
			if err := rows.Scan(&r.PracticeID, &r.ReviewID, &r.ReplyID, &r.Attempts); err != nil {
				return err
			}
			due = append(due, r)
			return nil
		})
		if err != nil {
			return err
		}
		for _, r := range due {
			// Conditional, so that of two servers only one takes each reply.
			res, err := t.exec(ctx, "UPDATE review_replies SET sending_until = ? WHERE id = ? AND (sending_until IS NULL OR sending_until <= ?)",
				now+lease.Milliseconds(), r.ReplyID, now)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				out = append(out, r)
			}
		}
		return nil
	})
	return out, err
}

// ReplySendFailed records a failed attempt: what went wrong in our words (connector errors never
// quote the reply), and when the worker tries again by itself, or never (next zero) when only the
// practice can fix it.
func (db *DB) ReplySendFailed(ctx context.Context, rs ReplySend, reason string, next time.Time) error {
	var nextAt sql.NullInt64
	if !next.IsZero() {
		nextAt = sql.NullInt64{Int64: ms(next), Valid: true}
	}
	return db.tx(ctx, func(t *Tx) error {
		if _, err := t.exec(ctx, `UPDATE review_replies SET send_attempts = send_attempts + 1, send_error = ?, next_send_at = ?, sending_until = NULL
			WHERE id = ? AND review_id = ? AND practice_id = ? AND state = 'approved'`, reason, nextAt, rs.ReplyID, rs.ReviewID, rs.PracticeID); err != nil {
			return err
		}
		return t.audit(ctx, rs.PracticeID, Actor{PracticeID: rs.PracticeID}, "review.reply_send_failed", "review", strconv.FormatInt(rs.ReviewID, 10))
	})
}
