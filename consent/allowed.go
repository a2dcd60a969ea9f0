package consent

import "time"

// ConsentRef names what allowed a send, so that the send can record it.
type ConsentRef struct {
	Channel     Channel
	Purpose     Purpose
	EventID     int64 // the given event the consent rests on
	ConfirmedID int64 // its confirmation, 0 on a single opt-in list
	Method      Method
	TextVersion string
	At          time.Time
	Level       Permission // the permission level the contact's evidence supports
	LevelRef    string     // the evidence for Level
}

// Refusal is why a send may not happen. Its message is safe to show and names no address.
type Refusal struct {
	Reason  string // a short code, e.g. "revoked"
	Message string
}

func (r *Refusal) Error() string { return r.Message }

// The refusal reasons.
var (
	ErrSuppressed   = &Refusal{"suppressed", "the address is on the practice's suppression list"}
	ErrNoConsent    = &Refusal{"no_consent", "no consent has been given for this channel and purpose"}
	ErrRevoked      = &Refusal{"revoked", "consent was revoked"}
	ErrPending      = &Refusal{"pending", "consent is waiting for confirmation (double opt-in)"}
	ErrNotWritten   = &Refusal{"not_written", "marketing texts need prior express written consent"}
	ErrNoCondition  = &Refusal{"no_condition_statement", "marketing texts need consent text that says consent is not a condition of purchase"}
	ErrNoPermission = &Refusal{"no_permission", "no stored evidence gives permission to send anything"}
	ErrBadRequest   = &Refusal{"invalid", "unknown channel or purpose"}
)

// Allowed is the one question every send asks: may this contact be sent a message on channel for
// purpose? It returns what allowed it, or a *Refusal.
func Allowed(s State, ch Channel, p Purpose, requireDoubleOptIn bool) (ConsentRef, error) {
	if !ch.Valid() || !p.Valid() {
		return ConsentRef{}, ErrBadRequest
	}
	if s.Suppressed[ch] {
		return ConsentRef{}, ErrSuppressed
	}
	st := s.Of(ch, p)
	switch st.Status {
	case StatusRevoked:
		return ConsentRef{}, ErrRevoked
	case StatusPending:
		if requireDoubleOptIn {
			return ConsentRef{}, ErrPending
		}
	case StatusConfirmed:
	default:
		return ConsentRef{}, ErrNoConsent
	}
	given := st.GivenBy
	if ch == SMS && p == Marketing {
		if !given.Method.Written() {
			return ConsentRef{}, ErrNotWritten
		}
		if !given.Text.NotConditionOfPurchase {
			return ConsentRef{}, ErrNoCondition
		}
	}
	level, by := Level(append(s.ConsentEvidence(), s.Evidence...))
	if level == NoPermission {
		return ConsentRef{}, ErrNoPermission
	}
	ref := ConsentRef{Channel: ch, Purpose: p, EventID: given.ID, Method: given.Method,
		TextVersion: given.Text.Version, At: given.At, Level: level, LevelRef: by.Ref}
	if st.Confirmed != nil {
		ref.ConfirmedID = st.Confirmed.ID
	}
	return ref, nil
}
