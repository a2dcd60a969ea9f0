package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/bedsidehq/bedside"
)

// CreateSetupToken stores the hash of a one-time setup link's secret.
func (db *DB) CreateSetupToken(ctx context.Context, hash string) error {
	return db.tx(ctx, func(t *Tx) error {
		_, err := t.exec(ctx, "INSERT INTO setup_tokens (token_hash, created_at) VALUES (?, ?)", hash, ms(db.now()))
		return err
	})
}

// SetupTokenValid reports whether a setup link is unused and no user exists yet.
func (db *DB) SetupTokenValid(ctx context.Context, hash string) (bool, error) {
	var used sql.NullInt64
	err := db.queryRow(ctx, "SELECT used_at FROM setup_tokens WHERE token_hash = ?", hash).Scan(&used)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil || used.Valid {
		return false, err
	}
	has, err := db.HasUsers(ctx)
	return !has, err
}

// UseSetupToken creates the first practice and admin with a setup link, which then stops working;
// all in one transaction, so a failure leaves the link usable.
func (db *DB) UseSetupToken(ctx context.Context, hash, practice, email, name, passwordHash string) (bedside.Practice, bedside.User, error) {
	var p bedside.Practice
	var u bedside.User
	err := db.tx(ctx, func(t *Tx) error {
		res, err := t.exec(ctx, "UPDATE setup_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", ms(db.now()), hash)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return bedside.Errorf(bedside.EForbidden, "this setup link was used already or is not valid")
		}
		var users int
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM users").Scan(&users); err != nil {
			return err
		}
		if users > 0 {
			return bedside.Errorf(bedside.EForbidden, "Bedside is set up already; sign in instead")
		}
		p, u, err = t.newPractice(ctx, practice, email, name, passwordHash)
		return err
	})
	return p, u, err
}
