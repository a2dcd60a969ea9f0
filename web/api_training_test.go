package web

import (
	"bytes"
	"encoding/csv"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bedsidehq/bedside/training"
)

// trainingPractice opens a practice that requires the policy and training, with a staff member;
// it returns the admin's and the staff member's tokens.
func trainingPractice(t *testing.T, h *harness) (admin, staff string) {
	t.Helper()
	admin = h.practice("Riverside Dental", "admin@example.com")
	if code := h.call("PUT", "/api/v1/practice/training", admin, map[string]bool{"required": true}, nil); code != 200 {
		t.Fatalf("require training: %d", code)
	}
	if code := h.call("POST", "/api/v1/users", admin, map[string]string{"email": "sam@example.com", "name": "Sam Staff",
		"role": "staff", "password": testPassword}, nil); code != 201 {
		t.Fatalf("create staff: %d", code)
	}
	return admin, h.login("sam@example.com", testPassword)
}

func allAnswers(wrong ...string) map[string]training.Answer {
	a := map[string]training.Answer{}
	for _, it := range training.Quiz {
		a[it.ID] = it.Answer
	}
	for _, id := range wrong {
		a[id] = map[training.Answer]training.Answer{training.Allow: training.Block, training.Block: training.Allow}[a[id]]
	}
	return a
}

func TestTrainingAPI(t *testing.T) {
	for _, pg := range []bool{false, true} {
		name := "sqlite"
		if pg {
			name = "postgres"
		}
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, pg)
			if pg && h.db.Dialect() != "postgres" {
				t.Skip("no PostgreSQL")
			}
			admin, staff := trainingPractice(t, h)
			if code := h.call("POST", "/api/v1/policy/versions", staff, map[string]any{"publish": true}, nil); code != 403 {
				t.Fatalf("staff published a policy: %d", code)
			}
			if code := h.call("GET", "/api/v1/training/status", staff, nil, nil); code != 403 {
				t.Fatalf("staff read the status: %d", code)
			}
			var v struct {
				Number int
				Text   string
				SHA256 string
			}
			if code := h.call("POST", "/api/v1/policy/versions", admin, map[string]any{"publish": true}, &v); code != 201 ||
				v.Number != 1 || !strings.Contains(v.Text, "# Riverside Dental social-media policy") {
				t.Fatalf("publish: %d %+v", code, v)
			}
			var pol struct {
				Current      struct{ Number int }
				Acknowledged bool
				Versions     []any
			}
			h.call("GET", "/api/v1/policy", staff, nil, &pol)
			if pol.Current.Number != 1 || pol.Acknowledged || pol.Versions != nil {
				t.Fatalf("staff's policy view %+v", pol)
			}
			// The API is never gated: an untrained user's token still works.
			if code := h.call("POST", "/api/v1/scan", staff, map[string]string{"text": "Flu shots are in."}, nil); code != 200 {
				t.Fatalf("scan before training: %d", code)
			}
			if code := h.call("POST", "/api/v1/policy/acknowledge", staff, map[string]int{"version": 2}, nil); code != 404 {
				t.Fatalf("acknowledging an unknown version: %d", code)
			}
			if code := h.call("POST", "/api/v1/policy/acknowledge", staff, map[string]int{"version": 1}, nil); code != 200 {
				t.Fatalf("acknowledge: %d", code)
			}
			var quiz struct {
				Items []map[string]any
			}
			h.call("GET", "/api/v1/training/quiz", staff, nil, &quiz)
			if len(quiz.Items) != len(training.Quiz) || quiz.Items[0]["answer"] != nil {
				t.Fatalf("quiz %+v", quiz)
			}
			var g graded
			if code := h.call("POST", "/api/v1/training/attempts", staff, map[string]any{"answers": allAnswers("karen", "flu", "daughter")}, &g); code != 201 {
				t.Fatalf("attempt: %d", code)
			}
			if g.Attempt.Passed || g.Attempt.Score != len(training.Quiz)-3 || g.Attempt.PolicyVersion != 1 {
				t.Fatalf("failed attempt %+v", g.Attempt)
			}
			for _, it := range g.Items {
				if it.ID == "karen" && (it.Correct || !strings.Contains(it.Explanation, "Karen")) {
					t.Fatalf("karen explained %+v", it)
				}
			}
			h.call("POST", "/api/v1/training/attempts", staff, map[string]any{"answers": allAnswers()}, &g)
			if !g.Attempt.Passed {
				t.Fatalf("all right and not passed: %+v", g.Attempt)
			}
			var st struct {
				Required bool
				Users    []struct {
					Email   string
					Overdue []string
				}
			}
			h.call("GET", "/api/v1/training/status", admin, nil, &st)
			if !st.Required || len(st.Users) != 2 {
				t.Fatalf("status %+v", st)
			}
			for _, u := range st.Users {
				if (u.Email == "sam@example.com") != (len(u.Overdue) == 0) {
					t.Fatalf("status of %s: %v", u.Email, u.Overdue)
				}
			}
			rows := evidenceCSV(t, h, admin)
			if len(rows) != 1+3+1 { // header; Sam's acknowledgement and two attempts; the admin's "none"
				t.Fatalf("evidence rows %q", rows)
			}
			if rows[1][0] != "admin@example.com" || rows[1][4] != "none" || rows[2][0] != "sam@example.com" || rows[2][4] != "policy_acknowledged" ||
				rows[4][4] != "training_attempt" || rows[4][9] != "true" {
				t.Fatalf("evidence %q", rows)
			}
			pdf := download(t, h, admin, "/api/v1/training/evidence.pdf")
			if !bytes.HasPrefix(pdf, []byte("%PDF")) {
				t.Fatalf("evidence PDF starts %q", pdf[:min(8, len(pdf))])
			}
			if strings.Contains(h.logs.String(), "allow") || strings.Contains(h.logs.String(), "Karen") {
				t.Error("quiz answers or texts reached the log")
			}
		})
	}
}

