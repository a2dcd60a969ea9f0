package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside/store"
)

// loyaltyRefusal is an error answer whose details name the programme's reason.
type loyaltyRefusal struct {
	Error struct{ Code, Message, Details string }
}

type loyaltyMember struct {
	ContactID        int64 `json:"contact_id"`
	MedicareMedicaid bool  `json:"medicare_medicaid"`
	Balance          int64
	Ledger           []struct {
		ID     int64
		Kind   string
		Points int64
		LotID  int64 `json:"lot_id"`
	}
}

type loyaltyEntry struct {
	Entry struct {
		ID     int64
		Points int64
	}
	Balance int64
}

// contactOf adds a contact to the practice of the user with email, straight through the store:
// there is no contacts API yet.
func contactOf(t *testing.T, h *harness, email, name, address string) int64 {
	t.Helper()
	creds, err := h.db.CredentialsByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	c, err := h.db.CreateContact(context.Background(), store.Actor{PracticeID: creds.User.PracticeID, UserID: creds.User.ID},
		store.Contact{Name: name, Email: address})
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// callWithKey sends a JSON body with an Idempotency-Key header.
func callWithKey(t *testing.T, h *harness, path, token, key, body string, out any) int {
	t.Helper()
	req, _ := http.NewRequest("POST", h.http.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Idempotency-Key", key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestLoyaltyAPI: rules only from admins and compliance, never for reviews; a retried earn credits
// once; a redemption is refused when short; a Medicare/Medicaid beneficiary is refused a $20 item
// and cash but not a $12 one; another practice cannot see or touch the member.
func TestLoyaltyAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, h *harness) {
		admin := h.practice("Riverside Dental", "admin@example.com")
		h.call("POST", "/api/v1/users", admin, map[string]any{"email": "staff@example.com", "role": "staff", "password": testPassword}, nil)
		staff := h.login("staff@example.com", testPassword)
		const name = "Philomena Zubrowski"
		plain := contactOf(t, h, "admin@example.com", name, "philomena@example.com")
		ben := contactOf(t, h, "admin@example.com", "Walter Grey", "walter@example.com")

		rule := map[string]any{"kind": "event_attendance", "points": 100, "expiry_months": 12}
		if code := h.call("PUT", "/api/v1/loyalty/rules", staff, rule, nil); code != 403 {
			t.Fatalf("staff set a rule: %d", code)
		}
		if code := h.call("PUT", "/api/v1/loyalty/rules", admin, rule, nil); code != 200 {
			t.Fatalf("set rule: %d", code)
		}
		var e loyaltyRefusal
		if code := h.call("PUT", "/api/v1/loyalty/rules", admin, map[string]any{"kind": "google_review", "points": 10, "expiry_months": 12}, &e); code != 422 ||
			e.Error.Details != "review_incentive" || !strings.Contains(e.Error.Message, "FTC 16 CFR 465") {
			t.Fatalf("a rule for reviews: %d %+v", code, e)
		}
		var rules struct{ Rules []struct{ Kind string } }
		if h.call("GET", "/api/v1/loyalty/rules", staff, nil, &rules); len(rules.Rules) != 1 || rules.Rules[0].Kind != "event_attendance" {
			t.Fatalf("rules %+v", rules)
		}

		reward := func(name string, points, cents int64, kind string) int64 {
			var r struct{ ID int64 }
			if code := h.call("POST", "/api/v1/loyalty/rewards", staff, map[string]any{"name": name, "points_cost": points, "retail_cents": cents, "kind": kind}, &r); code != 201 {
				t.Fatalf("add reward %s: %d", name, code)
			}
			return r.ID
		}
		bottle := reward("Water bottle", 80, 1200, "item")
		speaker := reward("Speaker", 50, 2000, "item")
		cash := reward("Five dollars", 10, 500, "cash")
		brush := reward("Electric toothbrush", 500, 4000, "item")
		var rewards struct {
			Rewards []struct {
				ID       int64
				Eligible bool `json:"beneficiary_eligible"`
			}
		}
		h.call("GET", "/api/v1/loyalty/rewards", staff, nil, &rewards)
		eligible := map[int64]bool{}
		for _, r := range rewards.Rewards {
			eligible[r.ID] = r.Eligible
		}
		if len(eligible) != 4 || !eligible[bottle] || eligible[speaker] || eligible[cash] || eligible[brush] {
			t.Fatalf("rewards %+v", rewards)
		}

		if code := h.call("POST", "/api/v1/loyalty/members", staff, map[string]any{"contact_id": plain}, nil); code != 201 {
			t.Fatalf("join: %d", code)
		}
		if code := h.call("POST", "/api/v1/loyalty/members", staff, map[string]any{"contact_id": plain}, nil); code != 409 {
			t.Fatalf("join twice: %d", code)
		}
		if code := h.call("POST", "/api/v1/loyalty/members", staff, map[string]any{"contact_id": ben, "medicare_medicaid": true}, nil); code != 201 {
			t.Fatalf("join a beneficiary: %d", code)
		}

		member := "/api/v1/loyalty/members/" + strconv.FormatInt(plain, 10)
		var first, again loyaltyEntry
		h.call("POST", member+"/earn", staff, map[string]any{"rule": "event_attendance", "idempotency_key": "spring-fair-1"}, &first)
		if code := h.call("POST", member+"/earn", staff, map[string]any{"rule": "event_attendance", "idempotency_key": "spring-fair-1"}, &again); code != 200 ||
			again.Entry.ID != first.Entry.ID || again.Balance != 100 {
			t.Fatalf("earn retried: %d %+v, first %+v", code, again, first)
		}
		if code := callWithKey(t, h, member+"/earn", staff, "spring-fair-2", `{"rule":"event_attendance"}`, nil); code != 200 {
			t.Fatalf("earn with the header: %d", code)
		}
		if code := callWithKey(t, h, member+"/earn", staff, "spring-fair-2", `{"rule":"event_attendance"}`, nil); code != 200 {
			t.Fatalf("earn retried with the header: %d", code)
		}
		if code := callWithKey(t, h, member+"/earn", staff, "spring-fair-3", `{"rule":"event_attendance","idempotency_key":"other"}`, nil); code != 422 {
			t.Fatalf("header and body keys differ: %d", code)
		}
		if code := h.call("POST", member+"/earn", staff, map[string]any{"rule": "event_attendance"}, nil); code != 422 {
			t.Fatalf("earn without a key: %d", code)
		}
		if code := h.call("POST", member+"/earn", staff, map[string]any{"rule": "yelp_review", "idempotency_key": "r-1"}, &e); code != 422 ||
			e.Error.Details != "review_incentive" || !strings.Contains(e.Error.Message, "FTC") {
			t.Fatalf("earn for a review: %d %+v", code, e)
		}
		var m loyaltyMember
		if h.call("GET", member, staff, nil, &m); m.Balance != 200 || len(m.Ledger) != 2 || m.MedicareMedicaid {
			t.Fatalf("member after retried earns: %+v", m)
		}

		if code := h.call("POST", member+"/redeem", staff, map[string]any{"reward_id": brush, "idempotency_key": "brush-1"}, &e); code != 409 ||
			e.Error.Details != "insufficient_points" || !strings.Contains(e.Error.Message, "not enough points") {
			t.Fatalf("redeem 500 from 200: %d %+v", code, e)
		}
		var red loyaltyEntry
		if code := h.call("POST", member+"/redeem", staff, map[string]any{"reward_id": bottle, "idempotency_key": "bottle-1"}, &red); code != 200 ||
			red.Entry.Points != -80 || red.Balance != 120 {
			t.Fatalf("redeem the bottle: %d %+v", code, red)
		}

		bmember := "/api/v1/loyalty/members/" + strconv.FormatInt(ben, 10)
		for i := range 3 {
			h.call("POST", bmember+"/earn", staff, map[string]any{"rule": "event_attendance", "idempotency_key": "b-" + strconv.Itoa(i)}, nil)
		}
		for _, c := range []struct {
			reward int64
			reason string
		}{{speaker, "beneficiary_item"}, {cash, "beneficiary_cash"}} {
			if code := h.call("POST", bmember+"/redeem", staff, map[string]any{"reward_id": c.reward, "idempotency_key": "ben-" + c.reason}, &e); code != 422 ||
				e.Error.Details != c.reason || !strings.Contains(e.Error.Message, "Medicare or Medicaid") {
				t.Errorf("beneficiary reward %d: %d %+v", c.reward, code, e)
			}
		}
		if code := h.call("POST", bmember+"/redeem", staff, map[string]any{"reward_id": bottle, "idempotency_key": "ben-bottle"}, &red); code != 200 || red.Balance != 220 {
			t.Fatalf("a $12 item for a beneficiary: %d %+v", code, red)
		}
		if code := h.call("PUT", bmember+"/beneficiary", staff, map[string]any{"medicare_medicaid": false}, &m); code != 200 || m.MedicareMedicaid {
			t.Fatalf("no longer a beneficiary: %d %+v", code, m)
		}
		if code := h.call("POST", bmember+"/redeem", staff, map[string]any{"reward_id": speaker, "idempotency_key": "plain-speaker"}, nil); code != 200 {
			t.Fatalf("the speaker once not a beneficiary: %d", code)
		}

		other := h.practice("Elsewhere Clinic", "else@example.com")
		h.call("PUT", "/api/v1/loyalty/rules", other, rule, nil)
		for _, c := range []struct {
			method, path string
			body         map[string]any
		}{
			{"GET", member, nil},
			{"POST", member + "/earn", map[string]any{"rule": "event_attendance", "idempotency_key": "steal-1"}},
			{"POST", member + "/redeem", map[string]any{"reward_id": bottle, "idempotency_key": "steal-2"}},
			{"PUT", member + "/beneficiary", map[string]any{"medicare_medicaid": true}},
			{"POST", "/api/v1/loyalty/members", map[string]any{"contact_id": plain}},
		} {
			if code := h.call(c.method, c.path, other, c.body, nil); code != 404 {
				t.Errorf("practice B %s %s: %d, want 404", c.method, c.path, code)
			}
		}
		h.call("GET", "/api/v1/loyalty/rewards", other, nil, &rewards)
		if len(rewards.Rewards) != 0 {
			t.Errorf("practice B sees A's rewards: %+v", rewards)
		}
		if h.call("GET", member, staff, nil, &m); m.Balance != 120 || len(m.Ledger) != 3 {
			t.Fatalf("A's member after B's attempts: %+v", m)
		}
		for _, secret := range []string{"Philomena", "Zubrowski", "philomena@example.com"} {
			if strings.Contains(h.logs.String(), secret) {
				t.Errorf("%q appears in the logs", secret)
			}
		}
	})
}

