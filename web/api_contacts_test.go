package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/bedsidehq/bedside/store"
)

const (
	emailWording = "Riverside Dental may email you news and offers. Unsubscribe at any time."
	smsWording   = "Riverside Dental may text you news and offers. Consent is not a condition of purchase. Reply STOP to end."
)

type contactOut struct {
	ID         int64
	Name       string
	Email      string
	Phone      string
	Level      string
	Consent    map[string]string
	Suppressed map[string]bool
	WipedAt    *string `json:"wiped_at"`
}

type ledgerOut struct {
	Events []struct {
		ID          int64
		Channel     string
		Purpose     string
		Kind        string
		Method      string
		Source      string
		TextVersion string `json:"text_version"`
		TextSHA256  string `json:"text_sha256"`
		IP          string
		UserAgent   string `json:"user_agent"`
	}
}

// postCSV sends a CSV body with a bearer token.
func postCSV(t *testing.T, h *harness, token, body string, out any) int {
	t.Helper()
	req, _ := http.NewRequest("POST", h.http.URL+"/api/v1/contacts/import?import_id=spring", strings.NewReader(body))
	req.Header.Set("Content-Type", "text/csv")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	json.Unmarshal(b, out)
	return resp.StatusCode
}

// TestContactsAPI: staff add and import contacts, record consent as staff (never as the person),
// read the ledger with its evidence, and wipe a contact, whose address stays suppressed; another
// practice sees none of it, and no address reaches the logs or the audit trail.
func TestContactsAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, h *harness) {
		admin := h.practice("Riverside Dental", "admin@example.com")
		var e refusal
		if code := h.call("PUT", "/api/v1/consent-texts/sms-v1", admin, map[string]any{"body": "Texts from us. Reply STOP to end.", "not_condition_of_purchase": true}, &e); code != 422 {
			t.Fatalf("a text flagged as saying 'not a condition of purchase' that does not: %d", code)
		}
		for v, body := range map[string]string{"email-v1": emailWording, "sms-v1": smsWording} {
			if code := h.call("PUT", "/api/v1/consent-texts/"+v, admin, map[string]any{"body": body, "not_condition_of_purchase": v == "sms-v1"}, nil); code != 200 {
				t.Fatalf("put %s: %d", v, code)
			}
		}
		if code := h.call("PUT", "/api/v1/consent-texts/email-v1", admin, map[string]any{"body": emailWording + " Changed."}, nil); code != 409 {
			t.Fatalf("other wording for a version: %d", code)
		}

		var c contactOut
		if code := h.call("POST", "/api/v1/contacts", admin, map[string]any{"name": "Zebulon Quixotic", "email": "ZQ@Example.com", "phone": "(415) 555-2671"}, &c); code != 201 {
			t.Fatalf("create: %d", code)
		}
		if c.Email != "zq@example.com" || c.Level != "none" || c.Consent["email/marketing"] != "none" {
			t.Fatalf("new contact %+v", c)
		}
		if code := h.call("POST", "/api/v1/contacts", admin, map[string]any{"email": "not an address zq@"}, &e); code != 422 || strings.Contains(e.Error.Message, "zq@") {
			t.Fatalf("bad address: %d %+v", code, e)
		}
		path := "/api/v1/contacts/" + strconv.FormatInt(c.ID, 10)
		for _, bad := range []map[string]any{
			{"channel": "email", "purpose": "marketing", "kind": "given", "method": "web_form", "text_version": "email-v1"},
			{"channel": "email", "purpose": "marketing", "kind": "confirmed", "method": "staff"},
			{"channel": "email", "purpose": "marketing", "kind": "given", "method": "paper"}, // no text
		} {
			if code := h.call("POST", path+"/consents", admin, bad, &e); code != 422 {
				t.Errorf("staff recording %v: %d", bad, code)
			}
		}
		req, _ := json.Marshal(map[string]any{"channel": "email", "purpose": "marketing", "kind": "given", "method": "paper", "text_version": "email-v1"})
		r, _ := http.NewRequest("POST", h.http.URL+path+"/consents", bytes.NewReader(req))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Authorization", "Bearer "+admin)
		r.Header.Set("User-Agent", "FrontDesk/1.0")
		r.Header.Set("X-Forwarded-For", "203.0.113.9") // not trusted by default
		if resp, err := http.DefaultClient.Do(r); err != nil || resp.StatusCode != 201 {
			t.Fatalf("record paper consent: %v %v", err, resp)
		}
		var l ledgerOut
		h.call("GET", path+"/consents", admin, nil, &l)
		if len(l.Events) != 1 || l.Events[0].Method != "paper" || l.Events[0].UserAgent != "FrontDesk/1.0" || l.Events[0].IP != "127.0.0.1" ||
			l.Events[0].TextSHA256 == "" {
			t.Fatalf("ledger %+v", l)
		}
		h.call("GET", path, admin, nil, &c)
		if c.Consent["email/marketing"] != "pending" || c.Level != "situational" {
			t.Fatalf("after paper consent: %+v", c)
		}

		var imp struct {
			Results []store.ImportResult
			Error   struct {
				Message string
				Details []store.ImportResult
			}
		}
		bad := "name,email,phone,consent,consent_method,consented_at,text_version\nAda,ada@example.com,,email/marketing,paper,2026-01-05,email-v1\nBad,nope,,,,,\n"
		if code := postCSV(t, h, admin, bad, &imp); code != 422 || len(imp.Error.Details) != 2 || imp.Error.Details[1].Error == "" || strings.Contains(imp.Error.Message, "nope") {
			t.Fatalf("import with a bad row: %d %+v", code, imp)
		}
		var list struct{ Contacts []contactOut }
		h.call("GET", "/api/v1/contacts", admin, nil, &list)
		if len(list.Contacts) != 1 {
			t.Fatalf("a failed import wrote contacts: %+v", list)
		}
		good := "name,email,phone,consent,consent_method,consented_at,text_version\nAda,ada@example.com,,email/marketing,paper,2026-01-05,email-v1\nZeb,zq@example.com,,,,,\n"
		if code := postCSV(t, h, admin, good, &imp); code != 200 || len(imp.Results) != 2 || !imp.Results[0].Created || imp.Results[1].ContactID != c.ID {
			t.Fatalf("import: %d %+v", code, imp)
		}

		other := h.practice("Elsewhere", "else@example.com")
		if code := h.call("GET", path, other, nil, nil); code != 404 {
			t.Errorf("another practice reads the contact: %d", code)
		}
		if code := h.call("GET", path+"/consents", other, nil, nil); code != 404 {
			t.Errorf("another practice reads the ledger: %d", code)
		}
		h.call("GET", "/api/v1/contacts", other, nil, &list)
		if len(list.Contacts) != 0 {
			t.Errorf("another practice lists %+v", list.Contacts)
		}
		if code := h.call("DELETE", path, other, nil, nil); code != 404 {
			t.Errorf("another practice wipes the contact: %d", code)
		}

		if code := h.call("DELETE", path, admin, nil, nil); code != 204 {
			t.Fatalf("wipe: %d", code)
		}
		c = contactOut{}
		h.call("GET", path, admin, nil, &c)
		if c.WipedAt == nil || c.Email != "" || !c.Suppressed["email"] {
			t.Fatalf("wiped contact %+v", c)
		}
		if sup, _ := h.db.IsSuppressed(t.Context(), store.Actor{PracticeID: 1}, "email", "zq@example.com"); !sup {
			t.Error("the wiped address is not suppressed")
		}
		noAddresses(t, h, "zq@example.com", "ada@example.com", "4155552671", "Zebulon")
	})
}

// noAddresses fails when an address or name appears in the server log or the audit trail.
func noAddresses(t *testing.T, h *harness, secrets ...string) {
	t.Helper()
	var audit bytes.Buffer
	for p := int64(1); p <= 3; p++ {
		evs, _ := h.db.AuditEvents(t.Context(), p, store.AuditFilter{Limit: 10000})
		b, _ := json.Marshal(evs)
		audit.Write(b)
	}
	for where, content := range map[string]string{"logs": h.logs.String(), "audit": audit.String()} {
		for _, s := range secrets {
			if strings.Contains(strings.ToLower(content), strings.ToLower(s)) {
				t.Errorf("%q appears in the %s", s, where)
			}
		}
	}
}
