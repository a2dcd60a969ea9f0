package web

import (
	"encoding/json"
	"net/http"
	"regexp"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/consent"
	"github.com/bedsidehq/bedside/store"
)

// mailEvent is one report from the practice's mail provider or MTA.
type mailEvent struct {
	ID    string `json:"id"`    // the provider's id of the report, kept as the ledger's source
	Type  string `json:"type"`  // bounce or complaint
	Email string `json:"email"` // the recipient it is about
	Hard  bool   `json:"hard"`  // for a bounce: permanent (the address does not exist)
}

var feedbackID = regexp.MustCompile(`^[A-Za-z0-9._:-]{0,100}$`)

// mailFeedback takes bounce and complaint reports signed like every inbound hook (Standard
// Webhooks, the practice's inbound secret, 5 minutes against replays). Hard bounces and
// complaints suppress the address at once; soft bounces change nothing (the sender retries).
// Reports are handled one by one and a report already handled changes nothing, so a provider
// may deliver again after a failure.
func (s *Server) mailFeedback(w http.ResponseWriter, r *http.Request) {
	id, body, ok := s.verifyInbound(w, r)
	if !ok {
		return
	}
	var req struct {
		Events []mailEvent `json:"events"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		writeError(w, r, bedside.Errorf(bedside.EInvalid, `the body must be {"events": [{"id", "type", "email", "hard"}]}`))
		return
	}
	out := map[string]int{"suppressed": 0, "ignored": 0}
	actor := store.Actor{PracticeID: id}
	for n, e := range req.Events {
		var method consent.Method
		switch {
		case e.Type == "complaint":
			method = consent.Complaint
		case e.Type == "bounce" && e.Hard:
			method = consent.Bounce
		case e.Type == "bounce":
			out["ignored"]++
			continue
		default:
			writeError(w, r, bedside.Errorf(bedside.EInvalid, "event %d: type is bounce or complaint; the events before it were recorded", n+1))
			return
		}
		if !feedbackID.MatchString(e.ID) {
			writeError(w, r, bedside.Errorf(bedside.EInvalid, "event %d: id has up to 100 letters, digits or ._:-; the events before it were recorded", n+1))
			return
		}
		if _, err := s.db.MailFeedback(r.Context(), actor, e.Email, method, "mail-feedback:"+e.ID); err != nil {
			if bedside.ErrorCode(err) == bedside.EInvalid {
				err = bedside.Errorf(bedside.EInvalid, "event %d: the email address is not valid; the events before it were recorded", n+1)
			}
			writeError(w, r, err)
			return
		}
		out["suppressed"]++
	}
	s.log.Info("mail feedback", "practice_id", id, "suppressed", out["suppressed"], "ignored", out["ignored"])
	writeJSON(w, http.StatusOK, out)
}
