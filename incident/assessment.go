package incident

import (
	"fmt"
	"time"
)

// Level is the probability of compromise one factor points to. Low is the good end: for factor
// (iv), low means the risk is well mitigated.
type Level string

// The levels.
const (
	Low    Level = "low"
	Medium Level = "medium"
	High   Level = "high"
)

// Factor is one factor of the risk assessment: a level and the written reasoning behind it.
type Factor struct {
	Level Level  `json:"level"`
	Note  string `json:"note"`
}

// Conclusion is what the assessment decides.
type Conclusion string

// The conclusions.
const (
	Breach     Conclusion = "breach"
	NotABreach Conclusion = "not_a_breach" // a low probability that the PHI has been compromised
)

// Assessment is the four-factor risk assessment of 164.402(2). Its written form is what carries
// the burden of proof of 164.414(b) if the practice decides not to notify.
type Assessment struct {
	Nature     Factor `json:"nature"`     // (i) nature and extent of the PHI: identifiers, likelihood of re-identification
	Recipient  Factor `json:"recipient"`  // (ii) the unauthorized person who used it or to whom it was disclosed
	Acquired   Factor `json:"acquired"`   // (iii) whether it was actually acquired or viewed: reach, how long it was up
	Mitigation Factor `json:"mitigation"` // (iv) the extent to which the risk has been mitigated

	// Limited is true only when the post was visible to a known, limited audience (a direct
	// message, a closed group). The zero value is the public, because that is where posts go.
	Limited bool `json:"limited"`
	// Impressions is how many times the platform reports the post was shown; 0 if unknown.
	Impressions int `json:"impressions"`

	Conclusion Conclusion `json:"conclusion"`
	Reason     string     `json:"reason"`      // why the conclusion follows from the factors; required either way
	AssessedBy int64      `json:"assessed_by"` // the user who signed the assessment
	AssessedAt time.Time  `json:"assessed_at"`
}

// problems returns what makes a invalid for in.
func (a Assessment) problems(in Incident) []string {
	var bad []string
	for _, f := range []struct {
		name string
		f    Factor
	}{{"(i) nature and extent", a.Nature}, {"(ii) recipient", a.Recipient},
		{"(iii) acquired or viewed", a.Acquired}, {"(iv) mitigation", a.Mitigation}} {
		if f.f.Level != Low && f.f.Level != Medium && f.f.Level != High {
			bad = append(bad, fmt.Sprintf("factor %s needs a level: low, medium or high", f.name))
		}
		if f.f.Note == "" {
			bad = append(bad, fmt.Sprintf("factor %s needs a written note", f.name))
		}
	}
	// Factor (ii) asks who received the PHI. The public is the widest, least accountable recipient
	// there is: nobody in it is bound by HIPAA or can be asked to return or destroy what they saw.
	if !a.Limited && a.Recipient.Level == Low {
		bad = append(bad, "factor (ii) cannot be low: the post was visible to the public")
	}
	// The platform's own count says people saw it, which answers factor (iii).
	if a.Impressions > 0 && a.Acquired.Level == Low {
		bad = append(bad, "factor (iii) cannot be low: the platform reports the post was shown")
	}
	// A post still up keeps disclosing: nothing has been mitigated yet (factor (iv)).
	if in.TakenDownAt.IsZero() && a.Mitigation.Level == Low {
		bad = append(bad, "factor (iv) cannot be low while the post is still up")
	}
	switch a.Conclusion {
	case Breach:
	case NotABreach:
		// A breach is presumed unless the assessment shows a low probability of compromise
		// (164.402(2)). Identifiable PHI shown to the public has, by definition, been disclosed to
		// people who can re-identify and re-share it, and no later step can recall it; so no
		// assessment can show a low probability, whatever factors (iii) and (iv) say.
		if !a.Limited && a.Nature.Level != Low {
			bad = append(bad, "it cannot conclude not_a_breach: identifiable PHI was shown to the public")
		}
	default:
		bad = append(bad, "the conclusion must be breach or not_a_breach")
	}
	if a.Reason == "" {
		bad = append(bad, "the conclusion needs a written reason")
	}
	if a.AssessedBy <= 0 || a.AssessedAt.IsZero() {
		bad = append(bad, "the assessment needs who made it and when")
	}
	return bad
}