// TestLoyaltyExpiryHourly: the background loop writes expire rows, and runs again only when an
// hour has passed since the last run.
func TestLoyaltyExpiryHourly(t *testing.T) {
	h := newHarness(t, false)
	admin := h.practice("Riverside Dental", "admin@example.com")
	c := contactOf(t, h, "admin@example.com", "Member", "member@example.com")
	h.call("PUT", "/api/v1/loyalty/rules", admin, map[string]any{"kind": "newsletter_confirmation", "points": 10, "expiry_months": 1}, nil)
	h.call("POST", "/api/v1/loyalty/members", admin, map[string]any{"contact_id": c}, nil)
	path := "/api/v1/loyalty/members/" + strconv.FormatInt(c, 10)
	expires := func() int {
		var m loyaltyMember
		h.call("GET", path, admin, nil, &m)
		n := 0
		for _, e := range m.Ledger {
			if e.Kind == "expire" {
				n++
			}
		}
		return n
	}
	ctx := context.Background()
	h.call("POST", path+"/earn", admin, map[string]any{"rule": "newsletter_confirmation", "idempotency_key": "n-1"}, nil)
	later := time.Now().AddDate(0, 2, 0)
	if last := h.srv.expirePoints(ctx, later, time.Time{}); !last.Equal(later) || expires() != 1 {
		t.Fatalf("first run: last %v, %d expire rows", last, expires())
	}
	h.call("POST", path+"/earn", admin, map[string]any{"rule": "newsletter_confirmation", "idempotency_key": "n-2"}, nil)
	if last := h.srv.expirePoints(ctx, later.Add(59*time.Minute), later); !last.Equal(later) || expires() != 1 {
		t.Fatalf("a run within the hour: last %v, %d expire rows", last, expires())
	}
	if h.srv.expirePoints(ctx, later.Add(time.Hour), later); expires() != 2 {
		t.Fatalf("the run an hour later: %d expire rows", expires())
	}
}
