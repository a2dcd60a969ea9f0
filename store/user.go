package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
)

const userCols = "id, practice_id, email, name, role, totp_enabled, disabled, created_at"

func scanUser(row interface{ Scan(...any) error }) (bedside.User, error) {
	var u bedside.User
	var role string
	var created int64
	err := row.Scan(&u.ID, &u.PracticeID, &u.Email, &u.Name, &role, &u.TOTPEnabled, &u.Disabled, &created)
	u.Role = bedside.Role(role)
	u.CreatedAt = fromMS(created)
	return u, err
}

// NormalizeEmail lower-cases and trims an address, so that one person has one account.
func NormalizeEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

// CreateUser adds a user to the actor's practice.
func (db *DB) CreateUser(ctx context.Context, actor Actor, email, name string, role bedside.Role, passwordHash string) (bedside.User, error) {
	var u bedside.User
	err := db.tx(ctx, func(t *Tx) error {
		var err error
		u, err = t.createUser(ctx, actor, actor.PracticeID, email, name, role, passwordHash)
		return err
	})
	return u, err
}

func (t *Tx) createUser(ctx context.Context, actor Actor, practiceID int64, email, name string, role bedside.Role, passwordHash string) (bedside.User, error) {
	email = NormalizeEmail(email)
	if !strings.Contains(email, "@") || len(email) > 254 {
		return bedside.User{}, bedside.Errorf(bedside.EInvalid, "a valid email address is required")
	}
	if !role.Valid() {
		return bedside.User{}, bedside.Errorf(bedside.EInvalid, "role must be admin, compliance or staff")
	}
	now := t.db.now()
	id, err := t.insert(ctx, "INSERT INTO users (practice_id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		practiceID, email, name, string(role), passwordHash, ms(now))
	if isUnique(err) {
		return bedside.User{}, bedside.Errorf(bedside.EConflict, "a user with that email address already exists")
	}
	if err != nil {
		return bedside.User{}, fmt.Errorf("insert user: %w", err)
	}
	if err := t.audit(ctx, practiceID, actor, "user.create", "user", strconv.FormatInt(id, 10)); err != nil {
		return bedside.User{}, err
	}
	return bedside.User{ID: id, PracticeID: practiceID, Email: email, Name: name, Role: role, CreatedAt: fromMS(ms(now))}, nil
}

// Users lists the practice's users.
func (db *DB) Users(ctx context.Context, practiceID int64) ([]bedside.User, error) {
	rows, err := db.query(ctx, "SELECT "+userCols+" FROM users WHERE practice_id = ? ORDER BY id", practiceID)
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	defer rows.Close()
	var out []bedside.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// User returns one user of the practice.
func (db *DB) User(ctx context.Context, practiceID, id int64) (bedside.User, error) {
	u, err := scanUser(db.queryRow(ctx, "SELECT "+userCols+" FROM users WHERE practice_id = ? AND id = ?", practiceID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return u, bedside.Errorf(bedside.ENotFound, "no such user")
	}
	return u, err
}

// SetRole changes a user's role.
func (db *DB) SetRole(ctx context.Context, actor Actor, userID int64, role bedside.Role) error {
	if !role.Valid() {
		return bedside.Errorf(bedside.EInvalid, "role must be admin, compliance or staff")
	}
	return db.tx(ctx, func(t *Tx) error {
		res, err := t.exec(ctx, "UPDATE users SET role = ? WHERE practice_id = ? AND id = ?", string(role), actor.PracticeID, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return bedside.Errorf(bedside.ENotFound, "no such user")
		}
		return t.audit(ctx, actor.PracticeID, actor, "user.role", "user", strconv.FormatInt(userID, 10))
	})
}

// SetDisabled locks a user out (or lets them back in) and ends their sessions.
func (db *DB) SetDisabled(ctx context.Context, actor Actor, userID int64, disabled bool) error {
	return db.tx(ctx, func(t *Tx) error {
		res, err := t.exec(ctx, "UPDATE users SET disabled = ? WHERE practice_id = ? AND id = ?", b2i(disabled), actor.PracticeID, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return bedside.Errorf(bedside.ENotFound, "no such user")
		}
		if disabled {
			if _, err := t.exec(ctx, "DELETE FROM sessions WHERE user_id = ? AND practice_id = ?", userID, actor.PracticeID); err != nil {
				return err
			}
		}
		action := "user.enable"
		if disabled {
			action = "user.disable"
		}
		return t.audit(ctx, actor.PracticeID, actor, action, "user", strconv.FormatInt(userID, 10))
	})
}

// Credentials is what signing in needs to check about a user.
type Credentials struct {
	User         bedside.User
	PasswordHash string
	TOTPSecret   string
	FailedLogins int
	LockedUntil  time.Time
}

// CredentialsByEmail finds the user signing in, across practices (an email address is unique).
func (db *DB) CredentialsByEmail(ctx context.Context, email string) (Credentials, error) {
	var c Credentials
	var role string
	var created, locked int64
	err := db.queryRow(ctx, `SELECT id, practice_id, email, name, role, totp_enabled, disabled, created_at,
		password_hash, totp_secret, failed_logins, locked_until FROM users WHERE email = ?`, NormalizeEmail(email)).
		Scan(&c.User.ID, &c.User.PracticeID, &c.User.Email, &c.User.Name, &role, &c.User.TOTPEnabled, &c.User.Disabled,
			&created, &c.PasswordHash, &c.TOTPSecret, &c.FailedLogins, &locked)
	if errors.Is(err, sql.ErrNoRows) {
		return c, bedside.Errorf(bedside.ENotFound, "no such user")
	}
	if err != nil {
		return c, err
	}
	c.User.Role = bedside.Role(role)
	c.User.CreatedAt = fromMS(created)
	c.LockedUntil = fromMS(locked)
	c.TOTPSecret, err = db.openTOTP(c.User.ID, c.TOTPSecret)
	return c, err
}

// TOTP secrets are sealed like patients' data: whoever reads the database must not be able to
// generate codes. Values written before sealing are read as they are and sealed when next set.
const sealedPrefix = "sealed:"

func totpContext(userID int64) string { return "users:" + strconv.FormatInt(userID, 10) + ":totp" }

func (db *DB) sealTOTP(userID int64, secret string) string {
	if secret == "" {
		return ""
	}
	return sealedPrefix + base64.StdEncoding.EncodeToString(db.keys.Seal([]byte(secret), totpContext(userID)))
}

func (db *DB) openTOTP(userID int64, stored string) (string, error) {
	b64, ok := strings.CutPrefix(stored, sealedPrefix)
	if !ok {
		return stored, nil
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return "", fmt.Errorf("totp secret of user %d: %w", userID, err)
	}
	plain, err := db.keys.Open(raw, totpContext(userID))
	if err != nil {
		return "", fmt.Errorf("totp secret of user %d: %w", userID, err)
	}
	return string(plain), nil
}

// LoginFailed counts a failed sign-in and locks the account for lockFor after maxFailures.
func (db *DB) LoginFailed(ctx context.Context, user bedside.User, maxFailures int, lockFor time.Duration) (locked bool, err error) {
	err = db.tx(ctx, func(t *Tx) error {
		var failed int
		if err := t.queryRow(ctx, "UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING failed_logins", user.ID).Scan(&failed); err != nil {
			return err
		}
		if failed >= maxFailures {
			locked = true
			if _, err := t.exec(ctx, "UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?", ms(db.now().Add(lockFor)), user.ID); err != nil {
				return err
			}
			return t.audit(ctx, user.PracticeID, Actor{PracticeID: user.PracticeID}, "user.lockout", "user", strconv.FormatInt(user.ID, 10))
		}
		return t.audit(ctx, user.PracticeID, Actor{PracticeID: user.PracticeID}, "login.failure", "user", strconv.FormatInt(user.ID, 10))
	})
	return locked, err
}

// SetTOTP stores a user's second-factor secret; enabled is set once they proved a code.
func (db *DB) SetTOTP(ctx context.Context, actor Actor, userID int64, secret string, enabled bool) error {
	return db.tx(ctx, func(t *Tx) error {
		res, err := t.exec(ctx, "UPDATE users SET totp_secret = ?, totp_enabled = ? WHERE practice_id = ? AND id = ?",
			db.sealTOTP(userID, secret), b2i(enabled), actor.PracticeID, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return bedside.Errorf(bedside.ENotFound, "no such user")
		}
		action := "user.totp_disable"
		if enabled {
			action = "user.totp_enable"
		}
		return t.audit(ctx, actor.PracticeID, actor, action, "user", strconv.FormatInt(userID, 10))
	})
}
