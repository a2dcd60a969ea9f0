package web

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/incident"
	"github.com/bedsidehq/bedside/store"
)

// incidentResponse is an incident with where each notice stands now.
type incidentResponse struct {
	incident.Incident
	Notices []incident.NoticeStatus `json:"notices"`
}

// zone is the time zone deadlines are counted in: the server's (set TZ), until practices carry
// their own.
func zone() *time.Location { return time.Local }

func withStatus(in incident.Incident) incidentResponse {
	return incidentResponse{Incident: in, Notices: in.Status(time.Now(), zone())}
}

func (s *Server) apiOpenIncident(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req struct {
		PostID          int64          `json:"post_id"`
		Source          string         `json:"source"`
		Platform        string         `json:"platform"`
		DiscoveredAt    time.Time      `json:"discovered_at"`
		Kinds           []string       `json:"kinds"`
		Affected        int            `json:"affected"`
		AffectedByState map[string]int `json:"affected_by_state"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	in, err := s.db.OpenIncident(r.Context(), i.actor(), incident.Incident{PostID: req.PostID, Source: incident.Source(req.Source),
		Platform: req.Platform, DiscoveredAt: req.DiscoveredAt, Kinds: req.Kinds, Affected: req.Affected, AffectedByState: req.AffectedByState})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, withStatus(in))
	return nil
}

func (s *Server) apiIncidents(w http.ResponseWriter, r *http.Request, i *identity) error {
	ins, err := s.db.Incidents(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	out := []incidentResponse{}
	for _, in := range ins {
		out = append(out, withStatus(in))
	}
	writeJSON(w, http.StatusOK, map[string]any{"incidents": out})
	return nil
}

func (s *Server) apiIncident(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	in, err := s.db.Incident(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, withStatus(in))
	return nil
}

// incidentChange wraps one change to an incident: read the body, apply, answer with the result.
func (s *Server) incidentChange(action string, change func(r *http.Request, i *identity, in incident.Incident) (incident.Incident, error)) func(http.ResponseWriter, *http.Request, *identity) error {
	return func(w http.ResponseWriter, r *http.Request, i *identity) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		in, err := s.db.UpdateIncident(r.Context(), i.actor(), id, action, func(in incident.Incident) (incident.Incident, error) {
			return change(r, i, in)
		})
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, withStatus(in))
		return nil
	}
}

func assessIncident(r *http.Request, i *identity, in incident.Incident) (incident.Incident, error) {
	var a incident.Assessment
	if err := readJSON(r, &a); err != nil {
		return in, err
	}
	a.AssessedBy, a.AssessedAt = i.User.ID, time.Now()
	return incident.Assess(in, a)
}

func recordNotice(r *http.Request, _ *identity, in incident.Incident) (incident.Incident, error) {
	var req struct {
		Notice incident.Notice `json:"notice"`
		SentAt time.Time       `json:"sent_at"`
	}
	if err := readJSON(r, &req); err != nil {
		return in, err
	}
	if req.SentAt.IsZero() || req.SentAt.After(time.Now().Add(time.Minute)) {
		return in, bedside.Errorf(bedside.EInvalid, "sent_at is when the notice went out, not in the future")
	}
	switch req.Notice {
	case incident.ToIndividuals:
		in.IndividualsNotifiedAt = req.SentAt
	case incident.ToMedia:
		in.MediaNotifiedAt = req.SentAt
	case incident.ToSecretary:
		in.SecretaryNotifiedAt = req.SentAt
	default:
		return in, bedside.Errorf(bedside.EInvalid, "notice is individuals, media or secretary")
	}
	return in, nil
}

func transitionIncident(r *http.Request, _ *identity, in incident.Incident) (incident.Incident, error) {
	var req struct {
		State incident.State `json:"state"`
	}
	if err := readJSON(r, &req); err != nil {
		return in, err
	}
	return incident.Transition(in, req.State)
}

// apiIncidentLetter drafts the letter to individuals (164.404(c)) as plain text. It never holds
// the post's text.
func (s *Server) apiIncidentLetter(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	in, err := s.db.Incident(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	prof, _, err := s.db.Profile(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	c := incident.Contact{Name: i.Practice.Name}
	if prof.Name != "" {
		c.Name = prof.Name
	}
	c.TollFree = firstOf(prof.Phones)
	c.Email = firstOf(prof.Emails)
	c.Website = firstOf(prof.Websites)
	c.PostalAddress = firstOf(prof.Addresses)
	lang := incident.English
	if r.URL.Query().Get("lang") == "es" {
		lang = incident.Spanish
	}
	text, err := incident.Letter(in, incident.LetterInput{Language: lang, Practice: c, Zone: zone()})
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte(text))
	return nil
}

// apiBreachLog is the yearly log of breaches under 500 people, as CSV for the HHS submission.
func (s *Server) apiBreachLog(w http.ResponseWriter, r *http.Request, i *identity) error {
	year, err := strconv.Atoi(r.URL.Query().Get("year"))
	if err != nil || year < 2000 || year > 9999 {
		return bedside.Errorf(bedside.EInvalid, "year is a four-digit year")
	}
	ins, err := s.db.Incidents(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := incident.WriteLogCSV(&buf, incident.YearlyLog(ins, year, zone())); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="breach-log-`+strconv.Itoa(year)+`.csv"`)
	w.Write(buf.Bytes())
	return nil
}

// apiRescan checks every published post again with today's rules and authorizations, opening an
// incident for each that now discloses something uncovered.
func (s *Server) apiRescan(w http.ResponseWriter, r *http.Request, i *identity) error {
	opened, err := s.rescan(r.Context(), i)
	if err != nil {
		return err
	}
	out := []incidentResponse{}
	for _, in := range opened {
		out = append(out, withStatus(in))
	}
	writeJSON(w, http.StatusOK, map[string]any{"opened": out})
	return nil
}

// rescan judges every published post with today's rules and profile, and the authorizations as
// they were when it went out.
func (s *Server) rescan(ctx context.Context, i *identity) ([]incident.Incident, error) {
	sc, err := s.scanner(ctx, i.User.PracticeID, i.ProfileVersion)
	if err != nil {
		return nil, err
	}
	return s.db.Rescan(ctx, i.actor(), func(at time.Time) store.Gate {
		return store.ScanGate(sc, func() time.Time { return at })
	})
}
