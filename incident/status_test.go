package incident

import (
	"testing"
	"time"
)

func phases(in Incident, now time.Time) map[Notice]NoticeStatus {
	out := map[Notice]NoticeStatus{}
	for _, n := range in.Status(now, newYork) {
		out[n.Notice] = n
	}
	return out
}

func TestStatus(t *testing.T) {
	small := base() // discovered Mar 2 2026 in New York: individual notice due by the end of May 1
	large := base()
	large.Affected, large.AffectedByState = 800, map[string]int{"NY": 700, "NJ": 100}
	sent := base()
	sent.IndividualsNotifiedAt = at(newYork, 2026, time.March, 20, 9, 0)
	late := base()
	late.IndividualsNotifiedAt = at(newYork, 2026, time.May, 2, 0, 0)
	notBreach := base()
	notBreach.Assessment = &Assessment{Conclusion: NotABreach}
	held := base()
	held.Delay = &LawEnforcementDelay{StatedAt: at(newYork, 2026, time.March, 12, 15, 0), Official: "Det. R. Ortiz, NYPD"}

	cases := []struct {
		name                  string
		in                    Incident
		now                   time.Time
		individual, media, hs Phase
		yearly, lateSend      bool
	}{
		{"a day after discovery, small breach", small, at(newYork, 2026, time.March, 3, 9, 0), Due, NotRequired, Due, true, false},
		{"last minute of the 60th day", small, at(newYork, 2026, time.May, 1, 23, 59), Due, NotRequired, Due, true, false},
		{"first minute after it", small, at(newYork, 2026, time.May, 2, 0, 0), Overdue, NotRequired, Due, true, false},
		{"large breach: media and Secretary share the 60 days", large, at(newYork, 2026, time.May, 2, 0, 0), Overdue, Overdue, Overdue, false, false},
		{"sent in time", sent, at(newYork, 2026, time.June, 1, 9, 0), Done, NotRequired, Due, true, false},
		{"sent late is done, and says so", late, at(newYork, 2026, time.June, 1, 9, 0), Done, NotRequired, Due, true, true},
		{"small breach: the Secretary's notice waits for the next year's log", small, at(newYork, 2027, time.March, 2, 0, 0), Overdue, NotRequired, Overdue, true, false},
		{"assessed as not a breach: nothing is required", notBreach, at(newYork, 2026, time.June, 1, 9, 0), NotRequired, NotRequired, NotRequired, true, false},
		{"before the law-enforcement statement", held, at(newYork, 2026, time.March, 12, 14, 0), Due, NotRequired, Due, true, false},
		{"during the hold: must not send", held, at(newYork, 2026, time.April, 11, 23, 0), Held, NotRequired, Held, true, false},
		{"after the hold, past the old deadline, before the new one", held, at(newYork, 2026, time.May, 15, 9, 0), Due, NotRequired, Due, true, false},
		{"after the new deadline", held, at(newYork, 2026, time.June, 2, 0, 0), Overdue, NotRequired, Due, true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := phases(c.in, c.now)
			if p[ToIndividuals].Phase != c.individual || p[ToMedia].Phase != c.media || p[ToSecretary].Phase != c.hs {
				t.Fatalf("phases individuals/media/secretary = %s/%s/%s, want %s/%s/%s", p[ToIndividuals].Phase,
					p[ToMedia].Phase, p[ToSecretary].Phase, c.individual, c.media, c.hs)
			}
			if p[ToSecretary].Yearly != c.yearly {
				t.Fatalf("secretary yearly = %v, want %v", p[ToSecretary].Yearly, c.yearly)
			}
			if p[ToIndividuals].Late != c.lateSend {
				t.Fatalf("late = %v, want %v", p[ToIndividuals].Late, c.lateSend)
			}
			for _, n := range p {
				if n.Required == n.Deadline.IsZero() {
					t.Fatalf("%s: required = %v but deadline = %v", n.Notice, n.Required, n.Deadline)
				}
			}
		})
	}
}
