package incident

import (
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
)

func TestAssessRules(t *testing.T) {
	cases := []struct {
		name   string
		change func(*Incident, *Assessment)
		part   string // "" when the assessment must be accepted
	}{
		{"a documented breach", func(*Incident, *Assessment) {}, ""},
		{"not a breach: identifiable PHI shown to the public", func(_ *Incident, a *Assessment) {
			a.Conclusion, a.Reason = NotABreach, "it was only up for 90 minutes"
		}, "identifiable PHI was shown to the public"},
		{"not a breach: medium identifiability is still identifiable", func(_ *Incident, a *Assessment) {
			a.Nature.Level, a.Conclusion, a.Reason = Medium, NotABreach, "only a first name"
		}, "identifiable PHI was shown to the public"},
		{"not a breach: taken down fast and nobody saw it changes nothing", func(_ *Incident, a *Assessment) {
			a.Acquired, a.Mitigation, a.Impressions = Factor{Low, "no impressions"}, Factor{Low, "removed in 2 minutes"}, 0
			a.Conclusion, a.Reason = NotABreach, "nobody saw it"
		}, "identifiable PHI was shown to the public"},
		{"not a breach: public, but nothing identifiable", func(_ *Incident, a *Assessment) {
			a.Nature = Factor{Low, "a stock photo; the scanner's NAME was the practice's own dentist"}
			a.Conclusion, a.Reason = NotABreach, "no individual can be identified"
		}, ""},
		{"not a breach: a limited audience may be low on factor (ii)", func(_ *Incident, a *Assessment) {
			a.Limited, a.Recipient = true, Factor{Low, "a direct message to the patient's own spouse, who deleted it"}
			a.Acquired, a.Impressions = Factor{Low, "attested unread"}, 0
			a.Conclusion, a.Reason = NotABreach, "one trusted recipient, deleted unread"
		}, ""},
		{"the public is never low on factor (ii)", func(_ *Incident, a *Assessment) { a.Recipient.Level = Low }, "factor (ii) cannot be low"},
		{"impressions mean it was viewed", func(_ *Incident, a *Assessment) { a.Acquired.Level = Low }, "factor (iii) cannot be low"},
		{"nothing is mitigated while the post is up", func(in *Incident, a *Assessment) {
			in.TakenDownAt, a.Mitigation.Level = time.Time{}, Low
		}, "factor (iv) cannot be low while the post is still up"},
		{"a breach needs a reason", func(_ *Incident, a *Assessment) { a.Reason = "" }, "needs a written reason"},
		{"not a breach needs a reason", func(_ *Incident, a *Assessment) {
			a.Nature.Level, a.Conclusion, a.Reason = Low, NotABreach, ""
		}, "needs a written reason"},
		{"every factor needs a note", func(_ *Incident, a *Assessment) { a.Acquired.Note = "" }, "factor (iii) acquired or viewed needs a written note"},
		{"every factor needs a level", func(_ *Incident, a *Assessment) { a.Mitigation.Level = "" }, "factor (iv) mitigation needs a level"},
		{"unknown level", func(_ *Incident, a *Assessment) { a.Nature.Level = "very high" }, "factor (i) nature and extent needs a level"},
		{"no conclusion", func(_ *Incident, a *Assessment) { a.Conclusion = "" }, "must be breach or not_a_breach"},
		{"unsigned", func(_ *Incident, a *Assessment) { a.AssessedBy = 0 }, "who made it and when"},
		{"an invalid incident is not assessed", func(in *Incident, _ *Assessment) { in.Kinds = []string{"SECRET"} }, `unknown kind of information "SECRET"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, a := base(), goodAssessment()
			c.change(&in, &a)
			got, err := Assess(in, a)
			if c.part == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if got.State != Assessed || got.Assessment == nil || got.Assessment.Conclusion != a.Conclusion {
					t.Fatalf("state %s, assessment %+v: not recorded", got.State, got.Assessment)
				}
				return
			}
			wantErr(t, err, bedside.EInvalid, c.part)
			if got.State != Open || got.Assessment != nil {
				t.Fatalf("a refused assessment changed the incident: %s %+v", got.State, got.Assessment)
			}
		})
	}
}

func TestAssessReportsEveryProblem(t *testing.T) {
	_, err := Assess(base(), Assessment{Conclusion: NotABreach})
	d, _ := bedside.ErrorDetails(err).([]string)
	// four levels, four notes, not_a_breach in public, the reason, who and when
	if len(d) != 11 {
		t.Fatalf("details = %d problems, want 11: %q", len(d), d)
	}
}
