// Package incident holds the domain logic of a breach incident: a published social post later
// found to disclose protected health information that no authorization covers. It encodes the
// Breach Notification Rule (45 CFR 164.400-414): the four-factor risk assessment, the notice
// deadlines, the letter to individuals and the yearly log for the Secretary. It is pure: no
// storage, no HTTP, no clock but the one passed in, and it never holds the post's text.
//
// Deadlines are calendar days in the practice's time zone, passed as a *time.Location; a nil
// zone panics, as in time.Date, rather than silently counting days in the wrong one.
package incident

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
)

// Source is how the practice learned of the incident.
type Source string

// The sources.
const (
	Rescan           Source = "rescan"            // a later scan with newer rules flagged a published post
	StaffReport      Source = "staff_report"      // a workforce member reported it
	PatientComplaint Source = "patient_complaint" // a patient or someone on their behalf complained
)

// Sources lists them.
var Sources = []Source{Rescan, StaffReport, PatientComplaint}

// State is where an incident is in its life.
type State string

// The states: open -> assessed -> notified | not_a_breach -> closed.
const (
	Open      State = "open"
	Assessed  State = "assessed"
	Notified  State = "notified"
	NotBreach State = "not_a_breach"
	Closed    State = "closed"
)

// States lists them in order.
var States = []State{Open, Assessed, Notified, NotBreach, Closed}

// Incident is one published post found to disclose PHI. It holds ids and facts, never the post's
// text: that text is the PHI, and everything here ends up in letters, logs and audit rows.
type Incident struct {
	ID         int64  `json:"id"`
	PracticeID int64  `json:"practice_id"`
	PostID     int64  `json:"post_id"`
	Source     Source `json:"source"`
	Platform   string `json:"platform"` // where the post appeared, in words a patient knows: "Facebook", "Google reviews"

	// PostedAt is when the post went up: the date of the breach for 164.404(c)(1)(A). Zero if unknown.
	PostedAt time.Time `json:"posted_at"`
	// DiscoveredAt is the first day the breach was known, or by reasonable diligence would have
	// been known, to anyone in the practice but the person who caused it (164.404(a)(2)). Every
	// deadline runs from it, not from when the investigation ends.
	DiscoveredAt time.Time `json:"discovered_at"`
	// TakenDownAt is when the post came down; zero while it is still up.
	TakenDownAt time.Time `json:"taken_down_at"`

	Kinds           []string       `json:"kinds"`             // the scanner kinds of PHI involved: NAME, CASE, PHOTO, DATE...
	Affected        int            `json:"affected"`          // individuals whose PHI was disclosed
	AffectedByState map[string]int `json:"affected_by_state"` // residents per State or jurisdiction, for media notice (164.406)

	State      State                `json:"state"`
	Assessment *Assessment          `json:"assessment,omitempty"` // nil until assessed; until then a breach is presumed (164.402(2))
	Response   Response             `json:"response"`
	Delay      *LawEnforcementDelay `json:"delay,omitempty"` // a hold requested by law enforcement (164.412), if any

	// When each notice went out; zero until it has.
	IndividualsNotifiedAt time.Time `json:"individuals_notified_at"` // 164.404
	MediaNotifiedAt       time.Time `json:"media_notified_at"`       // 164.406
	SecretaryNotifiedAt   time.Time `json:"secretary_notified_at"`   // 164.408, on its own or in the yearly submission
}

// Response is what the practice has done beyond taking the post down, for the letter
// (164.404(c)(1)(D)) and the log. Booleans, not free text, so no note can carry PHI into either.
type Response struct {
	RemovalRequested bool `json:"removal_requested"` // asked the platform and search engines to drop copies and caches
	StaffRetrained   bool `json:"staff_retrained"`   // workforce training, 164.530(b)
	PolicyUpdated    bool `json:"policy_updated"`    // written social-media policy reviewed, 164.530(i)
	SanctionsApplied bool `json:"sanctions_applied"` // sanctions against the workforce member, 164.530(e)
}

// Validate returns an EInvalid error listing every problem with in's facts, or nil.
func (in Incident) Validate() error {
	var bad []string
	if in.PracticeID <= 0 || in.PostID <= 0 {
		bad = append(bad, "an incident needs a practice and a post")
	}
	if !slices.Contains(Sources, in.Source) {
		bad = append(bad, "source must be rescan, staff_report or patient_complaint")
	}
	if !slices.Contains(States, in.State) {
		bad = append(bad, fmt.Sprintf("unknown state %q", in.State))
	}
	if in.DiscoveredAt.IsZero() {
		bad = append(bad, "the discovery date is required: every deadline runs from it")
	}
	if !in.PostedAt.IsZero() && in.PostedAt.After(in.DiscoveredAt) {
		bad = append(bad, "the post cannot have gone up after the breach was discovered")
	}
	if !in.TakenDownAt.IsZero() && !in.PostedAt.IsZero() && in.TakenDownAt.Before(in.PostedAt) {
		bad = append(bad, "the post cannot have come down before it went up")
	}
	if len(in.Kinds) == 0 {
		bad = append(bad, "name at least one kind of information involved")
	}
	for _, k := range in.Kinds {
		if _, ok := kindWords[k]; !ok {
			bad = append(bad, fmt.Sprintf("unknown kind of information %q", k))
		}
	}
	if in.Affected < 1 {
		bad = append(bad, "at least one individual is affected")
	}
	sum, badState := 0, false
	for st, n := range in.AffectedByState {
		badState = badState || st == "" || n < 0
		sum += n
	}
	if badState {
		bad = append(bad, "residents by state need a state and a count of zero or more")
	}
	if sum > in.Affected {
		bad = append(bad, "residents by state add up to more than the individuals affected")
	}
	if in.Delay != nil {
		bad = append(bad, in.Delay.problems()...)
	}
	if len(bad) > 0 {
		e := bedside.Errorf(bedside.EInvalid, "%s", strings.Join(bad, "; "))
		e.Details = bad
		return e
	}
	return nil
}
