package web

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside/consent"
	"github.com/bedsidehq/bedside/store"
	"github.com/bedsidehq/bedside/webhook"
)

// TestMailFeedback: a signed complaint revokes the contact's email marketing consent and
// suppresses the address; a hard bounce suppresses even an address that is no contact; a soft
// bounce changes nothing; unsigned reports are refused; no address appears in answers or logs.
func TestMailFeedback(t *testing.T) {
	eachEngine(t, func(t *testing.T, h *harness) {
		admin := h.practice("Riverside Dental", "admin@example.com")
		var hook struct{ Secret string }
		h.call("PUT", "/api/v1/practice/inbound-secret", admin, nil, &hook)
		ctx := context.Background()
		creds, err := h.db.CredentialsByEmail(ctx, "admin@example.com")
		if err != nil {
			t.Fatal(err)
		}
		actor := store.Actor{PracticeID: creds.User.PracticeID, UserID: creds.User.ID}
		if _, err := h.db.PutConsentText(ctx, actor, "email-v1", "Yes, email me news from Riverside Dental.", false); err != nil {
			t.Fatal(err)
		}
		c, err := h.db.CreateContact(ctx, actor, store.Contact{Email: "quincy.zed@example.com"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := h.db.RecordConsent(ctx, actor, c.ID, consent.Event{Channel: consent.Email, Purpose: consent.Marketing,
			Kind: consent.Given, Method: consent.WebForm, Text: consent.Text{Version: "email-v1"}}); err != nil {
			t.Fatal(err)
		}
		url := h.http.URL + "/hooks/mail/" + strconv.FormatInt(actor.PracticeID, 10)
		deliver := func(signed bool, body string) (int, string) {
			req, _ := http.NewRequest("POST", url, strings.NewReader(body))
			if signed {
				hdr, err := webhook.Sign([]string{hook.Secret}, webhook.NewEventID(), time.Now(), []byte(body))
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
		events := `{"events": [
			{"id": "c-1", "type": "complaint", "email": "Quincy.Zed@example.com"},
			{"id": "b-1", "type": "bounce", "hard": true, "email": "ghost.addr@example.com"},
			{"id": "b-2", "type": "bounce", "hard": false, "email": "busy.box@example.com"}]}`
		if code, _ := deliver(false, events); code != 401 {
			t.Fatalf("unsigned: %d", code)
		}
		if code, b := deliver(true, events); code != 200 || !strings.Contains(b, `"suppressed":2`) || !strings.Contains(b, `"ignored":1`) {
			t.Fatalf("feedback: %d %s", code, b)
		}
		if code, b := deliver(true, events); code != 200 {
			t.Fatalf("the same reports again: %d %s", code, b)
		}
		if code, b := deliver(true, `{"events": [{"type": "delivered", "email": "quincy.zed@example.com"}]}`); code != 422 || strings.Contains(b, "quincy") {
			t.Fatalf("an unknown type: %d %s", code, b)
		}
		for addr, want := range map[string]bool{"quincy.zed@example.com": true, "ghost.addr@example.com": true, "busy.box@example.com": false} {
			if got, _ := h.db.IsSuppressed(ctx, actor, consent.Email, addr); got != want {
				t.Errorf("%s suppressed %v, want %v", addr, got, want)
			}
		}
		st, _ := h.db.ConsentState(ctx, actor, c.ID)
		if s := st.Of(consent.Email, consent.Marketing); s.Status != consent.StatusRevoked || s.Last.Method != consent.Complaint {
			t.Fatalf("after a complaint: %+v", s)
		}
		for _, secret := range []string{"quincy", "ghost.addr", "busy.box"} {
			if bytes.Contains(bytes.ToLower([]byte(h.logs.String())), []byte(secret)) {
				t.Errorf("the log holds %q", secret)
			}
		}
	})
}
