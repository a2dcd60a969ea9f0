package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/incident"
)

// OpenIncident records a breach incident about a post the practice published.
func (db *DB) OpenIncident(ctx context.Context, actor Actor, in incident.Incident) (incident.Incident, error) {
	in.PracticeID, in.State, in.Assessment = actor.PracticeID, incident.Open, nil
	if err := in.Validate(); err != nil {
		return in, err
	}
	err := db.tx(ctx, func(t *Tx) error {
		var err error
		in, err = t.openIncident(ctx, actor, in)
		return err
	})
	return in, err
}

func (t *Tx) openIncident(ctx context.Context, actor Actor, in incident.Incident) (incident.Incident, error) {
	var published sql.NullInt64
	err := t.queryRow(ctx, "SELECT published_at FROM posts WHERE id = ? AND practice_id = ?", in.PostID, actor.PracticeID).Scan(&published)
	if errors.Is(err, sql.ErrNoRows) {
		return in, bedside.Errorf(bedside.ENotFound, "no such post")
	}
	if err != nil {
		return in, err
	}
	if !published.Valid {
		return in, bedside.Errorf(bedside.EInvalid, "this post was never published: nothing was disclosed")
	}
	if in.PostedAt.IsZero() {
		in.PostedAt = fromMS(published.Int64)
	}
	id, err := t.insert(ctx, `INSERT INTO incidents (practice_id, post_id, state, sealed, key_id, discovered_at, created_at)
		VALUES (?, ?, ?, ?, 0, ?, ?)`, actor.PracticeID, in.PostID, in.State, []byte{0}, ms(in.DiscoveredAt), ms(t.db.now()))
	if err != nil {
		return in, fmt.Errorf("insert incident: %w", err)
	}
	in.ID = id
	if err := t.sealIncident(ctx, in); err != nil {
		return in, err
	}
	return in, t.audit(ctx, actor.PracticeID, actor, "incident.open", "incident", strconv.FormatInt(id, 10))
}

func (t *Tx) sealIncident(ctx context.Context, in incident.Incident) error {
	plain, err := json.Marshal(in)
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, "UPDATE incidents SET state = ? WHERE id = ?", in.State, in.ID); err != nil {
		return err
	}
	return t.sealRow(ctx, "incidents", in.ID, plain)
}

// Incident opens one incident of the actor's practice.
func (db *DB) Incident(ctx context.Context, actor Actor, id int64) (incident.Incident, error) {
	return db.incident(ctx, db.read, actor.PracticeID, id)
}

func (db *DB) incident(ctx context.Context, q querier, practiceID, id int64) (incident.Incident, error) {
	var in incident.Incident
	var sealed []byte
	err := q.QueryRowContext(ctx, db.q("SELECT sealed FROM incidents WHERE practice_id = ? AND id = ?"), practiceID, id).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return in, bedside.Errorf(bedside.ENotFound, "no such incident")
	}
	if err != nil {
		return in, fmt.Errorf("incident: %w", err)
	}
	if err := db.openJSON(sealed, rowContext("incidents", id), &in); err != nil {
		return in, fmt.Errorf("incident %d: %w", id, err)
	}
	return in, nil
}

// Incidents lists the practice's incidents, newest first.
func (db *DB) Incidents(ctx context.Context, practiceID int64) ([]incident.Incident, error) {
	ids, err := db.idList(ctx, db.read, "SELECT id FROM incidents WHERE practice_id = ? ORDER BY id DESC", practiceID)
	if err != nil {
		return nil, err
	}
	out := []incident.Incident{}
	for _, id := range ids {
		in, err := db.incident(ctx, db.read, practiceID, id)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, nil
}

// UpdateIncident applies change (an assessment, a notice sent, a transition) to an incident
// under its row lock, and audits it as "incident."+action.
func (db *DB) UpdateIncident(ctx context.Context, actor Actor, id int64, action string, change func(incident.Incident) (incident.Incident, error)) (incident.Incident, error) {
	var in incident.Incident
	err := db.tx(ctx, func(t *Tx) error {
		res, err := t.exec(ctx, "UPDATE incidents SET state = state WHERE id = ? AND practice_id = ?", id, actor.PracticeID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return bedside.Errorf(bedside.ENotFound, "no such incident")
		}
		cur, err := db.incident(ctx, t.tx, actor.PracticeID, id)
		if err != nil {
			return err
		}
		if in, err = change(cur); err != nil {
			return err
		}
		in.ID, in.PracticeID, in.PostID = cur.ID, cur.PracticeID, cur.PostID // the change may not move it
		if err := in.Validate(); err != nil {
			return err
		}
		if err := t.sealIncident(ctx, in); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "incident."+action, "incident", strconv.FormatInt(id, 10))
	})
	return in, err
}

// Rescan checks every published post again with the scanner's current rules and profile, and
// the authorizations as they were when it was published (a later revocation is a takedown, not a
// breach), and opens a rescan incident for each one that now leaves something uncovered and has
// no incident yet. gateAt returns the gate judging validity at a moment. It returns the
// incidents opened.
func (db *DB) Rescan(ctx context.Context, actor Actor, gateAt func(at time.Time) Gate) ([]incident.Incident, error) {
	live, err := db.PublishedPosts(ctx, actor.PracticeID, 1<<30)
	if err != nil {
		return nil, err
	}
	opened := []incident.Incident{}
	for _, p := range live {
		_, _, left, err := db.evaluate(ctx, p, gateAt(*p.PublishedAt), *p.PublishedAt)
		if err != nil {
			return nil, err
		}
		if len(left) == 0 {
			continue
		}
		var kinds []string
		for _, u := range left {
			if !slices.Contains(kinds, string(u.Kind)) {
				kinds = append(kinds, string(u.Kind))
			}
		}
		in := incident.Incident{PracticeID: actor.PracticeID, PostID: p.ID, Source: incident.Rescan, DiscoveredAt: db.now(),
			Kinds: kinds, Affected: 1, State: incident.Open}
		err = db.tx(ctx, func(t *Tx) error {
			var n int
			if err := t.queryRow(ctx, "SELECT COUNT(*) FROM incidents WHERE post_id = ? AND practice_id = ?", p.ID, actor.PracticeID).Scan(&n); err != nil || n > 0 {
				return err
			}
			in, err = t.openIncident(ctx, actor, in)
			if err == nil {
				opened = append(opened, in)
			}
			return err
		})
		if err != nil {
			return opened, err
		}
	}
	return opened, nil
}
