package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/incident"
)

func (s *Server) incidentsPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	return s.renderIncidents(w, r, i, "", "")
}

func (s *Server) renderIncidents(w http.ResponseWriter, r *http.Request, i *identity, msg, notice string) error {
	ins, err := s.db.Incidents(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	var rows []incidentResponse
	for _, in := range ins {
		rows = append(rows, withStatus(in))
	}
	status := http.StatusOK
	if msg != "" {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "incidents", view{Title: "Breach incidents", Error: msg, Notice: notice,
		Data: map[string]any{"Incidents": rows, "Year": time.Now().In(zone()).Year(), "Today": time.Now().In(zone()).Format("2006-01-02")}})
	return nil
}

// incidentsSubmit opens an incident from a staff report or a complaint, or runs a rescan.
func (s *Server) incidentsSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	if r.PostFormValue("action") == "rescan" {
		opened, err := s.rescan(r.Context(), i)
		if err != nil {
			return err
		}
		return s.renderIncidents(w, r, i, "", fmt.Sprintf("Rescan done: %d new incident(s).", len(opened)))
	}
	postID, _ := strconv.ParseInt(r.PostFormValue("post_id"), 10, 64)
	affected, _ := strconv.Atoi(r.PostFormValue("affected"))
	discovered, err := time.ParseInLocation("2006-01-02", r.PostFormValue("discovered"), zone())
	if err != nil {
		return s.renderIncidents(w, r, i, "Give the date the problem was discovered.", "")
	}
	var kinds []string
	for _, k := range strings.Split(r.PostFormValue("kinds"), ",") {
		if k = strings.ToUpper(strings.TrimSpace(k)); k != "" {
			kinds = append(kinds, k)
		}
	}
	_, err = s.db.OpenIncident(r.Context(), i.actor(), incident.Incident{PostID: postID, Source: incident.Source(r.PostFormValue("source")),
		Platform: r.PostFormValue("platform"), DiscoveredAt: discovered, Kinds: kinds, Affected: affected})
	if c := bedside.ErrorCode(err); c == bedside.EInvalid || c == bedside.ENotFound {
		return s.renderIncidents(w, r, i, bedside.ErrorMessage(err), "")
	} else if err != nil {
		return err
	}
	return s.renderIncidents(w, r, i, "", "Incident opened. The 60-day clock runs from the discovery date.")
}
