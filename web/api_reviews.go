package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/phi"
	"github.com/bedsidehq/bedside/replies"
	"github.com/bedsidehq/bedside/store"
)

// negativeRating is the highest rating whose replies need a compliance officer's approval.
const negativeRating = 2

func (s *Server) apiImportReview(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req struct {
		Source     string    `json:"source"`
		ExternalID string    `json:"external_id"`
		Author     string    `json:"author"`
		Rating     int       `json:"rating"`
		Text       string    `json:"text"`
		WrittenAt  time.Time `json:"written_at"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	n, err := s.db.ImportReviews(r.Context(), i.actor(), []store.Review{{Source: req.Source, ExternalID: req.ExternalID,
		Author: req.Author, Rating: req.Rating, Text: req.Text, WrittenAt: req.WrittenAt}})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]int{"imported": n})
	return nil
}

// apiImportReviewsCSV imports a file in the generic CSV format, all or none.
func (s *Server) apiImportReviewsCSV(w http.ResponseWriter, r *http.Request, i *identity) error {
	r.Body = http.MaxBytesReader(w, r.Body, 20<<20)
	rs, err := parseReviewsFile(r.Body)
	if err != nil {
		return err
	}
	n, err := s.db.ImportReviews(r.Context(), i.actor(), rs)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]int{"rows": len(rs), "imported": n})
	return nil
}

func (s *Server) apiReviews(w http.ResponseWriter, r *http.Request, i *identity) error {
	state := store.ReviewState(r.URL.Query().Get("status"))
	switch state {
	case "", store.ReviewNew, store.ReviewAwaitingApproval, store.ReviewDrafted, store.ReviewReplied, store.ReviewClosed:
	default:
		return bedside.Errorf(bedside.EInvalid, "status is new, awaiting_approval, drafted, replied or closed")
	}
	rs, err := s.db.Reviews(r.Context(), i.User.PracticeID, state)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("assignee") == "me" {
		mine := rs[:0]
		for _, rv := range rs {
			if rv.AssignedTo == i.User.ID {
				mine = append(mine, rv)
			}
		}
		rs = mine
	}
	within, err := s.db.ReplyWithin(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	items, err := s.triage(r.Context(), i.User.PracticeID, rs, within)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"reviews": items})
	return nil
}

// apiReviewNumbers answers the inbox's figures: counts and times only, never text.
func (s *Server) apiReviewNumbers(w http.ResponseWriter, r *http.Request, i *identity) error {
	n, err := s.db.ReviewNumbers(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, n)
	return nil
}

func (s *Server) apiSetReplyWithin(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req struct {
		Hours int `json:"hours"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	if err := s.db.SetReplyWithin(r.Context(), i.actor(), req.Hours); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]int{"hours": req.Hours})
	return nil
}

func (s *Server) apiReview(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rv, err := s.db.Review(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rv)
	return nil
}

// apiReply drafts a reply. It is scanned as a reply to the review: anything but allow is refused
// with 422, the findings and the safe alternative, and nothing is stored. Replies to negative
// reviews wait for a compliance officer.
func (s *Server) apiReply(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req struct {
		Text string `json:"text"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	rv, err := s.db.Review(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	res, err := s.checkReply(r.Context(), i, rv, req.Text)
	if err != nil {
		return err
	}
	if res.Verdict != phi.Allow {
		return &bedside.Error{Code: bedside.EInvalid, Message: "this reply could reveal that the reviewer is a patient, or repeat their details",
			Details: map[string]any{"verdict": res.Verdict, "findings": res.Findings, "suggestion": res.Suggestion}}
	}
	p, err := s.db.AddReply(r.Context(), i.actor(), id, req.Text, needsApproval(rv))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, p)
	return nil
}

// replyStep wraps a step on /api/v1/reviews/{id}/replies/{rid}/...: it answers with the review.
func (s *Server) replyStep(step func(ctx context.Context, actor store.Actor, id, rid int64) error) func(http.ResponseWriter, *http.Request, *identity) error {
	return func(w http.ResponseWriter, r *http.Request, i *identity) error {
		id, rid, err := replyPath(r)
		if err != nil {
			return err
		}
		if err := step(r.Context(), i.actor(), id, rid); err != nil {
			return err
		}
		return s.writeReview(w, r, i, id, http.StatusOK)
	}
}

// replyPath reads the review and reply ids of the path.
func replyPath(r *http.Request) (id, rid int64, err error) {
	if id, err = pathID(r); err != nil {
		return 0, 0, err
	}
	rid, err = strconv.ParseInt(r.PathValue("rid"), 10, 64)
	if err != nil || rid <= 0 {
		return 0, 0, bedside.Errorf(bedside.EInvalid, "the reply id in the path is a positive number")
	}
	return id, rid, nil
}

// apiSendReply sends an approved reply: 200 with the review once sent, or 202 when the site failed
// for now and the worker will try again (the reply shows the error and the next attempt).
func (s *Server) apiSendReply(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, rid, err := replyPath(r)
	if err != nil {
		return err
	}
	queued, err := s.sendReply(r.Context(), i.actor(), id, rid)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if queued {
		status = http.StatusAccepted
	}
	return s.writeReview(w, r, i, id, status)
}

func (s *Server) writeReview(w http.ResponseWriter, r *http.Request, i *identity, id int64, status int) error {
	rv, err := s.db.Review(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	writeJSON(w, status, rv)
	return nil
}

// apiReplyTemplates offers the safe templates for a review: the kind its rating suggests, filled
// from the practice profile, each checked against the review and offered only when allowed.
func (s *Server) apiReplyTemplates(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rv, err := s.db.Review(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	kind, texts, missing, err := s.safeTemplates(r.Context(), i.User.PracticeID, rv, langParam(r.URL.Query().Get("lang")))
	if err != nil {
		return err
	}
	type offer struct {
		Kind replies.Kind `json:"kind"`
		Text string       `json:"text"`
	}
	out := []offer{}
	for _, t := range texts {
		out = append(out, offer{kind, t})
	}
	if len(out) == 0 && missing != "" {
		return bedside.Errorf(bedside.EInvalid, "%s", missing)
	}
	writeJSON(w, http.StatusOK, map[string]any{"suggested": kind, "templates": out})
	return nil
}
