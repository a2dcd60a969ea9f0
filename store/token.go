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

// CreateToken stores a bearer token for the actor's user. ttl 0 means it lasts until revoked.
func (db *DB) CreateToken(ctx context.Context, actor Actor, userID int64, name, prefix, hash string, ttl time.Duration) (bedside.APIToken, error) {
	tok := bedside.APIToken{PracticeID: actor.PracticeID, UserID: userID, Name: name, Prefix: prefix, CreatedAt: fromMS(ms(db.now()))}
	var expires *int64
	if ttl > 0 {
		e := ms(db.now().Add(ttl))
		expires = &e
		t := fromMS(e)
		tok.ExpiresAt = &t
	}
	err := db.tx(ctx, func(t *Tx) error {
		var n int
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM users WHERE id = ? AND practice_id = ?", userID, actor.PracticeID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return bedside.Errorf(bedside.ENotFound, "no such user")
		}
		id, err := t.insert(ctx, `INSERT INTO api_tokens (practice_id, user_id, name, prefix, token_hash, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, actor.PracticeID, userID, name, prefix, hash, ms(db.now()), expires)
		if err != nil {
			return fmt.Errorf("insert token: %w", err)
		}
		tok.ID = id
		return t.audit(ctx, actor.PracticeID, actor, "token.create", "token", strconv.FormatInt(id, 10))
	})
	return tok, err
}

// Tokens lists the practice's named tokens (those made by signing in through the API included).
func (db *DB) Tokens(ctx context.Context, practiceID int64) ([]bedside.APIToken, error) {
	rows, err := db.query(ctx, `SELECT id, practice_id, user_id, name, prefix, created_at, expires_at, revoked_at, last_used_at
		FROM api_tokens WHERE practice_id = ? ORDER BY id DESC`, practiceID)
	if err != nil {
		return nil, fmt.Errorf("tokens: %w", err)
	}
	defer rows.Close()
	var out []bedside.APIToken
	for rows.Next() {
		var t bedside.APIToken
		var created int64
		var expires, revoked, used sql.NullInt64
		if err := rows.Scan(&t.ID, &t.PracticeID, &t.UserID, &t.Name, &t.Prefix, &created, &expires, &revoked, &used); err != nil {
			return nil, err
		}
		t.CreatedAt = fromMS(created)
		t.ExpiresAt, t.RevokedAt, t.LastUsedAt = optTime(expires), optTime(revoked), optTime(used)
		out = append(out, t)
	}
	return out, rows.Err()
}

func optTime(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := fromMS(v.Int64)
	return &t
}

// RevokeToken ends a token of the practice.
func (db *DB) RevokeToken(ctx context.Context, actor Actor, id int64) error {
	return db.tx(ctx, func(t *Tx) error {
		res, err := t.exec(ctx, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND practice_id = ? AND revoked_at IS NULL",
			ms(db.now()), id, actor.PracticeID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return bedside.Errorf(bedside.ENotFound, "no such token")
		}
		return t.audit(ctx, actor.PracticeID, actor, "token.revoke", "token", strconv.FormatInt(id, 10))
	})
}

// Principal is an authenticated caller with their practice, read in one query per request.
type Principal struct {
	User           bedside.User
	Practice       bedside.Practice
	ProfileVersion int64 // tells whether a cached scanner still matches the practice's profile
}

const principalCols = `u.id, u.practice_id, u.email, u.name, u.role, u.totp_enabled, u.disabled, u.created_at,
	p.id, p.name, p.require_totp, p.created_at, p.profile_version`

func principalDest(pr *Principal, role *string, uc, pc *int64) []any {
	return []any{&pr.User.ID, &pr.User.PracticeID, &pr.User.Email, &pr.User.Name, role, &pr.User.TOTPEnabled,
		&pr.User.Disabled, uc, &pr.Practice.ID, &pr.Practice.Name, &pr.Practice.RequireTOTP, pc, &pr.ProfileVersion}
}

func (pr *Principal) finish(role string, uc, pc int64) {
	pr.User.Role, pr.User.CreatedAt, pr.Practice.CreatedAt = bedside.Role(role), fromMS(uc), fromMS(pc)
}

// TokenByHash authenticates a bearer token: live, not revoked, its user enabled.
func (db *DB) TokenByHash(ctx context.Context, hash string) (bedside.APIToken, Principal, error) {
	var tok bedside.APIToken
	var pr Principal
	var expires, revoked sql.NullInt64
	var role string
	var uc, pc int64
	dest := append([]any{&tok.ID, &tok.PracticeID, &tok.UserID, &tok.Name, &tok.Prefix, &expires, &revoked}, principalDest(&pr, &role, &uc, &pc)...)
	err := db.hotRow(ctx, `SELECT t.id, t.practice_id, t.user_id, t.name, t.prefix, t.expires_at, t.revoked_at, `+principalCols+`
		FROM api_tokens t JOIN users u ON u.id = t.user_id AND u.practice_id = t.practice_id
		JOIN practices p ON p.id = t.practice_id WHERE t.token_hash = ?`, hash).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return tok, pr, bedside.Errorf(bedside.EUnauthorized, "unknown token")
	}
	if err != nil {
		return tok, pr, fmt.Errorf("token: %w", err)
	}
	pr.finish(role, uc, pc)
	if revoked.Valid || expires.Valid && !db.now().Before(fromMS(expires.Int64)) || pr.User.Disabled {
		return tok, pr, bedside.Errorf(bedside.EUnauthorized, "the token was revoked or has expired")
	}
	return tok, pr, nil
}
