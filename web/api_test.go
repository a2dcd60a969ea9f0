package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside/auth"
	"github.com/bedsidehq/bedside/store"
)

func eachEngine(t *testing.T, fn func(t *testing.T, h *harness)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, newHarness(t, false)) })
	t.Run("postgres", func(t *testing.T) { fn(t, newHarness(t, true)) })
}

func TestScanAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, h *harness) {
		tok := h.practice("Riverside", "admin@example.com")
		var prof map[string]any
		if code := h.call("PUT", "/api/v1/practice/profile", tok, map[string]any{"name": "Riverside",
			"staff": []string{"Dr. Priya Patel"}, "phones": []string{"(541) 555-0142"}}, &prof); code != 200 {
			t.Fatalf("put profile: %d", code)
		}
		var res struct {
			Verdict  string
			Findings []struct{ Kind, Text string }
		}
		h.call("POST", "/api/v1/scan", tok, map[string]any{"text": "Dr. Priya Patel answers questions at (541) 555-0142.", "context": "post"}, &res)
		if res.Verdict != "allow" || len(res.Findings) != 0 {
			t.Errorf("the practice's own staff and phone: %+v", res)
		}
		h.call("POST", "/api/v1/scan", tok, map[string]any{"text": "Sorry Dana, asthma flares in spring.", "context": "reply",
			"in_reply_to": map[string]any{"author": "Dana P.", "rating": 1, "text": "My son's asthma got worse"}}, &res)
		if res.Verdict != "block" {
			t.Errorf("echoing reply: %+v", res)
		}
		var e struct {
			Error struct{ Code, Message string }
		}
		if code := h.call("POST", "/api/v1/scan", tok, map[string]any{"text": "x", "context": "tweet"}, &e); code != 422 || e.Error.Code != "invalid" {
			t.Errorf("bad context: %d %+v", code, e)
		}
		if code := h.call("POST", "/api/v1/scan", "", map[string]any{"text": "x"}, nil); code != 401 {
			t.Errorf("no token: %d", code)
		}
		if code := h.call("POST", "/api/v1/scan", tok, map[string]any{"text": "x", "extra": 1}, &e); code != 422 {
			t.Errorf("unknown field: %d", code)
		}
	})
}

// TestPracticeIsolation: a user or token of one practice can read or change nothing of another's.
func TestPracticeIsolation(t *testing.T) {
	eachEngine(t, func(t *testing.T, h *harness) {
		a := h.practice("A", "a@example.com")
		b := h.practice("B", "b@example.com")
		h.call("PUT", "/api/v1/practice/profile", b, map[string]any{"name": "B", "staff": []string{"Dr. Secret Bee"}}, nil)
		var tokB struct{ ID int64 }
		h.call("POST", "/api/v1/tokens", b, map[string]any{"name": "b-ci"}, &tokB)
		h.call("POST", "/api/v1/locations", b, map[string]any{"name": "B Office"}, nil)

		var prof struct {
			Name  string
			Staff []string
		}
		h.call("GET", "/api/v1/practice/profile", a, nil, &prof)
		var users struct{ Users []struct{ Email string } }
		h.call("GET", "/api/v1/users", a, nil, &users)
		var toks struct{ Tokens []struct{ ID int64 } }
		h.call("GET", "/api/v1/tokens", a, nil, &toks)
		var locs struct{ Locations []struct{ Name string } }
		h.call("GET", "/api/v1/locations", a, nil, &locs)
		var audit struct {
			Events []struct{ Actor, ObjectID string }
		}
		h.call("GET", "/api/v1/audit", a, nil, &audit)
		seen, _ := json.Marshal([]any{prof, users, toks, locs, audit})
		for _, leak := range []string{"Secret Bee", "b@example.com", "B Office"} {
			if strings.Contains(string(seen), leak) {
				t.Errorf("practice A sees %q: %s", leak, seen)
			}
		}
		for _, tk := range toks.Tokens {
			if tk.ID == tokB.ID {
				t.Errorf("A lists B's token")
			}
		}
		if code := h.call("DELETE", fmt.Sprintf("/api/v1/tokens/%d", tokB.ID), a, nil, nil); code != 404 {
			t.Errorf("A revoked B's token: %d", code)
		}
		var after struct {
			Tokens []struct {
				ID        int64
				RevokedAt *time.Time `json:"revoked_at"`
			}
		}
		h.call("GET", "/api/v1/tokens", b, nil, &after)
		for _, tk := range after.Tokens {
			if tk.ID == tokB.ID && tk.RevokedAt != nil {
				t.Error("B's token was revoked by A")
			}
		}
	})
}

