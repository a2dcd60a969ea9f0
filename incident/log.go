package incident

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// What every row of the log says of a social-media breach.
const (
	BreachType     = "Unauthorized Access/Disclosure"
	BreachLocation = "Social media"
	Safeguards     = "Every post checked before publication for PHI and for a signed authorization (Bedside)"
)

// LogRow is one breach in the yearly submission to the Secretary (164.408(c)). Dates are in the
// practice's zone; a zero date is unknown or has not happened.
type LogRow struct {
	IncidentID   int64
	DiscoveredOn time.Time
	BreachStart  time.Time // the post went up
	BreachEnd    time.Time // the post came down
	Affected     int       // approximate number of individuals
	Type         string
	Location     string
	Information  string // the kinds of PHI, in plain words
	Safeguards   string // in place before the breach
	NoticeSentOn time.Time
	Actions      string // taken in response
}

// YearlyLog returns the rows for breaches affecting fewer than 500 individuals that were
// discovered in year, in the practice's zone loc, oldest first (164.408(c)). Larger breaches were
// reported on their own (164.408(b)). An incident is left out only when its assessment concludes
// it was not a breach; one still open is presumed a breach (164.402(2)) and is listed.
func YearlyLog(incidents []Incident, year int, loc *time.Location) []LogRow {
	var rows []LogRow
	for _, in := range incidents {
		d := in.DiscoveredAt.In(loc)
		if d.Year() != year || in.Affected >= largeCount || !in.breach() {
			continue
		}
		rows = append(rows, LogRow{
			IncidentID: in.ID, DiscoveredOn: d, BreachStart: inZone(in.PostedAt, loc), BreachEnd: inZone(in.TakenDownAt, loc),
			Affected: in.Affected, Type: BreachType, Location: BreachLocation,
			Information: strings.Join(kindsIn(in.Kinds, English), "; "), Safeguards: Safeguards,
			NoticeSentOn: inZone(in.IndividualsNotifiedAt, loc), Actions: actions(in, loc),
		})
	}
	slices.SortFunc(rows, func(a, b LogRow) int {
		return cmp.Or(a.DiscoveredOn.Compare(b.DiscoveredOn), cmp.Compare(a.IncidentID, b.IncidentID))
	})
	return rows
}

// actions says what the practice did, from recorded facts only.
func actions(in Incident, loc *time.Location) string {
	var a []string
	if !in.TakenDownAt.IsZero() {
		a = append(a, "Post removed on "+in.TakenDownAt.In(loc).Format(time.DateOnly))
	}
	if in.Response.RemovalRequested {
		a = append(a, "platform and search engines asked to delete copies")
	}
	if in.Assessment != nil {
		a = append(a, "four-factor risk assessment documented")
	}
	if !in.IndividualsNotifiedAt.IsZero() {
		a = append(a, "individuals notified on "+in.IndividualsNotifiedAt.In(loc).Format(time.DateOnly))
	}
	if in.Response.StaffRetrained {
		a = append(a, "staff retrained")
	}
	if in.Response.PolicyUpdated {
		a = append(a, "social media policy updated")
	}
	if in.Response.SanctionsApplied {
		a = append(a, "sanctions applied")
	}
	return strings.Join(a, "; ")
}

var logHeader = []string{"Incident", "Discovery date", "Breach start date", "Breach end date",
	"Approximate number of individuals affected", "Type of breach", "Location of breached information",
	"Information involved", "Safeguards in place prior to breach", "Individual notice date", "Actions taken in response"}

// WriteLogCSV writes rows as CSV with a header line, dates as YYYY-MM-DD and unknown dates empty.
func WriteLogCSV(w io.Writer, rows []LogRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(logHeader); err != nil {
		return fmt.Errorf("log csv: %w", err)
	}
	for _, r := range rows {
		rec := []string{strconv.FormatInt(r.IncidentID, 10), date(r.DiscoveredOn), date(r.BreachStart), date(r.BreachEnd),
			strconv.Itoa(r.Affected), r.Type, r.Location, r.Information, r.Safeguards, date(r.NoticeSentOn), r.Actions}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("log csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("log csv: %w", err)
	}
	return nil
}

func inZone(t time.Time, loc *time.Location) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(loc)
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
