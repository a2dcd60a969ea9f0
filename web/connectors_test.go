package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

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