func TestRolesAndTokens(t *testing.T) {
	h := newHarness(t, false)
	admin := h.practice("P", "admin@example.com")
	if code := h.call("POST", "/api/v1/users", admin, map[string]any{"email": "staff@example.com", "role": "staff", "password": testPassword}, nil); code != 201 {
		t.Fatalf("create staff: %d", code)
	}
	if code := h.call("POST", "/api/v1/users", admin, map[string]any{"email": "short@example.com", "role": "staff", "password": "short"}, nil); code != 422 {
		t.Fatalf("weak password: %d", code)
	}
	staff := h.login("staff@example.com", testPassword)
	for _, c := range []struct{ method, path string }{{"GET", "/api/v1/users"}, {"PUT", "/api/v1/practice/profile"}, {"GET", "/api/v1/audit"}, {"POST", "/api/v1/locations"}} {
		if code := h.call(c.method, c.path, staff, map[string]any{"name": "x"}, nil); code != 403 {
			t.Errorf("staff %s %s: %d, want 403", c.method, c.path, code)
		}
	}
	var tok struct {
		ID    int64
		Token string
	}
	h.call("POST", "/api/v1/tokens", staff, map[string]any{"name": "zapier"}, &tok)
	if code := h.call("POST", "/api/v1/scan", tok.Token, map[string]any{"text": "hello"}, nil); code != 200 {
		t.Fatalf("named token: %d", code)
	}
	h.call("DELETE", fmt.Sprintf("/api/v1/tokens/%d", tok.ID), staff, nil, nil)
	if code := h.call("POST", "/api/v1/scan", tok.Token, map[string]any{"text": "hello"}, nil); code != 401 {
		t.Fatalf("revoked token still works: %d", code)
	}
}

func TestLoginLockout(t *testing.T) {
	h := newHarness(t, false)
	h.practice("P", "admin@example.com")
	for i := 0; i < 5; i++ {
		if code := h.call("POST", "/api/v1/login", "", map[string]string{"email": "admin@example.com", "password": "wrong password!"}, nil); code != 401 {
			t.Fatalf("attempt %d: %d", i, code)
		}
	}
	if code := h.call("POST", "/api/v1/login", "", map[string]string{"email": "admin@example.com", "password": testPassword}, nil); code != 429 {
		t.Fatalf("locked account accepted the right password: %d", code)
	}
	if code := h.call("POST", "/api/v1/login", "", map[string]string{"email": "nobody@example.com", "password": "x"}, nil); code != 401 {
		t.Fatalf("unknown account: %d", code)
	}
}

