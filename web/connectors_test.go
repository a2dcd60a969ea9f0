package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside/connector/google/googletest"
)

// fakeTokenEndpoint exchanges one refresh token for googletest's access token, as Google's OAuth
// token endpoint does, and refuses any other with invalid_grant.
func fakeTokenEndpoint(t *testing.T, refresh, access string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		if r.Form.Get("grant_type") != "refresh_token" || r.Form.Get("refresh_token") != refresh {
			w.WriteHeader(http.StatusBadRequest)
			json.NewEncoder(w).Encode(map[string]string{"error": "invalid_grant"})
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"access_token": access, "token_type": "Bearer", "expires_in": 3600})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestGoogleSyncAndSend: Google reviews come in through the connector (twice adds nothing) and
// an approved reply goes out through it; bad credentials are a clear 401.
func TestGoogleSyncAndSend(t *testing.T) {
	const location = "accounts/1/locations/2"
	fake := googletest.NewServer("access-1")
	defer fake.Close()
	for _, rv := range []googletest.Review{
		{Reviewer: googletest.Reviewer{DisplayName: "Mike Tran"}, StarRating: "FIVE", Comment: "Friendly staff and a spotless office!"},
		{Reviewer: googletest.Reviewer{IsAnonymous: true}, StarRating: "FOUR", Comment: "Easy parking."},
	} {
		fake.Add(location, rv)
	}
	tokens := fakeTokenEndpoint(t, "refresh-1", "access-1")
	h := newHarnessWith(t, Config{GoogleBaseURL: fake.URL, GoogleTokenURL: tokens.URL})
	admin := h.practice("Riverside Dental", "admin@example.com")
	h.call("PUT", "/api/v1/practice/profile", admin, map[string]any{"name": "Riverside Dental", "phones": []string{"(541) 555-0142"}}, nil)
	admin = h.login("admin@example.com", testPassword)

	var e refusal
	if code := h.call("POST", "/api/v1/reviews/sync", admin, nil, &e); code != 422 {
		t.Fatalf("sync before connecting: %d", code)
	}
	settings := map[string]any{"location": location, "client_id": "cid", "client_secret": "csecret", "refresh_token": "wrong"}
	h.call("PUT", "/api/v1/practice/connectors/google", admin, settings, nil)
	if code := h.call("POST", "/api/v1/reviews/sync", admin, nil, &e); code != 401 {
		t.Fatalf("sync with a refused refresh token: %d %+v", code, e)
	}
	settings["refresh_token"] = "refresh-1"
	if code := h.call("PUT", "/api/v1/practice/connectors/google", admin, settings, nil); code != 200 {
		t.Fatalf("connect: %d", code)
	}
	var sync struct{ Pages, Imported int }
	if code := h.call("POST", "/api/v1/reviews/sync", admin, nil, &sync); code != 200 || sync.Imported != 2 {
		t.Fatalf("sync: %d %+v", code, sync)
	}
	if h.call("POST", "/api/v1/reviews/sync", admin, nil, &sync); sync.Imported != 0 {
		t.Fatalf("a second sync imported %d", sync.Imported)
	}
	var inbox struct {
		Reviews []struct {
			ID     int64
			Author string
			Rating int
		}
	}
	h.call("GET", "/api/v1/reviews", admin, nil, &inbox)
	if len(inbox.Reviews) != 2 || inbox.Reviews[0].Author != "Mike Tran" || inbox.Reviews[1].Author != "A Google user" {
		t.Fatalf("inbox: %+v", inbox)
	}
	path := "/api/v1/reviews/" + strconv.FormatInt(inbox.Reviews[0].ID, 10)
	var reply struct {
		ID    int64
		State string
	}
	text := "Thank you for the kind words! We're glad to hear it. Call us any time at (541) 555-0142."
	if code := h.call("POST", path+"/replies", admin, map[string]any{"text": text}, &reply); code != 201 || reply.State != "approved" {
		t.Fatalf("reply: %d %+v", code, reply)
	}
	var rv struct{ State string }
	if code := h.call("POST", path+"/replies/"+strconv.FormatInt(reply.ID, 10)+"/sent", admin, nil, &rv); code != 200 || rv.State != "replied" {
		t.Fatalf("send: %d %+v", code, rv)
	}
	if got := fake.Replies()[location+"/reviews/r1"]; got != text {
		t.Fatalf("Google received %q", got)
	}
}

