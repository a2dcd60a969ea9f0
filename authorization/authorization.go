// Package authorization models a patient's written authorization under 45 CFR 164.508 and decides
// two things: whether an authorization is valid (every defect, with the rule it breaks), and
// whether a set of linked authorizations covers what a post is about to disclose (the gate).
// It is pure: no storage, no clock but the one passed in.
package authorization

import (
	"slices"
	"time"

	"github.com/bedsidehq/bedside/phi"
)

// Channel is where a post goes.
type Channel string

// The channels an authorization can name.
var Channels = []Channel{"facebook", "instagram", "google", "x", "linkedin", "tiktok", "youtube", "website", "rss", "email", "sms"}

// Purpose is why the information is disclosed.
type Purpose string

// The purposes an authorization can name.
const (
	Testimonial  Purpose = "testimonial"
	SuccessStory Purpose = "success_story"
	ReviewReply  Purpose = "review_reply"
	Marketing    Purpose = "marketing"
)

// Purposes lists them.
var Purposes = []Purpose{Testimonial, SuccessStory, ReviewReply, Marketing}

// Method is how the authorization was signed. There is deliberately no verbal method: verbal
// permission never counts.
type Method string

// The signing methods.
const (
	OnScreen Method = "onscreen" // typed name and drawn signature on the practice's tablet
	Upload   Method = "upload"   // a scan of a paper form
)

// Signer is who signed: the patient, or a personal representative with a stated authority.
type Signer struct {
	Name           string
	Representative bool
	Authority      string // the representative's authority, e.g. "parent of a minor", "health care power of attorney"
}

// Authorization is one signed authorization and its scope.
type Authorization struct {
	ID         int64
	PracticeID int64
	PatientID  int64

	// Core elements, 164.508(c)(1).
	Description string    // (i) the information, specifically
	Discloser   string    // (ii) who may disclose it
	Recipients  string    // (iii) to whom
	Purposes    []Purpose // (iv) each purpose
	Expires     time.Time // (v) an expiration date, or
	ExpiryEvent string    // (v) an expiration event
	Signer      Signer    // (vi) signature, and a representative's authority
	SignedAt    time.Time // (vi) date

	// Required statements, 164.508(c)(2), as printed on the signed form.
	StatesRightToRevoke  bool // the right to revoke in writing, and how
	StatesNoConditioning bool // treatment is not conditioned on signing
	StatesRedisclosure   bool // the information may be re-disclosed and no longer protected

	// Scope: which kinds of PHI, on which channels.
	Elements []phi.Kind
	Channels []Channel

	// Marketing paid for by a third party, 164.508(a)(3).
	ThirdPartyPaid     bool
	RemunerationStated bool

	// Facts that make an authorization defective, 164.508(b)(2).
	Compound               bool // combined with another document
	ConditionedOnTreatment bool
	KnownFalse             bool
	ExpiryEventOccurred    bool

	Method         Method
	DocumentSHA256 string // of the exact document signed
	RevokedAt      time.Time
}

// Defect is one reason an authorization is not valid, with the rule it breaks.
type Defect struct {
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// Status summarises validity.
type Status string

// The statuses.
const (
	Valid     Status = "valid"
	Expired   Status = "expired"
	Revoked   Status = "revoked"
	Defective Status = "defective"
)

// Validate returns every defect of a at time now, in the order of the regulation.
func Validate(a Authorization, now time.Time) []Defect {
	var ds []Defect
	add := func(rule, msg string) { ds = append(ds, Defect{rule, msg}) }
	if a.Description == "" {
		add("164.508(c)(1)(i)", "the information to be disclosed is not described")
	}
	if a.Discloser == "" {
		add("164.508(c)(1)(ii)", "it does not say who may disclose the information")
	}
	if a.Recipients == "" {
		add("164.508(c)(1)(iii)", "it does not say to whom the information may be disclosed")
	}
	if len(a.Purposes) == 0 {
		add("164.508(c)(1)(iv)", "it states no purpose")
	}
	for _, p := range a.Purposes {
		if !slices.Contains(Purposes, p) {
			add("164.508(c)(1)(iv)", "unknown purpose "+string(p))
		}
	}
	if a.Expires.IsZero() && a.ExpiryEvent == "" {
		add("164.508(c)(1)(v)", "it has no expiration date or event")
	}
	if a.Signer.Name == "" || a.SignedAt.IsZero() || a.DocumentSHA256 == "" {
		add("164.508(c)(1)(vi)", "it is not signed and dated (a signed document is required)")
	}
	if a.Method != OnScreen && a.Method != Upload {
		add("164.508(c)(1)(vi)", "only a written signature counts, on screen or on an uploaded form; verbal permission never does")
	}
	if a.Signer.Representative && a.Signer.Authority == "" {
		add("164.508(c)(1)(vi)", "a personal representative signed without a description of their authority")
	}
	if !a.StatesRightToRevoke {
		add("164.508(c)(2)(i)", "the form does not state the right to revoke in writing and how")
	}
	if !a.StatesNoConditioning {
		add("164.508(c)(2)(ii)", "the form does not state that treatment does not depend on signing")
	}
	if !a.StatesRedisclosure {
		add("164.508(c)(2)(iii)", "the form does not state that the information may be re-disclosed and no longer protected")
	}
	if len(a.Elements) == 0 {
		add("164.508(c)(1)(i)", "it covers no kind of information")
	}
	for _, k := range a.Elements {
		if !phi.ValidKind(k) {
			add("164.508(c)(1)(i)", "unknown kind of information "+string(k))
		}
	}
	if len(a.Channels) == 0 {
		add("164.508(c)(1)(iii)", "it names no channel")
	}
	for _, c := range a.Channels {
		if !slices.Contains(Channels, c) {
			add("164.508(c)(1)(iii)", "unknown channel "+string(c))
		}
	}
	if a.ThirdPartyPaid && !a.RemunerationStated {
		add("164.508(a)(3)(ii)", "a third party pays for this marketing, and the form does not say so")
	}
	if !a.Expires.IsZero() && !now.Before(a.Expires) {
		add("164.508(b)(2)(i)", "it expired on "+a.Expires.Format("2006-01-02"))
	}
	if a.ExpiryEventOccurred {
		add("164.508(b)(2)(i)", "its expiration event has occurred")
	}
	if !a.RevokedAt.IsZero() && !now.Before(a.RevokedAt) {
		add("164.508(b)(2)(iii)", "it was revoked on "+a.RevokedAt.Format("2006-01-02"))
	}
	if a.Compound {
		add("164.508(b)(2)(iv), (b)(3)", "it is combined with another document (a compound authorization)")
	}
	if a.ConditionedOnTreatment {
		add("164.508(b)(2)(iv), (b)(4)", "treatment was made conditional on signing it")
	}
	if a.KnownFalse {
		add("164.508(b)(2)(v)", "information in it is known to be false")
	}
	return ds
}

// StatusOf returns the status and the defects behind it: revoked and expired win over other
// defects, so a clerk sees the reason that matters first.
func StatusOf(a Authorization, now time.Time) (Status, []Defect) {
	ds := Validate(a, now)
	switch {
	case len(ds) == 0:
		return Valid, nil
	case !a.RevokedAt.IsZero() && !now.Before(a.RevokedAt):
		return Revoked, ds
	case !a.Expires.IsZero() && !now.Before(a.Expires) || a.ExpiryEventOccurred:
		return Expired, ds
	}
	return Defective, ds
}
