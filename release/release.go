// Package release models the photo release a person who is not a patient signs before a picture
// of them may be posted: staff, visitors, and children through a parent or guardian. Patients are
// covered by their HIPAA authorization instead (package authorization). It is pure: no storage,
// no clock but the one passed in.
package release

import (
	"slices"
	"time"

	"github.com/bedsidehq/bedside/authorization"
)

// Kind is who a person pictured is.
type Kind string

// The kinds of people pictured.
const (
	Patient Kind = "patient" // covered by the patient's PHOTO authorization, not by a release
	Staff   Kind = "staff"
	Visitor Kind = "visitor"
	Child   Kind = "child" // the release is signed by a parent or guardian
)

// Kinds lists them.
var Kinds = []Kind{Patient, Staff, Visitor, Child}

// Use is what a release allows a picture to be used for.
type Use string

// The uses a release can name.
const (
	SocialMedia Use = "social_media"
	Website     Use = "website"
)

// Uses lists them.
var Uses = []Use{SocialMedia, Website}

// UseOf is the use a channel needs: the practice's own website and its feed are the website,
// every other channel is social media (mail and texts included: they leave the practice's site).
func UseOf(c authorization.Channel) Use {
	if c == "website" || c == "rss" {
		return Website
	}
	return SocialMedia
}

// Release is one signed release and its scope. Names are the caller's to keep sealed.
type Release struct {
	ID             int64                `json:"id"`
	PersonID       int64                `json:"person_id"`
	Kind           Kind                 `json:"kind"`         // of the person pictured
	SignerName     string               `json:"signer_name"`  // the person, or the child's parent or guardian
	Relationship   string               `json:"relationship"` // the guardian's relationship to the child
	Event          string               `json:"event"`
	Uses           []Use                `json:"uses"`
	Expires        time.Time            `json:"expires,omitzero"` // zero: until revoked
	SignedAt       time.Time            `json:"signed_at"`
	Method         authorization.Method `json:"method"`
	DocumentID     int64                `json:"document_id"` // the signed copy or the uploaded scan
	DocumentSHA256 string               `json:"document_sha256"`
	RevokedAt      time.Time            `json:"revoked_at,omitzero"`
}

// Status summarises validity, in the same words as an authorization's.
type Status = authorization.Status

// The statuses. Missing is for a person with no release at all.
const (
	Valid     = authorization.Valid
	Expired   = authorization.Expired
	Revoked   = authorization.Revoked
	Defective = authorization.Defective
	Missing   = Status("missing")
)

// Validate returns every problem of r at time now; none means it is valid.
func Validate(r Release, now time.Time) []string {
	var out []string
	if r.Kind != Staff && r.Kind != Visitor && r.Kind != Child {
		out = append(out, "a release is for staff, a visitor or a child; a patient needs an authorization")
	}
	if r.SignerName == "" || r.SignedAt.IsZero() || r.DocumentSHA256 == "" {
		out = append(out, "it is not signed and dated (a signed document is required)")
	}
	if r.Method != authorization.OnScreen && r.Method != authorization.Upload {
		out = append(out, "only a written signature counts, on screen or on an uploaded form")
	}
	if r.Kind == Child && r.Relationship == "" {
		out = append(out, "a child's release must be signed by a parent or guardian, with their relationship to the child")
	}
	if r.Event == "" {
		out = append(out, "it does not name the event")
	}
	if len(r.Uses) == 0 {
		out = append(out, "it names no use")
	}
	for _, u := range r.Uses {
		if !slices.Contains(Uses, u) {
			out = append(out, "unknown use "+string(u))
		}
	}
	if !r.Expires.IsZero() && !now.Before(r.Expires) {
		out = append(out, "it expired on "+r.Expires.Format("2006-01-02"))
	}
	if !r.RevokedAt.IsZero() && !now.Before(r.RevokedAt) {
		out = append(out, "it was revoked on "+r.RevokedAt.Format("2006-01-02"))
	}
	return out
}

// StatusOf returns the status of r at now: revoked and expired win over other problems.
func StatusOf(r Release, now time.Time) Status {
	switch {
	case len(Validate(r, now)) == 0:
		return Valid
	case !r.RevokedAt.IsZero() && !now.Before(r.RevokedAt):
		return Revoked
	case !r.Expires.IsZero() && !now.Before(r.Expires):
		return Expired
	}
	return Defective
}

// Cover says why no release of rs allows a picture on channels at now, or "" when one valid
// release names every use the channels need. The reason names no one.
func Cover(rs []Release, channels []authorization.Channel, now time.Time) string {
	if len(rs) == 0 {
		return "no signed release"
	}
	var need []Use
	for _, c := range channels {
		if u := UseOf(c); !slices.Contains(need, u) {
			need = append(need, u)
		}
	}
	why := ""
	for _, r := range rs {
		if st := StatusOf(r, now); st != Valid {
			why = "the release is " + string(st)
			continue
		}
		missing := ""
		for _, u := range need {
			if !slices.Contains(r.Uses, u) {
				missing = string(u)
			}
		}
		if missing == "" {
			return ""
		}
		why = "the release does not cover " + missing
	}
	return why
}

// Best is the status a list shows for a person: valid if any release is, else the latest's.
func Best(rs []Release, now time.Time) Status {
	if len(rs) == 0 {
		return Missing
	}
	for _, r := range rs {
		if StatusOf(r, now) == Valid {
			return Valid
		}
	}
	return StatusOf(rs[len(rs)-1], now)
}
