package web

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

type shareOut struct {
	Post struct {
		ID     int64
		State  string
		Text   string
		Credit *struct{ URL, Source, Author, Title string }
		Scan   struct{ Verdict string }
	}
	Removed map[string]int
	Flagged map[string]int
	Held    bool
}

// TestShareReviewAnonymously: a review with the reviewer's name, a relative's name and a visit
// date becomes a draft with none of them, the counts of what went and no trace in the logs; a
// pasted review whose body alone singles the person out is held: it cannot be approved without
// an authorization.
func TestShareReviewAnonymously(t *testing.T) {
	eachEngine(t, func(t *testing.T, h *harness) {
		admin := h.practice("Bend Family Dental", "admin@example.com")
		if code := h.call("POST", "/api/v1/users", admin, map[string]any{"email": "co@example.com", "role": "compliance", "password": testPassword}, nil); code != 201 {
			t.Fatalf("create compliance officer: %d", code)
		}
		co := h.login("co@example.com", testPassword)
		review := map[string]any{"source": "google", "external_id": "g-1", "author": "Margaret Okafor", "rating": 5,
			"text":       "Maggie here! My grandson Tobias had his first cleaning on March 3rd and the hygienist made him laugh. Margaret O.",
			"written_at": time.Now().Add(-time.Hour)}
		if code := h.call("POST", "/api/v1/reviews", admin, review, nil); code != 201 {
			t.Fatalf("import review: %d", code)
		}
		var inbox struct{ Reviews []struct{ ID int64 } }
		h.call("GET", "/api/v1/reviews", admin, nil, &inbox)
		if len(inbox.Reviews) != 1 {
			t.Fatalf("inbox: %+v", inbox)
		}
		var out shareOut
		if code := h.call("POST", "/api/v1/reviews/"+strconv.FormatInt(inbox.Reviews[0].ID, 10)+"/share", admin, nil, &out); code != 201 {
			t.Fatalf("share: %d", code)
		}
		for _, gone := range []string{"Maggie", "Margaret", "Okafor", "Tobias", "March", "3rd"} {
			if strings.Contains(out.Post.Text, gone) {
				t.Errorf("%q left in the shared post: %s", gone, out.Post.Text)
			}
			if strings.Contains(h.logs.String(), gone) {
				t.Errorf("%q written to the log", gone)
			}
		}
		if out.Post.State != "draft" || !strings.HasSuffix(out.Post.Text, "— Verified patient") || !strings.Contains(out.Post.Text, "My grandson") {
			t.Errorf("post %+v", out.Post)
		}
		if out.Removed["NAME"] < 2 || out.Removed["DATE"] != 1 {
			t.Errorf("removed %v, want names and one date counted", out.Removed)
		}

		for _, text := range []string{
			"As the only pediatric oncologist in Bend, I was nervous about my own root canal. Painless!",
			"As the mayor's wife I value discretion, and this office delivered.",
		} {
			var held shareOut
			if code := h.call("POST", "/api/v1/share/anonymous", admin, map[string]any{"text": text}, &held); code != 201 {
				t.Fatalf("share pasted text: %d", code)
			}
			if !held.Held || held.Post.Scan.Verdict == "allow" || held.Flagged["ROLE"] == 0 {
				t.Errorf("%q: not held: %+v", text, held)
			}
			path := "/api/v1/posts/" + strconv.FormatInt(held.Post.ID, 10)
			if code := h.call("POST", path+"/submit", admin, nil, nil); code != 200 {
				t.Fatalf("submit: %d", code)
			}
			var ref refusal
			if code := h.call("POST", path+"/approve", co, nil, &ref); code != 422 || len(ref.Error.Details) == 0 {
				t.Errorf("%q: approved without an authorization: %d %+v", text, code, ref)
			}
		}
		if code := h.call("POST", "/api/v1/share/anonymous", admin, map[string]any{"text": "  ", "author": "X"}, nil); code != 422 {
			t.Errorf("empty text: %d", code)
		}
		if code := h.call("POST", "/api/v1/reviews/999999/share", admin, nil, nil); code != 404 {
			t.Errorf("unknown review: %d", code)
		}
	})
}

