package web

import (
	"net/url"
	"strconv"
	"testing"
)

func TestParseCents(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"12", 1200, true}, {"12.5", 1250, true}, {"$12.50", 1250, true}, {" 0.07 ", 7, true}, {"15.00", 1500, true},
		{"", 0, false}, {"12.505", 0, false}, {"-3", 0, false}, {"1e3", 0, false}, {".50", 0, false}, {"12,50", 0, false}, {"1234567890", 0, false},
	} {
		got, err := parseCents(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("parseCents(%q) = %d, %v; want %d, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
}

// TestLoyaltyPageForms: the forms need the CSRF token, only admins and compliance officers set
// rules, and another practice's member page is not found.
func TestLoyaltyPageForms(t *testing.T) {
	h := newHarness(t, false)
	admin := h.practice("Riverside Dental", "admin@example.com")
	h.call("POST", "/api/v1/users", admin, map[string]any{"email": "staff@example.com", "role": "staff", "password": testPassword}, nil)
	contact := contactOf(t, h, "admin@example.com", "Walter Grey", "walter@example.com")
	h.call("POST", "/api/v1/loyalty/members", admin, map[string]any{"contact_id": contact}, nil)
	member := "/loyalty/members/" + strconv.FormatInt(contact, 10)

	s := h.browser()
	h.form(s, "/login", url.Values{"email": {"staff@example.com"}, "password": {testPassword}})
	_, page := h.page(s, "/loyalty")
	rule := url.Values{"kind": {"event_attendance"}, "points": {"100"}, "expiry_months": {"12"}}
	if r := h.form(s, "/loyalty/rules", rule); r.StatusCode != 403 {
		t.Fatalf("a rule without the CSRF token: %d", r.StatusCode)
	}
	rule.Set("csrf_token", csrfOf(page))
	if r := h.form(s, "/loyalty/rules", rule); r.StatusCode != 403 {
		t.Fatalf("staff set a rule: %d", r.StatusCode)
	}
	if r := h.form(s, "/loyalty/rewards", url.Values{"csrf_token": {csrfOf(page)}, "name": {"Mug"}, "points_cost": {"10"}, "retail": {"8"}, "kind": {"item"}}); r.StatusCode != 200 {
		t.Fatalf("staff add a reward: %d", r.StatusCode)
	}
	if r := h.form(s, member+"/earn", url.Values{"csrf_token": {csrfOf(page)}, "rule": {"event_attendance"}, "idempotency_key": {"k1"}}); r.StatusCode != 422 {
		t.Fatalf("earn without a rule shown as a refusal: %d", r.StatusCode)
	}

	h.practice("Elsewhere Clinic", "else@example.com")
	o := h.browser()
	h.form(o, "/login", url.Values{"email": {"else@example.com"}, "password": {testPassword}})
	if code, _ := h.page(o, member); code != 404 {
		t.Fatalf("another practice's member page: %d", code)
	}
	_, page = h.page(o, "/loyalty")
	if r := h.form(o, member+"/earn", url.Values{"csrf_token": {csrfOf(page)}, "rule": {"event_attendance"}, "idempotency_key": {"k2"}}); r.StatusCode != 404 {
		t.Fatalf("another practice earns for the member: %d", r.StatusCode)
	}
}