func download(t *testing.T, h *harness, token, path string) []byte {
	t.Helper()
	req, _ := http.NewRequest("GET", h.http.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	return b
}

func evidenceCSV(t *testing.T, h *harness, token string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(download(t, h, token, "/api/v1/training/evidence.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestTrainingGate: pages send an untrained user to the policy, then the training; admins keep
// the compliance page; nothing is gated once the practice stops requiring training.
func TestTrainingGate(t *testing.T) {
	h := newHarness(t, false)
	admin, _ := trainingPractice(t, h)
	h.call("POST", "/api/v1/policy/versions", admin, map[string]any{"publish": true}, nil)
	c := h.browser()
	h.form(c, "/login", url.Values{"email": {"sam@example.com"}, "password": {testPassword}})
	where := func(path string) string {
		t.Helper()
		resp, err := c.Get(h.http.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == 303 {
			return resp.Header.Get("Location")
		}
		return resp.Status
	}
	if got := where("/posts"); got != "/policy" {
		t.Fatalf("untrained staff on /posts went to %s", got)
	}
	_, html := h.page(c, "/policy")
	if r := h.form(c, "/policy/acknowledge", url.Values{"csrf_token": {csrfOf(html)}, "version": {"1"}}); r.StatusCode != 303 {
		t.Fatalf("acknowledge: %d", r.StatusCode)
	}
	if got := where("/posts"); got != "/training" {
		t.Fatalf("after acknowledging, /posts went to %s", got)
	}
	if got := where("/compliance"); got != "403 Forbidden" {
		t.Fatalf("staff on /compliance: %s", got)
	}
	_, html = h.page(c, "/training")
	vals := url.Values{"csrf_token": {csrfOf(html)}}
	for id, a := range allAnswers() {
		vals.Set("q_"+id, string(a))
	}
	if r := h.form(c, "/training", vals); r.StatusCode != 200 {
		t.Fatalf("quiz: %d", r.StatusCode)
	}
	if got := where("/posts"); got != "200 OK" {
		t.Fatalf("trained staff on /posts: %s", got)
	}
	ac := h.browser()
	h.form(ac, "/login", url.Values{"email": {"admin@example.com"}, "password": {testPassword}})
	if got := where("/compliance"); got != "403 Forbidden" { // still Sam's browser
		t.Fatalf("%s", got)
	}
	code, body := h.page(ac, "/compliance")
	if code != 200 || !strings.Contains(body, "sam@example.com") {
		t.Fatalf("admin's compliance page: %d", code)
	}
	if code, _ := h.page(ac, "/posts"); code != 303 {
		t.Fatalf("an untrained admin's /posts: %d", code)
	}
	if r := h.form(ac, "/compliance/settings", url.Values{"csrf_token": {csrfOf(body)}, "required": {"0"}}); r.StatusCode != 200 {
		t.Fatalf("turn off: %d", r.StatusCode)
	}
	if code, _ := h.page(ac, "/posts"); code != 200 {
		t.Fatalf("/posts with training not required: %d", code)
	}
}
