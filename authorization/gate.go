package authorization

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bedsidehq/bedside/phi"
)

// Request is what a post is about to disclose, where and why.
type Request struct {
	Findings []phi.Finding
	Channels []Channel
	Purpose  Purpose
	At       time.Time
}

// Uncovered is a finding that no linked valid authorization covers, and why.
type Uncovered struct {
	Finding phi.Finding `json:"finding"`
	Reason  string      `json:"reason"`
}

// Gate checks that every finding that is not allowed on its own is covered by one linked, valid
// authorization whose elements include the finding's kind, whose channels include every target
// channel and whose purposes include the post's purpose. It returns what is not covered; an empty
// result means the post may go out.
func Gate(req Request, linked []Authorization) []Uncovered {
	var valid []Authorization
	for _, a := range linked {
		if len(Validate(a, req.At)) == 0 {
			valid = append(valid, a)
		}
	}
	var out []Uncovered
	for _, f := range req.Findings {
		if f.Effect == phi.Allow {
			continue
		}
		if why := cover(f, req, valid, len(linked)); why != "" {
			out = append(out, Uncovered{Finding: f, Reason: why})
		}
	}
	return out
}

// cover returns "" when some authorization covers f, else the nearest reason why none does.
func cover(f phi.Finding, req Request, valid []Authorization, linked int) string {
	if len(valid) == 0 {
		if linked > 0 {
			return "the linked authorizations are not valid (expired, revoked or defective)"
		}
		return "no signed authorization is linked to this post"
	}
	reason := ""
	for _, a := range valid {
		switch {
		case !slices.Contains(a.Elements, f.Kind):
			reason = fmt.Sprintf("no valid authorization covers %s", f.Kind)
		case !slices.Contains(a.Purposes, req.Purpose):
			reason = fmt.Sprintf("no valid authorization covers the purpose %q", req.Purpose)
		default:
			var missing []string
			for _, c := range req.Channels {
				if !slices.Contains(a.Channels, c) {
					missing = append(missing, string(c))
				}
			}
			if len(missing) == 0 {
				return ""
			}
			reason = "no valid authorization covers the channel " + strings.Join(missing, ", ")
		}
	}
	return reason
}

// CoverPhoto checks a picture in which a patient appears: one of that patient's linked, valid
// authorizations must include PHOTO, every target channel and the purpose. It returns "" when
// covered, else why not. Another patient's authorization never covers them.
func CoverPhoto(patientID int64, req Request, linked []Authorization) string {
	var theirs, valid []Authorization
	for _, a := range linked {
		if a.PatientID == patientID {
			theirs = append(theirs, a)
			if len(Validate(a, req.At)) == 0 {
				valid = append(valid, a)
			}
		}
	}
	return cover(phi.Finding{Kind: phi.Photo}, req, valid, len(theirs))
}
