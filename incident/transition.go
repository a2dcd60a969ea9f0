package incident

import (
	"strings"

	"github.com/bedsidehq/bedside"
)

// next lists the moves each state allows. Besides the path open -> assessed -> notified |
// not_a_breach -> closed, an assessment may be revised until notice or closing: new facts (more
// people affected, copies found elsewhere) can overturn it, and the deadlines keep running from
// the first discovery, which a fresh incident would wrongly reset.
var next = map[State][]State{
	Open:      {Assessed},
	Assessed:  {Assessed, Notified, NotBreach},
	Notified:  {Closed},
	NotBreach: {Assessed, Closed},
}

// Assess records a and moves in to Assessed. It refuses an assessment that breaks a rule of
// 164.402(2), and an incident that is already past assessment.
func Assess(in Incident, a Assessment) (Incident, error) {
	if err := allowed(in.State, Assessed); err != nil {
		return in, err
	}
	if err := in.Validate(); err != nil {
		return in, err
	}
	if bad := a.problems(in); len(bad) > 0 {
		e := bedside.Errorf(bedside.EInvalid, "%s", strings.Join(bad, "; "))
		e.Details = bad
		return in, e
	}
	in.Assessment = &a
	in.State = Assessed
	return in, nil
}

// Transition moves in to state to, or returns a bedside.Error saying why it may not: EConflict
// when the move is not allowed from the current state or a precondition is not met.
func Transition(in Incident, to State) (Incident, error) {
	if to == Assessed {
		return in, bedside.Errorf(bedside.EInvalid, "use Assess to record an assessment")
	}
	if err := allowed(in.State, to); err != nil {
		return in, err
	}
	switch to {
	case Notified:
		if in.Assessment == nil || in.Assessment.Conclusion != Breach {
			return in, conflict("only an assessment that concludes breach leads to notification")
		}
		if in.IndividualsNotifiedAt.IsZero() {
			return in, conflict("first record when the individuals were notified (164.404)")
		}
	case NotBreach:
		if in.Assessment == nil || in.Assessment.Conclusion != NotABreach {
			return in, conflict("the assessment does not conclude not_a_breach; a breach is presumed (164.402(2))")
		}
	case Closed:
		// Closing a breach before every notice is out would drop the incident from the lists
		// that remind the practice; the Secretary's notice for a small breach comes with the
		// yearly log (164.408(c)), so such an incident stays notified until then.
		if in.State == Notified {
			for _, n := range in.notices() {
				if n.Required && n.SentAt.IsZero() {
					return in, conflict("the " + string(n.Notice) + " notice has not been recorded as sent")
				}
			}
		}
	}
	in.State = to
	return in, nil
}

func allowed(from, to State) error {
	for _, s := range next[from] {
		if s == to {
			return nil
		}
	}
	return conflict("an incident that is " + string(from) + " cannot become " + string(to))
}

func conflict(msg string) error { return bedside.Errorf(bedside.EConflict, "%s", msg) }
