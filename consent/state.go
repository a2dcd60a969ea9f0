package consent

import (
	"slices"
	"time"
)

// Status is where consent for one channel and purpose stands.
type Status string

// The statuses.
const (
	StatusNone      Status = "none"      // never given
	StatusPending   Status = "pending"   // given, not yet confirmed: consent only on a single opt-in list
	StatusConfirmed Status = "confirmed" // given and confirmed
	StatusRevoked   Status = "revoked"   // the latest word was a revocation
)

// Key is one channel and purpose.
type Key struct {
	Channel Channel
	Purpose Purpose
}

// Standing is the derived consent for one key, with the events it rests on.
type Standing struct {
	Status    Status
	GivenBy   *Event // the given event the consent rests on, nil when none
	Confirmed *Event // the confirmation of GivenBy, nil when none
	Last      *Event // the latest event for the key
}

// State is consent derived from a contact's history. It is never stored as a flag: it is computed
// from the events every time, so the ledger stays the only source of truth.
type State struct {
	Standings  map[Key]Standing
	Suppressed map[Channel]bool // set by the caller from the suppression list
	Evidence   []Evidence       // other stored evidence for the permission level (loyalty, standing order...)
}

// Of returns the standing for a channel and purpose; a key never mentioned is None.
func (s State) Of(ch Channel, p Purpose) Standing {
	if st, ok := s.Standings[Key{ch, p}]; ok {
		return st
	}
	return Standing{Status: StatusNone}
}

// Derive computes the state from the history in any order. Events are taken oldest first, the
// order they were appended breaking ties in time, except that at the same instant a revocation
// counts as the later event. The latest event wins:
//   - given starts a new consent, pending until confirmed;
//   - confirmed confirms a pending consent and means nothing otherwise (a confirmation link
//     followed after a revocation does not bring consent back);
//   - revoked ends any consent.
//
// Malformed events are ignored, so they can never create consent.
func Derive(events []Event) State {
	evs := slices.Clone(events)
	slices.SortStableFunc(evs, func(a, b Event) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		if (a.Kind == Revoked) != (b.Kind == Revoked) {
			if a.Kind == Revoked {
				return 1
			}
			return -1
		}
		return 0
	})
	s := State{Standings: map[Key]Standing{}}
	for i := range evs {
		e := &evs[i]
		if e.Validate() != nil {
			continue
		}
		k := Key{e.Channel, e.Purpose}
		st := s.Of(e.Channel, e.Purpose)
		st.Last = e
		switch e.Kind {
		case Given:
			st = Standing{Status: StatusPending, GivenBy: e, Last: e}
		case Confirmed:
			if st.Status == StatusPending {
				st.Status, st.Confirmed = StatusConfirmed, e
			}
		case Revoked:
			st = Standing{Status: StatusRevoked, Last: e}
		}
		s.Standings[k] = st
	}
	return s
}

// ImportMayGive reports whether an import may append a given event for the key: never over a
// confirmed consent (it would restart confirmation) nor over a revocation (it would undo it).
func ImportMayGive(s State, ch Channel, p Purpose) bool {
	st := s.Of(ch, p).Status
	return st != StatusConfirmed && st != StatusRevoked
}

// since is the time of the event the standing rests on, for the permission evidence.
func (st Standing) since() time.Time {
	if st.Confirmed != nil {
		return st.Confirmed.At
	}
	if st.GivenBy != nil {
		return st.GivenBy.At
	}
	return time.Time{}
}
