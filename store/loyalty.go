package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/loyalty"
)

// loyaltyErr turns the programme's refusals into the application's error: a refusal that depends
// on the member's history (balance, this year's gifts) is a conflict, the rest invalid input.
func loyaltyErr(err error) error {
	var e *loyalty.Error
	if !errors.As(err, &e) {
		return err
	}
	code := bedside.EInvalid
	if e.Reason == loyalty.InsufficientPoints || e.Reason == loyalty.BeneficiaryYear {
		code = bedside.EConflict
	}
	return &bedside.Error{Code: code, Message: e.Message, Details: string(e.Reason)}
}

// SetRule creates or changes how many points one kind of action earns in the actor's practice.
func (db *DB) SetRule(ctx context.Context, actor Actor, r loyalty.Rule) (loyalty.Rule, error) {
	if err := r.Validate(); err != nil {
		return r, loyaltyErr(err)
	}
	r.PracticeID = actor.PracticeID
	err := db.tx(ctx, func(t *Tx) error {
		id, err := t.insert(ctx, `INSERT INTO loyalty_rules (practice_id, kind, points, expiry_months, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (practice_id, kind) DO UPDATE SET points = excluded.points, expiry_months = excluded.expiry_months, updated_at = excluded.updated_at`,
			actor.PracticeID, string(r.Kind), r.Points, r.ExpiryMonths, ms(db.now()))
		if err != nil {
			return fmt.Errorf("loyalty rule: %w", err)
		}
		r.ID = id
		return t.audit(ctx, actor.PracticeID, actor, "loyalty.rule.set", "loyalty_rule", strconv.FormatInt(id, 10))
	})
	return r, err
}

