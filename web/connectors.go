package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"golang.org/x/oauth2"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/connector"
	"github.com/bedsidehq/bedside/connector/google"
	"github.com/bedsidehq/bedside/store"
	"github.com/bedsidehq/bedside/webhook"
)

// googleSettings are what a practice gives to connect its Google Business Profile: the location
// and an OAuth client with a refresh token granted the business.manage scope.
type googleSettings struct {
	Location     string `json:"location"`
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	RefreshToken string `json:"refresh_token"`
}

const googleTokenURL = "https://oauth2.googleapis.com/token"

// apiSetGoogle stores the practice's Google settings, sealed. Secrets are never shown again.
func (s *Server) apiSetGoogle(w http.ResponseWriter, r *http.Request, i *identity) error {
	var g googleSettings
	if err := readJSON(r, &g); err != nil {
		return err
	}
	if g.ClientID == "" || g.ClientSecret == "" || g.RefreshToken == "" {
		return bedside.Errorf(bedside.EInvalid, "client_id, client_secret and refresh_token are required")
	}
	if _, err := google.New(google.Config{Location: g.Location, Token: func(context.Context) (string, error) { return "", nil }}); err != nil {
		return err
	}
	b, _ := json.Marshal(g)
	if err := s.db.SetConnector(r.Context(), i.actor(), "google", b); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]string{"location": g.Location})
	return nil
}

// googleClient builds the practice's Google client; ok is false when it has none.
func (s *Server) googleClient(ctx context.Context, practiceID int64) (*google.Client, bool, error) {
	b, ok, err := s.db.Connector(ctx, practiceID, "google")
	if err != nil || !ok {
		return nil, false, err
	}
	var g googleSettings
	if err := json.Unmarshal(b, &g); err != nil {
		return nil, false, err
	}
	tokenURL := googleTokenURL
	if s.cfg.GoogleTokenURL != "" {
		tokenURL = s.cfg.GoogleTokenURL
	}
	conf := &oauth2.Config{ClientID: g.ClientID, ClientSecret: g.ClientSecret, Scopes: []string{"https://www.googleapis.com/auth/business.manage"},
		Endpoint: oauth2.Endpoint{TokenURL: tokenURL, AuthStyle: oauth2.AuthStyleInParams}}
	ts := conf.TokenSource(context.WithoutCancel(ctx), &oauth2.Token{RefreshToken: g.RefreshToken})
	c, err := google.New(google.Config{Location: g.Location, BaseURL: s.cfg.GoogleBaseURL, Token: func(context.Context) (string, error) {
		tok, err := ts.Token()
		if err != nil {
			var re *oauth2.RetrieveError
			if errors.As(err, &re) && re.ErrorCode == "invalid_grant" {
				return "", connector.ErrExpiredCredentials
			}
			return "", fmt.Errorf("google token: %w", connector.ErrUnavailable)
		}
		return tok.AccessToken, nil
	}})
	return c, err == nil, err
}

