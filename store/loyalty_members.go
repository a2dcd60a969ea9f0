package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside/loyalty"
)

// MemberBalance is a member of the programme with the points they can spend now.
type MemberBalance struct {
	loyalty.Member
	JoinedAt time.Time
	Balance  int64
}

// Member reads whether a contact is a member of the actor's practice, and whether a beneficiary.
func (db *DB) Member(ctx context.Context, actor Actor, contactID int64) (loyalty.Member, error) {
	return db.member(ctx, actor.PracticeID, contactID)
}

// Members lists the practice's members, newest first, each with their balance now. It reads the
// practice's whole ledger once instead of once per member; the listing is one audit event.
func (db *DB) Members(ctx context.Context, actor Actor) ([]MemberBalance, error) {
	out := []MemberBalance{}
	at := map[int64]int{} // member id -> index in out
	err := each(ctx, db.read, db.q(`SELECT id, contact_id, medicare_medicaid, joined_at FROM loyalty_members
		WHERE practice_id = ? ORDER BY id DESC LIMIT 1000`), []any{actor.PracticeID}, func(rows *sql.Rows) error {
		m := MemberBalance{Member: loyalty.Member{PracticeID: actor.PracticeID}}
		var ben int
		var joined int64
		err := rows.Scan(&m.ID, &m.ContactID, &ben, &joined)
		m.Beneficiary, m.JoinedAt = ben != 0, fromMS(joined)
		at[m.ID] = len(out)
		out = append(out, m)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("loyalty members: %w", err)
	}
	ledgers := map[int64][]loyalty.Entry{}
	err = each(ctx, db.read, db.q("SELECT "+entryColumns+" FROM loyalty_ledger WHERE practice_id = ? ORDER BY member_id, id"),
		[]any{actor.PracticeID}, func(rows *sql.Rows) error {
			e, err := scanEntry(rows.Scan)
			ledgers[e.MemberID] = append(ledgers[e.MemberID], e)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("loyalty ledger: %w", err)
	}
	now := db.now()
	for id, entries := range ledgers {
		if i, ok := at[id]; ok {
			out[i].Balance = loyalty.Balance(loyalty.Replay(entries), now)
		}
	}
	return out, db.Audit(ctx, actor, "loyalty.member.list", "practice", strconv.FormatInt(actor.PracticeID, 10))
}
