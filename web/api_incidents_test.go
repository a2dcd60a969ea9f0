package web

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestIncidentsAPI: a post published while its patient was on the staff list is flagged by a
// rescan once the profile changes; the incident is assessed (the public can never be a "low"
// recipient), the individuals are notified, the letter never repeats the post, and the yearly
// log lists it.
func TestIncidentsAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, h *harness) {
		admin := h.practice("Riverside Dental", "admin@example.com")
		h.call("POST", "/api/v1/users", admin, map[string]any{"email": "co@example.com", "role": "compliance", "password": testPassword}, nil)
		co := h.login("co@example.com", testPassword)
		profile := map[string]any{"name": "Riverside Dental", "staff": []string{"Emma Lindqvist"},
			"phones": []string{"(541) 555-0142"}, "addresses": []string{"12 Main Street, Bend, OR 97701"}}
		h.call("PUT", "/api/v1/practice/profile", admin, profile, nil)
		text := "Congratulations to Emma Lindqvist on finishing her Invisalign treatment!"
		var p postOut
		h.call("POST", "/api/v1/posts", admin, map[string]any{"text": text, "channels": []string{"facebook"}}, &p)
		path := "/api/v1/posts/" + strconv.FormatInt(p.ID, 10)
		h.call("POST", path+"/submit", admin, nil, nil)
		h.call("POST", path+"/approve", co, nil, nil)
		if code := h.call("POST", path+"/publish", admin, nil, &p); code != 200 || p.State != "published" {
			t.Fatalf("publish while Emma counted as staff: %d %+v", code, p)
		}

		var scan struct {
			Opened []struct {
				ID     int64
				PostID int64 `json:"post_id"`
			}
		}
		h.call("POST", "/api/v1/incidents/rescan", co, nil, &scan)
		if len(scan.Opened) != 0 {
			t.Fatalf("a rescan with unchanged rules opened %+v", scan.Opened)
		}
		profile["staff"] = []string{}
		h.call("PUT", "/api/v1/practice/profile", admin, profile, nil)
		co = h.login("co@example.com", testPassword) // a fresh session reads the new profile version
		h.call("POST", "/api/v1/incidents/rescan", co, nil, &scan)
		if len(scan.Opened) != 1 || scan.Opened[0].PostID != p.ID {
			t.Fatalf("rescan after the profile changed: %+v", scan.Opened)
		}
		ipath := "/api/v1/incidents/" + strconv.FormatInt(scan.Opened[0].ID, 10)
		h.call("POST", "/api/v1/incidents/rescan", co, nil, &scan)
		if len(scan.Opened) != 0 {
			t.Fatalf("a second rescan opened another incident: %+v", scan.Opened)
		}

		factor := func(level string) map[string]any {
			return map[string]any{"level": level, "note": "see the post record"}
		}
		var e refusal
		if code := h.call("POST", ipath+"/assess", co, map[string]any{"nature": factor("high"), "recipient": factor("low"), "acquired": factor("low"),
			"mitigation": factor("low"), "conclusion": "not_a_breach", "reason": "only up for an hour"}, &e); code != 422 {
			t.Fatalf("a public post judged a low risk: %d %+v", code, e)
		}
		var in struct {
			State   string
			Notices []struct{ Notice, Phase string }
		}
		if code := h.call("POST", ipath+"/assess", co, map[string]any{"nature": factor("high"), "recipient": factor("high"), "acquired": factor("medium"),
			"mitigation": factor("medium"), "conclusion": "breach", "reason": "a named patient's treatment was public for weeks"}, &in); code != 200 || in.State != "assessed" {
			t.Fatalf("assess: %d %+v", code, in)
		}
		if code := h.call("POST", ipath+"/transition", co, map[string]any{"state": "notified"}, &e); code != 409 {
			t.Fatalf("notified before any letter went out: %d", code)
		}
		h.call("POST", ipath+"/notices", co, map[string]any{"notice": "individuals", "sent_at": time.Now().Add(-time.Minute)}, &in)
		if code := h.call("POST", ipath+"/transition", co, map[string]any{"state": "notified"}, &in); code != 200 || in.State != "notified" {
			t.Fatalf("notified: %d %+v", code, in)
		}
		letter := getWithToken(t, h, ipath+"/letter?lang=es", co)
		if strings.Contains(letter, "Invisalign") || strings.Contains(letter, "Emma") || !strings.Contains(letter, "Riverside Dental") {
			t.Fatalf("letter:\n%s", letter)
		}
		csv := getWithToken(t, h, "/api/v1/incidents/log.csv?year="+strconv.Itoa(time.Now().In(zone()).Year()), co)
		if strings.Count(strings.TrimSpace(csv), "\n") != 1 || strings.Contains(csv, "Invisalign") {
			t.Fatalf("log:\n%s", csv)
		}
		if code := h.call("GET", ipath, admin, nil, nil); code != 200 {
			t.Errorf("an admin reads the incident: %d", code)
		}
		other := h.practice("Elsewhere", "else@example.com")
		if code := h.call("GET", ipath, other, nil, nil); code != 404 {
			t.Errorf("another practice reads the incident: %d", code)
		}
	})
}

// TestIncidentsPage: a compliance officer reports a problem with a published post from the page
// and sees its deadlines; staff cannot open the page.
func TestIncidentsPage(t *testing.T) {
	h := newHarness(t, false)
	admin := h.practice("Riverside Dental", "admin@example.com")
	h.call("POST", "/api/v1/users", admin, map[string]any{"email": "co@example.com", "role": "compliance", "password": testPassword}, nil)
	h.call("POST", "/api/v1/users", admin, map[string]any{"email": "staff@example.com", "role": "staff", "password": testPassword}, nil)
	co := h.login("co@example.com", testPassword)
	var p postOut
	h.call("POST", "/api/v1/posts", admin, map[string]any{"text": "Our new hours start Monday.", "channels": []string{"website"}}, &p)
	path := "/api/v1/posts/" + strconv.FormatInt(p.ID, 10)
	h.call("POST", path+"/submit", admin, nil, nil)
	h.call("POST", path+"/approve", co, nil, nil)
	h.call("POST", path+"/publish", admin, nil, nil)

	c := h.browser()
	h.form(c, "/login", url.Values{"email": {"co@example.com"}, "password": {testPassword}})
	_, page := h.page(c, "/incidents")
	resp := h.form(c, "/incidents", url.Values{"csrf_token": {csrfOf(page)}, "post_id": {strconv.FormatInt(p.ID, 10)},
		"source": {"patient_complaint"}, "discovered": {time.Now().Format("2006-01-02")}, "kinds": {"name, case"}, "affected": {"1"}})
	if resp.StatusCode != 200 {
		t.Fatalf("open incident: %d", resp.StatusCode)
	}
	if _, page = h.page(c, "/incidents"); !strings.Contains(page, "patient_complaint") || !strings.Contains(page, "individuals: <strong>due</strong>") {
		t.Fatalf("incidents page:\n%s", page)
	}
	s := h.browser()
	h.form(s, "/login", url.Values{"email": {"staff@example.com"}, "password": {testPassword}})
	if code, _ := h.page(s, "/incidents"); code != 403 {
		t.Fatalf("staff opened the incidents page: %d", code)
	}
}
