package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside"
)

// SchedulePost sets an approved post to go out at a later time. The gate runs now, so a post
// that could not go out is not scheduled, and again when it is published.
func (db *DB) SchedulePost(ctx context.Context, actor Actor, id int64, at time.Time, gate Gate) error {
	if !at.After(db.now()) {
		return bedside.Errorf(bedside.EInvalid, "choose a time in the future, or publish now")
	}
	return db.tx(ctx, func(t *Tx) error {
		p, err := t.lockPost(ctx, actor.PracticeID, id)
		if err != nil {
			return err
		}
		if p.State != PostApproved && p.State != PostScheduled {
			return bedside.Errorf(bedside.EConflict, "only an approved post can be scheduled; this post is %s", p.State)
		}
		if _, _, err := t.runGate(ctx, p, gate); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "UPDATE posts SET state = ?, publish_at = ?, updated_at = ? WHERE id = ?", PostScheduled, ms(at), ms(db.now()), id); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "post.schedule", "post", strconv.FormatInt(id, 10))
	})
}

// DuePost is a scheduled post whose time has come.
type DuePost struct{ PracticeID, PostID int64 }

// DuePosts lists scheduled posts due now, oldest first.
func (db *DB) DuePosts(ctx context.Context, limit int) ([]DuePost, error) {
	var out []DuePost
	err := each(ctx, db.read, db.q("SELECT practice_id, id FROM posts WHERE state = ? AND publish_at <= ? ORDER BY publish_at LIMIT ?"),
		[]any{PostScheduled, ms(db.now()), limit}, func(rows *sql.Rows) error {
			var d DuePost
			err := rows.Scan(&d.PracticeID, &d.PostID)
			out = append(out, d)
			return err
		})
	return out, err
}

// PublishDue publishes one due post as the system. When the gate now refuses it (an
// authorization revoked or expired since approval), the post goes back to approved, unpublished,
// and the refusal is audited, so the team sees it did not go out.
func (db *DB) PublishDue(ctx context.Context, d DuePost, gate Gate) error {
	system := Actor{PracticeID: d.PracticeID}
	err := db.PublishPost(ctx, system, d.PostID, gate)
	if bedside.ErrorCode(err) != bedside.EInvalid {
		return err
	}
	return db.tx(ctx, func(t *Tx) error {
		if _, err := t.exec(ctx, "UPDATE posts SET state = ?, publish_at = NULL WHERE id = ? AND practice_id = ? AND state = ?",
			PostApproved, d.PostID, d.PracticeID, PostScheduled); err != nil {
			return err
		}
		return t.audit(ctx, d.PracticeID, system, "post.schedule_refused", "post", strconv.FormatInt(d.PostID, 10))
	})
}
