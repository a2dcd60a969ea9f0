package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/webhook"
)

// apiSetWebhook sets the practice's endpoint and answers with a new signing secret, shown once.
// A previous secret stays valid beside it when "keep_previous" is set, for rotation without
// dropping events.
func (s *Server) apiSetWebhook(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req struct {
		URL          string `json:"url"`
		KeepPrevious bool   `json:"keep_previous"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	u, err := url.Parse(req.URL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && !(s.cfg.Webhooks.AllowInsecure && u.Scheme == "http")) {
		return bedside.Errorf(bedside.EInvalid, "the webhook URL must be an https:// address")
	}
	secrets := []string{webhook.NewSecret()}
	if req.KeepPrevious {
		if prev, ok, err := s.db.Webhook(r.Context(), i.User.PracticeID); err != nil {
			return err
		} else if ok && len(prev.Secrets) > 0 {
			secrets = append(secrets, prev.Secrets[0])
		}
	}
	if err := s.db.SetWebhook(r.Context(), i.actor(), u.String(), secrets); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"url": u.String(), "secret": secrets[0]})
	return nil
}

func (s *Server) apiWebhook(w http.ResponseWriter, r *http.Request, i *identity) error {
	ep, ok, err := s.db.Webhook(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	pending, delivered, failed, err := s.db.DeliveryStats(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"url": ep.URL, "enabled": ok, "pending": pending, "delivered": delivered, "failed": failed})
	return nil
}

func (s *Server) apiDisableWebhook(w http.ResponseWriter, r *http.Request, i *identity) error {
	if err := s.db.DisableWebhook(r.Context(), i.actor()); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) schedulePost(r *http.Request, i *identity, id int64) error {
	var req struct {
		At time.Time `json:"at"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	gate, err := s.gate(r, i)
	if err != nil {
		return err
	}
	return s.db.SchedulePost(r.Context(), i.actor(), id, req.At, gate)
}

// apiSetApprovals sets how many compliance officers must approve each post: 1, or 2.
func (s *Server) apiSetApprovals(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req struct {
		Required int `json:"required"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	if err := s.db.SetApprovalsRequired(r.Context(), i.actor(), req.Required); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]int{"required": req.Required})
	return nil
}
