package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/phi"
	"github.com/bedsidehq/bedside/share"
)

// shareFromReview makes the anonymous draft from the review page and shows it, saying what was
// removed by kind and count only.
func (s *Server) shareFromReview(w http.ResponseWriter, r *http.Request, i *identity, id int64) error {
	rv, err := s.db.Review(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	q, pid, err := s.shareReview(r.Context(), i, share.Review{Author: rv.Author, Text: rv.Text}, nil)
	if err != nil {
		return s.reviewFail(w, r, i, id, err)
	}
	notice := "Draft made from the review, signed “Verified patient”."
	if len(q.Removed) > 0 {
		notice += " Removed: " + kindCounts(q.Removed) + "."
	}
	if q.Held() {
		notice += " The scanner still flags " + kindCounts(q.Flagged) + ": a person must look, and the post needs a signed authorization before it can be published."
	}
	return s.renderPost(w, r, i, pid, "", notice, nil)
}

// kindCounts writes counts by kind in the scanner's order: "2 NAME, 1 DATE".
func kindCounts(m map[phi.Kind]int) string {
	var parts []string
	for _, k := range phi.Kinds {
		if n := m[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
	}
	return strings.Join(parts, ", ")
}

// reshareSubmit saves a re-share from the form on the posts page and opens the draft.
func (s *Server) reshareSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := s.reshare(r.Context(), i, reshareRequest{Comment: r.PostFormValue("comment"), URL: r.PostFormValue("url"),
		Source: r.PostFormValue("source"), Author: r.PostFormValue("author"), Title: r.PostFormValue("title")})
	if bedside.ErrorCode(err) == bedside.EInvalid {
		return s.renderPosts(w, r, i, bedside.ErrorMessage(err), postForm{})
	} else if err != nil {
		return err
	}
	return s.renderPost(w, r, i, id, "", "Draft saved with its credit line. Only your comment was checked as your words.", nil)
}

// personalRules is the practice policy for staff's own accounts, from DOMAIN.md and the OCR
// cases: each line is something a staff member did and a practice was fined for.
var personalRules = []string{
	"Never mention a patient, even without a name: “the lady with the broken hip this morning” identifies someone.",
	"Never confirm that someone is or was a patient, not even a friend or relative who posted about their visit.",
	"No photos or videos taken at work: patients, charts, screens, schedules and X-rays show up in the background.",
	"Don't answer reviews or comments about the practice from your personal account; pass them to the office.",
	"No dates, times or places of a patient's visit, and nothing about their condition, treatment or bill.",
	"Don't describe a patient by role or story (“the mayor's wife”, “the driver from the crash”): that names them.",
	"Don't friend, follow or message patients about their care; send them to the practice's official channels.",
	"If you posted something by mistake, delete it and tell the compliance officer the same day.",
}

// personalPage is the checker for staff's personal accounts: it scans through the same endpoint
// as the checker and stores nothing, drafts or audit rows included.
func (s *Server) personalPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	s.render(w, r, http.StatusOK, "personal", view{Title: "Check a personal post", Data: personalRules})
	return nil
}