// apiSyncReviews reads every connected source, page by page. Each page is imported as it arrives
// (a review already held is left alone), so a failure part-way loses nothing fetched.
func (s *Server) apiSyncReviews(w http.ResponseWriter, r *http.Request, i *identity) error {
	g, gok, err := s.googleClient(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	f, fok, err := s.facebookClient(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	if !gok && !fok {
		return bedside.Errorf(bedside.EInvalid, "connect Google or Facebook first (PUT /api/v1/practice/connectors/...)")
	}
	out := map[string]int{"pages": 0, "imported": 0}
	for _, src := range []struct {
		ok bool
		c  connector.Source
	}{{gok, g}, {fok, f}} {
		if !src.ok {
			continue
		}
		for cursor := ""; ; {
			page, err := src.c.List(r.Context(), cursor)
			if err != nil {
				return err
			}
			n, err := s.db.ImportReviews(r.Context(), i.actor(), reviewsFrom(src.c.Name(), page.Reviews))
			if err != nil {
				return err
			}
			out["imported"] += n
			out["pages"]++
			if cursor = page.Next; cursor == "" {
				break
			}
		}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// sendReply posts an approved reply through the review's connector when the practice connected
// one, then records it as sent. Without a connector it is only recorded: staff posted it by hand.
// A failure the site may get over (rate limit, outage) is recorded and retried by the worker;
// queued reports that, and the reply shows when the next attempt is due.
func (s *Server) sendReply(ctx context.Context, actor store.Actor, reviewID, replyID int64) (queued bool, err error) {
	rv, err := s.db.Review(ctx, actor, reviewID)
	if err != nil {
		return false, err
	}
	c, ok, err := s.sourceFor(ctx, actor.PracticeID, rv.Source)
	if err != nil || !ok {
		if err == nil {
			err = s.db.MarkReplySent(ctx, actor, reviewID, replyID)
		}
		return false, err
	}
	send, err := s.db.ClaimReplySend(ctx, actor, reviewID, replyID, replySendLease)
	if err != nil {
		return false, err
	}
	return s.attemptReply(ctx, actor, c, rv, send)
}

// replySendLease bounds one attempt: a server that dies mid-send frees the reply after it.
const replySendLease = 2 * time.Minute

// sourceFor returns the practice's connector for a review source, ok=false when there is none.
func (s *Server) sourceFor(ctx context.Context, practiceID int64, source string) (connector.Source, bool, error) {
	switch source {
	case "google":
		return s.googleClient(ctx, practiceID)
	case "facebook":
		return s.facebookClient(ctx, practiceID)
	}
	return nil, false, nil
}

// attemptReply makes one claimed attempt and records its outcome.
func (s *Server) attemptReply(ctx context.Context, actor store.Actor, c connector.Source, rv store.Review, send store.ReplySend) (queued bool, err error) {
	text := ""
	for _, p := range rv.Replies {
		if p.ID == send.ReplyID && p.State == "approved" {
			text = p.Text
		}
	}
	if text == "" {
		return false, bedside.Errorf(bedside.EConflict, "only an approved reply can be sent")
	}
	sendErr := c.Reply(ctx, rv.ExternalID, text)
	if sendErr == nil {
		s.metrics.replySends.WithLabelValues("sent").Inc()
		return false, s.db.MarkReplySent(ctx, actor, rv.ID, send.ReplyID)
	}
	var next time.Time
	if connector.Retryable(sendErr) {
		if at, ok := webhook.NextAttempt(send.Attempts+1, time.Now(), nil); ok {
			next = at
			var rl *connector.RateLimited
			if errors.As(sendErr, &rl) && time.Now().Add(rl.RetryAfter).After(next) {
				next = time.Now().Add(rl.RetryAfter)
			}
		}
	}
	outcome := "failed"
	if !next.IsZero() {
		outcome = "retry"
	}
	s.metrics.replySends.WithLabelValues(outcome).Inc()
	s.log.Warn("reply send", "practice_id", send.PracticeID, "review_id", send.ReviewID, "reply_id", send.ReplyID,
		"attempt", send.Attempts+1, "outcome", outcome, "code", bedside.ErrorCode(sendErr))
	if err := s.db.ReplySendFailed(ctx, send, sendFailure(sendErr), next); err != nil {
		return false, err
	}
	if next.IsZero() {
		return false, sendErr
	}
	return true, nil
}

// sendFailure says in our words why a send failed, for the reply's page.
func sendFailure(err error) string {
	if errors.Is(err, connector.ErrUnavailable) {
		return connector.ErrUnavailable.Error()
	}
	if bedside.ErrorCode(err) == bedside.EInternal {
		return "the review site could not be reached"
	}
	return bedside.ErrorMessage(err)
}

// retryReplies makes the due automatic attempts at sending replies.
func (s *Server) retryReplies(ctx context.Context) {
	due, err := s.db.DueReplySends(ctx, 20, replySendLease)
	if err != nil {
		s.log.Error("reply retries", "error", err.Error())
		return
	}
	for _, d := range due {
		actor := store.Actor{PracticeID: d.PracticeID}
		rv, err := s.db.Review(ctx, actor, d.ReviewID)
		var c connector.Source
		ok := false
		if err == nil {
			c, ok, err = s.sourceFor(ctx, d.PracticeID, rv.Source)
		}
		if err == nil && !ok {
			err = s.db.ReplySendFailed(ctx, d, "the review site is no longer connected; connect it again, then send", time.Time{})
		} else if err == nil {
			_, err = s.attemptReply(ctx, actor, c, rv, d)
		}
		if err != nil && bedside.ErrorCode(err) == bedside.EInternal {
			s.log.Error("reply retry", "practice_id", d.PracticeID, "reply_id", d.ReplyID, "error", err.Error())
		}
	}
}
