package web

import (
	"net/http"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/phi"
)

type scanRequest struct {
	Text      string      `json:"text"`
	Context   string      `json:"context"`
	InReplyTo *phi.Parent `json:"in_reply_to"`
}

// apiScan checks a text with the practice's profile. The text is neither stored nor logged.
func (s *Server) apiScan(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req scanRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	ctx, err := phi.ParseContext(req.Context)
	if err != nil {
		return bedside.Errorf(bedside.EInvalid, "%s", err.Error())
	}
	sc, err := s.scanner(r.Context(), i.User.PracticeID, i.ProfileVersion)
	if err != nil {
		return err
	}
	res, err := sc.Scan(phi.Document{Text: req.Text, Context: ctx, InReplyTo: req.InReplyTo})
	if err != nil {
		return bedside.Errorf(bedside.EInvalid, "%s", err.Error())
	}
	if res.Findings == nil {
		res.Findings = []phi.Finding{}
	}
	s.metrics.scans.WithLabelValues(string(res.Verdict)).Inc()
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(append(res.AppendJSON(make([]byte, 0, 4096)), '\n'))
	return nil
}

func (s *Server) apiGetProfile(w http.ResponseWriter, r *http.Request, i *identity) error {
	p, _, err := s.db.Profile(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, nonNilProfile(p))
	return nil
}

func (s *Server) apiPutProfile(w http.ResponseWriter, r *http.Request, i *identity) error {
	var p phi.Profile
	if err := readJSON(r, &p); err != nil {
		return err
	}
	if _, err := s.db.UpdateProfile(r.Context(), i.actor(), p); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, nonNilProfile(p))
	return nil
}

// nonNilProfile writes empty lists as [] rather than null.
func nonNilProfile(p phi.Profile) phi.Profile {
	for _, l := range []*[]string{&p.Aliases, &p.Staff, &p.Phones, &p.Faxes, &p.Emails, &p.Websites, &p.Addresses, &p.Handles} {
		if *l == nil {
			*l = []string{}
		}
	}
	return p
}
