package incident

import (
	"errors"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones must not depend on the machine running the tests

	"github.com/bedsidehq/bedside"
)

var (
	newYork, _    = time.LoadLocation("America/New_York")
	losAngeles, _ = time.LoadLocation("America/Los_Angeles")
)

// at is a wall-clock time in loc.
func at(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, loc)
}

// base is a valid open incident: a reply on Facebook named a patient and her treatment; ten
// people are affected.
func base() Incident {
	return Incident{
		ID: 7, PracticeID: 1, PostID: 42, Source: StaffReport, Platform: "Facebook",
		PostedAt:     at(newYork, 2026, time.February, 27, 16, 0),
		DiscoveredAt: at(newYork, 2026, time.March, 2, 10, 0),
		TakenDownAt:  at(newYork, 2026, time.March, 2, 11, 30),
		Kinds:        []string{"NAME", "CASE"}, Affected: 10, State: Open,
	}
}

// goodAssessment concludes breach with every factor documented.
func goodAssessment() Assessment {
	return Assessment{
		Nature:      Factor{High, "full name with a named procedure"},
		Recipient:   Factor{High, "public Facebook page with 2,300 followers"},
		Acquired:    Factor{Medium, "up for 90 minutes, 140 impressions"},
		Mitigation:  Factor{Medium, "taken down within two hours; copies may exist"},
		Impressions: 140, Conclusion: Breach, Reason: "identifiable PHI shown to the public",
		AssessedBy: 3, AssessedAt: at(newYork, 2026, time.March, 3, 9, 0),
	}
}

// wantErr fails unless err is a *bedside.Error with code and a message containing part.
func wantErr(t *testing.T, err error, code, part string) {
	t.Helper()
	var e *bedside.Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v, want a *bedside.Error", err)
	}
	if e.Code != code || !strings.Contains(e.Message, part) {
		t.Fatalf("error = %s %q, want %s containing %q", e.Code, e.Message, code, part)
	}
}
