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
	"unicode/utf8"

	"github.com/bedsidehq/bedside"
)

// ReviewState is where a review is in the inbox.
type ReviewState string

// The inbox states.
const (
	ReviewNew              ReviewState = "new"
	ReviewAwaitingApproval ReviewState = "awaiting_approval" // a reply waits for a compliance officer
	ReviewDrafted          ReviewState = "drafted"           // a reply is approved and ready to send
	ReviewReplied          ReviewState = "replied"
	ReviewClosed           ReviewState = "closed"
)

// Review is a review or comment about the practice. Author and text are sealed at rest.
type Review struct {
	ID         int64       `json:"id"`
	Source     string      `json:"source"`      // google, facebook, yelp, csv...
	ExternalID string      `json:"external_id"` // the source's id: importing it again changes nothing
	Author     string      `json:"author"`
	Rating     int         `json:"rating"` // 1 to 5; 0 for a comment without one
	Text       string      `json:"text"`
	WrittenAt  time.Time   `json:"written_at"`
	State      ReviewState `json:"state"`
	AssignedTo int64       `json:"assigned_to,omitempty"` // the user who answers it
	Replies    []Reply     `json:"replies"`
}

// Reply is a reply drafted to a review. It exists only once the scanner allowed it.
type Reply struct {
	ID         int64     `json:"id"`
	AuthorID   int64     `json:"author_id"`
	Text       string    `json:"text"`
	State      string    `json:"state"` // awaiting_approval, approved, sent
	ApprovedBy int64     `json:"approved_by,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	// Sending through a connector: failed attempts, the last error, and when the worker tries
	// again by itself (none: the practice must act, e.g. reconnect the account, then send again).
	SendAttempts int        `json:"send_attempts,omitempty"`
	SendError    string     `json:"send_error,omitempty"`
	NextSendAt   *time.Time `json:"next_send_at,omitempty"`
}

type reviewSealed struct {
	Author string `json:"author"`
	Text   string `json:"text"`
}

// MaxReviewText bounds a review's text, in characters.
const MaxReviewText = 20000

// Check returns every problem with a review to import, so a file's errors come out together.
func (r *Review) Check() []string {
	var bad []string
	r.Source, r.ExternalID, r.Author = strings.TrimSpace(r.Source), strings.TrimSpace(r.ExternalID), strings.TrimSpace(r.Author)
	if r.Source == "" || r.ExternalID == "" {
		bad = append(bad, "source and external_id are required")
	}
	if r.Rating < 0 || r.Rating > 5 {
		bad = append(bad, "rating is 1 to 5, or 0 for none")
	}
	if strings.TrimSpace(r.Text) == "" && r.Rating == 0 {
		bad = append(bad, "a review needs text or a rating")
	}
	if utf8.RuneCountInString(r.Text) > MaxReviewText {
		bad = append(bad, fmt.Sprintf("text is longer than %d characters", MaxReviewText))
	}
	if r.WrittenAt.IsZero() {
		bad = append(bad, "written_at is required")
	}
	return bad
}

// ImportReviews stores reviews in one transaction: all or none. A review already imported (same
// source and external id) is left as it is, so importing a file twice adds nothing. It returns
// how many were new.
func (db *DB) ImportReviews(ctx context.Context, actor Actor, rs []Review) (int, error) {
	for i := range rs {
		if bad := rs[i].Check(); len(bad) > 0 {
			return 0, &bedside.Error{Code: bedside.EInvalid, Message: fmt.Sprintf("review %d: %s", i+1, strings.Join(bad, "; ")), Details: bad}
		}
	}
	added := 0
	err := db.tx(ctx, func(t *Tx) error {
		added = 0
		for _, r := range rs {
			var n int
			if err := t.queryRow(ctx, "SELECT COUNT(*) FROM reviews WHERE practice_id = ? AND source = ? AND external_id = ?",
				actor.PracticeID, r.Source, r.ExternalID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				continue
			}
			id, err := t.insert(ctx, `INSERT INTO reviews (practice_id, source, external_id, rating, state, sealed, key_id, written_at, received_at)
				VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`, actor.PracticeID, r.Source, r.ExternalID, r.Rating, ReviewNew, []byte{0}, ms(r.WrittenAt), ms(db.now()))
			if err != nil {
				return fmt.Errorf("insert review: %w", err)
			}
			plain, _ := json.Marshal(reviewSealed{Author: r.Author, Text: r.Text})
			if err := t.sealRow(ctx, "reviews", id, plain); err != nil {
				return err
			}
			if err := t.audit(ctx, actor.PracticeID, actor, "review.import", "review", strconv.FormatInt(id, 10)); err != nil {
				return err
			}
			added++
		}
		return nil
	})
	return added, err
}

// Reviews lists the practice's inbox, oldest first so the longest-waiting come first, optionally
// in one state.
func (db *DB) Reviews(ctx context.Context, practiceID int64, state ReviewState) ([]Review, error) {
	ids, err := db.idList(ctx, db.read, "SELECT id FROM reviews WHERE practice_id = ? AND (? = '' OR state = ?) ORDER BY written_at, id LIMIT 1000", practiceID, string(state), string(state))
	if err != nil {
		return nil, err
	}
	out := []Review{}
	for _, id := range ids {
		r, err := db.review(ctx, db.read, practiceID, id)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Review opens one review of the actor's practice with its replies.
func (db *DB) Review(ctx context.Context, actor Actor, id int64) (Review, error) {
	return db.review(ctx, db.read, actor.PracticeID, id)
}

func (db *DB) review(ctx context.Context, q querier, practiceID, id int64) (Review, error) {
	r := Review{ID: id, Replies: []Reply{}}
	var sealed []byte
	var written int64
	var assigned sql.NullInt64
	err := q.QueryRowContext(ctx, db.q("SELECT source, external_id, rating, state, sealed, written_at, assigned_to FROM reviews WHERE practice_id = ? AND id = ?"), practiceID, id).
		Scan(&r.Source, &r.ExternalID, &r.Rating, &r.State, &sealed, &written, &assigned)
	r.AssignedTo = assigned.Int64
	if errors.Is(err, sql.ErrNoRows) {
		return r, bedside.Errorf(bedside.ENotFound, "no such review")
	}
	if err != nil {
		return r, fmt.Errorf("review: %w", err)
	}
	var s reviewSealed
	if err := db.openJSON(sealed, rowContext("reviews", id), &s); err != nil {
		return r, fmt.Errorf("review %d: %w", id, err)
	}
	r.Author, r.Text, r.WrittenAt = s.Author, s.Text, fromMS(written)
	err = each(ctx, q, db.q("SELECT id, author_id, state, sealed, approved_by, created_at, send_attempts, send_error, next_send_at FROM review_replies WHERE review_id = ? ORDER BY id"), []any{id}, func(rows *sql.Rows) error {
		var p Reply
		var s []byte
		var approved, next sql.NullInt64
		var created int64
		var sendErr sql.NullString
		if err := rows.Scan(&p.ID, &p.AuthorID, &p.State, &s, &approved, &created, &p.SendAttempts, &sendErr, &next); err != nil {
			return err
		}
		p.SendError = sendErr.String
		if next.Valid {
			at := fromMS(next.Int64)
			p.NextSendAt = &at
		}
		text, err := db.keys.Open(s, rowContext("review_replies", p.ID))
		p.Text, p.ApprovedBy, p.CreatedAt = string(text), approved.Int64, fromMS(created)
		r.Replies = append(r.Replies, p)
		return err
	})
	return r, err
}

// AddReply stores a reply the scanner allowed. needsApproval (the practice's rule for negative
// reviews) holds it for a compliance officer; otherwise it is ready to send.
func (db *DB) AddReply(ctx context.Context, actor Actor, reviewID int64, text string, needsApproval bool) (Reply, error) {
	p := Reply{AuthorID: actor.UserID, Text: strings.TrimSpace(text), State: "approved", CreatedAt: db.now()}
	if p.Text == "" {
		return p, bedside.Errorf(bedside.EInvalid, "write a reply")
	}
	next := ReviewDrafted
	if needsApproval {
		p.State, next = "awaiting_approval", ReviewAwaitingApproval
	}
	err := db.tx(ctx, func(t *Tx) error {
		res, err := t.exec(ctx, "UPDATE reviews SET state = ? WHERE id = ? AND practice_id = ? AND state IN (?, ?, ?)",
			next, reviewID, actor.PracticeID, ReviewNew, ReviewDrafted, ReviewAwaitingApproval)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := db.review(ctx, t.tx, actor.PracticeID, reviewID); err != nil {
				return err
			}
			return bedside.Errorf(bedside.EConflict, "this review was answered or closed already")
		}
		// A new draft replaces any earlier one that was not sent.
		if _, err := t.exec(ctx, "DELETE FROM review_replies WHERE review_id = ? AND state <> 'sent'", reviewID); err != nil {
			return err
		}
		p.ID, err = t.insert(ctx, `INSERT INTO review_replies (practice_id, review_id, author_id, state, sealed, key_id, created_at)
			VALUES (?, ?, ?, ?, ?, 0, ?)`, actor.PracticeID, reviewID, actor.UserID, p.State, []byte{0}, ms(p.CreatedAt))
		if err != nil {
			return fmt.Errorf("insert reply: %w", err)
		}
		if err := t.sealRow(ctx, "review_replies", p.ID, []byte(p.Text)); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "review.reply_draft", "review", strconv.FormatInt(reviewID, 10))
	})
	return p, err
}

// ApproveReply approves a reply held for a compliance officer, who may not be its author.
func (db *DB) ApproveReply(ctx context.Context, actor Actor, reviewID, replyID int64) error {
	return db.tx(ctx, func(t *Tx) error {
		var author int64
		var state string
		err := t.queryRow(ctx, "SELECT author_id, state FROM review_replies WHERE id = ? AND review_id = ? AND practice_id = ?", replyID, reviewID, actor.PracticeID).Scan(&author, &state)
		if errors.Is(err, sql.ErrNoRows) {
			return bedside.Errorf(bedside.ENotFound, "no such reply")
		}
		if err != nil {
			return err
		}
		if state != "awaiting_approval" {
			return bedside.Errorf(bedside.EConflict, "this reply is %s, not awaiting approval", state)
		}
		if author == actor.UserID {
			return bedside.Errorf(bedside.EForbidden, "you wrote this reply: another compliance officer must approve it")
		}
		if _, err := t.exec(ctx, "UPDATE review_replies SET state = 'approved', approved_by = ? WHERE id = ?", actor.UserID, replyID); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "UPDATE reviews SET state = ? WHERE id = ?", ReviewDrafted, reviewID); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "review.reply_approve", "review", strconv.FormatInt(reviewID, 10))
	})
}

// MarkReplySent records that an approved reply was posted on the source: by a connector, or by
// hand for a source without one.
func (db *DB) MarkReplySent(ctx context.Context, actor Actor, reviewID, replyID int64) error {
	return db.tx(ctx, func(t *Tx) error {
		res, err := t.exec(ctx, `UPDATE review_replies SET state = 'sent', sent_at = ?, send_error = NULL, next_send_at = NULL, sending_until = NULL
			WHERE id = ? AND review_id = ? AND practice_id = ? AND state = 'approved'`,
			ms(db.now()), replyID, reviewID, actor.PracticeID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var state string
			err := t.queryRow(ctx, "SELECT state FROM review_replies WHERE id = ? AND review_id = ? AND practice_id = ?", replyID, reviewID, actor.PracticeID).Scan(&state)
			if errors.Is(err, sql.ErrNoRows) {
				return bedside.Errorf(bedside.ENotFound, "no such reply")
			}
			if err != nil {
				return err
			}
			return bedside.Errorf(bedside.EConflict, "this reply is %s; only an approved reply can be sent", state)
		}
		if _, err := t.exec(ctx, "UPDATE reviews SET state = ? WHERE id = ?", ReviewReplied, reviewID); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "review.reply_sent", "review", strconv.FormatInt(reviewID, 10))
	})
}

// ReplyStopped counts a reply the scanner refused: a number for the practice, never the text.
func (db *DB) ReplyStopped(ctx context.Context, practiceID int64) error {
	_, err := db.write.ExecContext(ctx, db.q("UPDATE practices SET replies_stopped = replies_stopped + 1 WHERE id = ?"), practiceID)
	return err
}

// ReviewNumbers are the inbox's figures for a practice.
type ReviewNumbers struct {
	Reviews          int     `json:"reviews"`
	Answered         int     `json:"answered"`
	AnsweredShare    float64 `json:"answered_share"`
	MedianReplyHours float64 `json:"median_reply_hours"` // from the review to the reply going out
	Overdue          int     `json:"overdue"`
	RepliesStopped   int     `json:"replies_stopped"` // drafts the scanner refused
	ReplyWithinHours int     `json:"reply_within_hours"`
}

// ReplyWithin is the practice's reply-by target.
func (db *DB) ReplyWithin(ctx context.Context, practiceID int64) (time.Duration, error) {
	var hours int
	err := db.queryRow(ctx, "SELECT reply_within_hours FROM practices WHERE id = ?", practiceID).Scan(&hours)
	return time.Duration(hours) * time.Hour, err
}

// ReviewNumbers computes the practice's inbox figures at now.
func (db *DB) ReviewNumbers(ctx context.Context, practiceID int64) (ReviewNumbers, error) {
	var n ReviewNumbers
	if err := db.queryRow(ctx, "SELECT reply_within_hours, replies_stopped FROM practices WHERE id = ?", practiceID).Scan(&n.ReplyWithinHours, &n.RepliesStopped); err != nil {
		return n, err
	}
	due := ms(db.now().Add(-time.Duration(n.ReplyWithinHours) * time.Hour))
	if err := db.queryRow(ctx, `SELECT COUNT(*),
		COALESCE(SUM(CASE WHEN state = ? THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN state IN (?, ?, ?) AND written_at < ? THEN 1 ELSE 0 END), 0)
		FROM reviews WHERE practice_id = ?`, ReviewReplied, ReviewNew, ReviewAwaitingApproval, ReviewDrafted, due, practiceID).
		Scan(&n.Reviews, &n.Answered, &n.Overdue); err != nil {
		return n, err
	}
	if n.Reviews > 0 {
		n.AnsweredShare = float64(n.Answered) / float64(n.Reviews)
	}
	var waits []float64
	err := each(ctx, db.read, db.q(`SELECT p.sent_at - r.written_at FROM review_replies p JOIN reviews r ON r.id = p.review_id
		WHERE r.practice_id = ? AND p.sent_at IS NOT NULL ORDER BY 1`), []any{practiceID}, func(rows *sql.Rows) error {
		var d int64
		err := rows.Scan(&d)
		waits = append(waits, float64(d)/float64(time.Hour/time.Millisecond))
		return err
	})
	if len(waits) > 0 {
		m := len(waits) / 2
		n.MedianReplyHours = waits[m]
		if len(waits)%2 == 0 {
			n.MedianReplyHours = (waits[m-1] + waits[m]) / 2
		}
	}
	return n, err
}

// SetReplyWithin sets the practice's reply-by target in hours.
func (db *DB) SetReplyWithin(ctx context.Context, actor Actor, hours int) error {
	if hours < 1 || hours > 24*30 {
		return bedside.Errorf(bedside.EInvalid, "the reply-by target is 1 hour to 30 days")
	}
	return db.tx(ctx, func(t *Tx) error {
		if _, err := t.exec(ctx, "UPDATE practices SET reply_within_hours = ? WHERE id = ?", hours, actor.PracticeID); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "practice.reply_within", "practice", strconv.FormatInt(actor.PracticeID, 10))
	})
}

// AssignReview gives a review to a user of the practice, or to nobody with userID 0.
func (db *DB) AssignReview(ctx context.Context, actor Actor, reviewID, userID int64) error {
	return db.tx(ctx, func(t *Tx) error {
		var assignee any
		if userID != 0 {
			var n int
			if err := t.queryRow(ctx, "SELECT COUNT(*) FROM users WHERE id = ? AND practice_id = ? AND disabled = 0", userID, actor.PracticeID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return bedside.Errorf(bedside.ENotFound, "no such user")
			}
			assignee = userID
		}
		res, err := t.exec(ctx, "UPDATE reviews SET assigned_to = ? WHERE id = ? AND practice_id = ?", assignee, reviewID, actor.PracticeID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return bedside.Errorf(bedside.ENotFound, "no such review")
		}
		return t.audit(ctx, actor.PracticeID, actor, "review.assign", "review", strconv.FormatInt(reviewID, 10))
	})
}

func inboundContext(practiceID int64) string {
	return "practices:" + strconv.FormatInt(practiceID, 10) + ":inbound"
}

// SetInboundSecret stores the secret that signs deliveries to the practice's review hook.
func (db *DB) SetInboundSecret(ctx context.Context, actor Actor, secret string) error {
	return db.tx(ctx, func(t *Tx) error {
		if _, err := t.exec(ctx, "UPDATE practices SET inbound_secret = ? WHERE id = ?", db.keys.Seal([]byte(secret), inboundContext(actor.PracticeID)), actor.PracticeID); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "practice.inbound_secret", "practice", strconv.FormatInt(actor.PracticeID, 10))
	})
}

// InboundSecret returns the practice's review hook secret; ok is false when none is set.
func (db *DB) InboundSecret(ctx context.Context, practiceID int64) (string, bool, error) {
	var sealed []byte
	err := db.queryRow(ctx, "SELECT inbound_secret FROM practices WHERE id = ?", practiceID).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && len(sealed) == 0) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	plain, err := db.keys.Open(sealed, inboundContext(practiceID))
	return string(plain), err == nil, err
}
