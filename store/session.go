package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside"
)

// Session is a signed-in browser. Its token is kept only as a hash.
type Session struct {
	ID           int64
	User         bedside.User
	Principal    Principal // filled by SessionByHash
	CSRFToken    string
	SecondFactor bool // the user proved a TOTP code in this session
	ExpiresAt    time.Time
}

// CreateSession records a sign-in; the reset of failed attempts and the audit event go with it.
func (db *DB) CreateSession(ctx context.Context, u bedside.User, tokenHash, csrf string, secondFactor bool, ttl time.Duration) (Session, error) {
	s := Session{User: u, CSRFToken: csrf, SecondFactor: secondFactor, ExpiresAt: fromMS(ms(db.now().Add(ttl)))}
	err := db.tx(ctx, func(t *Tx) error {
		id, err := t.insert(ctx, `INSERT INTO sessions (token_hash, user_id, practice_id, csrf_token, second_factor, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, tokenHash, u.ID, u.PracticeID, csrf, b2i(secondFactor), ms(db.now()), ms(s.ExpiresAt))
		if err != nil {
			return fmt.Errorf("insert session: %w", err)
		}
		s.ID = id
		if _, err := t.exec(ctx, "UPDATE users SET failed_logins = 0 WHERE id = ?", u.ID); err != nil {
			return err
		}
		return t.audit(ctx, u.PracticeID, Actor{PracticeID: u.PracticeID, UserID: u.ID}, "login", "session", strconv.FormatInt(id, 10))
	})
	return s, err
}

// SessionByHash returns a live session and its user; expired sessions and disabled users are not found.
func (db *DB) SessionByHash(ctx context.Context, tokenHash string) (Session, error) {
	var s Session
	var expires int64
	var role string
	var uc, pc int64
	dest := append([]any{&s.ID, &s.CSRFToken, &s.SecondFactor, &expires}, principalDest(&s.Principal, &role, &uc, &pc)...)
	err := db.hotRow(ctx, `SELECT s.id, s.csrf_token, s.second_factor, s.expires_at, `+principalCols+`
		FROM sessions s JOIN users u ON u.id = s.user_id AND u.practice_id = s.practice_id
		JOIN practices p ON p.id = s.practice_id WHERE s.token_hash = ?`, tokenHash).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return s, bedside.Errorf(bedside.EUnauthorized, "not signed in")
	}
	if err != nil {
		return s, fmt.Errorf("session: %w", err)
	}
	s.Principal.finish(role, uc, pc)
	s.User, s.ExpiresAt = s.Principal.User, fromMS(expires)
	if !db.now().Before(s.ExpiresAt) || s.User.Disabled {
		return s, bedside.Errorf(bedside.EUnauthorized, "the session has ended; sign in again")
	}
	return s, nil
}

// SessionSecondFactor marks that the session's user proved a TOTP code.
func (db *DB) SessionSecondFactor(ctx context.Context, s Session) error {
	return db.tx(ctx, func(t *Tx) error {
		if _, err := t.exec(ctx, "UPDATE sessions SET second_factor = 1 WHERE id = ? AND practice_id = ?", s.ID, s.User.PracticeID); err != nil {
			return err
		}
		return t.audit(ctx, s.User.PracticeID, Actor{PracticeID: s.User.PracticeID, UserID: s.User.ID}, "login.second_factor", "session", strconv.FormatInt(s.ID, 10))
	})
}

// DeleteSession signs out.
func (db *DB) DeleteSession(ctx context.Context, s Session) error {
	return db.tx(ctx, func(t *Tx) error {
		if _, err := t.exec(ctx, "DELETE FROM sessions WHERE id = ? AND practice_id = ?", s.ID, s.User.PracticeID); err != nil {
			return err
		}
		return t.audit(ctx, s.User.PracticeID, Actor{PracticeID: s.User.PracticeID, UserID: s.User.ID}, "logout", "session", strconv.FormatInt(s.ID, 10))
	})
}

// LoginAllowed counts an attempt under key (an address or an email) and reports whether it is
// within max attempts per window. The counter lives in the database, so several servers share it.
func (db *DB) LoginAllowed(ctx context.Context, key string, max int, window time.Duration) (bool, error) {
	allowed := false
	err := db.tx(ctx, func(t *Tx) error {
		now := ms(db.now())
		var start int64
		var count int
		err := t.queryRow(ctx, "SELECT window_start, count FROM login_attempts WHERE key = ?", key).Scan(&start, &count)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			_, err = t.exec(ctx, "INSERT INTO login_attempts (key, window_start, count) VALUES (?, ?, 1)", key, now)
			allowed = true
			return err
		case err != nil:
			return err
		case now-start >= window.Milliseconds():
			_, err = t.exec(ctx, "UPDATE login_attempts SET window_start = ?, count = 1 WHERE key = ?", now, key)
			allowed = true
			return err
		}
		allowed = count < max
		_, err = t.exec(ctx, "UPDATE login_attempts SET count = count + 1 WHERE key = ?", key)
		return err
	})
	return allowed, err
}
