package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/loyalty"
)

const entryColumns = `id, practice_id, member_id, kind, points, rule_kind, reward_id, retail_cents, lot_id,
	idempotency_key, created_at, expires_at`

func scanEntry(scan func(...any) error) (loyalty.Entry, error) {
	var e loyalty.Entry
	var reward, lot, expires sql.NullInt64
	var created int64
	if err := scan(&e.ID, &e.PracticeID, &e.MemberID, &e.Kind, &e.Points, &e.Rule, &reward, &e.RetailCents, &lot,
		&e.Key, &created, &expires); err != nil {
		return e, err
	}
	e.RewardID, e.LotID, e.CreatedAt = reward.Int64, lot.Int64, fromMS(created)
	if expires.Valid {
		e.ExpiresAt = fromMS(expires.Int64)
	}
	return e, nil
}

// entries reads a member's ledger in the order it was written.
func (db *DB) entries(ctx context.Context, q querier, memberID int64) ([]loyalty.Entry, error) {
	out := []loyalty.Entry{}
	err := each(ctx, q, db.q("SELECT "+entryColumns+" FROM loyalty_ledger WHERE member_id = ? ORDER BY id"), []any{memberID},
		func(rows *sql.Rows) error {
			e, err := scanEntry(rows.Scan)
			out = append(out, e)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("loyalty ledger: %w", err)
	}
	return out, nil
}

// byKey finds the entry an idempotency key already produced. same says whether a retry asks for
// the same thing; a key reused for something else is a conflict, never a second credit.
func (db *DB) byKey(ctx context.Context, q querier, practiceID int64, key string, same func(loyalty.Entry) bool) (loyalty.Entry, bool, error) {
	e, err := scanEntry(q.QueryRowContext(ctx, db.q("SELECT "+entryColumns+" FROM loyalty_ledger WHERE practice_id = ? AND idempotency_key = ?"),
		practiceID, key).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return e, false, nil
	}
	if err != nil {
		return e, false, fmt.Errorf("loyalty ledger: %w", err)
	}
	if !same(e) {
		return e, true, bedside.Errorf(bedside.EConflict, "this idempotency key was already used for a different request")
	}
	return e, true, nil
}

func checkKey(key string) error {
	if strings.TrimSpace(key) == "" || len(key) > 200 || strings.HasPrefix(key, "expire:") {
		return bedside.Errorf(bedside.EInvalid, "give an idempotency key of 1 to 200 characters, not starting with expire:")
	}
	return nil
}

// appendEntry writes one ledger row and its audit event.
func (t *Tx) appendEntry(ctx context.Context, actor Actor, e loyalty.Entry) (loyalty.Entry, error) {
	var reward, lot, expires any
	if e.RewardID != 0 {
		reward = e.RewardID
	}
	if e.LotID != 0 {
		lot = e.LotID
	}
	if !e.ExpiresAt.IsZero() {
		expires = ms(e.ExpiresAt)
	}
	id, err := t.insert(ctx, `INSERT INTO loyalty_ledger (practice_id, member_id, kind, points, rule_kind, reward_id, retail_cents, lot_id,
		idempotency_key, actor, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.PracticeID, e.MemberID, string(e.Kind), e.Points, string(e.Rule), reward, e.RetailCents, lot, e.Key, actor.String(), ms(e.CreatedAt), expires)
	if err != nil {
		return e, fmt.Errorf("loyalty ledger: %w", err)
	}
	e.ID = id
	return e, t.audit(ctx, e.PracticeID, actor, "loyalty."+string(e.Kind), "loyalty_entry", strconv.FormatInt(id, 10))
}

// idempotent runs a ledger write; when a concurrent request with the same key won the race to
// the unique index, it answers with that request's entry instead of an error.
func (db *DB) idempotent(ctx context.Context, practiceID int64, key string, same func(loyalty.Entry) bool, write func(*Tx) (loyalty.Entry, error)) (loyalty.Entry, error) {
	var out loyalty.Entry
	err := db.tx(ctx, func(t *Tx) error {
		var err error
		out, err = write(t)
		return err
	})
	if isUnique(err) {
		e, found, kerr := db.byKey(ctx, db.write, practiceID, key, same)
		if kerr != nil {
			return e, kerr
		}
		if found {
			return e, nil
		}
	}
	return out, err
}

// Earn credits a member with the points of one of the practice's rules. A retry with the same
// idempotency key returns the first entry and credits nothing.
func (db *DB) Earn(ctx context.Context, actor Actor, contactID int64, kind loyalty.RuleKind, key string) (loyalty.Entry, error) {
	if loyalty.IsReviewIncentive(kind) {
		return loyalty.Entry{}, loyaltyErr(loyalty.Rule{Kind: kind}.Validate())
	}
	if err := checkKey(key); err != nil {
		return loyalty.Entry{}, err
	}
	var memberID int64
	same := func(e loyalty.Entry) bool { return e.Kind == loyalty.Earn && e.MemberID == memberID && e.Rule == kind }
	return db.idempotent(ctx, actor.PracticeID, key, same, func(t *Tx) (loyalty.Entry, error) {
		m, err := t.lockMember(ctx, actor.PracticeID, contactID)
		if err != nil {
			return loyalty.Entry{}, err
		}
		memberID = m.ID
		if e, found, err := db.byKey(ctx, t.tx, actor.PracticeID, key, same); found || err != nil {
			return e, err
		}
		var points int64
		var months int
		err = t.queryRow(ctx, "SELECT points, expiry_months FROM loyalty_rules WHERE practice_id = ? AND kind = ?", actor.PracticeID, string(kind)).
			Scan(&points, &months)
		if errors.Is(err, sql.ErrNoRows) || err == nil && points == 0 {
			return loyalty.Entry{}, bedside.Errorf(bedside.EInvalid, "the practice has no active rule for %s", kind)
		}
		if err != nil {
			return loyalty.Entry{}, fmt.Errorf("loyalty rule: %w", err)
		}
		now := db.now().UTC().Truncate(time.Millisecond)
		return t.appendEntry(ctx, actor, loyalty.Entry{PracticeID: actor.PracticeID, MemberID: m.ID, Kind: loyalty.Earn, Points: points,
			Rule: kind, Key: key, CreatedAt: now, ExpiresAt: loyalty.ExpiryOf(now, months)})
	})
}

// Redeem spends a member's points on a reward. It is refused when the balance is short or when
// a Medicare/Medicaid beneficiary would pass the nominal-value limits. The member's row is
// locked while the balance is read and the debit written, so concurrent redemptions queue and
// the balance never goes below zero. A retry with the same key returns the first entry.
func (db *DB) Redeem(ctx context.Context, actor Actor, contactID, rewardID int64, key string) (loyalty.Entry, error) {
	if err := checkKey(key); err != nil {
		return loyalty.Entry{}, err
	}
	var memberID int64
	same := func(e loyalty.Entry) bool {
		return e.Kind == loyalty.Redeem && e.MemberID == memberID && e.RewardID == rewardID
	}
	return db.idempotent(ctx, actor.PracticeID, key, same, func(t *Tx) (loyalty.Entry, error) {
		m, err := t.lockMember(ctx, actor.PracticeID, contactID)
		if err != nil {
			return loyalty.Entry{}, err
		}
		memberID = m.ID
		if e, found, err := db.byKey(ctx, t.tx, actor.PracticeID, key, same); found || err != nil {
			return e, err
		}
		r, err := db.reward(ctx, t.tx, actor.PracticeID, rewardID)
		if err != nil {
			return loyalty.Entry{}, err
		}
		entries, err := db.entries(ctx, t.tx, m.ID)
		if err != nil {
			return loyalty.Entry{}, err
		}
		now := db.now().UTC().Truncate(time.Millisecond)
		balance := loyalty.Balance(loyalty.Replay(entries), now)
		if err := loyalty.CheckRedemption(m, r, balance, yearRetail(entries, now)); err != nil {
			return loyalty.Entry{}, loyaltyErr(err)
		}
		return t.appendEntry(ctx, actor, loyalty.Entry{PracticeID: actor.PracticeID, MemberID: m.ID, Kind: loyalty.Redeem,
			Points: -r.PointsCost, RewardID: r.ID, RetailCents: r.RetailCents, Key: key, CreatedAt: now})
	})
}

// yearRetail is the retail value of what the member redeemed in now's calendar year (UTC),
// whether or not they were a beneficiary then.
func yearRetail(entries []loyalty.Entry, now time.Time) int64 {
	start, end := loyalty.Year(now)
	var n int64
	for _, e := range entries {
		if e.Kind == loyalty.Redeem && !e.CreatedAt.Before(start) && e.CreatedAt.Before(end) {
			n += e.RetailCents
		}
	}
	return n
}

// Balance is the points a member can spend now; reading it is audited.
func (db *DB) Balance(ctx context.Context, actor Actor, contactID int64) (int64, error) {
	m, err := db.member(ctx, actor.PracticeID, contactID)
	if err != nil {
		return 0, err
	}
	entries, err := db.entries(ctx, db.read, m.ID)
	if err != nil {
		return 0, err
	}
	return loyalty.Balance(loyalty.Replay(entries), db.now()),
		db.Audit(ctx, actor, "loyalty.balance.view", "loyalty_member", strconv.FormatInt(m.ID, 10))
}

// Ledger lists a member's entries, oldest first; reading it is audited.
func (db *DB) Ledger(ctx context.Context, actor Actor, contactID int64) ([]loyalty.Entry, error) {
	m, err := db.member(ctx, actor.PracticeID, contactID)
	if err != nil {
		return nil, err
	}
	entries, err := db.entries(ctx, db.read, m.ID)
	if err != nil {
		return nil, err
	}
	return entries, db.Audit(ctx, actor, "loyalty.ledger.view", "loyalty_member", strconv.FormatInt(m.ID, 10))
}

// ExpirePoints writes an expire row for every earn whose expiry has passed by now with points
// left, in every practice, as the system. Each lot expires once: running it again writes nothing.
func (db *DB) ExpirePoints(ctx context.Context, now time.Time) (int, error) {
	type member struct{ practice, id int64 }
	var members []member
	err := each(ctx, db.read, db.q(`SELECT DISTINCT l.practice_id, l.member_id FROM loyalty_ledger l
		WHERE l.expires_at <= ? AND l.points > 0 AND NOT EXISTS (SELECT 1 FROM loyalty_ledger x WHERE x.lot_id = l.id)
		ORDER BY l.practice_id, l.member_id`), []any{ms(now)}, func(rows *sql.Rows) error {
		var m member
		err := rows.Scan(&m.practice, &m.id)
		members = append(members, m)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("loyalty expiry: %w", err)
	}
	at := now.UTC().Truncate(time.Millisecond)
	n := 0
	for _, mem := range members {
		system := Actor{PracticeID: mem.practice}
		written := 0
		err := db.tx(ctx, func(t *Tx) error {
			written = 0
			m, err := t.lockMemberWhere(ctx, "practice_id = ? AND id = ?", mem.practice, mem.id)
			if err != nil {
				return err
			}
			entries, err := db.entries(ctx, t.tx, m.ID)
			if err != nil {
				return err
			}
			for _, lot := range loyalty.Due(loyalty.Replay(entries), at) {
				if _, err := t.appendEntry(ctx, system, loyalty.Entry{PracticeID: mem.practice, MemberID: m.ID, Kind: loyalty.Expire,
					Points: -lot.Remaining, LotID: lot.EntryID, Key: "expire:" + strconv.FormatInt(lot.EntryID, 10), CreatedAt: at}); err != nil {
					return err
				}
				written++
			}
			return nil
		})
		if err != nil {
			return n, err
		}
		n += written
	}
	return n, nil
}
