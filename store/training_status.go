package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/training"
)

// Why a user is overdue.
const (
	OverdueNeverCompleted = "never completed"
	OverdueExpired        = "expired"
	OverduePolicy         = "has not acknowledged the current policy"
)

// TrainingStatus is where one user stands: the current policy acknowledged or not, the last
// passed training and when it expires. Overdue lists why they are not in good standing.
type TrainingStatus struct {
	UserID         int64      `json:"user_id"`
	Name           string     `json:"name"`
	Email          string     `json:"email"`
	Role           string     `json:"role"`
	AckedVersion   int        `json:"acknowledged_version"` // newest acknowledged; 0 for none
	CurrentVersion int        `json:"current_version"`      // 0 while no policy is published
	LastPassed     *time.Time `json:"last_passed"`
	LastScore      int        `json:"last_score"`
	LastTotal      int        `json:"last_total"`
	ExpiresAt      *time.Time `json:"expires_at"`
	Overdue        []string   `json:"overdue"`
	acks           []PolicyAck
	attempts       []TrainingAttempt
	ackedCurrent   bool
}

// Current reports whether the user needs nothing.
func (s TrainingStatus) Current() bool { return len(s.Overdue) == 0 }

// NeedsPolicy reports whether the user must acknowledge the current policy.
func (s TrainingStatus) NeedsPolicy() bool { return s.CurrentVersion != 0 && !s.ackedCurrent }

// NeedsTraining reports whether the user has no valid training: never passed, or expired.
func (s TrainingStatus) NeedsTraining() bool {
	return !slices.Contains(s.Overdue, OverduePolicy) && len(s.Overdue) > 0 || len(s.Overdue) > 1
}

// judge fills in the standing of s from its acknowledgements and attempts (oldest first).
func (s *TrainingStatus) judge(current int, now time.Time) {
	s.CurrentVersion = current
	for _, a := range s.acks {
		s.AckedVersion = max(s.AckedVersion, a.Version)
		if a.Version == current {
			s.ackedCurrent = true
		}
	}
	for _, a := range s.attempts {
		if a.Passed {
			at, exp := a.CompletedAt, a.CompletedAt.Add(training.ValidFor)
			s.LastPassed, s.ExpiresAt, s.LastScore, s.LastTotal = &at, &exp, a.Score, a.Total
		}
	}
	s.Overdue = []string{}
	switch {
	case s.LastPassed == nil:
		s.Overdue = append(s.Overdue, OverdueNeverCompleted)
	case !now.Before(*s.ExpiresAt):
		s.Overdue = append(s.Overdue, OverdueExpired)
	}
	if s.NeedsPolicy() {
		s.Overdue = append(s.Overdue, OverduePolicy)
	}
}

// TrainingStatuses lists every enabled user of the practice with their standing.
func (db *DB) TrainingStatuses(ctx context.Context, practiceID int64) ([]TrainingStatus, error) {
	return db.trainingStatuses(ctx, practiceID, 0)
}

// UserTrainingStatus is one user's standing.
func (db *DB) UserTrainingStatus(ctx context.Context, practiceID, userID int64) (TrainingStatus, error) {
	all, err := db.trainingStatuses(ctx, practiceID, userID)
	if err != nil {
		return TrainingStatus{}, err
	}
	if len(all) == 0 {
		return TrainingStatus{}, bedside.Errorf(bedside.ENotFound, "no such user")
	}
	return all[0], nil
}

func (db *DB) trainingStatuses(ctx context.Context, practiceID, userID int64) ([]TrainingStatus, error) {
	current := 0
	if v, err := db.CurrentPolicy(ctx, practiceID); err == nil {
		current = v.Number
	} else if bedside.ErrorCode(err) != bedside.ENotFound {
		return nil, err
	}
	// The gate asks about one user on every page view: read that user alone.
	var users []bedside.User
	var err error
	if userID != 0 {
		u, err := db.User(ctx, practiceID, userID)
		if err != nil {
			return nil, err
		}
		users = []bedside.User{u}
	} else if users, err = db.Users(ctx, practiceID); err != nil {
		return nil, err
	}
	byID := map[int64]*TrainingStatus{}
	out := []TrainingStatus{}
	for _, u := range users {
		if u.Disabled {
			continue
		}
		out = append(out, TrainingStatus{UserID: u.ID, Name: u.Name, Email: u.Email, Role: string(u.Role)})
	}
	for i := range out {
		byID[out[i].UserID] = &out[i]
	}
	filter, args := "", []any{practiceID}
	if userID != 0 {
		filter, args = " AND a.user_id = ?", append(args, userID)
	}
	err = each(ctx, db.read, db.q(`SELECT a.user_id, v.number, a.at FROM policy_acks a JOIN policy_versions v ON v.id = a.version_id
		WHERE a.practice_id = ?`+filter+` ORDER BY a.at, a.id`), args, func(rows *sql.Rows) error {
		var a PolicyAck
		var at int64
		if err := rows.Scan(&a.UserID, &a.Version, &at); err != nil {
			return err
		}
		a.At = fromMS(at)
		if s := byID[a.UserID]; s != nil {
			s.acks = append(s.acks, a)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("acknowledgements: %w", err)
	}
	err = each(ctx, db.read, db.q(`SELECT a.id, a.user_id, a.score, a.total, a.passed, COALESCE(a.policy_version, 0), a.completed_at
		FROM training_attempts a WHERE a.practice_id = ?`+filter+` ORDER BY a.completed_at, a.id`), args, func(rows *sql.Rows) error {
		var a TrainingAttempt
		var at int64
		if err := rows.Scan(&a.ID, &a.UserID, &a.Score, &a.Total, &a.Passed, &a.PolicyVersion, &at); err != nil {
			return err
		}
		a.CompletedAt = fromMS(at)
		if s := byID[a.UserID]; s != nil {
			s.attempts = append(s.attempts, a)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("attempts: %w", err)
	}
	now := db.now()
	for i := range out {
		out[i].judge(current, now)
	}
	return out, nil
}

// TrainingEvidence gathers what an auditor asks for: published policy versions, and every user's
// acknowledgements and attempts.
func (db *DB) TrainingEvidence(ctx context.Context, practiceID int64) (training.Evidence, error) {
	p, err := db.Practice(ctx, practiceID)
	if err != nil {
		return training.Evidence{}, err
	}
	e := training.Evidence{Practice: p.Name, Generated: db.now().UTC().Truncate(time.Second)}
	versions, err := db.PolicyVersions(ctx, practiceID)
	if err != nil {
		return e, err
	}
	for i := len(versions) - 1; i >= 0; i-- {
		if v := versions[i]; v.PublishedAt != nil {
			e.Policies = append(e.Policies, training.PolicyRecord{Number: v.Number, SHA256: v.SHA256, PublishedAt: *v.PublishedAt})
		}
	}
	statuses, err := db.TrainingStatuses(ctx, practiceID)
	if err != nil {
		return e, err
	}
	for _, s := range statuses {
		u := training.UserRecord{Name: s.Name, Email: s.Email, Role: s.Role, Status: "current"}
		if !s.Current() {
			u.Status = "overdue: " + strings.Join(s.Overdue, ", ")
		}
		for _, a := range s.acks {
			u.Acks = append(u.Acks, training.AckRecord{Version: a.Version, At: a.At})
		}
		for _, a := range s.attempts {
			u.Attempts = append(u.Attempts, training.AttemptRecord{At: a.CompletedAt, Score: a.Score, Total: a.Total, Passed: a.Passed, PolicyVersion: a.PolicyVersion})
		}
		e.Users = append(e.Users, u)
	}
	return e, nil
}
