package facebook

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/connector"
	"github.com/bedsidehq/bedside/connector/facebook/fbtest"
)

const (
	pageID = "100200300"
	token  = "EAAB-test-page-token"
	phi    = "Dr. Smith treated my diabetes"
)

// setup starts a fake Page whose posts, newest first, hold perPost[i] comments each, and a
// Client of it with the given page size. It returns the post ids newest first.
func setup(t *testing.T, pageSize int, perPost ...int) (*fbtest.Server, *Client, []string) {
	t.Helper()
	srv := fbtest.NewServer(pageID, token)
	t.Cleanup(srv.Close)
	posts := make([]string, len(perPost))
	for i := len(perPost) - 1; i >= 0; i-- { // the fake's feed is newest first
		posts[i] = srv.AddPost()
		for j := range perPost[i] {
			srv.AddComment(posts[i], fbtest.Comment{
				From:    &fbtest.User{ID: "9" + strconv.Itoa(j), Name: "Pat " + strconv.Itoa(j)},
				Message: phi,
			})
		}
	}
	c, err := New(Config{
		PageID:   pageID,
		BaseURL:  srv.URL,
		PageSize: pageSize,
		HTTP:     srv.Client(),
		Token:    func(context.Context) (string, error) { return token, nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	return srv, c, posts
}

// listAll pages through every comment, returning what it got before any error.
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
		if pages > 100 {
			t.Fatal("listing does not end")
		}
		cursor = p.Next
	}
}

func TestListPagesThroughEveryComment(t *testing.T) {
	// 12 posts, more than one /feed page; some without comments, one needing three pages.
	perPost := []int{7, 0, 1, 0, 0, 2, 0, 0, 0, 0, 0, 3}
	_, c, posts := setup(t, 3, perPost...)
	all, pages, err := listAll(t, c)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 13 || pages != 6 {
		t.Fatalf("got %d comments in %d pages, want 13 in 6", len(all), pages)
	}
	seen := map[string]bool{}
	i := 0
	for p, n := range perPost {
		for j := range n {
			r := all[i]
			i++
			if seen[r.ExternalID] {
				t.Errorf("comment %s listed twice", r.ExternalID)
			}
			seen[r.ExternalID] = true
			if r.Source != "facebook" || r.ThreadID != posts[p] || r.Author != "Pat "+strconv.Itoa(j) ||
				r.Rating != 0 || r.Text != phi || r.CreatedAt.IsZero() || r.CreatedAt.Location() != time.UTC ||
				!strings.HasPrefix(r.ExternalID, strings.TrimPrefix(posts[p], pageID+"_")+"_") {
				t.Errorf("comment %d of post %d = %+v", j, p, r)
			}
		}
	}
}

func TestEmptyPageIsOnePage(t *testing.T) {
	_, c, _ := setup(t, 0)
	p, err := c.List(context.Background(), "")
	if err != nil || len(p.Reviews) != 0 || p.Next != "" {
		t.Errorf("List = %+v, %v", p, err)
	}
}

func TestManySilentPostsReturnACursor(t *testing.T) {
	perPost := make([]int, 40)
	perPost[39] = 1
	srv, c, _ := setup(t, 0, perPost...)
	p, err := c.List(context.Background(), "")
	if err != nil || len(p.Reviews) != 0 || p.Next == "" {
		t.Fatalf("first List = %+v, %v; want an empty page with a cursor", p, err)
	}
	if n := srv.Requests(); n != maxRequestsPerList {
		t.Errorf("one List made %d requests, want %d", n, maxRequestsPerList)
	}
	all, _, err := listAll(t, c)
	if err != nil || len(all) != 1 {
		t.Errorf("all = %d comments, %v", len(all), err)
	}
}

func TestPageOwnCommentsAndAnonymousAuthors(t *testing.T) {
	srv, c, posts := setup(t, 0, 0)
	srv.AddComment(posts[0], fbtest.Comment{From: &fbtest.User{ID: pageID, Name: "The Practice"}, Message: "Open Monday"})
	srv.AddComment(posts[0], fbtest.Comment{Message: phi})
	srv.AddComment(posts[0], fbtest.Comment{From: &fbtest.User{ID: "5"}, Message: phi})
	p, err := c.List(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Reviews) != 2 {
		t.Fatalf("got %d comments, want the 2 not by the Page", len(p.Reviews))
	}
	for _, r := range p.Reviews {
		if r.Author != AnonymousAuthor {
			t.Errorf("Author = %q", r.Author)
		}
	}
}

func TestReplyIsStoredAndListed(t *testing.T) {
	srv, c, _ := setup(t, 0, 2)
	first, err := c.List(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	id := first.Reviews[1].ExternalID
	if err := c.Reply(context.Background(), id, "Thank you for your kind words."); err != nil {
		t.Fatal(err)
	}
	if got := srv.Replies()[id]; len(got) != 1 || got[0] != "Thank you for your kind words." {
		t.Fatalf("stored replies = %q", got)
	}
	p, err := c.List(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if p.Reviews[1].ReplyText != "Thank you for your kind words." || p.Reviews[0].ReplyText != "" {
		t.Errorf("ReplyText = %q, %q", p.Reviews[0].ReplyText, p.Reviews[1].ReplyText)
	}
}

func TestReplyRefusesWithoutCallingGraph(t *testing.T) {
	srv, c, _ := setup(t, 0, 1)
	for _, tt := range []struct{ id, text string }{
		{"", "Thanks"},
		{"123", "Thanks"}, // a post or Page id, not a comment's
		{"1_2/../../me", "Thanks"},
		{"1_2?message=x", "Thanks"},
		{"1_2_3", "Thanks"},
		{"_12", "Thanks"},
		{"1_2", "  "},
	} {
		if err := c.Reply(context.Background(), tt.id, tt.text); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Errorf("Reply(%q, %q) = %v, want EInvalid", tt.id, tt.text, err)
		}
	}
	if n := srv.Requests(); n != 0 {
		t.Errorf("%d requests reached the API", n)
	}
}

func TestReplyToUnknownCommentIsNotFound(t *testing.T) {
	_, c, _ := setup(t, 0, 1)
	if err := c.Reply(context.Background(), "1_999999", "Thanks"); bedside.ErrorCode(err) != bedside.ENotFound {
		t.Fatalf("err = %v, want ENotFound", err)
	}
}

func TestRateLimited(t *testing.T) {
	for _, tt := range []struct {
		f    fbtest.Failure
		want time.Duration
	}{
		{fbtest.RateLimitCode, DefaultRetryAfter},
		{fbtest.RateLimitRetryAfter, fbtest.RetryAfter},
	} {
		srv, c, _ := setup(t, 0, 1)
		srv.Fail(tt.f)
		_, err := c.List(context.Background(), "")
		var rl *connector.RateLimited
		if !errors.As(err, &rl) || rl.RetryAfter != tt.want {
			t.Fatalf("failure %d: err = %v, want *RateLimited after %v", tt.f, err, tt.want)
		}
		if !connector.Retryable(err) || bedside.ErrorCode(err) != bedside.ERateLimited {
			t.Errorf("failure %d: not retryable or wrong code: %v", tt.f, err)
		}
		// The failure happens once; the next call goes through.
		if p, err := c.List(context.Background(), ""); err != nil || len(p.Reviews) != 1 {
			t.Errorf("failure %d: retry = %d comments, %v", tt.f, len(p.Reviews), err)
		}
	}
}

func TestExpiredCredentials(t *testing.T) {
	srv, c, _ := setup(t, 0, 1)
	srv.Fail(fbtest.ExpiredToken)
	_, err := c.List(context.Background(), "")
	if !errors.Is(err, connector.ErrExpiredCredentials) || connector.Retryable(err) {
		t.Errorf("code 190: err = %v, want ErrExpiredCredentials", err)
	}
	// A wrong token is refused by the fake's own check, the same way.
	c.cfg.Token = func(context.Context) (string, error) { return "EAAB-stale", nil }
	if err := c.Reply(context.Background(), "1_2", "Thanks"); !errors.Is(err, connector.ErrExpiredCredentials) {
		t.Errorf("wrong token: err = %v", err)
	}
	// A token source's own error passes through.
	c.cfg.Token = func(context.Context) (string, error) { return "", connector.ErrExpiredCredentials }
	if _, err := c.List(context.Background(), ""); !errors.Is(err, connector.ErrExpiredCredentials) {
		t.Errorf("token source: err = %v", err)
	}
}

func TestServerErrorIsRetryable(t *testing.T) {
	srv, c, _ := setup(t, 0, 1)
	srv.Fail(fbtest.Unavailable)
	_, err := c.List(context.Background(), "")
	if !errors.Is(err, connector.ErrUnavailable) || !connector.Retryable(err) {
		t.Errorf("500: err = %v", err)
	}
}

func TestMalformedPageKeepsEarlierPages(t *testing.T) {
	srv, c, _ := setup(t, 3, 7)
	first, err := c.List(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	srv.Fail(fbtest.Truncated)
	_, _, err = listAll(t, c)
	if bedside.ErrorCode(err) != bedside.EInvalid {
		t.Fatalf("err = %v, want EInvalid", err)
	}
	if msg := err.Error(); strings.Contains(msg, "diabetes") || strings.Contains(msg, "Smith") || !strings.Contains(msg, "malformed") {
		t.Errorf("message %q quotes the payload or is unclear", msg)
	}
	// What the caller already has stays valid, and it can resume from the same cursor.
	if len(first.Reviews) != 3 {
		t.Fatalf("first page has %d comments", len(first.Reviews))
	}
	p, err := c.List(context.Background(), first.Next)
	if err != nil || len(p.Reviews) != 3 || p.Reviews[0].ExternalID == first.Reviews[0].ExternalID {
		t.Errorf("resume = %+v, %v", p, err)
	}
}

func TestForeignCursorIsRefused(t *testing.T) {
	srv, c, _ := setup(t, 0, 1)
	bad := []string{
		"not base64!",
		position{}.encode(), // not started
		position{Started: true, Posts: []string{"../me"}}.encode(),
		position{Started: true, MoreFeed: true}.encode(), // more without a cursor
		position{Started: true, After: "x"}.encode(),     // a comments cursor without a post
		position{Started: true, Posts: make([]string, postsPerFeedPage+1)}.encode(),
	}
	for _, cur := range bad {
		if _, err := c.List(context.Background(), cur); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Errorf("List(%q) = %v, want EInvalid", cur, err)
		}
	}
	if n := srv.Requests(); n != 0 {
		t.Errorf("%d requests reached the API", n)
	}
}
