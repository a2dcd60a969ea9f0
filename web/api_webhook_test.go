package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/bedsidehq/bedside/webhook"
)

// TestWebhookChannel: publishing and taking down a post each deliver one signed event to the
// practice's endpoint, through the outbox; a failing endpoint is retried later, not lost.
func TestWebhookChannel(t *testing.T) {
	var mu sync.Mutex
	var got []webhook.Event
	var secret string
	fail := true
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		if fail {
			fail = false
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		if err := webhook.Verify([]string{secret}, r.Header, body, time.Now(), 5*time.Minute); err != nil {
			t.Errorf("signature: %v", err)
			http.Error(w, "bad signature", http.StatusBadRequest)
			return
		}
		var e webhook.Event
		json.Unmarshal(body, &e)
		got = append(got, e)
	}))
	defer receiver.Close()

	h := newHarnessWith(t, Config{Webhooks: webhook.Config{AllowInsecure: true, AllowPrivate: true}})
	admin := h.practice("Riverside Dental", "admin@example.com")
	h.call("POST", "/api/v1/users", admin, map[string]any{"email": "co@example.com", "role": "compliance", "password": testPassword}, nil)
	co := h.login("co@example.com", testPassword)
	var set struct{ Secret string }
	if code := h.call("PUT", "/api/v1/practice/webhook", admin, map[string]any{"url": receiver.URL + "/hook"}, &set); code != 200 || set.Secret == "" {
		t.Fatalf("set webhook: %d", code)
	}
	secret = set.Secret
	if code := h.call("PUT", "/api/v1/practice/webhook", co, map[string]any{"url": receiver.URL}, nil); code != 403 {
		t.Errorf("a compliance officer set the webhook: %d", code)
	}

	var p postOut
	h.call("POST", "/api/v1/posts", admin, map[string]any{"text": "Flu shots are in: call us to book yours.", "channels": []string{"website"}}, &p)
	path := "/api/v1/posts/" + strconv.FormatInt(p.ID, 10)
	h.call("POST", path+"/submit", admin, nil, nil)
	h.call("POST", path+"/approve", co, nil, nil)
	if code := h.call("POST", path+"/publish", admin, nil, &p); code != 200 {
		t.Fatalf("publish: %d", code)
	}
	ctx := context.Background()
	h.srv.deliver(ctx) // the endpoint answers 503: the event waits for a retry
	h.db.SetClock(func() time.Time { return time.Now().Add(time.Hour) })
	h.srv.deliver(ctx)
	h.call("POST", path+"/takedown", co, nil, nil)
	h.srv.deliver(ctx)

	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 || got[0].Type != webhook.PostPublished || got[0].Post.Text == "" || got[1].Type != webhook.PostTakenDown || got[1].Post.Text != "" {
		t.Fatalf("events: %+v", got)
	}
	var st struct{ Pending, Delivered, Failed int }
	h.call("GET", "/api/v1/practice/webhook", admin, nil, &st)
	if st.Delivered != 2 || st.Pending != 0 {
		t.Fatalf("outbox: %+v", st)
	}
}
