package incident

import "time"

// Notice names one notification the rule may require.
type Notice string

// The notices.
const (
	ToIndividuals Notice = "individuals" // 164.404
	ToMedia       Notice = "media"       // 164.406
	ToSecretary   Notice = "secretary"   // 164.408
)

// Phase is where one notice stands.
type Phase string

// The phases.
const (
	NotRequired Phase = "not_required"
	Held        Phase = "held" // a law-enforcement delay forbids sending it now (164.412)
	Due         Phase = "due"
	Overdue     Phase = "overdue"
	Done        Phase = "done"
)

// NoticeStatus is one notice of an incident at a moment.
type NoticeStatus struct {
	Notice   Notice    `json:"notice"`
	Required bool      `json:"required"`
	Yearly   bool      `json:"yearly"`   // the Secretary's notice for fewer than 500 people, in the yearly submission
	Deadline time.Time `json:"deadline"` // zero when not required
	SentAt   time.Time `json:"sent_at"`
	Late     bool      `json:"late"` // sent, but after the deadline
	Phase    Phase     `json:"phase"`
}

// Status returns where each notice stands at now, with deadlines in the practice's zone loc.
// Until an assessment concludes otherwise, a breach is presumed (164.402(2)) and every deadline
// runs: waiting for the assessment does not stop the clock.
func (in Incident) Status(now time.Time, loc *time.Location) []NoticeStatus {
	out := in.notices()
	for i := range out {
		n := &out[i]
		if !n.Required {
			n.Phase = NotRequired
			continue
		}
		switch n.Notice {
		case ToIndividuals, ToMedia:
			n.Deadline = IndividualDeadline(in.DiscoveredAt, in.Delay, loc)
		case ToSecretary:
			n.Deadline, _ = SecretaryDeadline(in.DiscoveredAt, in.Affected, in.Delay, loc)
		}
		switch {
		case !n.SentAt.IsZero():
			n.Phase, n.Late = Done, n.SentAt.After(n.Deadline)
		case in.Delay != nil && in.Delay.Holds(now, loc):
			n.Phase = Held
		case now.After(n.Deadline):
			n.Phase = Overdue
		default:
			n.Phase = Due
		}
	}
	return out
}

// notices returns which notices in requires and when each was sent, without deadlines.
func (in Incident) notices() []NoticeStatus {
	breach := in.breach()
	return []NoticeStatus{
		{Notice: ToIndividuals, Required: breach, SentAt: in.IndividualsNotifiedAt},
		{Notice: ToMedia, Required: breach && MediaRequired(in.Affected, in.AffectedByState), SentAt: in.MediaNotifiedAt},
		{Notice: ToSecretary, Required: breach, Yearly: in.Affected < largeCount, SentAt: in.SecretaryNotifiedAt},
	}
}

// breach reports whether in counts as a breach: always, unless its assessment concludes
// otherwise, because a breach is presumed (164.402(2)).
func (in Incident) breach() bool {
	return in.Assessment == nil || in.Assessment.Conclusion != NotABreach
}
