package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"golang.org/x/oauth2"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/connector"
	"github.com/bedsidehq/bedside/connector/google"
	"github.com/bedsidehq/bedside/store"
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
func (s *Server) sendReply(ctx context.Context, actor store.Actor, reviewID, replyID int64) error {
	rv, err := s.db.Review(ctx, actor, reviewID)
	if err != nil {
		return err
	}
	var c connector.Source
	ok := false
	switch rv.Source {
	case "google":
		c, ok, err = s.googleClient(ctx, actor.PracticeID)
	case "facebook":
		c, ok, err = s.facebookClient(ctx, actor.PracticeID)
	}
	if err != nil {
		return err
	}
	if ok {
		text := ""
		for _, p := range rv.Replies {
			if p.ID == replyID && p.State == "approved" {
				text = p.Text
			}
		}
		if text == "" {
			return bedside.Errorf(bedside.EConflict, "only an approved reply can be sent")
		}
		if err := c.Reply(ctx, rv.ExternalID, text); err != nil {
			return err
		}
	}
	return s.db.MarkReplySent(ctx, actor, reviewID, replyID)
}
