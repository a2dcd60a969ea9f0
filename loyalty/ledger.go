package loyalty

import "time"

// EntryKind is what a ledger row records.
type EntryKind string

// The kinds of ledger row. The ledger is append-only: a correction is another row.
const (
	Earn   EntryKind = "earn"   // points credited by a rule, with an expiry
	Redeem EntryKind = "redeem" // points spent on a reward
	Expire EntryKind = "expire" // what was left of one earn when it expired
	Adjust EntryKind = "adjust" // a correction by staff, either sign
)

// Entry is one row of a member's ledger.
type Entry struct {
	ID          int64
	PracticeID  int64
	MemberID    int64
	Kind        EntryKind
	Points      int64 // positive credits, negative debits
	Rule        RuleKind
	RewardID    int64
	RetailCents int64 // of the reward, for the beneficiary limits
	LotID       int64 // an expire row: the entry whose points expired
	Key         string
	CreatedAt   time.Time
	ExpiresAt   time.Time // a credit's expiry; zero: never
}

// Lot is what is left of one credit.
type Lot struct {
	EntryID   int64
	EarnedAt  time.Time
	ExpiresAt time.Time // zero: never
	Points    int64     // credited
	Remaining int64
}

// ExpiredAt reports whether the lot's points are gone at t.
func (l Lot) ExpiredAt(t time.Time) bool { return !l.ExpiresAt.IsZero() && !l.ExpiresAt.After(t) }

// Replay folds a member's entries, in the order they were written, into lots. Debits take the
// oldest points first (FIFO), skipping points already expired when the debit was made even if
// no expire row was written yet, so that a late expiry job never lets expired points be spent.
func Replay(entries []Entry) []Lot {
	var lots []Lot
	for _, e := range entries {
		switch {
		case e.Kind == Expire:
			for i := range lots {
				if lots[i].EntryID == e.LotID {
					lots[i].Remaining = 0
				}
			}
		case e.Points > 0:
			lots = append(lots, Lot{EntryID: e.ID, EarnedAt: e.CreatedAt, ExpiresAt: e.ExpiresAt, Points: e.Points, Remaining: e.Points})
		case e.Points < 0:
			owed := -e.Points
			for i := range lots {
				if owed == 0 {
					break
				}
				if lots[i].Remaining == 0 || lots[i].ExpiredAt(e.CreatedAt) {
					continue
				}
				take := min(owed, lots[i].Remaining)
				lots[i].Remaining -= take
				owed -= take
			}
		}
	}
	return lots
}

// Balance is the points that can be spent at now.
func Balance(lots []Lot, now time.Time) int64 {
	var n int64
	for _, l := range lots {
		if !l.ExpiredAt(now) {
			n += l.Remaining
		}
	}
	return n
}

// Due lists the lots that have expired by now with points left: each needs an expire row.
func Due(lots []Lot, now time.Time) []Lot {
	var out []Lot
	for _, l := range lots {
		if l.Remaining > 0 && l.ExpiredAt(now) {
			out = append(out, l)
		}
	}
	return out
}

// ExpiryOf is when points earned at t expire: months later, on the same day of the month or the
// month's last day when it is shorter (points earned on 31 January with one month expire on
// 28 or 29 February, never in March).
func ExpiryOf(t time.Time, months int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(months), 1, 0, 0, 0, 0, t.Location())
	last := first.AddDate(0, 1, -1).Day()
	hh, mm, ss := t.Clock()
	return time.Date(first.Year(), first.Month(), min(d, last), hh, mm, ss, t.Nanosecond(), t.Location())
}

// Year is the calendar year containing t, in t's location: the window of the beneficiary limit.
func Year(t time.Time) (start, end time.Time) {
	start = time.Date(t.Year(), 1, 1, 0, 0, 0, 0, t.Location())
	return start, start.AddDate(1, 0, 0)
}