// Rules lists the practice's earn rules by kind.
func (db *DB) Rules(ctx context.Context, actor Actor) ([]loyalty.Rule, error) {
	out := []loyalty.Rule{}
	err := each(ctx, db.read, db.q("SELECT id, kind, points, expiry_months FROM loyalty_rules WHERE practice_id = ? ORDER BY kind"),
		[]any{actor.PracticeID}, func(rows *sql.Rows) error {
			r := loyalty.Rule{PracticeID: actor.PracticeID}
			err := rows.Scan(&r.ID, &r.Kind, &r.Points, &r.ExpiryMonths)
			out = append(out, r)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("loyalty rules: %w", err)
	}
	return out, nil
}

// AddReward adds an entry to the practice's catalogue.
func (db *DB) AddReward(ctx context.Context, actor Actor, r loyalty.Reward) (loyalty.Reward, error) {
	r.Name = strings.TrimSpace(r.Name)
	if err := r.Validate(); err != nil {
		return r, loyaltyErr(err)
	}
	r.PracticeID = actor.PracticeID
	err := db.tx(ctx, func(t *Tx) error {
		id, err := t.insert(ctx, "INSERT INTO loyalty_rewards (practice_id, name, points_cost, retail_cents, kind, created_at) VALUES (?, ?, ?, ?, ?, ?)",
			actor.PracticeID, r.Name, r.PointsCost, r.RetailCents, string(r.Kind), ms(db.now()))
		if err != nil {
			return fmt.Errorf("loyalty reward: %w", err)
		}
		r.ID = id
		return t.audit(ctx, actor.PracticeID, actor, "loyalty.reward.add", "loyalty_reward", strconv.FormatInt(id, 10))
	})
	return r, err
}

// Rewards lists the practice's catalogue, cheapest first.
func (db *DB) Rewards(ctx context.Context, actor Actor) ([]loyalty.Reward, error) {
	out := []loyalty.Reward{}
	err := each(ctx, db.read, db.q(`SELECT id, name, points_cost, retail_cents, kind FROM loyalty_rewards
		WHERE practice_id = ? ORDER BY points_cost, id`), []any{actor.PracticeID}, func(rows *sql.Rows) error {
		r := loyalty.Reward{PracticeID: actor.PracticeID}
		err := rows.Scan(&r.ID, &r.Name, &r.PointsCost, &r.RetailCents, &r.Kind)
		out = append(out, r)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("loyalty rewards: %w", err)
	}
	return out, nil
}

func (db *DB) reward(ctx context.Context, q querier, practiceID, id int64) (loyalty.Reward, error) {
	r := loyalty.Reward{ID: id, PracticeID: practiceID}
	err := q.QueryRowContext(ctx, db.q("SELECT name, points_cost, retail_cents, kind FROM loyalty_rewards WHERE practice_id = ? AND id = ?"),
		practiceID, id).Scan(&r.Name, &r.PointsCost, &r.RetailCents, &r.Kind)
	if errors.Is(err, sql.ErrNoRows) {
		return r, bedside.Errorf(bedside.ENotFound, "no such reward")
	}
	if err != nil {
		return r, fmt.Errorf("loyalty reward: %w", err)
	}
	return r, nil
}

// Join enrols a contact in the practice's programme, which is the evidence of their "points"
// permission. beneficiary marks a Medicare or Medicaid beneficiary, whose rewards are limited.
func (db *DB) Join(ctx context.Context, actor Actor, contactID int64, beneficiary bool) (loyalty.Member, error) {
	m := loyalty.Member{PracticeID: actor.PracticeID, ContactID: contactID, Beneficiary: beneficiary}
	if contactID <= 0 {
		return m, bedside.Errorf(bedside.EInvalid, "a member is a contact: give its id")
	}
	err := db.tx(ctx, func(t *Tx) error {
		var one int
		err := t.queryRow(ctx, "SELECT 1 FROM contacts WHERE id = ? AND practice_id = ? AND wiped_at IS NULL", contactID, actor.PracticeID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return bedside.Errorf(bedside.ENotFound, "no such contact")
		}
		if err != nil {
			return fmt.Errorf("loyalty member: %w", err)
		}
		id, err := t.insert(ctx, "INSERT INTO loyalty_members (practice_id, contact_id, medicare_medicaid, joined_at) VALUES (?, ?, ?, ?)",
			actor.PracticeID, contactID, b2i(beneficiary), ms(db.now()))
		if isUnique(err) {
			return bedside.Errorf(bedside.EConflict, "this contact is already a member")
		}
		if err != nil {
			return fmt.Errorf("loyalty member: %w", err)
		}
		m.ID = id
		return t.audit(ctx, actor.PracticeID, actor, "loyalty.join", "loyalty_member", strconv.FormatInt(id, 10))
	})
	return m, err
}

// SetBeneficiary changes whether a member is a Medicare or Medicaid beneficiary, for instance
// when they turn 65. Rewards already given count towards this year's limit either way.
func (db *DB) SetBeneficiary(ctx context.Context, actor Actor, contactID int64, beneficiary bool) error {
	return db.tx(ctx, func(t *Tx) error {
		m, err := t.lockMember(ctx, actor.PracticeID, contactID)
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, "UPDATE loyalty_members SET medicare_medicaid = ? WHERE id = ?", b2i(beneficiary), m.ID); err != nil {
			return fmt.Errorf("loyalty member: %w", err)
		}
		return t.audit(ctx, actor.PracticeID, actor, "loyalty.beneficiary", "loyalty_member", strconv.FormatInt(m.ID, 10))
	})
}

// lockMember reads a member of the practice and, on PostgreSQL, locks its row until the
// transaction ends: every ledger write for a member holds this lock, so two redemptions cannot
// both spend the same points. SQLite needs no lock: its one writer connection and BEGIN
// IMMEDIATE already run write transactions one at a time.
func (t *Tx) lockMember(ctx context.Context, practiceID, contactID int64) (loyalty.Member, error) {
	return t.lockMemberWhere(ctx, "practice_id = ? AND contact_id = ?", practiceID, contactID)
}

func (t *Tx) lockMemberWhere(ctx context.Context, where string, args ...any) (loyalty.Member, error) {
	lock := ""
	if t.db.dialect == Postgres {
		lock = " FOR UPDATE"
	}
	var m loyalty.Member
	var ben int
	err := t.queryRow(ctx, "SELECT id, practice_id, contact_id, medicare_medicaid FROM loyalty_members WHERE "+where+lock, args...).
		Scan(&m.ID, &m.PracticeID, &m.ContactID, &ben)
	if errors.Is(err, sql.ErrNoRows) {
		return m, bedside.Errorf(bedside.ENotFound, "no such loyalty member")
	}
	if err != nil {
		return m, fmt.Errorf("loyalty member: %w", err)
	}
	m.Beneficiary = ben != 0
	return m, nil
}

func (db *DB) member(ctx context.Context, practiceID, contactID int64) (loyalty.Member, error) {
	m := loyalty.Member{PracticeID: practiceID, ContactID: contactID}
	var ben int
	err := db.queryRow(ctx, "SELECT id, medicare_medicaid FROM loyalty_members WHERE practice_id = ? AND contact_id = ?", practiceID, contactID).
		Scan(&m.ID, &ben)
	if errors.Is(err, sql.ErrNoRows) {
		return m, bedside.Errorf(bedside.ENotFound, "no such loyalty member")
	}
	if err != nil {
		return m, fmt.Errorf("loyalty member: %w", err)
	}
	m.Beneficiary = ben != 0
	return m, nil
}
