package incident

import (
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
)

// assessed returns base assessed with conclusion c.
func assessed(t *testing.T, c Conclusion) Incident {
	t.Helper()
	a := goodAssessment()
	if c == NotABreach {
		a.Nature, a.Conclusion, a.Reason = Factor{Low, "nobody can be identified"}, NotABreach, "no individual identifiable"
	}
	in, err := Assess(base(), a)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func TestTransitions(t *testing.T) {
	notified := func(in Incident) Incident {
		in.IndividualsNotifiedAt = at(newYork, 2026, time.March, 20, 9, 0)
		return in
	}
	cases := []struct {
		name string
		in   func(*testing.T) Incident
		to   State
		code string // "" when allowed
		part string
	}{
		{"open cannot be notified before an assessment", func(*testing.T) Incident { return notified(base()) }, Notified, bedside.EConflict, "open cannot become notified"},
		{"open cannot be declared not a breach", func(*testing.T) Incident { return base() }, NotBreach, bedside.EConflict, "open cannot become not_a_breach"},
		{"open cannot be closed", func(*testing.T) Incident { return base() }, Closed, bedside.EConflict, "open cannot become closed"},
		{"assessed goes through Assess only", func(*testing.T) Incident { return base() }, Assessed, bedside.EInvalid, "use Assess"},
		{"unknown state", func(t *testing.T) Incident { return assessed(t, Breach) }, "archived", bedside.EConflict, "cannot become archived"},
		{"breach, individuals not yet notified", func(t *testing.T) Incident { return assessed(t, Breach) }, Notified, bedside.EConflict, "record when the individuals were notified"},
		{"breach, individuals notified", func(t *testing.T) Incident { return notified(assessed(t, Breach)) }, Notified, "", ""},
		{"a breach cannot be declared not a breach", func(t *testing.T) Incident { return assessed(t, Breach) }, NotBreach, bedside.EConflict, "a breach is presumed"},
		{"not a breach", func(t *testing.T) Incident { return assessed(t, NotABreach) }, NotBreach, "", ""},
		{"not a breach cannot be notified", func(t *testing.T) Incident { return notified(assessed(t, NotABreach)) }, Notified, bedside.EConflict, "only an assessment that concludes breach"},
		{"assessed cannot skip to closed", func(t *testing.T) Incident { return assessed(t, Breach) }, Closed, bedside.EConflict, "assessed cannot become closed"},
		{"small breach stays notified until the yearly log is sent", func(t *testing.T) Incident {
			in, _ := Transition(notified(assessed(t, Breach)), Notified)
			return in
		}, Closed, bedside.EConflict, "secretary notice has not been recorded"},
		{"small breach closes once in the yearly log", func(t *testing.T) Incident {
			in, _ := Transition(notified(assessed(t, Breach)), Notified)
			in.SecretaryNotifiedAt = at(newYork, 2027, time.February, 10, 9, 0)
			return in
		}, Closed, "", ""},
		{"large breach needs the media notice before closing", func(t *testing.T) Incident {
			in := base()
			in.Affected = 900
			in, _ = Assess(in, goodAssessment())
			in, _ = Transition(notified(in), Notified)
			in.SecretaryNotifiedAt = in.IndividualsNotifiedAt
			return in
		}, Closed, bedside.EConflict, "media notice has not been recorded"},
		{"not a breach closes", func(t *testing.T) Incident {
			in, _ := Transition(assessed(t, NotABreach), NotBreach)
			return in
		}, Closed, "", ""},
		{"closed is final", func(t *testing.T) Incident {
			in, _ := Transition(assessed(t, NotABreach), NotBreach)
			in, _ = Transition(in, Closed)
			return in
		}, Open, bedside.EConflict, "closed cannot become open"},
		{"notified cannot go back", func(t *testing.T) Incident {
			in, _ := Transition(notified(assessed(t, Breach)), Notified)
			return in
		}, Open, bedside.EConflict, "notified cannot become open"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := c.in(t)
			got, err := Transition(in, c.to)
			if c.code == "" {
				if err != nil || got.State != c.to {
					t.Fatalf("state %s, error %v; want %s", got.State, err, c.to)
				}
				return
			}
			wantErr(t, err, c.code, c.part)
			if got.State != in.State {
				t.Fatalf("a refused transition moved the incident to %s", got.State)
			}
		})
	}
}

func TestReassessment(t *testing.T) {
	in := assessed(t, Breach)
	a := goodAssessment()
	a.Reason = "reach figures arrived: 4,100 impressions"
	in, err := Assess(in, a)
	if err != nil || in.Assessment.Reason != a.Reason {
		t.Fatalf("an assessed incident can be reassessed before notice: %v", err)
	}
	in, _ = Transition(assessed(t, NotABreach), NotBreach)
	if in, err = Assess(in, goodAssessment()); err != nil || in.State != Assessed || in.Assessment.Conclusion != Breach {
		t.Fatalf("new facts can overturn not_a_breach: %v", err)
	}
	if _, err := Transition(in, NotBreach); err == nil {
		t.Fatal("the new assessment concludes breach, yet the incident became not_a_breach")
	}
	in.IndividualsNotifiedAt = at(newYork, 2026, time.March, 20, 9, 0)
	in, _ = Transition(in, Notified)
	_, err = Assess(in, goodAssessment())
	wantErr(t, err, bedside.EConflict, "notified cannot become assessed")
	in, _ = Transition(assessed(t, NotABreach), NotBreach)
	in, _ = Transition(in, Closed)
	_, err = Assess(in, goodAssessment())
	wantErr(t, err, bedside.EConflict, "closed cannot become assessed")
}
