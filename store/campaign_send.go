package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside/consent"
)

// CampaignSend is one recipient's turn in a campaign, claimed by a worker under a lease.
type CampaignSend struct {
	ID         int64
	PracticeID int64
	CampaignID int64
	ContactID  int64
	Attempts   int // failed attempts so far
}

// ClaimCampaignSends takes up to limit due sends of campaigns that are sending, for lease, in id
// order after the id after: a sender passes the last id it claimed, so that each claim starts
// where the last one stopped instead of walking past every send already made, and 0 to look
// from the start again (for retries and for sends whose worker died, due again once their
// lease ends). Several servers may claim at once: on PostgreSQL rows another transaction holds
// are skipped, SQLite has one writer.
func (db *DB) ClaimCampaignSends(ctx context.Context, limit int, lease time.Duration, after int64) ([]CampaignSend, error) {
	var out []CampaignSend
	lock := ""
	if db.dialect == Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	err := db.tx(ctx, func(t *Tx) error {
		now := ms(db.now())
		rows, err := t.tx.QueryContext(ctx, db.q(`SELECT s.id, s.practice_id, s.campaign_id, s.contact_id, s.attempts
			FROM campaign_sends s
			WHERE s.state IN ('queued', 'sending') AND s.next_at <= ? AND (s.lease_until IS NULL OR s.lease_until <= ?)
			AND s.campaign_id IN (SELECT id FROM campaigns WHERE state = 'sending') AND s.id > ?
			ORDER BY s.id LIMIT ?`+lock), now, now, after, limit)
		if err != nil {
			return fmt.Errorf("claim sends: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var s CampaignSend
			if err := rows.Scan(&s.ID, &s.PracticeID, &s.CampaignID, &s.ContactID, &s.Attempts); err != nil {
				return err
			}
			out = append(out, s)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		if len(out) == 0 {
			return nil
		}
		_, err = t.exec(ctx, "UPDATE campaign_sends SET state = 'sending', lease_until = ? WHERE id IN ("+sendIDs(out)+")", now+lease.Milliseconds())
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// sendIDs lists the sends' ids for an IN clause; they are integers, so they are written inline.
func sendIDs(sends []CampaignSend) string {
	ids := make([]string, len(sends))
	for i, s := range sends {
		ids[i] = strconv.FormatInt(s.ID, 10)
	}
	return strings.Join(ids, ",")
}

// RenewCampaignLeases extends the leases of the sends of a batch still in flight.
func (db *DB) RenewCampaignLeases(ctx context.Context, batch []CampaignSend, lease time.Duration) error {
	_, err := db.write.ExecContext(ctx, db.q("UPDATE campaign_sends SET lease_until = ? WHERE state = 'sending' AND id IN ("+sendIDs(batch)+")"),
		ms(db.now().Add(lease)))
	if err != nil {
		return fmt.Errorf("renew leases: %w", err)
	}
	return nil
}

// SendOutcome is what became of one claimed send.
type SendOutcome struct {
	Send   CampaignSend
	State  string             // sent, skipped, queued (a retry at Next) or failed
	Reason string             // a short code for skipped, retried and failed sends, never an address
	Ref    consent.ConsentRef // for sent: the consent that allowed it
	Next   time.Time          // for a retry
}

// The assignments of each outcome; constant, so their statements are prepared once.
var outcomeSets = map[string]string{
	"sent":    `state = 'sent', sent_at = ?, consent_event_id = ?, permission = ?, reason = NULL, lease_until = NULL`,
	"skipped": `state = 'skipped', reason = ?, lease_until = NULL`,
	"queued":  `state = 'queued', attempts = attempts + 1, reason = ?, next_at = ?, lease_until = NULL`,
	"failed":  `state = 'failed', attempts = attempts + 1, reason = ?, lease_until = NULL`,
}

// RecordCampaignOutcomes records outcomes in one transaction, so that the senders of several
// connections share one commit (a durable commit costs a disk flush). Only sends still in flight
// change: a late outcome from a worker whose lease ran out cannot undo another's.
func (db *DB) RecordCampaignOutcomes(ctx context.Context, outs []SendOutcome) error {
	// Prepared before the transaction: SQLite's one writer connection is the transaction's.
	stmts := map[string]*sql.Stmt{}
	for _, o := range outs {
		set, ok := outcomeSets[o.State]
		if !ok {
			return fmt.Errorf("send outcome: unknown state %q", o.State)
		}
		if stmts[o.State] == nil {
			st, err := db.prepared(ctx, db.write, "UPDATE campaign_sends SET "+set+" WHERE id = ? AND practice_id = ? AND state = 'sending'")
			if err != nil {
				return fmt.Errorf("send outcome: %w", err)
			}
			stmts[o.State] = st
		}
	}
	return db.tx(ctx, func(t *Tx) error {
		for _, o := range outs {
			var args []any
			switch o.State {
			case "sent":
				args = []any{ms(db.now()), o.Ref.EventID, o.Ref.Level.String()}
			case "queued":
				args = []any{o.Reason, ms(o.Next)}
			default:
				args = []any{o.Reason}
			}
			if _, err := t.tx.StmtContext(ctx, stmts[o.State]).ExecContext(ctx, append(args, o.Send.ID, o.Send.PracticeID)...); err != nil {
				return fmt.Errorf("send outcome: %w", err)
			}
		}
		return nil
	})
}

// FinishCampaigns marks done the sending campaigns with nothing left to send.
func (db *DB) FinishCampaigns(ctx context.Context) error {
	_, err := db.write.ExecContext(ctx, db.q(`UPDATE campaigns SET state = 'done', finished_at = ? WHERE state = 'sending'
		AND NOT EXISTS (SELECT 1 FROM campaign_sends s WHERE s.campaign_id = campaigns.id AND s.state IN ('queued', 'sending'))`), ms(db.now()))
	return err
}

// CampaignRecipient is what the sender needs of a contact: its details and consent.
func (db *DB) CampaignRecipient(ctx context.Context, practiceID, contactID int64) (Contact, consent.State, error) {
	return db.recipient(ctx, practiceID, contactID)
}