// TestReshareWithCredit: the composer adds the credit line; the credited title, which would be
// PHI in the practice's own words, does not hold the post; the practice's comment is scanned as
// usual; an edit keeps the credit; a bad link is refused.
func TestReshareWithCredit(t *testing.T) {
	eachEngine(t, func(t *testing.T, h *harness) {
		admin := h.practice("Bend Family Dental", "admin@example.com")
		article := map[string]any{"comment": "A moving story, and a reminder to get that mole checked.",
			"url": "https://news.example.org/melanoma", "source": "Bend Bulletin", "author": "Maria Alvarez",
			"title": "How one patient beat stage 3 melanoma after her surgery in March", "channels": []string{"facebook"}}
		var p shareOut
		if code := h.call("POST", "/api/v1/posts/reshare", admin, article, &p.Post); code != 201 {
			t.Fatalf("reshare: %d", code)
		}
		if !strings.HasSuffix(p.Post.Text, "\nVia Maria Alvarez, Bend Bulletin: https://news.example.org/melanoma") || p.Post.Credit == nil {
			t.Errorf("text %q credit %+v", p.Post.Text, p.Post.Credit)
		}
		if p.Post.Scan.Verdict != "allow" {
			t.Errorf("the credited title held the post: %s", p.Post.Scan.Verdict)
		}
		path := "/api/v1/posts/" + strconv.FormatInt(p.Post.ID, 10)
		edited := map[string]any{"title": "Shared", "text": "So proud of Mrs. Jones, who we treated for this last spring!\n\n" +
			p.Post.Text[strings.Index(p.Post.Text, "“"):], "channels": []string{"facebook"}}
		var after shareOut
		if code := h.call("PUT", path, admin, edited, &after.Post); code != 200 || after.Post.Credit == nil {
			t.Fatalf("edit: %d %+v", code, after.Post)
		}
		if after.Post.Scan.Verdict != "block" {
			t.Errorf("the practice's own words about a patient: %s", after.Post.Scan.Verdict)
		}
		article["comment"], article["url"] = "", "javascript:alert(1)"
		if code := h.call("POST", "/api/v1/posts/reshare", admin, article, nil); code != 422 {
			t.Errorf("bad url: %d", code)
		}
	})
}

// TestPersonalCheckerStoresNothing: the personal-account page scans through the checker's
// endpoint and leaves no post, audit row or log line behind.
func TestPersonalCheckerStoresNothing(t *testing.T) {
	eachEngine(t, func(t *testing.T, h *harness) {
		admin := h.practice("Bend Family Dental", "admin@example.com")
		counts := func() (posts, audit int) {
			var ps struct{ Posts []any }
			var ev struct{ Events []any }
			h.call("GET", "/api/v1/posts", admin, nil, &ps)
			h.call("GET", "/api/v1/audit", admin, nil, &ev)
			return len(ps.Posts), len(ev.Events)
		}
		c := h.browser()
		h.form(c, "/login", map[string][]string{"email": {"admin@example.com"}, "password": {testPassword}})
		posts0, audit0 := counts()
		code, body := h.page(c, "/personal")
		if code != 200 || !strings.Contains(body, "personal-rules") || !strings.Contains(body, "answer reviews or comments about the practice") {
			t.Fatalf("personal page: %d", code)
		}
		const text = "Crazy shift! Saw Walter Pemberton this morning for his chest pain, poor guy."
		var res struct{ Verdict string }
		if code := h.call("POST", "/api/v1/scan", admin, map[string]any{"text": text, "context": "post"}, &res); code != 200 || res.Verdict != "block" {
			t.Errorf("scan: %d %s", code, res.Verdict)
		}
		if p, a := counts(); p != posts0 || a != audit0 {
			t.Errorf("posts %d -> %d, audit rows %d -> %d: the checker stored something", posts0, p, audit0, a)
		}
		if strings.Contains(h.logs.String(), "Pemberton") {
			t.Error("the checked text reached the log")
		}
	})
}

