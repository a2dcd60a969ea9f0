package loyalty

import (
	"fmt"
	"strings"
)

// RuleKind is an action that can earn points.
type RuleKind string

// The kinds of action a practice may reward. The list is closed: a new kind is a code change,
// so that nobody can type "google_review" into a settings form.
const (
	EventAttendance        RuleKind = "event_attendance"        // came to a public event of the practice
	NewsletterConfirmation RuleKind = "newsletter_confirmation" // confirmed a newsletter subscription
	ReferralVisit          RuleKind = "referral_visit"          // someone they referred came for a visit
	ProgramJoin            RuleKind = "program_join"            // joined the programme
)

// RuleKinds lists the kinds a practice may reward.
var RuleKinds = []RuleKind{EventAttendance, NewsletterConfirmation, ReferralVisit, ProgramJoin}

// Limits of a rule.
const (
	MaxRulePoints   = 100000
	MaxExpiryMonths = 120
)

// Rule says how many points one kind of action earns in a practice, and how long they last.
// Points 0 switches the rule off.
type Rule struct {
	ID           int64
	PracticeID   int64
	Kind         RuleKind
	Points       int64
	ExpiryMonths int // points expire this many months after they were earned
}

// reviewWords mark a kind that would reward a review, a rating or a testimonial, however spelled.
var reviewWords = []string{"review", "rating", "rate_us", "star", "testimonial", "yelp", "google", "feedback"}

// IsReviewIncentive reports whether a kind names a review, rating or testimonial.
func IsReviewIncentive(k RuleKind) bool {
	s := strings.ToLower(string(k))
	for _, w := range reviewWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// ValidKind reports whether k is one of the kinds a practice may reward.
func ValidKind(k RuleKind) bool {
	for _, v := range RuleKinds {
		if v == k {
			return true
		}
	}
	return false
}

// Validate refuses a rule for a review before anything else, then any kind or amount outside
// the programme's limits.
func (r Rule) Validate() error {
	if IsReviewIncentive(r.Kind) {
		return refuse(ReviewIncentive, "points for reviews, ratings or testimonials are not allowed: paying for reviews is forbidden (FTC 16 CFR 465, Google and Yelp policies)")
	}
	if !ValidKind(r.Kind) {
		return refuse(Invalid, fmt.Sprintf("unknown rule kind %q; a rule is one of %s", r.Kind, kindList()))
	}
	if r.Points < 0 || r.Points > MaxRulePoints {
		return refuse(Invalid, fmt.Sprintf("a rule earns between 0 (off) and %d points", MaxRulePoints))
	}
	if r.ExpiryMonths < 1 || r.ExpiryMonths > MaxExpiryMonths {
		return refuse(Invalid, fmt.Sprintf("points expire between 1 and %d months after they are earned", MaxExpiryMonths))
	}
	return nil
}

func kindList() string {
	s := make([]string, len(RuleKinds))
	for i, k := range RuleKinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}
