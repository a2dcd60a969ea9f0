package incident

import (
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
)

func TestValidate(t *testing.T) {
	if err := base().Validate(); err != nil {
		t.Fatalf("a complete incident is invalid: %v", err)
	}
	cases := []struct {
		name   string
		change func(*Incident)
		part   string
	}{
		{"no post", func(in *Incident) { in.PostID = 0 }, "a practice and a post"},
		{"unknown source", func(in *Incident) { in.Source = "rumour" }, "source must be"},
		{"unknown state", func(in *Incident) { in.State = "archived" }, `unknown state "archived"`},
		{"no discovery date", func(in *Incident) { in.DiscoveredAt = time.Time{} }, "discovery date is required"},
		{"posted after discovery", func(in *Incident) { in.PostedAt = in.DiscoveredAt.Add(time.Hour) }, "after the breach was discovered"},
		{"down before up", func(in *Incident) { in.TakenDownAt = in.PostedAt.Add(-time.Hour) }, "come down before it went up"},
		{"no kinds", func(in *Incident) { in.Kinds = nil }, "at least one kind"},
		{"a kind code from elsewhere", func(in *Incident) { in.Kinds = []string{"name"} }, `unknown kind of information "name"`},
		{"nobody affected", func(in *Incident) { in.Affected = 0 }, "at least one individual"},
		{"states add up to more", func(in *Incident) { in.AffectedByState = map[string]int{"NY": 8, "NJ": 3} }, "add up to more"},
		{"a state without a name", func(in *Incident) { in.AffectedByState = map[string]int{"": 1} }, "need a state"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := base()
			c.change(&in)
			wantErr(t, in.Validate(), bedside.EInvalid, c.part)
		})
	}
}