// TestPersonalCheckerOnPhone: on a phone-sized screen a staff member types a post that mentions
// a patient and sees it flagged, with the rules for personal accounts on the same page.
func TestPersonalCheckerOnPhone(t *testing.T) {
	h := newHarness(t, false)
	h.practice("Bend Family Dental", "admin@example.com")
	b := newSession(t, h)
	b.step("phone viewport", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	b.signIn("admin@example.com")
	b.step("open the personal checker", chromedp.Navigate(h.http.URL+"/personal"), chromedp.WaitVisible(chromedp.ID("text")),
		chromedp.SendKeys(chromedp.ID("text"), "Long day at the clinic. Saw Walter Pemberton for his chest pain this morning."))
	b.waitFor("the text was not flagged", `document.getElementById("verdict").textContent`, func(s string) bool { return strings.HasPrefix(s, "Blocked") })
	marked, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("#backdrop mark")).map(m => m.textContent).join("|")`))
	if err != nil || !strings.Contains(marked, "Walter Pemberton") {
		t.Errorf("highlights %q: %v", marked, err)
	}
	width, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)`))
	if err != nil || width > 390 {
		t.Errorf("the page is %d px wide on a 390 px screen (%v): it scrolls sideways", width, err)
	}
	if rules := b.text("#personal-rules"); !strings.Contains(rules, "Never mention a patient") {
		t.Errorf("rules %q", rules)
	}
	if n, _ := h.db.Posts(context.Background(), 1, ""); len(n) != 0 {
		t.Errorf("the checker made %d posts", len(n))
	}
}

// TestSharePages: the review page's "Share anonymously" button and the re-share form on the
// posts page make drafts, and the page says what was removed by kind, never by the words.
func TestSharePages(t *testing.T) {
	h := newHarness(t, false)
	admin := h.practice("Bend Family Dental", "admin@example.com")
	h.call("POST", "/api/v1/reviews", admin, map[string]any{"source": "google", "external_id": "g-9", "author": "Rosalind Achterberg",
		"rating": 5, "text": "Rosalind here. My son Barnaby loved his visit on June 4th!", "written_at": time.Now().Add(-time.Hour)}, nil)
	var inbox struct{ Reviews []struct{ ID int64 } }
	h.call("GET", "/api/v1/reviews", admin, nil, &inbox)
	c := h.browser()
	h.form(c, "/login", map[string][]string{"email": {"admin@example.com"}, "password": {testPassword}})
	reviewPath := "/reviews/" + strconv.FormatInt(inbox.Reviews[0].ID, 10)
	_, page := h.page(c, reviewPath)
	if !strings.Contains(page, `id="share-anonymously"`) {
		t.Fatal("no share button on the review page")
	}
	resp, err := c.PostForm(h.http.URL+reviewPath+"/share", map[string][]string{"csrf_token": {csrfOf(page)}})
	if err != nil {
		t.Fatal(err)
	}
	body := readBody(t, resp)
	if resp.StatusCode != 200 || !strings.Contains(body, "Verified patient") || !strings.Contains(body, "Removed:") {
		t.Fatalf("share from the review page: %d", resp.StatusCode)
	}
	main := body[strings.Index(body, "<main"):]
	for _, gone := range []string{"Rosalind", "Achterberg", "Barnaby", "June 4th"} {
		if strings.Contains(main, gone) {
			t.Errorf("%q on the shared draft's page", gone)
		}
	}
	_, page = h.page(c, "/posts")
	resp, err = c.PostForm(h.http.URL+"/posts/reshare", map[string][]string{"csrf_token": {csrfOf(page)}, "comment": {"Worth reading."},
		"url": {"https://cdc.example.gov/flu"}, "source": {"CDC"}, "author": {"Dr. Ana Ruiz"}, "title": {"Flu shots for kids"}})
	if err != nil {
		t.Fatal(err)
	}
	if body := readBody(t, resp); resp.StatusCode != 200 || !strings.Contains(body, "Via Dr. Ana Ruiz, CDC: https://cdc.example.gov/flu") {
		t.Errorf("re-share form: %d", resp.StatusCode)
	}
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