// TestGoogleReplyRetries: a reply Google does not take for now (429, 503) is kept, shown with its
// error and next attempt, and sent by the worker once due, exactly once; expired credentials are
// not retried but wait for the practice to reconnect.
func TestGoogleReplyRetries(t *testing.T) {
	const location = "accounts/1/locations/2"
	fake := googletest.NewServer("access-1")
	defer fake.Close()
	fake.Add(location, googletest.Review{Reviewer: googletest.Reviewer{DisplayName: "Mike Tran"}, StarRating: "FIVE", Comment: "Friendly staff!"})
	fake.Add(location, googletest.Review{Reviewer: googletest.Reviewer{DisplayName: "Ana Ruiz"}, StarRating: "FIVE", Comment: "Great office."})
	tokens := fakeTokenEndpoint(t, "refresh-1", "access-1")
	h := newHarnessWith(t, Config{GoogleBaseURL: fake.URL, GoogleTokenURL: tokens.URL})
	admin := h.practice("Riverside Dental", "admin@example.com")
	h.call("PUT", "/api/v1/practice/connectors/google", admin, map[string]any{"location": location, "client_id": "cid", "client_secret": "cs", "refresh_token": "refresh-1"}, nil)
	h.call("POST", "/api/v1/reviews/sync", admin, nil, nil)
	var inbox struct{ Reviews []struct{ ID int64 } }
	h.call("GET", "/api/v1/reviews", admin, nil, &inbox)
	if len(inbox.Reviews) != 2 {
		t.Fatalf("inbox: %+v", inbox)
	}
	text := "Thank you for the kind words! We appreciate you taking the time to write."
	type replyOut struct {
		ID           int64
		State        string
		SendAttempts int        `json:"send_attempts"`
		SendError    string     `json:"send_error"`
		NextSendAt   *time.Time `json:"next_send_at"`
	}
	type reviewOut struct {
		State   string
		Replies []replyOut
	}
	var sent reviewOut
	draft := func(id int64) string {
		path := "/api/v1/reviews/" + strconv.FormatInt(id, 10)
		var p replyOut
		if code := h.call("POST", path+"/replies", admin, map[string]any{"text": text}, &p); code != 201 {
			t.Fatalf("reply: %d", code)
		}
		return path + "/replies/" + strconv.FormatInt(p.ID, 10) + "/sent"
	}
	ctx := context.Background()

	send := draft(inbox.Reviews[0].ID)
	fake.Fail(googletest.RateLimitSeconds)
	before := time.Now().Truncate(time.Millisecond) // the store keeps milliseconds
	if code := h.call("POST", send, admin, nil, &sent); code != 202 || sent.State != "drafted" {
		t.Fatalf("a rate-limited send: %d %+v", code, sent)
	}
	r := sent.Replies[0]
	if r.SendAttempts != 1 || !strings.Contains(r.SendError, "slow down") || r.NextSendAt == nil || r.NextSendAt.Before(before.Add(googletest.RetryAfter)) {
		t.Fatalf("the failure is not shown with its next attempt: %+v", r)
	}
	h.srv.retryReplies(ctx) // not due yet
	fake.Fail(googletest.Unavailable)
	h.db.SetClock(func() time.Time { return time.Now().Add(time.Hour) })
	h.srv.retryReplies(ctx) // due: Google answers 503, so it waits again
	if n := len(fake.Replies()); n != 0 {
		t.Fatalf("Google holds %d replies after two failures", n)
	}
	h.db.SetClock(func() time.Time { return time.Now().Add(5 * time.Hour) })
	h.srv.retryReplies(ctx)
	h.srv.retryReplies(ctx) // nothing left to do: sent once
	sent = reviewOut{}
	h.call("GET", "/api/v1/reviews/"+strconv.FormatInt(inbox.Reviews[0].ID, 10), admin, nil, &sent)
	if sent.State != "replied" || sent.Replies[0].SendError != "" || sent.Replies[0].NextSendAt != nil || len(fake.Replies()) != 1 {
		t.Fatalf("after the retries: %+v, Google holds %d", sent, len(fake.Replies()))
	}

	send = draft(inbox.Reviews[1].ID)
	fake.Fail(googletest.Unauthorized)
	var e refusal
	if code := h.call("POST", send, admin, nil, &e); code != 401 {
		t.Fatalf("expired credentials: %d %+v", code, e)
	}
	h.db.SetClock(func() time.Time { return time.Now().Add(6 * time.Hour) })
	h.srv.retryReplies(ctx)
	sent = reviewOut{}
	h.call("GET", "/api/v1/reviews/"+strconv.FormatInt(inbox.Reviews[1].ID, 10), admin, nil, &sent)
	if r := sent.Replies[0]; sent.State != "drafted" || r.SendAttempts != 1 || r.SendError == "" || r.NextSendAt != nil || len(fake.Replies()) != 1 {
		t.Fatalf("expired credentials were retried or not shown: %+v", sent)
	}
	sent = reviewOut{}
	if code := h.call("POST", send, admin, nil, &sent); code != 200 || sent.State != "replied" {
		t.Fatalf("sending again once the account works: %d %+v", code, sent)
	}
}
