package web

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/bedsidehq/bedside/webhook"
)

// TestInboundReviewsHook: a signed delivery imports its reviews once; an unsigned, wrongly signed
// or replayed (old) one is refused; reviews can then be assigned and listed by assignee.
func TestInboundReviewsHook(t *testing.T) {
	h := newHarness(t, false)
	admin := h.practice("Riverside Dental", "admin@example.com")
	var hook struct{ Secret, URL string }
	if code := h.call("PUT", "/api/v1/practice/inbound-secret", admin, nil, &hook); code != 200 || hook.Secret == "" {
		t.Fatalf("secret: %d", code)
	}
	body := []byte(`{"reviews": [{"source": "yelp", "external_id": "y-1", "author": "Sam", "rating": 4, "text": "Nice and quick.", "written_at": "2026-11-25T10:00:00Z"}]}`)
	deliver := func(secrets []string, at time.Time) (int, string) {
		req, _ := http.NewRequest("POST", hook.URL, bytes.NewReader(body))
		if secrets != nil {
			hdr, err := webhook.Sign(secrets, webhook.NewEventID(), at, body)
			if err != nil {
				t.Fatal(err)
			}
			req.Header = hdr
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, _ := deliver(nil, time.Now()); code != 401 {
		t.Errorf("unsigned: %d", code)
	}
	if code, _ := deliver([]string{webhook.NewSecret()}, time.Now()); code != 401 {
		t.Errorf("wrong secret: %d", code)
	}
	if code, _ := deliver([]string{hook.Secret}, time.Now().Add(-time.Hour)); code != 401 {
		t.Errorf("replayed an hour later: %d", code)
	}
	if code, b := deliver([]string{hook.Secret}, time.Now()); code != 200 || b != "{\"imported\":1}\n" {
		t.Fatalf("signed: %d %s", code, b)
	}
	if code, b := deliver([]string{hook.Secret}, time.Now()); code != 200 || b != "{\"imported\":0}\n" {
		t.Fatalf("the same delivery again: %d %s", code, b)
	}

	var inbox struct{ Reviews []struct{ ID int64 } }
	h.call("GET", "/api/v1/reviews", admin, nil, &inbox)
	creds, _ := h.db.CredentialsByEmail(t.Context(), "admin@example.com")
	path := "/api/v1/reviews/" + strconv.FormatInt(inbox.Reviews[0].ID, 10) + "/assignee"
	if code := h.call("PUT", path, admin, map[string]any{"user_id": 999999}, nil); code != 404 {
		t.Errorf("assigning to nobody known: %d", code)
	}
	if code := h.call("PUT", path, admin, map[string]any{"user_id": creds.User.ID}, nil); code != 200 {
		t.Fatalf("assign: %d", code)
	}
	h.call("GET", "/api/v1/reviews?assignee=me", admin, nil, &inbox)
	if len(inbox.Reviews) != 1 {
		t.Fatalf("mine: %+v", inbox)
	}
}
