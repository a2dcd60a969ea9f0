package web

import (
	"context"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/phi"
	"github.com/bedsidehq/bedside/replies"
	"github.com/bedsidehq/bedside/store"
)

// parentOf is a review as the scanner sees what a reply answers.
func parentOf(rv store.Review) *phi.Parent {
	return &phi.Parent{Author: rv.Author, Rating: rv.Rating, Text: rv.Text}
}

// checkReply scans a draft reply as an answer to rv. Anything but allow is counted (a number,
// never the text) and returned as the result for the caller to show; err is for failures only.
func (s *Server) checkReply(ctx context.Context, i *identity, rv store.Review, text string) (phi.Result, error) {
	sc, err := s.scanner(ctx, i.User.PracticeID, i.ProfileVersion)
	if err != nil {
		return phi.Result{}, err
	}
	res, err := sc.Scan(phi.Document{Text: text, Context: phi.Reply, InReplyTo: parentOf(rv)})
	if err != nil {
		return res, bedside.Errorf(bedside.EInvalid, "%s", err.Error())
	}
	s.metrics.scans.WithLabelValues(string(res.Verdict)).Inc()
	if res.Verdict != phi.Allow {
		s.metrics.repliesStopped.Inc()
		if err := s.db.ReplyStopped(ctx, i.User.PracticeID); err != nil {
			return res, err
		}
	}
	return res, nil
}

// needsApproval is the practice rule: replies to negative reviews wait for a compliance officer.
func needsApproval(rv store.Review) bool { return rv.Rating > 0 && rv.Rating <= negativeRating }

// safeTemplates fills the templates of the kind the review's rating suggests from the practice
// profile and keeps those the scanner allows as a reply to it. missing names a profile value a
// template needed, when some were skipped for it.
func (s *Server) safeTemplates(ctx context.Context, practiceID int64, rv store.Review, lang string) (kind replies.Kind, texts []string, missing string, err error) {
	prof, version, err := s.db.Profile(ctx, practiceID)
	if err != nil {
		return "", nil, "", err
	}
	sc, err := s.scanner(ctx, practiceID, version)
	if err != nil {
		return "", nil, "", err
	}
	kind = replies.Suggest(rv.Rating, lang)
	for _, t := range replies.For(string(kind), lang) {
		text, err := replies.Fill(t, prof, "")
		if err != nil {
			missing = bedside.ErrorMessage(err)
			continue
		}
		if res, err := sc.Scan(phi.Document{Text: text, Context: phi.Reply, InReplyTo: parentOf(rv)}); err == nil && res.Verdict == phi.Allow {
			texts = append(texts, text)
		}
	}
	return kind, texts, missing, nil
}
