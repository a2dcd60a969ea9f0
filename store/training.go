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
	"github.com/bedsidehq/bedside/policy"
	"github.com/bedsidehq/bedside/training"
)

// PolicyVersion is one saved text of the practice's social-media policy. A published version is
// the one staff must acknowledge, until a newer one is published.
type PolicyVersion struct {
	ID          int64      `json:"id"`
	Number      int        `json:"number"`
	Text        string     `json:"text"`
	SHA256      string     `json:"sha256"`
	CreatedBy   int64      `json:"created_by"`
	CreatedAt   time.Time  `json:"created_at"`
	PublishedAt *time.Time `json:"published_at"`
}

// PolicyAck is a user's acknowledgement of a policy version.
type PolicyAck struct {
	UserID  int64     `json:"user_id"`
	Version int       `json:"version"`
	At      time.Time `json:"at"`
}

// TrainingAttempt is one quiz taken by a user.
type TrainingAttempt struct {
	ID            int64     `json:"id"`
	UserID        int64     `json:"user_id"`
	Score         int       `json:"score"`
	Total         int       `json:"total"`
	Passed        bool      `json:"passed"`
	PolicyVersion int       `json:"policy_version"` // acknowledged when the quiz was taken; 0 for none
	CompletedAt   time.Time `json:"completed_at"`
}

// PolicySettings are the practice's settings the generated policy states.
func (db *DB) PolicySettings(ctx context.Context, practiceID int64) (policy.Settings, error) {
	s := policy.Settings{Posters: []string{"admin", "compliance", "staff"}, Approvers: []string{"admin", "compliance"}}
	err := db.queryRow(ctx, "SELECT name, approvals_required, reply_within_hours FROM practices WHERE id = ?", practiceID).
		Scan(&s.Practice, &s.ApprovalsRequired, &s.ReplyWithinHours)
	if errors.Is(err, sql.ErrNoRows) {
		return s, bedside.Errorf(bedside.ENotFound, "no such practice")
	}
	return s, err
}

