package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/authorization"
	"github.com/bedsidehq/bedside/phi"
	"github.com/bedsidehq/bedside/share"
	"github.com/bedsidehq/bedside/store"
)

// shareResponse is the draft a share made, with what was taken out: kinds and counts only,
// never the words, which are the reviewer's identity.
type shareResponse struct {
	Post    postResponse     `json:"post"`
	Removed map[phi.Kind]int `json:"removed"`
	Flagged map[phi.Kind]int `json:"flagged"`
	// Held is true when the draft cannot be approved or published until an authorization (or a
	// compliance officer's override) covers what the scanner still finds.
	Held bool `json:"held"`
}

type shareRequest struct {
	Text     string                  `json:"text"`   // pasted review text (share/anonymous only)
	Author   string                  `json:"author"` // who wrote it, so their name can be removed
	Channels []authorization.Channel `json:"channels"`
}

// defaultShareChannels: a quoted review is a post for the practice's own pages.
var defaultShareChannels = []authorization.Channel{"facebook", "website"}

// apiShareReview quotes a review of the inbox anonymously as a new draft post.
func (s *Server) apiShareReview(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req shareRequest
	if err := readOptionalJSON(r, &req); err != nil {
		return err
	}
	rv, err := s.db.Review(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	return s.writeShare(w, r, i, share.Review{Author: rv.Author, Text: rv.Text}, req.Channels)
}

// apiShareAnonymous quotes pasted review text anonymously as a new draft post.
func (s *Server) apiShareAnonymous(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req shareRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	return s.writeShare(w, r, i, share.Review{Author: req.Author, Text: req.Text}, req.Channels)
}

func (s *Server) writeShare(w http.ResponseWriter, r *http.Request, i *identity, rv share.Review, channels []authorization.Channel) error {
	q, id, err := s.shareReview(r.Context(), i, rv, channels)
	if err != nil {
		return err
	}
	v, err := s.postView(r, i, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, shareResponse{Post: v, Removed: q.Removed, Flagged: q.Flagged, Held: q.Held() || len(v.Uncovered) > 0})
	return nil
}

// shareReview makes the anonymous quote and stores it as a draft: the post workflow and its
// authorization gate then treat it like any other post.
func (s *Server) shareReview(ctx context.Context, i *identity, rv share.Review, channels []authorization.Channel) (share.Quote, int64, error) {
	sc, err := s.scanner(ctx, i.User.PracticeID, i.ProfileVersion)
	if err != nil {
		return share.Quote{}, 0, err
	}
	q, err := share.Anonymize(sc, rv)
	if errors.Is(err, share.ErrEmpty) {
		return q, 0, bedside.Errorf(bedside.EInvalid, "nothing is left to quote once the reviewer's identity is removed")
	} else if err != nil {
		return q, 0, bedside.Errorf(bedside.EInvalid, "%s", err.Error())
	}
	if len(channels) == 0 {
		channels = defaultShareChannels
	}
	p, err := s.db.CreatePost(ctx, i.actor(), store.Post{Title: "A patient's review", Text: q.Text, Channels: channels,
		Purpose: authorization.Testimonial})
	return q, p.ID, err
}

type reshareRequest struct {
	Comment  string                  `json:"comment"`
	URL      string                  `json:"url"`
	Source   string                  `json:"source"`
	Author   string                  `json:"author"`
	Title    string                  `json:"title"`
	Channels []authorization.Channel `json:"channels"`
}

// apiReshare drafts a post sharing another author's article with its credit line.
func (s *Server) apiReshare(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req reshareRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	id, err := s.reshare(r.Context(), i, req)
	if err != nil {
		return err
	}
	return s.writePost(w, r, i, http.StatusCreated, id)
}

func (s *Server) reshare(ctx context.Context, i *identity, req reshareRequest) (int64, error) {
	c := share.Credit{URL: req.URL, Source: req.Source, Author: req.Author, Title: req.Title}
	if err := c.Validate(); err != nil { // trims the fields the stored credit and the text share
		return 0, bedside.Errorf(bedside.EInvalid, "%s", err.Error())
	}
	text, err := share.Reshare(req.Comment, c)
	if err != nil {
		return 0, bedside.Errorf(bedside.EInvalid, "%s", err.Error())
	}
	if len(req.Channels) == 0 {
		req.Channels = defaultShareChannels
	}
	p, err := s.db.CreatePost(ctx, i.actor(), store.Post{Title: "Shared from " + c.Source, Text: text,
		Channels: req.Channels, Credit: &c})
	return p.ID, err
}
