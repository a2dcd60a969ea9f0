package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/consent"
)

// Why an address is suppressed. Reasons are codes from this list only, so none can carry an
// address or a name.
const (
	ReasonUnsubscribe = "unsubscribe"
	ReasonRevoked     = "revoked"
	ReasonBounce      = "bounce"
	ReasonComplaint   = "complaint"
	ReasonWiped       = "wiped"
	ReasonStaff       = "staff"
)

var reasons = map[string]bool{ReasonUnsubscribe: true, ReasonRevoked: true, ReasonBounce: true, ReasonComplaint: true, ReasonWiped: true, ReasonStaff: true}

// Suppress puts an address on the practice's suppression list for a channel, whether or not it
// belongs to a contact: for bounces and complaints, which arrive keyed by address. Nothing in
// Bedside takes an address off the list.
func (db *DB) Suppress(ctx context.Context, actor Actor, ch consent.Channel, address, reason string) error {
	if !reasons[reason] {
		return bedside.Errorf(bedside.EInvalid, "unknown suppression reason")
	}
	key, err := db.addressKey(ctx, actor.PracticeID, ch, address)
	if err != nil {
		return err
	}
	return db.tx(ctx, func(t *Tx) error { return t.suppress(ctx, actor, ch, key, reason) })
}

// IsSuppressed reports whether an address is on the practice's suppression list for a channel.
func (db *DB) IsSuppressed(ctx context.Context, actor Actor, ch consent.Channel, address string) (bool, error) {
	key, err := db.addressKey(ctx, actor.PracticeID, ch, address)
	if err != nil {
		return false, err
	}
	return db.suppressedKey(ctx, db.read, actor.PracticeID, ch, key)
}

// addressKey normalises an address and returns its blind index in the practice.
func (db *DB) addressKey(ctx context.Context, practiceID int64, ch consent.Channel, address string) (string, error) {
	n, err := consent.Normalize(ch, address)
	if err != nil {
		return "", bedside.Errorf(bedside.EInvalid, "%s: %v", ch, err)
	}
	key, err := db.indexKey(ctx)
	if err != nil {
		return "", err
	}
	return blindIndex(key, practiceID, ch, n), nil
}

func (db *DB) suppressedKey(ctx context.Context, q querier, practiceID int64, ch consent.Channel, key string) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, db.q("SELECT COUNT(*) FROM suppressions WHERE practice_id = ? AND channel = ? AND address_key = ?"),
		practiceID, string(ch), key).Scan(&n); err != nil {
		return false, fmt.Errorf("suppression: %w", err)
	}
	return n > 0, nil
}

// suppress adds a key to the list once; the first reason stays.
func (t *Tx) suppress(ctx context.Context, actor Actor, ch consent.Channel, key, reason string) error {
	res, err := t.exec(ctx, `INSERT INTO suppressions (practice_id, channel, address_key, reason, created_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (practice_id, channel, address_key) DO NOTHING`, actor.PracticeID, string(ch), key, reason, ms(t.db.now()))
	if err != nil {
		return fmt.Errorf("suppress: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	var id int64
	if err := t.queryRow(ctx, "SELECT id FROM suppressions WHERE practice_id = ? AND channel = ? AND address_key = ?", actor.PracticeID, string(ch), key).Scan(&id); err != nil {
		return fmt.Errorf("suppress: %w", err)
	}
	return t.audit(ctx, actor.PracticeID, actor, "suppression.add", "suppression", strconv.FormatInt(id, 10))
}
