package incident

import "time"

// The numbers of the rule.
const (
	noticeDays = 60  // 164.404(b), 164.406(b), 164.408(b) and (c)
	largeCount = 500 // 164.408(b): 500 or more; 164.406(a): more than 500 residents of a State
	oralDays   = 30  // 164.412(b)
)

// LawEnforcementDelay is an official's statement that notice would impede a criminal
// investigation or harm national security. Notice must then wait (164.412).
type LawEnforcementDelay struct {
	StatedAt time.Time `json:"stated_at"` // when the official first made the statement
	Official string    `json:"official"`  // who, and for which agency: 164.412(b) requires documenting it
	Written  bool      `json:"written"`   // a written statement that specifies the time, 164.412(a)
	Until    time.Time `json:"until"`     // the last day of the period the written statement specifies
}

// End returns the last instant of the hold in loc: the end of Until's day for a written statement,
// and the end of the 30th day after an oral one, which may last no longer (164.412(b)). A
// written statement that arrives within those 30 days is recorded by setting Written and Until.
func (d LawEnforcementDelay) End(loc *time.Location) time.Time {
	if d.Written {
		return endOfDay(civil(d.Until, loc), loc)
	}
	return endOfDay(civil(d.StatedAt, loc).AddDate(0, 0, oralDays), loc)
}

// Holds reports whether the hold is in force at now.
func (d LawEnforcementDelay) Holds(now time.Time, loc *time.Location) bool {
	return !now.Before(d.StatedAt) && !now.After(d.End(loc))
}

func (d LawEnforcementDelay) problems() []string {
	var bad []string
	if d.StatedAt.IsZero() {
		bad = append(bad, "a law-enforcement delay needs the date of the statement")
	}
	if d.Written && (d.Until.IsZero() || d.Until.Before(d.StatedAt)) {
		bad = append(bad, "a written law-enforcement delay needs the end date it specifies (164.412(a))")
	}
	if !d.Written && d.Official == "" {
		bad = append(bad, "an oral law-enforcement delay needs the identity of the official (164.412(b))")
	}
	return bad
}

// IndividualDeadline returns the last instant to notify individuals: the end, in the practice's
// zone loc, of the 60th calendar day after discovery (164.404(b)), moved by any hold. The 60 days
// are an outer limit: notice is due without unreasonable delay, so this is not a target.
func IndividualDeadline(discovered time.Time, hold *LawEnforcementDelay, loc *time.Location) time.Time {
	return deadline(civil(discovered, loc), hold, loc)
}

// MediaRequired reports whether prominent media must be told: when more than 500 residents of
// one State or jurisdiction are affected (164.406(a)). People not yet assigned to a State in
// byState could all live in the largest one, so they count towards it until placed.
func MediaRequired(affected int, byState map[string]int) bool {
	most, placed := 0, 0
	for _, n := range byState {
		most = max(most, n)
		placed += n
	}
	return most+max(affected-placed, 0) > largeCount
}

// MediaDeadline returns the last instant for media notice, on the same 60 days as individual
// notice (164.406(b)), and whether media notice is required at all.
func MediaDeadline(discovered time.Time, affected int, byState map[string]int, hold *LawEnforcementDelay, loc *time.Location) (time.Time, bool) {
	if !MediaRequired(affected, byState) {
		return time.Time{}, false
	}
	return IndividualDeadline(discovered, hold, loc), true
}

// SecretaryDeadline returns the last instant to notify the Secretary of HHS, and whether that
// notice goes in the yearly submission. For 500 or more individuals it is contemporaneous with
// individual notice (164.408(b)); for fewer, it is due no later than 60 days after the end of the
// calendar year in which the breach was discovered (164.408(c)), counted in the practice's zone.
func SecretaryDeadline(discovered time.Time, affected int, hold *LawEnforcementDelay, loc *time.Location) (time.Time, bool) {
	if affected >= largeCount {
		return IndividualDeadline(discovered, hold, loc), false
	}
	yearEnd := time.Date(civil(discovered, loc).Year(), time.December, 31, 0, 0, 0, 0, time.UTC)
	return deadline(yearEnd, hold, loc), true
}

// deadline counts 60 calendar days after day0 and returns the end of the last one in loc. Days
// of a law-enforcement hold that fall inside that window do not count: notice may not go out
// during the hold (164.412), so the days it takes are given back once it ends. The statement's
// own day counts as held. A hold that starts after the window has closed moves nothing.
func deadline(day0 time.Time, hold *LawEnforcementDelay, loc *time.Location) time.Time {
	last := day0.AddDate(0, 0, noticeDays)
	if hold != nil {
		from := civil(hold.StatedAt, loc)
		if first := day0.AddDate(0, 0, 1); from.Before(first) {
			from = first
		}
		to := civil(hold.End(loc), loc)
		if !from.After(last) && !to.Before(from) {
			last = last.AddDate(0, 0, days(from, to)+1)
		}
	}
	return endOfDay(last, loc)
}

// civil returns t's calendar date in loc as midnight UTC, where adding days is exact arithmetic
// with no daylight-saving transition to shift it.
func civil(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// endOfDay returns the last instant of the civil day in loc: one nanosecond before the next
// local midnight, so a day of 23 or 25 hours ends at the right instant. (US zones change their
// clocks at 2 a.m., never at midnight, so local midnight always exists once.)
func endOfDay(day time.Time, loc *time.Location) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, loc).Add(-time.Nanosecond)
}

func days(from, to time.Time) int { return int(to.Sub(from) / (24 * time.Hour)) }
