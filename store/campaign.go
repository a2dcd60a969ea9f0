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
	"github.com/bedsidehq/bedside/campaign"
)

const campaignColumns = `id, name, kind, subject, body, state, double_opt_in, uses_phi, third_party_paid, sponsor, digest, created_at`

// CreateCampaign saves a draft. The caller has scanned its subject and body.
func (db *DB) CreateCampaign(ctx context.Context, actor Actor, c campaign.Campaign) (campaign.Campaign, error) {
	if p := c.Problems(); len(p) > 0 {
		return c, &bedside.Error{Code: bedside.EInvalid, Message: "the campaign cannot be saved: " + strings.Join(p, "; "), Details: p}
	}
	c.PracticeID, c.State, c.CreatedAt = actor.PracticeID, campaign.Draft, db.now()
	err := db.tx(ctx, func(t *Tx) error {
		var err error
		c.ID, err = t.insert(ctx, `INSERT INTO campaigns (practice_id, name, kind, subject, body, state, double_opt_in, uses_phi,
			third_party_paid, sponsor, digest, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.PracticeID, c.Name, c.Kind, c.Subject, c.Body, c.State, b2i(c.DoubleOptIn), b2i(c.UsesPHI),
			b2i(c.ThirdPartyPaid), c.Sponsor, b2i(c.Digest), nullID(actor.UserID), ms(c.CreatedAt))
		if err != nil {
			return fmt.Errorf("insert campaign: %w", err)
		}
		return t.audit(ctx, actor.PracticeID, actor, "campaign.create", "campaign", strconv.FormatInt(c.ID, 10))
	})
	return c, err
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

// Campaign reads one of the practice's campaigns.
func (db *DB) Campaign(ctx context.Context, actor Actor, id int64) (campaign.Campaign, error) {
	return scanCampaign(db.queryRow(ctx, "SELECT "+campaignColumns+" FROM campaigns WHERE practice_id = ? AND id = ?", actor.PracticeID, id), actor.PracticeID)
}

// Campaigns lists the practice's campaigns, newest first.
func (db *DB) Campaigns(ctx context.Context, actor Actor) ([]campaign.Campaign, error) {
	out := []campaign.Campaign{}
	err := each(ctx, db.read, db.q("SELECT "+campaignColumns+" FROM campaigns WHERE practice_id = ? ORDER BY id DESC LIMIT 500"), []any{actor.PracticeID}, func(rows *sql.Rows) error {
		c, err := scanCampaign(rows, actor.PracticeID)
		out = append(out, c)
		return err
	})
	return out, err
}

func scanCampaign(row interface{ Scan(...any) error }, practiceID int64) (campaign.Campaign, error) {
	c := campaign.Campaign{PracticeID: practiceID}
	var doi, phi, paid, digest int
	var created int64
	err := row.Scan(&c.ID, &c.Name, &c.Kind, &c.Subject, &c.Body, &c.State, &doi, &phi, &paid, &c.Sponsor, &digest, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return c, bedside.Errorf(bedside.ENotFound, "no such campaign")
	}
	if err != nil {
		return c, fmt.Errorf("campaign: %w", err)
	}
	c.DoubleOptIn, c.UsesPHI, c.ThirdPartyPaid, c.Digest, c.CreatedAt = doi != 0, phi != 0, paid != 0, digest != 0, fromMS(created)
	return c, nil
}

// StartCampaign moves a draft to sending and makes one send row for each of the practice's
// contacts that are not wiped. Whether each may be sent to is decided when its turn comes, so a
// revocation after this moment still stops it. body, when not empty, replaces the draft's (a
// digest is written when it starts). It returns the number of rows made.
func (db *DB) StartCampaign(ctx context.Context, actor Actor, id int64, body string) (int, error) {
	var n int
	err := db.tx(ctx, func(t *Tx) error {
		if err := t.moveCampaign(ctx, actor, id, campaign.Draft, campaign.Sending); err != nil {
			return err
		}
		now := ms(db.now())
		if _, err := t.exec(ctx, "UPDATE campaigns SET started_at = ? WHERE id = ?", now, id); err != nil {
			return err
		}
		if body != "" {
			if _, err := t.exec(ctx, "UPDATE campaigns SET body = ? WHERE id = ?", body, id); err != nil {
				return err
			}
		}
		res, err := t.exec(ctx, `INSERT INTO campaign_sends (practice_id, campaign_id, contact_id, state, next_at)
			SELECT practice_id, ?, id, 'queued', ? FROM contacts WHERE practice_id = ? AND wiped_at IS NULL`, id, now, actor.PracticeID)
		if err != nil {
			return fmt.Errorf("queue campaign: %w", err)
		}
		rows, _ := res.RowsAffected()
		n = int(rows)
		return t.audit(ctx, actor.PracticeID, actor, "campaign.start", "campaign", strconv.FormatInt(id, 10))
	})
	return n, err
}

// PauseCampaign stops the worker from taking more of the campaign's sends; sends in flight finish.
func (db *DB) PauseCampaign(ctx context.Context, actor Actor, id int64) error {
	return db.tx(ctx, func(t *Tx) error {
		if err := t.moveCampaign(ctx, actor, id, campaign.Sending, campaign.Paused); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "campaign.pause", "campaign", strconv.FormatInt(id, 10))
	})
}

// ResumeCampaign lets the worker go on with the sends not yet made; none is made twice.
func (db *DB) ResumeCampaign(ctx context.Context, actor Actor, id int64) error {
	return db.tx(ctx, func(t *Tx) error {
		if err := t.moveCampaign(ctx, actor, id, campaign.Paused, campaign.Sending); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "campaign.resume", "campaign", strconv.FormatInt(id, 10))
	})
}

func (t *Tx) moveCampaign(ctx context.Context, actor Actor, id int64, from, to campaign.State) error {
	res, err := t.exec(ctx, "UPDATE campaigns SET state = ? WHERE id = ? AND practice_id = ? AND state = ?", to, id, actor.PracticeID, from)
	if err != nil {
		return fmt.Errorf("campaign state: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	var state campaign.State
	err = t.queryRow(ctx, "SELECT state FROM campaigns WHERE id = ? AND practice_id = ?", id, actor.PracticeID).Scan(&state)
	if errors.Is(err, sql.ErrNoRows) {
		return bedside.Errorf(bedside.ENotFound, "no such campaign")
	}
	if err != nil {
		return fmt.Errorf("campaign state: %w", err)
	}
	return bedside.Errorf(bedside.EConflict, "the campaign is %s; it must be %s for that", state, from)
}

// CampaignProgress counts a campaign's sends by state: queued, sending, sent, skipped, failed.
func (db *DB) CampaignProgress(ctx context.Context, actor Actor, id int64) (map[string]int, error) {
	out := map[string]int{"queued": 0, "sending": 0, "sent": 0, "skipped": 0, "failed": 0}
	err := each(ctx, db.read, db.q("SELECT state, COUNT(*) FROM campaign_sends WHERE practice_id = ? AND campaign_id = ? GROUP BY state"),
		[]any{actor.PracticeID, id}, func(rows *sql.Rows) error {
			var s string
			var n int
			err := rows.Scan(&s, &n)
			out[s] = n
			return err
		})
	return out, err
}

// LastDigest is when the practice's last digest started, or the zero time.
func (db *DB) LastDigest(ctx context.Context, practiceID int64) (time.Time, error) {
	var last sql.NullInt64
	if err := db.queryRow(ctx, "SELECT MAX(started_at) FROM campaigns WHERE practice_id = ? AND digest = 1 AND started_at IS NOT NULL", practiceID).Scan(&last); err != nil {
		return time.Time{}, fmt.Errorf("last digest: %w", err)
	}
	if !last.Valid {
		return time.Time{}, nil
	}
	return fromMS(last.Int64), nil
}