// SavePolicyVersion keeps text as the next version of the policy (generated from the settings
// when empty) and, with publish, makes it the one everyone must acknowledge.
func (db *DB) SavePolicyVersion(ctx context.Context, actor Actor, text string, publish bool) (PolicyVersion, error) {
	if strings.TrimSpace(text) == "" {
		s, err := db.PolicySettings(ctx, actor.PracticeID)
		if err != nil {
			return PolicyVersion{}, err
		}
		text = policy.Generate(s)
	}
	if len(text) > 256<<10 {
		return PolicyVersion{}, bedside.Errorf(bedside.EInvalid, "a policy is at most 256 KiB")
	}
	sum := sha256.Sum256([]byte(text))
	now := db.now().UTC().Truncate(time.Millisecond)
	v := PolicyVersion{Text: text, SHA256: hex.EncodeToString(sum[:]), CreatedBy: actor.UserID, CreatedAt: now}
	if publish {
		v.PublishedAt = &now
	}
	err := db.tx(ctx, func(t *Tx) error {
		if err := t.queryRow(ctx, "SELECT COALESCE(MAX(number), 0) + 1 FROM policy_versions WHERE practice_id = ?", actor.PracticeID).Scan(&v.Number); err != nil {
			return fmt.Errorf("policy number: %w", err)
		}
		var pub any
		if publish {
			pub = ms(now)
		}
		var by any
		if actor.UserID != 0 {
			by = actor.UserID
		}
		id, err := t.insert(ctx, `INSERT INTO policy_versions (practice_id, number, text, sha256, created_by, created_at, published_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, actor.PracticeID, v.Number, text, v.SHA256, by, ms(now), pub)
		if isUnique(err) {
			return bedside.Errorf(bedside.EConflict, "another version was saved at the same time; try again")
		}
		if err != nil {
			return fmt.Errorf("insert policy version: %w", err)
		}
		v.ID = id
		action := "policy.save"
		if publish {
			action = "policy.publish"
		}
		return t.audit(ctx, actor.PracticeID, actor, action, "policy_version", strconv.FormatInt(id, 10))
	})
	return v, err
}

// PublishPolicyVersion makes a saved version the current one.
func (db *DB) PublishPolicyVersion(ctx context.Context, actor Actor, number int) (PolicyVersion, error) {
	err := db.tx(ctx, func(t *Tx) error {
		var id int64
		err := t.queryRow(ctx, "UPDATE policy_versions SET published_at = ? WHERE practice_id = ? AND number = ? AND published_at IS NULL RETURNING id",
			ms(db.now()), actor.PracticeID, number).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return bedside.Errorf(bedside.ENotFound, "no unpublished policy version %d", number)
		}
		if err != nil {
			return fmt.Errorf("publish policy: %w", err)
		}
		return t.audit(ctx, actor.PracticeID, actor, "policy.publish", "policy_version", strconv.FormatInt(id, 10))
	})
	if err != nil {
		return PolicyVersion{}, err
	}
	return db.policyVersion(ctx, "practice_id = ? AND number = ?", actor.PracticeID, number)
}

const policyCols = "id, number, text, sha256, COALESCE(created_by, 0), created_at, published_at"

func scanPolicy(row interface{ Scan(...any) error }) (PolicyVersion, error) {
	var v PolicyVersion
	var created int64
	var pub sql.NullInt64
	err := row.Scan(&v.ID, &v.Number, &v.Text, &v.SHA256, &v.CreatedBy, &created, &pub)
	v.CreatedAt = fromMS(created)
	if pub.Valid {
		t := fromMS(pub.Int64)
		v.PublishedAt = &t
	}
	return v, err
}

func (db *DB) policyVersion(ctx context.Context, where string, args ...any) (PolicyVersion, error) {
	v, err := scanPolicy(db.queryRow(ctx, "SELECT "+policyCols+" FROM policy_versions WHERE "+where+" ORDER BY number DESC LIMIT 1", args...))
	if errors.Is(err, sql.ErrNoRows) {
		return v, bedside.Errorf(bedside.ENotFound, "no policy has been published yet")
	}
	if err != nil {
		return v, fmt.Errorf("policy version: %w", err)
	}
	return v, nil
}

// CurrentPolicy is the newest published version; ENotFound when none is.
func (db *DB) CurrentPolicy(ctx context.Context, practiceID int64) (PolicyVersion, error) {
	return db.policyVersion(ctx, "practice_id = ? AND published_at IS NOT NULL", practiceID)
}

// PolicyVersions lists every saved version, newest first.
func (db *DB) PolicyVersions(ctx context.Context, practiceID int64) ([]PolicyVersion, error) {
	out := []PolicyVersion{}
	err := each(ctx, db.read, db.q("SELECT "+policyCols+" FROM policy_versions WHERE practice_id = ? ORDER BY number DESC"), []any{practiceID},
		func(rows *sql.Rows) error {
			v, err := scanPolicy(rows)
			out = append(out, v)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("policy versions: %w", err)
	}
	return out, nil
}

// AcknowledgePolicy records that the actor's user read the published version number. Acknowledging
// twice keeps the first time.
func (db *DB) AcknowledgePolicy(ctx context.Context, actor Actor, number int) (PolicyAck, error) {
	if actor.UserID == 0 {
		return PolicyAck{}, bedside.Errorf(bedside.EInvalid, "only a user can acknowledge the policy")
	}
	v, err := db.policyVersion(ctx, "practice_id = ? AND number = ? AND published_at IS NOT NULL", actor.PracticeID, number)
	if err != nil {
		return PolicyAck{}, bedside.Errorf(bedside.ENotFound, "no published policy version %d", number)
	}
	now := db.now().UTC().Truncate(time.Millisecond)
	ack := PolicyAck{UserID: actor.UserID, Version: v.Number, At: now}
	err = db.tx(ctx, func(t *Tx) error {
		var at int64
		err := t.queryRow(ctx, "SELECT at FROM policy_acks WHERE user_id = ? AND version_id = ?", actor.UserID, v.ID).Scan(&at)
		if err == nil {
			ack.At = fromMS(at)
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if _, err := t.exec(ctx, "INSERT INTO policy_acks (practice_id, user_id, version_id, at) VALUES (?, ?, ?, ?)",
			actor.PracticeID, actor.UserID, v.ID, ms(now)); err != nil {
			return fmt.Errorf("insert acknowledgement: %w", err)
		}
		return t.audit(ctx, actor.PracticeID, actor, "policy.acknowledge", "policy_version", strconv.FormatInt(v.ID, 10))
	})
	return ack, err
}

// RecordTrainingAttempt keeps a scored quiz of the actor's user, with the policy version they had
// acknowledged (the current one, if they had).
func (db *DB) RecordTrainingAttempt(ctx context.Context, actor Actor, r training.Result) (TrainingAttempt, error) {
	if actor.UserID == 0 {
		return TrainingAttempt{}, bedside.Errorf(bedside.EInvalid, "only a user can take the training")
	}
	if r.Total <= 0 || r.Score < 0 || r.Score > r.Total {
		return TrainingAttempt{}, bedside.Errorf(bedside.EInvalid, "a score is between 0 and the number of questions")
	}
	now := db.now().UTC().Truncate(time.Millisecond)
	a := TrainingAttempt{UserID: actor.UserID, Score: r.Score, Total: r.Total, Passed: r.Passed, CompletedAt: now}
	err := db.tx(ctx, func(t *Tx) error {
		err := t.queryRow(ctx, `SELECT v.number FROM policy_acks a JOIN policy_versions v ON v.id = a.version_id
			WHERE a.user_id = ? AND a.practice_id = ? ORDER BY v.number DESC LIMIT 1`, actor.UserID, actor.PracticeID).Scan(&a.PolicyVersion)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("acknowledged version: %w", err)
		}
		var pv any
		if a.PolicyVersion != 0 {
			pv = a.PolicyVersion
		}
		id, err := t.insert(ctx, `INSERT INTO training_attempts (practice_id, user_id, score, total, passed, policy_version, completed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, actor.PracticeID, actor.UserID, a.Score, a.Total, b2i(a.Passed), pv, ms(now))
		if err != nil {
			return fmt.Errorf("insert attempt: %w", err)
		}
		a.ID = id
		return t.audit(ctx, actor.PracticeID, actor, "training.attempt", "training_attempt", strconv.FormatInt(id, 10))
	})
	return a, err
}

// SetTrainingRequired turns on or off the rule that users must acknowledge the current policy and
// hold a valid training before they use Bedside's pages.
func (db *DB) SetTrainingRequired(ctx context.Context, actor Actor, on bool) error {
	return db.tx(ctx, func(t *Tx) error {
		if _, err := t.exec(ctx, "UPDATE practices SET training_required = ? WHERE id = ?", b2i(on), actor.PracticeID); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "practice.training_required", "practice", strconv.FormatInt(actor.PracticeID, 10))
	})
}

// TrainingRequired reports the practice's rule.
func (db *DB) TrainingRequired(ctx context.Context, practiceID int64) (bool, error) {
	var on bool
	err := db.hotRow(ctx, "SELECT training_required FROM practices WHERE id = ?", practiceID).Scan(&on)
	return on, err
}
