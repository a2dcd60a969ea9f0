package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/phi"
)

// NewPractice creates a practice and its first admin in one transaction.
func (db *DB) NewPractice(ctx context.Context, name, email, userName, passwordHash string) (bedside.Practice, bedside.User, error) {
	var p bedside.Practice
	var u bedside.User
	err := db.tx(ctx, func(t *Tx) error {
		var err error
		p, u, err = t.newPractice(ctx, name, email, userName, passwordHash)
		return err
	})
	return p, u, err
}

func (t *Tx) newPractice(ctx context.Context, name, email, userName, passwordHash string) (p bedside.Practice, u bedside.User, err error) {
	if name == "" {
		return p, u, bedside.Errorf(bedside.EInvalid, "a practice needs a name")
	}
	{
		now := t.db.now()
		prof, _ := json.Marshal(phi.Profile{Name: name})
		// A new practice starts with the policy-and-training rule on; practices from before it existed
		// keep it off until their admin turns it on (migration 00019).
		id, err := t.insert(ctx, "INSERT INTO practices (name, profile, created_at, training_required) VALUES (?, ?, ?, 1)", name, string(prof), ms(now))
		if err != nil {
			return p, u, fmt.Errorf("insert practice: %w", err)
		}
		p = bedside.Practice{ID: id, Name: name, CreatedAt: fromMS(ms(now))}
		if err := t.audit(ctx, id, Actor{PracticeID: id}, "practice.create", "practice", strconv.FormatInt(id, 10)); err != nil {
			return p, u, err
		}
		u, err = t.createUser(ctx, Actor{PracticeID: id}, id, email, userName, bedside.RoleAdmin, passwordHash)
		return p, u, err
	}
}

// Practice returns one practice.
func (db *DB) Practice(ctx context.Context, id int64) (bedside.Practice, error) {
	var p bedside.Practice
	var created int64
	err := db.queryRow(ctx, "SELECT id, name, require_totp, created_at FROM practices WHERE id = ?", id).
		Scan(&p.ID, &p.Name, &p.RequireTOTP, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return p, bedside.Errorf(bedside.ENotFound, "no such practice")
	}
	p.CreatedAt = fromMS(created)
	return p, err
}

// Profile returns the practice's scanner profile and its version, which changes on every update.
func (db *DB) Profile(ctx context.Context, practiceID int64) (phi.Profile, int64, error) {
	var raw string
	var version int64
	err := db.queryRow(ctx, "SELECT profile, profile_version FROM practices WHERE id = ?", practiceID).Scan(&raw, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return phi.Profile{}, 0, bedside.Errorf(bedside.ENotFound, "no such practice")
	}
	if err != nil {
		return phi.Profile{}, 0, fmt.Errorf("profile: %w", err)
	}
	var p phi.Profile
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		return phi.Profile{}, 0, fmt.Errorf("profile of practice %d: %w", practiceID, err)
	}
	return p, version, nil
}

// UpdateProfile replaces the practice's profile.
func (db *DB) UpdateProfile(ctx context.Context, actor Actor, p phi.Profile) (int64, error) {
	if err := p.Validate(); err != nil {
		return 0, bedside.Errorf(bedside.EInvalid, "%s", err.Error())
	}
	raw, err := json.Marshal(p)
	if err != nil {
		return 0, err
	}
	var version int64
	err = db.tx(ctx, func(t *Tx) error {
		if err := t.queryRow(ctx, "UPDATE practices SET profile = ?, profile_version = profile_version + 1 WHERE id = ? RETURNING profile_version",
			string(raw), actor.PracticeID).Scan(&version); err != nil {
			return fmt.Errorf("update profile: %w", err)
		}
		return t.audit(ctx, actor.PracticeID, actor, "profile.update", "practice", strconv.FormatInt(actor.PracticeID, 10))
	})
	return version, err
}

// SetRequireTOTP turns the practice's second-factor rule for admins and compliance officers on or off.
func (db *DB) SetRequireTOTP(ctx context.Context, actor Actor, on bool) error {
	return db.tx(ctx, func(t *Tx) error {
		if _, err := t.exec(ctx, "UPDATE practices SET require_totp = ? WHERE id = ?", b2i(on), actor.PracticeID); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "practice.require_totp", "practice", strconv.FormatInt(actor.PracticeID, 10))
	})
}

// SetApprovalsRequired sets how many different compliance officers must approve a post: 1, or 2
// for a second approver.
func (db *DB) SetApprovalsRequired(ctx context.Context, actor Actor, n int) error {
	if n < 1 || n > 2 {
		return bedside.Errorf(bedside.EInvalid, "a post needs 1 or 2 approvals")
	}
	return db.tx(ctx, func(t *Tx) error {
		if _, err := t.exec(ctx, "UPDATE practices SET approvals_required = ? WHERE id = ?", n, actor.PracticeID); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "practice.approvals_required", "practice", strconv.FormatInt(actor.PracticeID, 10))
	})
}

// HasUsers reports whether anyone can sign in yet: without users, serve offers a setup link.
func (db *DB) HasUsers(ctx context.Context) (bool, error) {
	var n int64
	err := db.queryRow(ctx, "SELECT COUNT(*) FROM users").Scan(&n)
	return n > 0, err
}

// CreateLocation adds an office to the practice.
func (db *DB) CreateLocation(ctx context.Context, actor Actor, name, address string) (bedside.Location, error) {
	l := bedside.Location{PracticeID: actor.PracticeID, Name: name, Address: address}
	if name == "" {
		return l, bedside.Errorf(bedside.EInvalid, "a location needs a name")
	}
	err := db.tx(ctx, func(t *Tx) error {
		id, err := t.insert(ctx, "INSERT INTO locations (practice_id, name, address) VALUES (?, ?, ?)", actor.PracticeID, name, address)
		if err != nil {
			return fmt.Errorf("insert location: %w", err)
		}
		l.ID = id
		return t.audit(ctx, actor.PracticeID, actor, "location.create", "location", strconv.FormatInt(id, 10))
	})
	return l, err
}

// Locations lists the practice's offices.
func (db *DB) Locations(ctx context.Context, practiceID int64) ([]bedside.Location, error) {
	rows, err := db.query(ctx, "SELECT id, practice_id, name, address FROM locations WHERE practice_id = ? ORDER BY id", practiceID)
	if err != nil {
		return nil, fmt.Errorf("locations: %w", err)
	}
	defer rows.Close()
	var out []bedside.Location
	for rows.Next() {
		var l bedside.Location
		if err := rows.Scan(&l.ID, &l.PracticeID, &l.Name, &l.Address); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}
