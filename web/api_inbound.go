package web

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/store"
	"github.com/bedsidehq/bedside/webhook"
)

// maxInbound bounds one delivery to the review hook.
const maxInbound = 5 << 20

// apiSetInboundSecret makes a new secret for the practice's review hook and shows it once, with
// the hook's URL. Any system that can sign with it may deliver reviews.
func (s *Server) apiSetInboundSecret(w http.ResponseWriter, r *http.Request, i *identity) error {
	secret := webhook.NewSecret()
	if err := s.db.SetInboundSecret(r.Context(), i.actor(), secret); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]string{"secret": secret,
		"url": s.baseURL(r) + "/hooks/reviews/" + strconv.FormatInt(i.User.PracticeID, 10)})
	return nil
}

// inboundReviews takes reviews signed in the Standard Webhooks scheme with the practice's
// secret. Old timestamps are refused, so a captured delivery cannot be replayed later, and a
// review already held is left alone, so a retried delivery adds nothing. All or none.
func (s *Server) inboundReviews(w http.ResponseWriter, r *http.Request) {
	id, body, ok := s.verifyInbound(w, r)
	if !ok {
		return
	}
	var req struct {
		Reviews []store.Review `json:"reviews"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		writeError(w, r, bedside.Errorf(bedside.EInvalid, `the body must be {"reviews": [...]}`))
		return
	}
	n, err := s.db.ImportReviews(r.Context(), store.Actor{PracticeID: id}, req.Reviews)
	if err != nil {
		writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{"imported": n})
}

// verifyInbound reads a delivery to one of the practice's signed hooks and checks its Standard
// Webhooks signature with the practice's inbound secret, refusing timestamps older than 5
// minutes so a captured delivery cannot be replayed. On failure it has answered already.
func (s *Server) verifyInbound(w http.ResponseWriter, r *http.Request) (practiceID int64, body []byte, ok bool) {
	id, err := practiceOf(r)
	var secret string
	if err == nil {
		secret, ok, err = s.db.InboundSecret(r.Context(), id)
	}
	if err != nil || !ok {
		writeError(w, r, bedside.Errorf(bedside.ENotFound, "no such hook"))
		return 0, nil, false
	}
	body, err = io.ReadAll(http.MaxBytesReader(w, r.Body, maxInbound))
	if err != nil {
		writeError(w, r, bedside.Errorf(bedside.EInvalid, "the delivery is too large"))
		return 0, nil, false
	}
	if err := webhook.Verify([]string{secret}, r.Header, body, time.Now(), 5*time.Minute); err != nil {
		writeError(w, r, bedside.Errorf(bedside.EUnauthorized, "the signature is missing, wrong or too old"))
		return 0, nil, false
	}
	return id, body, true
}

// apiAssignReview gives a review to a user of the practice (user_id 0: to nobody).
func (s *Server) apiAssignReview(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req struct {
		UserID int64 `json:"user_id"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	if err := s.db.AssignReview(r.Context(), i.actor(), id, req.UserID); err != nil {
		return err
	}
	return s.writeReview(w, r, i, id, http.StatusOK)
}
