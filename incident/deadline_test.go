package incident

import (
	"testing"
	"time"
)

// day is a calendar date, as a person would count it on a calendar.
type day struct {
	y int
	m time.Month
	d int
}

// checkLastInstant fails unless dl is the last instant of want in loc: the wall clock reads
// 23:59:59.999999999 on that date, and one nanosecond later it is the next local day.
func checkLastInstant(t *testing.T, dl time.Time, want day, loc *time.Location) {
	t.Helper()
	l := dl.In(loc)
	if y, m, d := l.Date(); y != want.y || m != want.m || d != want.d {
		t.Fatalf("deadline falls on %s, want %d-%02d-%02d", l.Format(time.DateOnly), want.y, want.m, want.d)
	}
	if h, mi, s := l.Clock(); h != 23 || mi != 59 || s != 59 || l.Nanosecond() != 999999999 {
		t.Fatalf("deadline is %s local, want the end of the day", l.Format(time.RFC3339Nano))
	}
	if next := dl.Add(time.Nanosecond).In(loc); next.Hour() != 0 || next.Day() == want.d {
		t.Fatalf("one nanosecond after the deadline is %s, want the next local midnight", next)
	}
}

func TestIndividualDeadline(t *testing.T) {
	cases := []struct {
		name       string
		discovered time.Time
		loc        *time.Location
		want       day
		wantUTC    string // when set, the exact instant: proves the zone's offset on that day is used
	}{
		{"60 calendar days", at(newYork, 2026, time.March, 2, 10, 0), newYork, day{2026, time.May, 1}, ""},
		{"counted from the local day, not the UTC one", at(losAngeles, 2026, time.March, 10, 23, 30), losAngeles, day{2026, time.May, 9}, "2026-05-10T06:59:59.999999999Z"},
		{"discovered just after local midnight", at(losAngeles, 2026, time.March, 11, 0, 5), losAngeles, day{2026, time.May, 10}, ""},
		{"daylight saving starts inside the window", at(newYork, 2026, time.February, 1, 9, 0), newYork, day{2026, time.April, 2}, "2026-04-03T03:59:59.999999999Z"},
		{"daylight saving ends inside the window", at(newYork, 2026, time.September, 15, 9, 0), newYork, day{2026, time.November, 14}, "2026-11-15T04:59:59.999999999Z"},
		{"the 60th day is the 23-hour day clocks spring forward", at(newYork, 2026, time.January, 7, 9, 0), newYork, day{2026, time.March, 8}, "2026-03-09T03:59:59.999999999Z"},
		{"the 60th day is the 25-hour day clocks fall back", at(newYork, 2026, time.September, 2, 9, 0), newYork, day{2026, time.November, 1}, "2026-11-02T04:59:59.999999999Z"},
		{"leap year: February has 29 days", at(newYork, 2028, time.January, 15, 9, 0), newYork, day{2028, time.March, 15}, ""},
		{"common year: February has 28 days", at(newYork, 2027, time.January, 15, 9, 0), newYork, day{2027, time.March, 16}, ""},
		{"discovered on December 31", at(newYork, 2026, time.December, 31, 15, 0), newYork, day{2027, time.March, 1}, ""},
		{"December 31 before a leap February", at(newYork, 2027, time.December, 31, 23, 30), newYork, day{2028, time.February, 29}, ""},
		{"discovery given in UTC, practice in Honolulu", time.Date(2026, time.June, 1, 5, 0, 0, 0, time.UTC), honolulu, day{2026, time.July, 30}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dl := IndividualDeadline(c.discovered, nil, c.loc)
			checkLastInstant(t, dl, c.want, c.loc)
			if c.wantUTC != "" && dl.UTC().Format(time.RFC3339Nano) != c.wantUTC {
				t.Fatalf("deadline = %s, want %s", dl.UTC().Format(time.RFC3339Nano), c.wantUTC)
			}
		})
	}
}

var honolulu, _ = time.LoadLocation("Pacific/Honolulu")

func TestSecretaryDeadline(t *testing.T) {
	cases := []struct {
		name       string
		discovered time.Time
		affected   int
		want       day
		yearly     bool
	}{
		{"1 person: yearly log", at(newYork, 2026, time.June, 10, 9, 0), 1, day{2027, time.March, 1}, true},
		{"499 people: yearly log", at(newYork, 2026, time.June, 10, 9, 0), 499, day{2027, time.March, 1}, true},
		{"500 people: with individual notice", at(newYork, 2026, time.June, 10, 9, 0), 500, day{2026, time.August, 9}, false},
		{"501 people: with individual notice", at(newYork, 2026, time.June, 10, 9, 0), 501, day{2026, time.August, 9}, false},
		{"small, discovered Dec 31: same day as individual notice", at(newYork, 2026, time.December, 31, 9, 0), 12, day{2027, time.March, 1}, true},
		{"small, discovered late on Dec 31 local (Jan 1 in UTC): that year's log", at(newYork, 2027, time.December, 31, 23, 30), 12, day{2028, time.February, 29}, true},
		{"small, discovered Jan 1: a whole year to wait", at(newYork, 2027, time.January, 1, 0, 30), 12, day{2028, time.February, 29}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dl, yearly := SecretaryDeadline(c.discovered, c.affected, nil, newYork)
			if yearly != c.yearly {
				t.Fatalf("yearly = %v, want %v", yearly, c.yearly)
			}
			checkLastInstant(t, dl, c.want, newYork)
		})
	}
}

