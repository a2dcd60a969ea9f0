package web

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"testing"

	"github.com/bedsidehq/bedside/connector/facebook/fbtest"
)

// TestFacebookComments: comments come in by sync and by the signed webhook (a wrong signature is
// refused and imports nothing), and an approved reply goes out through the Graph API.
func TestFacebookComments(t *testing.T) {
	const page, token, secret, verify = "123", "page-token", "app-secret", "verify-me"
	fake := fbtest.NewServer(page, token)
	defer fake.Close()
	post := fake.AddPost()
	fake.AddComment(post, fbtest.Comment{From: &fbtest.User{ID: "9", Name: "Ana Ruiz"}, Message: "What are your opening hours on Saturday?"})

	h := newHarnessWith(t, Config{FacebookBaseURL: fake.URL})
	admin := h.practice("Riverside Dental", "admin@example.com")
	h.call("PUT", "/api/v1/practice/profile", admin, map[string]any{"name": "Riverside Dental", "phones": []string{"(541) 555-0142"}}, nil)
	admin = h.login("admin@example.com", testPassword)
	var conn struct {
		CallbackURL string `json:"callback_url"`
	}
	if code := h.call("PUT", "/api/v1/practice/connectors/facebook", admin, map[string]any{"page_id": page, "page_token": token,
		"app_secret": secret, "verify_token": verify}, &conn); code != 200 || conn.CallbackURL == "" {
		t.Fatalf("connect: %d %+v", code, conn)
	}
	var sync struct{ Imported int }
	if code := h.call("POST", "/api/v1/reviews/sync", admin, nil, &sync); code != 200 || sync.Imported != 1 {
		t.Fatalf("sync: %d %+v", code, sync)
	}

	hook := conn.CallbackURL[len(h.http.URL):]
	if got := get(t, h, hook+"?hub.mode=subscribe&hub.verify_token="+verify+"&hub.challenge=abc123"); got != "abc123" {
		t.Fatalf("handshake: %q", got)
	}
	body := []byte(`{"object": "page", "entry": [{"id": "` + page + `", "time": 1764160000, "changes": [{"field": "feed", "value": {"item": "comment",
		"verb": "add", "post_id": "` + page + `_44", "comment_id": "44_55", "created_time": 1764159999, "from": {"id": "777", "name": "Pat Doe"},
		"message": "Do you take new patients?"}}]}]}`)
	deliver := func(sig string) int {
		req, _ := http.NewRequest("POST", h.http.URL+hook, bytes.NewReader(body))
		req.Header.Set("X-Hub-Signature-256", sig)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := deliver("sha256=" + hex.EncodeToString(make([]byte, 32))); code != 401 {
		t.Fatalf("a wrong signature: %d", code)
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	if code := deliver("sha256=" + hex.EncodeToString(mac.Sum(nil))); code != 200 {
		t.Fatalf("a signed delivery: %d", code)
	}
	var inbox struct {
		Reviews []struct {
			ID         int64
			Author     string
			ExternalID string `json:"external_id"`
		}
	}
	h.call("GET", "/api/v1/reviews", admin, nil, &inbox)
	if len(inbox.Reviews) != 2 {
		t.Fatalf("inbox after the webhook: %+v", inbox)
	}
	var ana struct {
		ID         int64
		ExternalID string
	}
	for _, r := range inbox.Reviews {
		if r.Author == "Ana Ruiz" {
			ana.ID, ana.ExternalID = r.ID, r.ExternalID
		}
	}
	path := "/api/v1/reviews/" + strconv.FormatInt(ana.ID, 10)
	var reply struct{ ID int64 }
	text := "Thanks for asking! Our hours are on our website, or call us at (541) 555-0142."
	if code := h.call("POST", path+"/replies", admin, map[string]any{"text": text}, &reply); code != 201 {
		t.Fatalf("reply: %d", code)
	}
	if code := h.call("POST", path+"/replies/"+strconv.FormatInt(reply.ID, 10)+"/sent", admin, nil, nil); code != 200 {
		t.Fatalf("send: %d", code)
	}
	if got := fake.Replies()[ana.ExternalID]; len(got) != 1 || got[0] != text {
		t.Fatalf("the Page replied %q", got)
	}
}
