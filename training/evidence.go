package training

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside/form"
)

// Evidence is what an auditor asks for: the policy versions, and for each user which versions
// they acknowledged and which trainings they completed, with scores.
type Evidence struct {
	Practice  string
	Generated time.Time
	Policies  []PolicyRecord
	Users     []UserRecord
}

// PolicyRecord is one published policy version.
type PolicyRecord struct {
	Number      int
	SHA256      string
	PublishedAt time.Time
}

// UserRecord is one user's acknowledgements and attempts, oldest first.
type UserRecord struct {
	Name, Email, Role string
	Status            string // "current" or why they are overdue
	Acks              []AckRecord
	Attempts          []AttemptRecord
}

// AckRecord is one acknowledgement of a policy version.
type AckRecord struct {
	Version int
	At      time.Time
}

// AttemptRecord is one quiz attempt.
type AttemptRecord struct {
	At            time.Time
	Score, Total  int
	Passed        bool
	PolicyVersion int // the version the user had acknowledged when they took it; 0 for none
}

var csvHeader = []string{"email", "name", "role", "status", "record", "policy_version", "at", "score", "total", "passed"}

// WriteCSV writes one row per acknowledgement and per attempt, and one "none" row for a user
// with neither, so that every user appears.
func WriteCSV(w io.Writer, e Evidence) error {
	cw := csv.NewWriter(w)
	cw.Write(csvHeader)
	ts := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	for _, u := range e.Users {
		base := []string{u.Email, u.Name, u.Role, u.Status}
		for _, a := range u.Acks {
			cw.Write(append(base[:4:4], "policy_acknowledged", strconv.Itoa(a.Version), ts(a.At), "", "", ""))
		}
		for _, a := range u.Attempts {
			cw.Write(append(base[:4:4], "training_attempt", strconv.Itoa(a.PolicyVersion), ts(a.At),
				strconv.Itoa(a.Score), strconv.Itoa(a.Total), strconv.FormatBool(a.Passed)))
		}
		if len(u.Acks)+len(u.Attempts) == 0 {
			cw.Write(append(base[:4:4], "none", "", "", "", "", ""))
		}
	}
	cw.Flush()
	return cw.Error()
}

// PDF renders the evidence as a listing.
func PDF(e Evidence) ([]byte, error) {
	day := func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }
	r := form.Record{Title: "Social-media policy and training evidence",
		Subtitle: e.Practice + ". Generated " + day(e.Generated) + ".", Generated: e.Generated}
	pol := form.Section{Heading: "Policy versions published"}
	for _, p := range e.Policies {
		pol.Lines = append(pol.Lines, fmt.Sprintf("Version %d, published %s, SHA-256 %s", p.Number, day(p.PublishedAt), p.SHA256))
	}
	if len(pol.Lines) == 0 {
		pol.Lines = []string{"No version published yet."}
	}
	r.Sections = append(r.Sections, pol)
	for _, u := range e.Users {
		s := form.Section{Heading: fmt.Sprintf("%s <%s>, %s: %s", u.Name, u.Email, u.Role, u.Status)}
		for _, a := range u.Acks {
			s.Lines = append(s.Lines, fmt.Sprintf("Acknowledged policy version %d on %s", a.Version, day(a.At)))
		}
		for _, a := range u.Attempts {
			res := "failed"
			if a.Passed {
				res = "passed"
			}
			s.Lines = append(s.Lines, fmt.Sprintf("Training %s on %s: %d of %d correct (policy version %d acknowledged)",
				res, day(a.At), a.Score, a.Total, a.PolicyVersion))
		}
		if len(s.Lines) == 0 {
			s.Lines = []string{"No acknowledgement or training recorded."}
		}
		r.Sections = append(r.Sections, s)
	}
	return form.RecordPDF(r)
}
