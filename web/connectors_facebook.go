package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/connector"
	"github.com/bedsidehq/bedside/connector/facebook"
	"github.com/bedsidehq/bedside/store"
)

// facebookSettings connect a practice's Facebook Page: its id and a Page access token to read
// and answer comments, and the app secret and verify token of the webhook subscription.
type facebookSettings struct {
	PageID      string `json:"page_id"`
	PageToken   string `json:"page_token"`
	AppSecret   string `json:"app_secret"`
	VerifyToken string `json:"verify_token"`
}

func (s *Server) apiSetFacebook(w http.ResponseWriter, r *http.Request, i *identity) error {
	var f facebookSettings
	if err := readJSON(r, &f); err != nil {
		return err
	}
	if f.PageToken == "" || f.AppSecret == "" || f.VerifyToken == "" {
		return bedside.Errorf(bedside.EInvalid, "page_token, app_secret and verify_token are required")
	}
	if _, err := facebook.New(facebook.Config{PageID: f.PageID, Token: func(context.Context) (string, error) { return "", nil }}); err != nil {
		return err
	}
	b, _ := json.Marshal(f)
	if err := s.db.SetConnector(r.Context(), i.actor(), "facebook", b); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]string{"page_id": f.PageID,
		"callback_url": s.baseURL(r) + "/hooks/facebook/" + strconv.FormatInt(i.User.PracticeID, 10)})
	return nil
}

func (s *Server) facebookSettings(ctx context.Context, practiceID int64) (facebookSettings, bool, error) {
	var f facebookSettings
	b, ok, err := s.db.Connector(ctx, practiceID, "facebook")
	if err != nil || !ok {
		return f, false, err
	}
	return f, true, json.Unmarshal(b, &f)
}

func (s *Server) facebookClient(ctx context.Context, practiceID int64) (*facebook.Client, bool, error) {
	f, ok, err := s.facebookSettings(ctx, practiceID)
	if err != nil || !ok {
		return nil, false, err
	}
	c, err := facebook.New(facebook.Config{PageID: f.PageID, BaseURL: s.cfg.FacebookBaseURL,
		Token: func(context.Context) (string, error) { return f.PageToken, nil }})
	return c, err == nil, err
}

// practiceOf reads the practice id from a public hook's path.
func practiceOf(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("practice"), 10, 64)
	if err != nil || id <= 0 {
		return 0, bedside.Errorf(bedside.ENotFound, "no such hook")
	}
	return id, nil
}

// facebookHandshake answers Meta's subscription check with the challenge, or 403.
func (s *Server) facebookHandshake(w http.ResponseWriter, r *http.Request) {
	id, err := practiceOf(r)
	var f facebookSettings
	ok := false
	if err == nil {
		f, ok, err = s.facebookSettings(r.Context(), id)
	}
	if err != nil || !ok {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	challenge, err := facebook.Handshake(r.URL.Query(), f.VerifyToken)
	if err != nil {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte(challenge))
}

// facebookEvent takes a signed delivery of new comments and imports them. An unsigned or
// wrongly signed delivery is refused before its body is read as JSON.
func (s *Server) facebookEvent(w http.ResponseWriter, r *http.Request) {
	id, err := practiceOf(r)
	var f facebookSettings
	ok := false
	if err == nil {
		f, ok, err = s.facebookSettings(r.Context(), id)
	}
	if err != nil || !ok {
		writeError(w, r, bedside.Errorf(bedside.ENotFound, "no such hook"))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, facebook.MaxEventBody))
	if err != nil {
		writeError(w, r, bedside.Errorf(bedside.EInvalid, "the delivery is too large"))
		return
	}
	if err := facebook.VerifySignature(f.AppSecret, r.Header.Get("X-Hub-Signature-256"), body); err != nil {
		writeError(w, r, bedside.Errorf(bedside.EUnauthorized, "the signature does not match"))
		return
	}
	comments, err := facebook.ParseCommentEvent(body)
	if err == nil {
		_, err = s.db.ImportReviews(r.Context(), store.Actor{PracticeID: id}, reviewsFrom("facebook", comments))
	}
	if err != nil {
		writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// reviewsFrom turns a connector's reviews into the inbox's.
func reviewsFrom(source string, rs []connector.Review) []store.Review {
	out := make([]store.Review, 0, len(rs))
	for _, g := range rs {
		out = append(out, store.Review{Source: source, ExternalID: g.ExternalID, Author: g.Author, Rating: g.Rating, Text: g.Text, WrittenAt: g.CreatedAt})
	}
	return out
}
