package google

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/connector"
	"github.com/bedsidehq/bedside/connector/google/googletest"
)

const (
	location = "accounts/111/locations/222"
	token    = "ya29.test-token"
	phi      = "Dr. Smith treated my diabetes"
)

// setup starts a fake holding n reviews and a Client of it with the given page size.
func setup(t *testing.T, n, pageSize int) (*googletest.Server, *Client) {
	t.Helper()
	srv := googletest.NewServer(token)
	t.Cleanup(srv.Close)
	for i := range n {
		srv.Add(location, googletest.Review{
			Reviewer:   googletest.Reviewer{DisplayName: "Pat " + strconv.Itoa(i)},
			StarRating: "FOUR",
			Comment:    phi,
		})
	}
	c, err := New(Config{
		Location: location,
		BaseURL:  srv.URL,
		PageSize: pageSize,
		HTTP:     srv.Client(),
		Token:    func(context.Context) (string, error) { return token, nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// listAll pages through every review, returning what it got before any error.
func listAll(t *testing.T, c *Client) ([]connector.Review, int, error) {
	t.Helper()
	var all []connector.Review
	cursor, pages := "", 0
	for {
		p, err := c.List(context.Background(), cursor)
		if err != nil {
			return all, pages, err
		}
		pages++
		all = append(all, p.Reviews...)
		if p.Next == "" {
			return all, pages, nil
		}
		cursor = p.Next
	}
}

func TestListPagesThroughEveryReview(t *testing.T) {
	_, c := setup(t, 7, 3)
	all, pages, err := listAll(t, c)
	if err != nil {
		t.Fatal(err)
	}
	if pages != 3 || len(all) != 7 {
		t.Fatalf("got %d reviews in %d pages, want 7 in 3", len(all), pages)
	}
	seen := map[string]bool{}
	for i, r := range all {
		if seen[r.ExternalID] {
			t.Errorf("review %s listed twice", r.ExternalID)
		}
		seen[r.ExternalID] = true
		want := connector.Review{
			Source:     "google",
			ExternalID: location + "/reviews/r" + strconv.Itoa(i+1),
			Author:     "Pat " + strconv.Itoa(i),
			Rating:     4,
			Text:       phi,
			CreatedAt:  time.Date(2026, 1, 1, 0, 0, i, 0, time.UTC),
		}
		if r != want {
			t.Errorf("review %d = %+v, want %+v", i, r, want)
		}
	}
}

func TestReplyIsStoredAndListed(t *testing.T) {
	srv, c := setup(t, 2, 0)
	id := location + "/reviews/r2"
	if err := c.Reply(context.Background(), id, "Thank you for your kind words."); err != nil {
		t.Fatal(err)
	}
	if got := srv.Replies()[id]; got != "Thank you for your kind words." {
		t.Fatalf("stored reply = %q", got)
	}
	p, err := c.List(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if p.Reviews[1].ReplyText != "Thank you for your kind words." || p.Reviews[0].ReplyText != "" {
		t.Errorf("ReplyText = %q, %q", p.Reviews[0].ReplyText, p.Reviews[1].ReplyText)
	}
}

func TestReplyRefusesWithoutCallingGoogle(t *testing.T) {
	srv, c := setup(t, 1, 0)
	for _, tt := range []struct{ id, text string }{
		{"accounts/999/locations/222/reviews/r1", "Thanks"}, // another practice's location
		{location + "/reviews/../../../locations/3/reviews/r1", "Thanks"},
		{location + "/reviews/r1/reply", "Thanks"},
		{location + "/reviews/", "Thanks"},
		{location + "/reviews/r1", "  "},
	} {
		if err := c.Reply(context.Background(), tt.id, tt.text); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Errorf("Reply(%q, %q) = %v, want EInvalid", tt.id, tt.text, err)
		}
	}
	if n := srv.Requests(); n != 0 {
		t.Errorf("%d requests reached the API", n)
	}
}

func TestReplyToUnknownReviewIsNotFound(t *testing.T) {
	_, c := setup(t, 1, 0)
	err := c.Reply(context.Background(), location+"/reviews/nope", "Thanks")
	if bedside.ErrorCode(err) != bedside.ENotFound {
		t.Fatalf("err = %v, want ENotFound", err)
	}
}

func TestRateLimitedParsesRetryAfter(t *testing.T) {
	for _, f := range []googletest.Failure{googletest.RateLimitSeconds, googletest.RateLimitDate} {
		srv, c := setup(t, 1, 0)
		srv.Fail(f)
		_, err := c.List(context.Background(), "")
		var rl *connector.RateLimited
		if !errors.As(err, &rl) {
			t.Fatalf("failure %d: err = %v, want *RateLimited", f, err)
		}
		// An HTTP-date has whole seconds and the request takes time: allow a little under.
		if rl.RetryAfter > googletest.RetryAfter || rl.RetryAfter < googletest.RetryAfter-2*time.Second {
			t.Errorf("failure %d: RetryAfter = %v, want about %v", f, rl.RetryAfter, googletest.RetryAfter)
		}
		if !connector.Retryable(err) || bedside.ErrorCode(err) != bedside.ERateLimited {
			t.Errorf("failure %d: not retryable or wrong code: %v", f, err)
		}
		// The failure happens once; the next call goes through.
		if p, err := c.List(context.Background(), ""); err != nil || len(p.Reviews) != 1 {
			t.Errorf("failure %d: retry = %d reviews, %v", f, len(p.Reviews), err)
		}
	}
}

func TestExpiredCredentials(t *testing.T) {
	srv, c := setup(t, 1, 0)
	srv.Fail(googletest.Unauthorized)
	_, err := c.List(context.Background(), "")
	if !errors.Is(err, connector.ErrExpiredCredentials) || connector.Retryable(err) {
		t.Errorf("401: err = %v, want ErrExpiredCredentials", err)
	}
	// A wrong token is refused by the fake's own check, the same way.
	c.cfg.Token = func(context.Context) (string, error) { return "ya29.stale", nil }
	if err := c.Reply(context.Background(), location+"/reviews/r1", "Thanks"); !errors.Is(err, connector.ErrExpiredCredentials) {
		t.Errorf("wrong token: err = %v", err)
	}
	// A token source refusing the refresh (invalid_grant) passes its error through.
	c.cfg.Token = func(context.Context) (string, error) {
		return "", errors.Join(errors.New("oauth2: invalid_grant"), connector.ErrExpiredCredentials)
	}
	if _, err := c.List(context.Background(), ""); !errors.Is(err, connector.ErrExpiredCredentials) {
		t.Errorf("invalid_grant: err = %v", err)
	}
}

func TestServerErrorIsRetryable(t *testing.T) {
	srv, c := setup(t, 1, 0)
	srv.Fail(googletest.Unavailable)
	_, err := c.List(context.Background(), "")
	if !errors.Is(err, connector.ErrUnavailable) || !connector.Retryable(err) {
		t.Errorf("503: err = %v", err)
	}
}

func TestMalformedPageKeepsEarlierPages(t *testing.T) {
	srv, c := setup(t, 7, 3)
	first, err := c.List(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	srv.Fail(googletest.Malformed)
	_, _, err = listAll(t, c)
	if bedside.ErrorCode(err) != bedside.EInvalid {
		t.Fatalf("err = %v, want EInvalid", err)
	}
	if msg := err.Error(); strings.Contains(msg, "diabetes") || strings.Contains(msg, "Smith") || !strings.Contains(msg, "malformed") {
		t.Errorf("message %q quotes the payload or is unclear", msg)
	}
	// What the caller already has stays valid, and it can resume from the same cursor.
	if len(first.Reviews) != 3 {
		t.Fatalf("first page has %d reviews", len(first.Reviews))
	}
	p, err := c.List(context.Background(), first.Next)
	if err != nil || len(p.Reviews) != 3 || p.Reviews[0].ExternalID != location+"/reviews/r4" {
		t.Errorf("resume = %+v, %v", p, err)
	}
}

func TestAnonymousReviewer(t *testing.T) {
	srv, c := setup(t, 0, 0)
	srv.Add(location, googletest.Review{Reviewer: googletest.Reviewer{IsAnonymous: true, DisplayName: "A Google user"}, StarRating: "ONE"})
	srv.Add(location, googletest.Review{Reviewer: googletest.Reviewer{IsAnonymous: true}})
	p, err := c.List(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range p.Reviews {
		if r.Author != AnonymousAuthor {
			t.Errorf("Author = %q", r.Author)
		}
	}
	if p.Reviews[1].Rating != 0 || p.Reviews[1].Text != "" {
		t.Errorf("rating-less, comment-less review = %+v", p.Reviews[1])
	}
}

func TestRating(t *testing.T) {
	for in, want := range map[string]int{
		"ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5,
		"STAR_RATING_UNSPECIFIED": 0, "": 0, "five": 0, "SIX": 0, "5": 0,
	} {
		if got := Rating(in); got != want {
			t.Errorf("Rating(%q) = %d, want %d", in, got, want)
		}
	}
}
