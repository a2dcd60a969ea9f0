package web

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/authorization"
	"github.com/bedsidehq/bedside/phi"
	"github.com/bedsidehq/bedside/store"
)

type postRequest struct {
	Title            string                  `json:"title"`
	Text             string                  `json:"text"`
	Channels         []authorization.Channel `json:"channels"`
	Purpose          authorization.Purpose   `json:"purpose"`
	AuthorizationIDs []int64                 `json:"authorization_ids"`
	MediaIDs         []int64                 `json:"media_ids"`
}

// postResponse is a post with its scan and what blocks it now, so the composer can show both.
type postResponse struct {
	store.Post
	Scan      json.RawMessage   `json:"scan"`
	Uncovered []store.Uncovered `json:"uncovered"`
}

func (s *Server) gate(r *http.Request, i *identity) (store.Gate, error) {
	sc, err := s.scanner(r.Context(), i.User.PracticeID, i.ProfileVersion)
	if err != nil {
		return nil, err
	}
	return store.ScanGate(sc, time.Now), nil
}

func (s *Server) writePost(w http.ResponseWriter, r *http.Request, i *identity, status int, id int64) error {
	v, err := s.postView(r, i, id)
	if err != nil {
		return err
	}
	writeJSON(w, status, v)
	return nil
}

// postView is a post with its scan and what blocks it now.
func (s *Server) postView(r *http.Request, i *identity, id int64) (postResponse, error) {
	p, err := s.db.Post(r.Context(), i.actor(), id)
	if err != nil {
		return postResponse{}, err
	}
	gate, err := s.gate(r, i)
	if err != nil {
		return postResponse{}, err
	}
	res, left, err := s.db.CheckPost(r.Context(), p, gate)
	if err != nil {
		return postResponse{}, err
	}
	if res.Findings == nil {
		res.Findings = []phi.Finding{}
	}
	return postResponse{Post: p, Scan: res.AppendJSON(nil), Uncovered: left}, nil
}

func (s *Server) apiCreatePost(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req postRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	p, err := s.db.CreatePost(r.Context(), i.actor(), store.Post{Title: req.Title, Text: req.Text, Channels: req.Channels,
		Purpose: req.Purpose, AuthorizationIDs: req.AuthorizationIDs, MediaIDs: req.MediaIDs})
	if err != nil {
		return err
	}
	return s.writePost(w, r, i, http.StatusCreated, p.ID)
}

func (s *Server) apiUpdatePost(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req postRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	if _, err := s.db.UpdatePost(r.Context(), i.actor(), store.Post{ID: id, Title: req.Title, Text: req.Text,
		Channels: req.Channels, Purpose: req.Purpose, AuthorizationIDs: req.AuthorizationIDs, MediaIDs: req.MediaIDs}); err != nil {
		return err
	}
	return s.writePost(w, r, i, http.StatusOK, id)
}

func (s *Server) apiPost(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.writePost(w, r, i, http.StatusOK, id)
}

func (s *Server) apiPosts(w http.ResponseWriter, r *http.Request, i *identity) error {
	state := store.PostState(r.URL.Query().Get("state"))
	switch state {
	case "", store.PostDraft, store.PostSubmitted, store.PostApproved, store.PostScheduled, store.PostPublished, store.PostTakenDown:
	default:
		return bedside.Errorf(bedside.EInvalid, "state is draft, submitted, approved, scheduled, published or taken_down")
	}
	posts, err := s.db.Posts(r.Context(), i.User.PracticeID, state)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"posts": posts})
	return nil
}

// postAction wraps a workflow step on /api/v1/posts/{id}/...: it answers with the post after it.
func (s *Server) postAction(step func(r *http.Request, i *identity, id int64) error) func(http.ResponseWriter, *http.Request, *identity) error {
	return func(w http.ResponseWriter, r *http.Request, i *identity) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		if err := step(r, i, id); err != nil {
			return err
		}
		return s.writePost(w, r, i, http.StatusOK, id)
	}
}

type commentRequest struct {
	Comment string `json:"comment"`
}

// readOptionalJSON decodes a body if there is one: some steps take no fields.
func readOptionalJSON(r *http.Request, v any) error {
	if r.ContentLength == 0 {
		return nil
	}
	return readJSON(r, v)
}

func (s *Server) submitPost(r *http.Request, i *identity, id int64) error {
	return s.db.SubmitPost(r.Context(), i.actor(), id)
}

func (s *Server) approvePost(r *http.Request, i *identity, id int64) error {
	var req commentRequest
	if err := readOptionalJSON(r, &req); err != nil {
		return err
	}
	gate, err := s.gate(r, i)
	if err != nil {
		return err
	}
	return s.db.ApprovePost(r.Context(), i.actor(), id, req.Comment, gate)
}

func (s *Server) rejectPost(r *http.Request, i *identity, id int64) error {
	var req commentRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	return s.db.RejectPost(r.Context(), i.actor(), id, req.Comment)
}

func (s *Server) publishPost(r *http.Request, i *identity, id int64) error {
	gate, err := s.gate(r, i)
	if err != nil {
		return err
	}
	return s.db.PublishPost(r.Context(), i.actor(), id, gate)
}

func (s *Server) takeDownPost(r *http.Request, i *identity, id int64) error {
	return s.db.TakeDownPost(r.Context(), i.actor(), id)
}

func (s *Server) overrideFinding(r *http.Request, i *identity, id int64) error {
	var req struct {
		Kind   phi.Kind `json:"kind"`
		Start  int      `json:"start"`
		End    int      `json:"end"`
		Reason string   `json:"reason"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	return s.db.OverrideFinding(r.Context(), i.actor(), store.Override{PostID: id, Kind: req.Kind, Start: req.Start, End: req.End, Reason: req.Reason})
}

func (s *Server) apiOverrides(w http.ResponseWriter, r *http.Request, i *identity) error {
	o, err := s.db.Overrides(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"overrides": o})
	return nil
}

func (s *Server) apiTakedowns(w http.ResponseWriter, r *http.Request, i *identity) error {
	t, err := s.db.Takedowns(r.Context(), i.User.PracticeID, r.URL.Query().Get("all") == "true")
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"takedowns": t})
	return nil
}
