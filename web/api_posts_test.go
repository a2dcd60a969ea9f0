package web

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside/ideas"
)

type postOut struct {
	ID        int64
	State     string
	Uncovered []struct {
		Kind, Reason string
		Start, End   int
	}
	Scan struct{ Verdict string }
}

type refusal struct {
	Error struct {
		Code, Message string
		Details       []struct {
			Kind, Reason string
			Start, End   int
		}
	}
}

// TestPostsAPI: the scenario over HTTP. A staff member's post naming a patient cannot be
// approved or published until a signed authorization covers it; once published it is in the RSS
// and Atom feeds; a revocation opens a takedown task, and taking the post down empties the feed.
func TestPostsAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, h *harness) {
		admin := h.practice("Riverside Dental", "admin@example.com")
		for _, u := range []struct{ email, role string }{{"staff@example.com", "staff"}, {"co@example.com", "compliance"}} {
			if code := h.call("POST", "/api/v1/users", admin, map[string]any{"email": u.email, "role": u.role, "password": testPassword}, nil); code != 201 {
				t.Fatalf("create %s: %d", u.role, code)
			}
		}
		staff, co := h.login("staff@example.com", testPassword), h.login("co@example.com", testPassword)
		creds, _ := h.db.CredentialsByEmail(context.Background(), "admin@example.com")
		feed := "/feeds/" + strconv.FormatInt(creds.User.PracticeID, 10) + "/"

		var p postOut
		draft := map[string]any{"title": "Emma's smile", "text": "Congratulations to Emma on finishing her Invisalign treatment!",
			"channels": []string{"facebook", "rss"}, "purpose": "success_story"}
		if code := h.call("POST", "/api/v1/posts", staff, draft, &p); code != 201 || p.State != "draft" || p.Scan.Verdict != "block" || len(p.Uncovered) == 0 {
			t.Fatalf("draft: %d %+v", code, p)
		}
		path := "/api/v1/posts/" + strconv.FormatInt(p.ID, 10)
		h.call("POST", path+"/submit", staff, nil, &p)
		if code := h.call("POST", path+"/approve", staff, nil, nil); code != 403 {
			t.Errorf("staff approving: %d", code)
		}
		var ref refusal
		if code := h.call("POST", path+"/approve", co, nil, &ref); code != 422 || len(ref.Error.Details) == 0 || ref.Error.Details[0].Reason == "" {
			t.Fatalf("approval without an authorization: %d %+v", code, ref)
		}
		if strings.Contains(ref.Error.Message, "Emma") {
			t.Errorf("the refusal repeats the text: %s", ref.Error.Message)
		}

		// The patient signs; the post goes back to draft to link the form.
		var pat struct{ ID int64 }
		h.call("POST", "/api/v1/patients", staff, map[string]any{"name": "Emma Lindqvist"}, &pat)
		form := validAuthorization(pat.ID)
		form["elements"], form["purposes"], form["channels"] = []string{"NAME", "CASE"}, []string{"success_story"}, []string{"facebook", "rss"}
		var a struct {
			ID     int64
			Status string
		}
		if code := h.call("POST", "/api/v1/authorizations", staff, form, &a); code != 201 || a.Status != "valid" {
			t.Fatalf("authorization: %d %+v", code, a)
		}
		h.call("POST", path+"/reject", co, map[string]any{"comment": "Link Emma's signed authorization"}, &p)
		draft["authorization_ids"] = []int64{a.ID}
		if code := h.call("PUT", path, staff, draft, &p); code != 200 || len(p.Uncovered) != 0 {
			t.Fatalf("linked draft: %d %+v", code, p)
		}
		h.call("POST", path+"/submit", staff, nil, nil)
		if code := h.call("POST", path+"/approve", co, map[string]any{"comment": "Form on file"}, &p); code != 200 || p.State != "approved" {
			t.Fatalf("approve: %d %+v", code, p)
		}
		if code := h.call("POST", path+"/publish", staff, nil, &p); code != 200 || p.State != "published" {
			t.Fatalf("publish: %d %+v", code, p)
		}
		for _, f := range []string{"rss.xml", "atom.xml", ""} {
			if body := get(t, h, feed+f); !strings.Contains(body, "Invisalign") {
				t.Errorf("the feed %q does not carry the post:\n%s", f, body)
			}
		}

		var rev struct {
			Status    string
			Takedowns []struct {
				PostID int64 `json:"post_id"`
			}
		}
		h.call("POST", "/api/v1/authorizations/"+strconv.FormatInt(a.ID, 10)+"/revoke", co,
			map[string]any{"received_at": time.Now(), "method": "letter", "document_sha256": "ab"}, &rev)
		if rev.Status != "revoked" || len(rev.Takedowns) != 1 || rev.Takedowns[0].PostID != p.ID {
			t.Fatalf("revocation: %+v", rev)
		}
		if code := h.call("POST", path+"/takedown", co, nil, &p); code != 200 || p.State != "taken_down" {
			t.Fatalf("takedown: %d %+v", code, p)
		}
		if body := get(t, h, feed+"rss.xml"); strings.Contains(body, "Invisalign") {
			t.Errorf("a taken-down post is still in the feed")
		}

		other := h.practice("Elsewhere", "else@example.com")
		if code := h.call("GET", path, other, nil, nil); code != 404 {
			t.Errorf("another practice reads the post: %d", code)
		}
		if code := h.call("GET", "/feeds/999999/rss.xml", "", nil, nil); code != 404 {
			t.Errorf("unknown feed: %d", code)
		}
		if logs := h.logs.String(); strings.Contains(logs, "Emma") || strings.Contains(logs, "Invisalign") {
			t.Errorf("the logs hold the post's text:\n%s", logs)
		}
	})
}

func get(t *testing.T, h *harness, path string) string {
	t.Helper()
	resp, err := http.Get(h.http.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d", path, resp.StatusCode)
	}
	return string(b)
}

// TestContentIdeas: the posts page lists the safe categories and starts the composer from one.
func TestContentIdeas(t *testing.T) {
	h := newHarness(t, false)
	h.practice("Riverside Dental", "admin@example.com")
	c := h.browser()
	h.form(c, "/login", url.Values{"email": {"admin@example.com"}, "password": {testPassword}})
	code, body := h.page(c, "/posts?idea=health-tips&n=0&lang=en")
	if code != 200 || !strings.Contains(body, "Health tips") || !strings.Contains(body, "Staff") {
		t.Fatalf("posts page %d:\n%s", code, body)
	}
	first := ideas.For("health-tips", "en")[0]
	want := html.EscapeString(strings.ReplaceAll(first.Text, "[practice name]", "Riverside Dental"))
	if !strings.Contains(body, want) {
		t.Fatalf("the composer does not hold the idea %q", want)
	}
}
