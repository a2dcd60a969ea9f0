package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/phi"
	"github.com/bedsidehq/bedside/store"
)

func (s *Server) reviewsPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	return s.renderReviews(w, r, i, "", "")
}

func (s *Server) renderReviews(w http.ResponseWriter, r *http.Request, i *identity, msg, notice string) error {
	state := store.ReviewState(r.URL.Query().Get("status"))
	rs, err := s.db.Reviews(r.Context(), i.User.PracticeID, state)
	if err != nil {
		return err
	}
	n, err := s.db.ReviewNumbers(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	items, err := s.triage(r.Context(), i.User.PracticeID, rs, time.Duration(n.ReplyWithinHours)*time.Hour)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if msg != "" {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "reviews", view{Title: "Reviews", Error: msg, Notice: notice, Data: map[string]any{"Items": items, "Numbers": n}})
	return nil
}

// reviewsImport takes a CSV file from the page.
func (s *Server) reviewsImport(w http.ResponseWriter, r *http.Request, i *identity) error {
	file, _, err := r.FormFile("file")
	if err != nil {
		return s.renderReviews(w, r, i, "Choose a CSV file.", "")
	}
	defer file.Close()
	rs, err := parseReviewsFile(file)
	var n int
	if err == nil {
		n, err = s.db.ImportReviews(r.Context(), i.actor(), rs)
	}
	if bedside.ErrorCode(err) == bedside.EInvalid {
		return s.renderReviews(w, r, i, bedside.ErrorMessage(err), "")
	} else if err != nil {
		return err
	}
	return s.renderReviews(w, r, i, "", strconv.Itoa(len(rs))+" rows read, "+strconv.Itoa(n)+" new reviews.")
}

// reviewView is the review page.
type reviewView struct {
	Review    store.Review
	Templates []string
	Draft     string
	Findings  []phi.Finding
	Safe      string
	CanReview bool
	UserID    int64
	Connected bool // the practice connected the review's source, so replies are sent through it
}

func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.renderReview(w, r, i, id, reviewView{Draft: r.URL.Query().Get("draft")}, "", "")
}

func (s *Server) renderReview(w http.ResponseWriter, r *http.Request, i *identity, id int64, v reviewView, msg, notice string) error {
	rv, err := s.db.Review(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	if _, v.Templates, _, err = s.safeTemplates(r.Context(), i.User.PracticeID, rv, "en"); err != nil {
		return err
	}
	v.Review, v.CanReview, v.UserID = rv, complianceUp.allow(i.User.Role), i.User.ID
	if _, v.Connected, err = s.sourceFor(r.Context(), i.User.PracticeID, rv.Source); err != nil {
		return err
	}
	status := http.StatusOK
	if msg != "" {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "review", view{Title: "Review from " + rv.Author, Error: msg, Notice: notice, Data: v})
	return nil
}

// reviewStep runs a step from the review page: draft a reply, approve it, or record it as sent.
func (s *Server) reviewStep(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rid, _ := strconv.ParseInt(r.PostFormValue("reply_id"), 10, 64)
	var notice string
	switch r.PathValue("step") {
	case "reply":
		text := r.PostFormValue("text")
		rv, err := s.db.Review(r.Context(), i.actor(), id)
		if err != nil {
			return err
		}
		res, err := s.checkReply(r.Context(), i, rv, text)
		if err != nil {
			return err
		}
		if res.Verdict != phi.Allow {
			return s.renderReview(w, r, i, id, reviewView{Draft: text, Findings: res.Findings, Safe: res.Suggestion},
				"This reply could reveal that the reviewer is a patient, or repeat their details. It was not saved.", "")
		}
		_, err = s.db.AddReply(r.Context(), i.actor(), id, text, needsApproval(rv))
		notice = "Reply saved."
		if err == nil && needsApproval(rv) {
			notice = "Reply saved. A compliance officer must approve replies to negative reviews."
		}
		if err != nil {
			return s.reviewFail(w, r, i, id, err)
		}
	case "approve":
		if !complianceUp.allow(i.User.Role) {
			return bedside.Errorf(bedside.EForbidden, "only a compliance officer or an admin may approve")
		}
		if err := s.db.ApproveReply(r.Context(), i.actor(), id, rid); err != nil {
			return s.reviewFail(w, r, i, id, err)
		}
		notice = "Reply approved."
	case "share":
		return s.shareFromReview(w, r, i, id)
	case "sent":
		queued, err := s.sendReply(r.Context(), i.actor(), id, rid)
		if err != nil {
			return s.reviewFail(w, r, i, id, err)
		}
		notice = "Recorded as replied."
		if queued {
			notice = "The review site did not take the reply yet; Bedside will try again by itself (see below)."
		}
	default:
		return bedside.Errorf(bedside.ENotFound, "no such step")
	}
	return s.renderReview(w, r, i, id, reviewView{}, "", notice)
}

func (s *Server) reviewFail(w http.ResponseWriter, r *http.Request, i *identity, id int64, err error) error {
	if c := bedside.ErrorCode(err); c == bedside.EInternal || c == bedside.ENotFound {
		return err
	}
	return s.renderReview(w, r, i, id, reviewView{}, bedside.ErrorMessage(err), "")
}