// TestCSRFAndSessions drives the pages like a browser: sign in, then a form without the CSRF token
// is refused and one with it goes through; a request from another origin is refused.
func TestCSRFAndSessions(t *testing.T) {
	h := newHarness(t, false)
	h.practice("P", "admin@example.com")
	c := h.browser()
	resp := h.form(c, "/login", url.Values{"email": {"admin@example.com"}, "password": {testPassword}})
	if resp.StatusCode != 303 {
		t.Fatalf("sign in: %d", resp.StatusCode)
	}
	cookie := resp.Cookies()[0]
	if !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode {
		t.Errorf("session cookie flags: %+v", cookie)
	}
	code, html := h.page(c, "/tokens")
	if code != 200 {
		t.Fatalf("tokens page: %d", code)
	}
	if r := h.form(c, "/tokens", url.Values{"name": {"no-csrf"}}); r.StatusCode != 403 {
		t.Errorf("form without CSRF token: %d", r.StatusCode)
	}
	if r := h.form(c, "/tokens", url.Values{"name": {"with-csrf"}, "csrf_token": {csrfOf(html)}}); r.StatusCode != 200 {
		t.Errorf("form with CSRF token: %d", r.StatusCode)
	}
	req, _ := http.NewRequest("POST", h.http.URL+"/tokens", strings.NewReader("name=x&csrf_token="+csrfOf(html)))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if r, _ := c.Do(req); r.StatusCode != 403 {
		t.Errorf("cross-site POST: %d", r.StatusCode)
	}
	// The scan API with the session cookie needs the header token too.
	req, _ = http.NewRequest("POST", h.http.URL+"/api/v1/scan", strings.NewReader(`{"text":"hi"}`))
	req.Header.Set("Content-Type", "application/json")
	if r, _ := c.Do(req); r.StatusCode != 403 {
		t.Errorf("cookie scan without CSRF header: %d", r.StatusCode)
	}
	req.Body = http.NoBody
	req, _ = http.NewRequest("POST", h.http.URL+"/api/v1/scan", strings.NewReader(`{"text":"hi"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", csrfOf(html))
	if r, _ := c.Do(req); r.StatusCode != 200 {
		t.Errorf("cookie scan with CSRF header: %d", r.StatusCode)
	}
	if r := h.form(c, "/logout", url.Values{"csrf_token": {csrfOf(html)}}); r.StatusCode != 303 {
		t.Errorf("sign out: %d", r.StatusCode)
	}
	if code, _ := h.page(c, "/tokens"); code != 303 {
		t.Errorf("after sign-out the page must redirect to sign in: %d", code)
	}
}

func TestTOTPRequiredForAdmins(t *testing.T) {
	h := newHarness(t, false)
	h.practice("P", "admin@example.com")
	c := h.browser()
	h.form(c, "/login", url.Values{"email": {"admin@example.com"}, "password": {testPassword}})
	_, html := h.page(c, "/account")
	h.form(c, "/account/require-totp", url.Values{"require": {"1"}, "csrf_token": {csrfOf(html)}})
	// The practice now requires a second factor: every page sends the admin to enrol.
	if code, _ := h.page(c, "/"); code != 303 {
		t.Fatalf("checker without second factor: %d", code)
	}
	_, html = h.page(c, "/account")
	_, rest, _ := strings.Cut(html, `name="secret" value="`)
	secret, _, _ := strings.Cut(rest, `"`)
	code, _ := auth.TOTPCode(secret, time.Now())
	if r := h.form(c, "/account/totp", url.Values{"secret": {secret}, "code": {code}, "csrf_token": {csrfOf(html)}}); r.StatusCode != 303 {
		t.Fatalf("enrol: %d", r.StatusCode)
	}
	if code, _ := h.page(c, "/"); code != 200 {
		t.Fatalf("checker after enrolment: %d", code)
	}
	// The API now wants the code as well.
	if code := h.call("POST", "/api/v1/login", "", map[string]string{"email": "admin@example.com", "password": testPassword}, nil); code != 401 {
		t.Fatalf("API login without code: %d", code)
	}
	now, _ := auth.TOTPCode(secret, time.Now())
	if code := h.call("POST", "/api/v1/login", "", map[string]string{"email": "admin@example.com", "password": testPassword, "totp": now}, nil); code != 200 {
		t.Fatalf("API login with code: %d", code)
	}
}

// TestOpenAPIMatchesRoutes: every API route is documented, and the document lists no other.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	h := newHarness(t, false)
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatal(err)
	}
	var documented, registered []string
	for path, ops := range doc.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	registered = append(registered, h.srv.routes...)
	sort.Strings(documented)
	sort.Strings(registered)
	if strings.Join(documented, "\n") != strings.Join(registered, "\n") {
		t.Errorf("OpenAPI paths differ from routes:\ndocumented:\n%s\nregistered:\n%s", strings.Join(documented, "\n"), strings.Join(registered, "\n"))
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	if code := h.call("GET", "/api/openapi.json", "", nil, &doc); code != 200 {
		t.Errorf("GET /api/openapi.json: %d", code)
	}
}

// TestNoPHIInLogsMetricsErrorsOrAudit scans text with a known patient name and a sentinel through
// every route it can reach, then looks for them everywhere the server writes.
func TestNoPHIInLogsMetricsErrorsOrAudit(t *testing.T) {
	h := newHarness(t, false)
	tok := h.practice("P", "admin@example.com")
	const name, sentinel = "Philomena Zubrowski", "XQ7SENTINEL"
	text := name + " had her root canal " + sentinel + " on 03/04/2026, call 503-555-0199"
	var errs []string
	for _, body := range []map[string]any{
		{"text": text, "context": "post"},
		{"text": text, "context": "reply", "in_reply_to": map[string]any{"author": name, "text": text}},
		{"text": text, "context": "tweet"},               // invalid context
		{"text": text, "unexpected": name + sentinel},    // unknown field
		{"text": strings.Repeat("a", 17<<20) + sentinel}, // too large
	} {
		var e map[string]any
		h.call("POST", "/api/v1/scan", tok, body, &e)
		if msg, ok := e["error"]; ok {
			b, _ := json.Marshal(msg)
			errs = append(errs, string(b))
		}
	}
	// A malformed body, with the name in it.
	req, _ := http.NewRequest("POST", h.http.URL+"/api/v1/scan", strings.NewReader(`{"text": "`+name+`", `))
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, _ := http.DefaultClient.Do(req)
	var e map[string]any
	json.NewDecoder(resp.Body).Decode(&e)
	resp.Body.Close()
	b, _ := json.Marshal(e)
	errs = append(errs, string(b))
	// A URL with the name in it.
	h.call("GET", "/api/v1/users?q="+url.QueryEscape(name), tok, nil, nil)

	metrics := ""
	if r, err := http.Get(h.http.URL + "/metrics"); err == nil {
		mb := new(strings.Builder)
		buf := make([]byte, 32<<10)
		for {
			n, err := r.Body.Read(buf)
			mb.Write(buf[:n])
			if err != nil {
				break
			}
		}
		r.Body.Close()
		metrics = mb.String()
	}
	events, _ := h.db.AuditEvents(t.Context(), 1, store.AuditFilter{Limit: 1000})
	auditJSON, _ := json.Marshal(events)
	for where, content := range map[string]string{"logs": h.logs.String(), "metrics": metrics,
		"errors": strings.Join(errs, "\n"), "audit": string(auditJSON)} {
		for _, secret := range []string{"Philomena", "Zubrowski", sentinel, "503-555-0199", "root canal"} {
			if strings.Contains(content, secret) {
				t.Errorf("%q appears in the %s", secret, where)
			}
		}
	}
	if !strings.Contains(metrics, `bedside_scans_total{verdict="block"}`) || len(errs) < 4 {
		t.Errorf("the test did not exercise what it checks: %d errors, metrics:\n%.300s", len(errs), metrics)
	}
	if os.Getenv("SHOW_LOGS") != "" {
		t.Log(h.logs.String())
	}
}

// TestDisableUser: a disabled user's session and tokens stop working at once.
func TestDisableUser(t *testing.T) {
	h := newHarness(t, false)
	admin := h.practice("P", "admin@example.com")
	h.call("POST", "/api/v1/users", admin, map[string]any{"email": "staff@example.com", "role": "staff", "password": testPassword}, nil)
	staff := h.login("staff@example.com", testPassword)
	var users struct {
		Users []struct {
			ID    int64
			Email string
		}
	}
	h.call("GET", "/api/v1/users", admin, nil, &users)
	var staffID int64
	for _, u := range users.Users {
		if u.Email == "staff@example.com" {
			staffID = u.ID
		}
	}
	c := h.browser()
	h.form(c, "/login", url.Values{"email": {"admin@example.com"}, "password": {testPassword}})
	_, html := h.page(c, "/users")
	if r := h.form(c, fmt.Sprintf("/users/%d/disable", staffID), url.Values{"csrf_token": {csrfOf(html)}}); r.StatusCode != 200 {
		t.Fatalf("disable: %d", r.StatusCode)
	}
	if code := h.call("POST", "/api/v1/scan", staff, map[string]any{"text": "hi"}, nil); code != 401 {
		t.Fatalf("a disabled user's token still works: %d", code)
	}
	if code := h.call("POST", "/api/v1/login", "", map[string]string{"email": "staff@example.com", "password": testPassword}, nil); code != 401 {
		t.Fatalf("a disabled user can sign in: %d", code)
	}
}
