package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"
)

// Takedown is a task to remove a published post that relied on an authorization since revoked.
type Takedown struct {
	ID              int64      `json:"id"`
	PostID          int64      `json:"post_id"`
	AuthorizationID int64      `json:"authorization_id"`
	CreatedAt       time.Time  `json:"created_at"`
	DoneAt          *time.Time `json:"done_at,omitempty"`
}

// openTakedowns opens a task for every published post that relied on the authorization. It runs
// in the revocation's transaction, which holds the authorization's row lock: a publication that
// relies on it either committed before (and is listed here) or re-checks after and is refused.
func (t *Tx) openTakedowns(ctx context.Context, actor Actor, authorizationID int64) error {
	posts, err := t.db.idList(ctx, t.tx, `SELECT p.id FROM posts p JOIN post_authorizations pa ON pa.post_id = p.id
		WHERE pa.authorization_id = ? AND p.practice_id = ? AND p.state = ? ORDER BY p.id`, authorizationID, actor.PracticeID, PostPublished)
	if err != nil {
		return err
	}
	for _, pid := range posts {
		id, err := t.insert(ctx, "INSERT INTO takedowns (practice_id, post_id, authorization_id, created_at) VALUES (?, ?, ?, ?)",
			actor.PracticeID, pid, authorizationID, ms(t.db.now()))
		if err != nil {
			return fmt.Errorf("open takedown: %w", err)
		}
		if err := t.audit(ctx, actor.PracticeID, actor, "takedown.open", "takedown", strconv.FormatInt(id, 10)); err != nil {
			return err
		}
	}
	return nil
}

// Takedowns lists the practice's takedown tasks, open ones only unless all is set.
func (db *DB) Takedowns(ctx context.Context, practiceID int64, all bool) ([]Takedown, error) {
	out := []Takedown{}
	err := each(ctx, db.read, db.q("SELECT id, post_id, authorization_id, created_at, done_at FROM takedowns WHERE practice_id = ? AND (? OR done_at IS NULL) ORDER BY id"),
		[]any{practiceID, all}, func(rows *sql.Rows) error {
			var td Takedown
			var created int64
			var done sql.NullInt64
			if err := rows.Scan(&td.ID, &td.PostID, &td.AuthorizationID, &created, &done); err != nil {
				return err
			}
			td.CreatedAt = fromMS(created)
			if done.Valid {
				d := fromMS(done.Int64)
				td.DoneAt = &d
			}
			out = append(out, td)
			return nil
		})
	return out, err
}
