package consent

import (
	"strconv"
	"time"
)

// Permission is a rung of the permission ladder (DOMAIN.md §6, after Seth Godin), strongest first.
type Permission int

// The rungs. NoPermission ("spam") means nothing may ever be sent.
const (
	NoPermission Permission = iota
	Situational             // the person started the contact and asked for this
	BrandTrust              // a confirmed opt-in
	Personal                // a relationship staff recorded
	Points                  // a loyalty programme the person joined
	Intravenous             // a paid subscription or standing order
)

var permissionNames = [...]string{"none", "situational", "brand_trust", "personal", "points", "intravenous"}

func (p Permission) String() string {
	if p < 0 || int(p) >= len(permissionNames) {
		return "none"
	}
	return permissionNames[p]
}

// EvidenceKind is a kind of stored fact that supports a permission level.
type EvidenceKind string

// The kinds of evidence, and the rung each supports:
//
//	standing_order, paid_subscription  -> intravenous
//	loyalty_joined                     -> points
//	staff_relationship                 -> personal
//	confirmed_opt_in                   -> brand_trust
//	asked                              -> situational
const (
	StandingOrder     EvidenceKind = "standing_order"
	PaidSubscription  EvidenceKind = "paid_subscription"
	LoyaltyJoined     EvidenceKind = "loyalty_joined"
	StaffRelationship EvidenceKind = "staff_relationship"
	ConfirmedOptIn    EvidenceKind = "confirmed_opt_in"
	Asked             EvidenceKind = "asked"
)

var evidenceLevel = map[EvidenceKind]Permission{
	StandingOrder:     Intravenous,
	PaidSubscription:  Intravenous,
	LoyaltyJoined:     Points,
	StaffRelationship: Personal,
	ConfirmedOptIn:    BrandTrust,
	Asked:             Situational,
}

// Evidence is one stored fact. Ref names the record it comes from ("consent_event:41",
// "loyalty_member:7"); a fact without a Ref is not evidence and counts for nothing.
type Evidence struct {
	Kind EvidenceKind
	Ref  string
	At   time.Time
}

// Level is the strongest rung the evidence supports, and the evidence that supports it. With no
// evidence it is NoPermission.
func Level(evidence []Evidence) (Permission, Evidence) {
	best, by := NoPermission, Evidence{}
	for _, e := range evidence {
		if e.Ref == "" {
			continue
		}
		if l := evidenceLevel[e.Kind]; l > best {
			best, by = l, e
		}
	}
	return best, by
}

// ConsentEvidence is the evidence the ledger itself holds: a confirmed consent is a confirmed
// opt-in; a consent given but not confirmed shows that the person asked.
func (s State) ConsentEvidence() []Evidence {
	var out []Evidence
	for _, st := range s.Standings {
		switch st.Status {
		case StatusConfirmed:
			out = append(out, Evidence{Kind: ConfirmedOptIn, Ref: eventRef(st.Confirmed), At: st.since()})
		case StatusPending:
			out = append(out, Evidence{Kind: Asked, Ref: eventRef(st.GivenBy), At: st.since()})
		}
	}
	return out
}

func eventRef(e *Event) string {
	if e == nil || e.ID == 0 {
		return "consent_event"
	}
	return "consent_event:" + strconv.FormatInt(e.ID, 10)
}