func TestMediaNotice(t *testing.T) {
	cases := []struct {
		name     string
		affected int
		byState  map[string]int
		want     bool
	}{
		{"500 people, states unknown: none can exceed 500", 500, nil, false},
		{"501 people, states unknown: all may live in one", 501, nil, true},
		{"501 residents of one state", 600, map[string]int{"NY": 501, "NJ": 99}, true},
		{"exactly 500 in each of two states: not more than 500", 1000, map[string]int{"NY": 500, "NJ": 500}, false},
		{"1,500 people, none of the states above 500", 1500, map[string]int{"NY": 500, "NJ": 500, "CT": 500}, false},
		{"unplaced people could push a state over 500", 1200, map[string]int{"NY": 400}, true},
		{"unplaced people too few to push any state over", 1200, map[string]int{"NY": 500, "NJ": 500, "CT": 200}, false},
	}
	discovered := at(newYork, 2026, time.March, 2, 10, 0)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dl, req := MediaDeadline(discovered, c.affected, c.byState, nil, newYork)
			if req != c.want {
				t.Fatalf("media notice required = %v, want %v", req, c.want)
			}
			if req {
				checkLastInstant(t, dl, day{2026, time.May, 1}, newYork) // the same 60 days, 164.406(b)
			} else if !dl.IsZero() {
				t.Fatalf("a notice that is not required has a deadline %s", dl)
			}
		})
	}
}

func TestLawEnforcementDelay(t *testing.T) {
	discovered := at(newYork, 2026, time.March, 2, 10, 0) // deadline without a hold: May 1
	cases := []struct {
		name     string
		hold     LawEnforcementDelay
		affected int
		holdEnd  day
		want     day
	}{
		{"written, Mar 12 to Apr 11: 31 held days given back", LawEnforcementDelay{StatedAt: at(newYork, 2026, time.March, 12, 15, 0), Written: true, Until: at(newYork, 2026, time.April, 11, 0, 0)}, 10,
			day{2026, time.April, 11}, day{2026, time.June, 1}},
		{"oral on Mar 12: at most 30 days", LawEnforcementDelay{StatedAt: at(newYork, 2026, time.March, 12, 15, 0), Official: "Det. R. Ortiz, NYPD"}, 10,
			day{2026, time.April, 11}, day{2026, time.June, 1}},
		{"oral cannot be stretched by an end date only a written statement may set", LawEnforcementDelay{StatedAt: at(newYork, 2026, time.March, 12, 15, 0), Official: "Det. R. Ortiz", Until: at(newYork, 2026, time.June, 30, 0, 0)}, 10,
			day{2026, time.April, 11}, day{2026, time.June, 1}},
		{"stated on the discovery day: the held days after it", LawEnforcementDelay{StatedAt: at(newYork, 2026, time.March, 2, 12, 0), Written: true, Until: at(newYork, 2026, time.March, 11, 0, 0)}, 10,
			day{2026, time.March, 11}, day{2026, time.May, 10}},
		{"stated after the deadline: nothing to give back", LawEnforcementDelay{StatedAt: at(newYork, 2026, time.May, 5, 9, 0), Written: true, Until: at(newYork, 2026, time.June, 5, 0, 0)}, 10,
			day{2026, time.June, 5}, day{2026, time.May, 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkLastInstant(t, c.hold.End(newYork), c.holdEnd, newYork)
			checkLastInstant(t, IndividualDeadline(discovered, &c.hold, newYork), c.want, newYork)
			if dl, req := MediaDeadline(discovered, 700, nil, &c.hold, newYork); !req {
				t.Fatal("700 people in unknown states need media notice")
			} else {
				checkLastInstant(t, dl, c.want, newYork)
			}
			dl, _ := SecretaryDeadline(discovered, 700, &c.hold, newYork)
			checkLastInstant(t, dl, c.want, newYork)
		})
	}
	t.Run("yearly log: only the held days inside Jan 1 to Mar 1 count", func(t *testing.T) {
		small := at(newYork, 2026, time.June, 10, 9, 0)
		hold := LawEnforcementDelay{StatedAt: at(newYork, 2027, time.February, 20, 9, 0), Written: true, Until: at(newYork, 2027, time.March, 10, 0, 0)}
		dl, _ := SecretaryDeadline(small, 12, &hold, newYork)
		checkLastInstant(t, dl, day{2027, time.March, 20}, newYork) // Feb 20 to Mar 10 is 19 days
		early := LawEnforcementDelay{StatedAt: at(newYork, 2026, time.June, 11, 9, 0), Written: true, Until: at(newYork, 2026, time.July, 10, 0, 0)}
		dl, _ = SecretaryDeadline(small, 12, &early, newYork)
		checkLastInstant(t, dl, day{2027, time.March, 1}, newYork) // over long before the log is due
	})
}

func TestLawEnforcementDelayValidation(t *testing.T) {
	in := base()
	in.Delay = &LawEnforcementDelay{StatedAt: in.DiscoveredAt}
	wantErr(t, in.Validate(), "invalid", "identity of the official")
	in.Delay = &LawEnforcementDelay{StatedAt: in.DiscoveredAt, Written: true}
	wantErr(t, in.Validate(), "invalid", "end date")
	in.Delay = &LawEnforcementDelay{StatedAt: in.DiscoveredAt, Written: true, Until: in.DiscoveredAt.AddDate(0, 0, -1)}
	wantErr(t, in.Validate(), "invalid", "end date")
	in.Delay = &LawEnforcementDelay{Official: "Agent K. Lee, FBI"}
	wantErr(t, in.Validate(), "invalid", "date of the statement")
	in.Delay = &LawEnforcementDelay{StatedAt: in.DiscoveredAt, Official: "Agent K. Lee, FBI"}
	if err := in.Validate(); err != nil {
		t.Fatalf("a documented oral delay is valid: %v", err)
	}
}
