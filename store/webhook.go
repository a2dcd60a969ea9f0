package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside/webhook"
)

func webhookContext(practiceID int64) string { return "webhooks:" + strconv.FormatInt(practiceID, 10) }

// SetWebhook sets the practice's endpoint and its signing secrets (newest first), enabling it.
func (db *DB) SetWebhook(ctx context.Context, actor Actor, url string, secrets []string) error {
	plain, _ := json.Marshal(secrets)
	return db.tx(ctx, func(t *Tx) error {
		if _, err := t.exec(ctx, "DELETE FROM webhooks WHERE practice_id = ?", actor.PracticeID); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "INSERT INTO webhooks (practice_id, url, sealed, key_id, created_at) VALUES (?, ?, ?, ?, ?)",
			actor.PracticeID, url, db.keys.Seal(plain, webhookContext(actor.PracticeID)), int(db.keys.Current()), ms(db.now())); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "webhook.set", "practice", strconv.FormatInt(actor.PracticeID, 10))
	})
}

// DisableWebhook stops deliveries to the practice's endpoint; queued events stay undelivered.
func (db *DB) DisableWebhook(ctx context.Context, actor Actor) error {
	return db.tx(ctx, func(t *Tx) error {
		if _, err := t.exec(ctx, "UPDATE webhooks SET disabled_at = ? WHERE practice_id = ? AND disabled_at IS NULL", ms(db.now()), actor.PracticeID); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "webhook.disable", "practice", strconv.FormatInt(actor.PracticeID, 10))
	})
}

// Webhook returns the practice's enabled endpoint; ok is false when there is none.
func (db *DB) Webhook(ctx context.Context, practiceID int64) (ep webhook.Endpoint, ok bool, err error) {
	return db.webhook(ctx, db.read, practiceID)
}

func (db *DB) webhook(ctx context.Context, q querier, practiceID int64) (webhook.Endpoint, bool, error) {
	var ep webhook.Endpoint
	var sealed []byte
	err := q.QueryRowContext(ctx, db.q("SELECT url, sealed FROM webhooks WHERE practice_id = ? AND disabled_at IS NULL"), practiceID).Scan(&ep.URL, &sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return ep, false, nil
	}
	if err != nil {
		return ep, false, err
	}
	if err := db.openJSON(sealed, webhookContext(practiceID), &ep.Secrets); err != nil {
		return ep, false, fmt.Errorf("webhook secrets: %w", err)
	}
	return ep, true, nil
}

// enqueueEvent puts an event in the outbox, in the caller's transaction, when the practice has an
// enabled endpoint.
func (t *Tx) enqueueEvent(ctx context.Context, practiceID int64, e webhook.Event) error {
	if _, ok, err := t.db.webhook(ctx, t.tx, practiceID); err != nil || !ok {
		return err
	}
	body, err := json.Marshal(e)
	if err != nil {
		return err
	}
	now := ms(t.db.now())
	id, err := t.insert(ctx, `INSERT INTO webhook_deliveries (practice_id, event_id, sealed, key_id, attempts, next_at, last_error, created_at)
		VALUES (?, ?, ?, 0, 0, ?, '', ?)`, practiceID, e.ID, []byte{0}, now, now)
	if err != nil {
		return fmt.Errorf("enqueue event: %w", err)
	}
	return t.sealRow(ctx, "webhook_deliveries", id, body)
}

// Delivery is one event due for an attempt.
type Delivery struct {
	ID         int64
	PracticeID int64
	Attempts   int
	Event      webhook.Event
}

// ClaimDeliveries takes up to limit due events and hides them from other claimers for lease, so
// several servers can deliver from one database without sending an event twice at once.
func (db *DB) ClaimDeliveries(ctx context.Context, limit int, lease time.Duration) ([]Delivery, error) {
	now := ms(db.now())
	var out []Delivery
	err := db.tx(ctx, func(t *Tx) error {
		out = nil
		rows, err := t.tx.QueryContext(ctx, db.q(`UPDATE webhook_deliveries SET next_at = ?
			WHERE next_at <= ? AND delivered_at IS NULL AND gave_up_at IS NULL AND id IN
			(SELECT id FROM webhook_deliveries WHERE next_at <= ? AND delivered_at IS NULL AND gave_up_at IS NULL ORDER BY next_at LIMIT ?)
			RETURNING id, practice_id, attempts, sealed`), now+lease.Milliseconds(), now, now, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d Delivery
			var sealed []byte
			if err := rows.Scan(&d.ID, &d.PracticeID, &d.Attempts, &sealed); err != nil {
				return err
			}
			if err := db.openJSON(sealed, rowContext("webhook_deliveries", d.ID), &d.Event); err != nil {
				return fmt.Errorf("delivery %d: %w", d.ID, err)
			}
			out = append(out, d)
		}
		return rows.Err()
	})
	return out, err
}

// DeliveryOutcome records an attempt: delivered (err nil), to retry at next, or given up (next
// zero). A 410 Gone also disables the practice's endpoint.
func (db *DB) DeliveryOutcome(ctx context.Context, d Delivery, sendErr error, next time.Time) error {
	now := ms(db.now())
	return db.tx(ctx, func(t *Tx) error {
		var err error
		switch {
		case sendErr == nil:
			_, err = t.exec(ctx, "UPDATE webhook_deliveries SET delivered_at = ?, attempts = attempts + 1, last_error = '' WHERE id = ?", now, d.ID)
		case next.IsZero():
			_, err = t.exec(ctx, "UPDATE webhook_deliveries SET gave_up_at = ?, attempts = attempts + 1, last_error = ? WHERE id = ?", now, sendErr.Error(), d.ID)
		default:
			_, err = t.exec(ctx, "UPDATE webhook_deliveries SET next_at = ?, attempts = attempts + 1, last_error = ? WHERE id = ?", ms(next), sendErr.Error(), d.ID)
		}
		if err != nil || !errors.Is(sendErr, webhook.ErrGone) {
			return err
		}
		if _, err := t.exec(ctx, "UPDATE webhooks SET disabled_at = ? WHERE practice_id = ? AND disabled_at IS NULL", now, d.PracticeID); err != nil {
			return err
		}
		return t.audit(ctx, d.PracticeID, Actor{PracticeID: d.PracticeID}, "webhook.gone", "practice", strconv.FormatInt(d.PracticeID, 10))
	})
}

// DeliveryStats counts the practice's outbox by outcome, for the settings page and metrics.
func (db *DB) DeliveryStats(ctx context.Context, practiceID int64) (pending, delivered, failed int, err error) {
	err = db.queryRow(ctx, `SELECT
		COALESCE(SUM(CASE WHEN delivered_at IS NULL AND gave_up_at IS NULL THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN delivered_at IS NOT NULL THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN gave_up_at IS NOT NULL THEN 1 ELSE 0 END), 0)
		FROM webhook_deliveries WHERE practice_id = ?`, practiceID).Scan(&pending, &delivered, &failed)
	return
}
