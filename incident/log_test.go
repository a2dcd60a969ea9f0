package incident

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestYearlyLog(t *testing.T) {
	mk := func(id int64, discovered time.Time, affected int, change func(*Incident)) Incident {
		in := base()
		in.ID, in.DiscoveredAt, in.Affected = id, discovered, affected
		in.PostedAt, in.TakenDownAt = discovered.Add(-48*time.Hour), discovered.Add(2*time.Hour)
		if change != nil {
			change(&in)
		}
		return in
	}
	notBreach := func(in *Incident) { in.Assessment = &Assessment{Conclusion: NotABreach}; in.State = NotBreach }
	incidents := []Incident{
		mk(1, at(newYork, 2026, time.September, 3, 9, 0), 12, func(in *Incident) {
			in.Assessment, in.State = &Assessment{Conclusion: Breach}, Notified
			in.IndividualsNotifiedAt = at(newYork, 2026, time.September, 20, 9, 0)
			in.Response = Response{StaffRetrained: true, SanctionsApplied: true}
		}),
		mk(2, at(newYork, 2026, time.March, 2, 9, 0), 499, nil),                                                // open: presumed a breach
		mk(3, at(newYork, 2026, time.April, 1, 9, 0), 500, nil),                                                // reported on its own, 164.408(b)
		mk(4, at(newYork, 2026, time.May, 1, 9, 0), 3, notBreach),                                              // assessed not a breach
		mk(5, at(newYork, 2025, time.December, 30, 9, 0), 3, nil),                                              // last year's log
		mk(6, at(newYork, 2026, time.December, 31, 23, 30), 1, nil),                                            // Jan 1 in UTC, still 2026 here
		mk(7, at(newYork, 2027, time.January, 1, 0, 30), 1, nil),                                               // next year's log
		mk(8, at(newYork, 2026, time.March, 2, 9, 0), 40, func(in *Incident) { in.Kinds = []string{"PHOTO"} }), // same day as 2
	}
	rows := YearlyLog(incidents, 2026, newYork)
	var ids []int64
	for _, r := range rows {
		ids = append(ids, r.IncidentID)
	}
	if want := []int64{2, 8, 1, 6}; !slices.Equal(ids, want) {
		t.Fatalf("rows for incidents %v, want %v (oldest first)", ids, want)
	}
	for _, r := range rows {
		if r.Type != "Unauthorized Access/Disclosure" || r.Location != "Social media" || r.Safeguards == "" {
			t.Errorf("row %d: type %q, location %q, safeguards %q", r.IncidentID, r.Type, r.Location, r.Safeguards)
		}
	}
	first := rows[2] // incident 1
	if first.Affected != 12 || first.DiscoveredOn.Format(time.DateOnly) != "2026-09-03" || first.BreachStart.Format(time.DateOnly) != "2026-09-01" {
		t.Errorf("incident 1 row = %+v", first)
	}
	for _, w := range []string{"Post removed on 2026-09-03", "individuals notified on 2026-09-20", "staff retrained", "sanctions applied", "risk assessment documented"} {
		if !strings.Contains(first.Actions, w) {
			t.Errorf("actions %q lack %q", first.Actions, w)
		}
	}
	if rows[0].Information != "your name; the fact that you are our patient, and details of your health or care, such as a visit, treatment or condition" {
		t.Errorf("information = %q", rows[0].Information)
	}
}

func TestWriteLogCSV(t *testing.T) {
	rows := []LogRow{
		{IncidentID: 2, DiscoveredOn: at(newYork, 2026, time.March, 2, 9, 0), BreachStart: at(newYork, 2026, time.February, 27, 16, 0),
			Affected: 499, Type: BreachType, Location: BreachLocation, Information: `a photo, with a "caption"`, Safeguards: Safeguards},
		{IncidentID: 1, DiscoveredOn: at(newYork, 2026, time.September, 3, 23, 30), BreachStart: at(newYork, 2026, time.September, 1, 9, 0),
			BreachEnd: at(newYork, 2026, time.September, 3, 23, 45), Affected: 12, Type: BreachType, Location: BreachLocation,
			Information: "your name", Safeguards: Safeguards, NoticeSentOn: at(newYork, 2026, time.September, 20, 9, 0), Actions: "Post removed on 2026-09-03; staff retrained"},
	}
	var b bytes.Buffer
	if err := WriteLogCSV(&b, rows); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records, want a header and 2 rows", len(recs))
	}
	head := strings.Join(recs[0], "|")
	for _, w := range []string{"Discovery date", "Breach start date", "Approximate number of individuals affected", "Type of breach",
		"Location of breached information", "Safeguards in place prior to breach", "Actions taken in response"} {
		if !strings.Contains(head, w) {
			t.Errorf("header lacks %q: %s", w, head)
		}
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	r1, r2 := recs[1], recs[2]
	checks := []struct{ got, want string }{
		{r1[col["Incident"]], "2"},
		{r1[col["Discovery date"]], "2026-03-02"},
		{r1[col["Breach end date"]], ""}, // unknown stays empty, not 0001-01-01
		{r1[col["Approximate number of individuals affected"]], "499"},
		{r1[col["Information involved"]], `a photo, with a "caption"`}, // quoting survives the round trip
		{r1[col["Type of breach"]], "Unauthorized Access/Disclosure"},
		{r1[col["Location of breached information"]], "Social media"},
		{r2[col["Discovery date"]], "2026-09-03"}, // 11:30 p.m. in New York, already Sep 4 in UTC
		{r2[col["Breach end date"]], "2026-09-03"},
		{r2[col["Individual notice date"]], "2026-09-20"},
		{r2[col["Actions taken in response"]], "Post removed on 2026-09-03; staff retrained"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("cell = %q, want %q", c.got, c.want)
		}
	}
}
