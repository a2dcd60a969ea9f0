package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestReplyToNegativeReview is the inbox scenario in Chromium: import a CSV of reviews, open the
// negative one, try a reply that confirms the visit (refused, reason shown), pick a safe template,
// get a compliance officer's approval, record it as replied.
func TestReplyToNegativeReview(t *testing.T) {
	h := newHarness(t, false)
	admin := h.practice("Riverside Dental", "admin@example.com")
	h.call("PUT", "/api/v1/practice/profile", admin, map[string]any{"name": "Riverside Dental", "phones": []string{"(541) 555-0142"}}, nil)
	h.call("POST", "/api/v1/users", admin, map[string]any{"email": "staff@example.com", "role": "staff", "password": testPassword}, nil)
	h.call("POST", "/api/v1/users", admin, map[string]any{"email": "co@example.com", "role": "compliance", "password": testPassword}, nil)
	file := filepath.Join(t.TempDir(), "reviews.csv")
	if err := os.WriteFile(file, []byte(reviewsCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	b := newSession(t, h)

	b.signIn("staff@example.com")
	b.step("import",
		chromedp.Navigate(h.http.URL+"/reviews"),
		chromedp.SetUploadFiles(chromedp.ID("reviews-file"), []string{file}),
		chromedp.Click(chromedp.CSS(`form[action="/reviews/import"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".notice")))
	if got := b.text(".notice"); !strings.Contains(got, "3 new reviews") {
		t.Fatalf("import: %q", got)
	}
	b.step("open the negative review", chromedp.Click(chromedp.CSS(`#reviews a`)), chromedp.WaitVisible(chromedp.ID("reply-text")))
	reviewURL, _ := chromedp.Run(b.ctx, chromedp.Location())
	b.step("a reply that confirms the visit",
		chromedp.SendKeys(chromedp.ID("reply-text"), "Sorry Dana, we hope your son's asthma is better since his visit."),
		chromedp.Click(chromedp.ID("save-reply")),
		chromedp.WaitVisible(chromedp.ID("reply-findings")))
	if got := b.text(".error"); !strings.Contains(got, "not saved") {
		t.Fatalf("refusal: %q", got)
	}
	if got := b.text("#reply-findings"); !strings.Contains(got, "asthma") && !strings.Contains(got, "Dana") {
		t.Fatalf("findings shown: %q", got)
	}
	b.step("pick a template", chromedp.Navigate(reviewURL), chromedp.WaitVisible(chromedp.CSS(`#templates a`)), chromedp.Click(chromedp.CSS(`#templates a`)))
	b.waitFor("the template never filled the reply", `(document.getElementById("reply-text") || {}).value || ""`, func(v string) bool { return v != "" })
	b.step("save the template",
		chromedp.Click(chromedp.ID("save-reply")),
		chromedp.WaitVisible(chromedp.CSS(".reply .reply-text")))
	if got := b.text("#review-state"); got != "awaiting_approval" {
		t.Fatalf("after saving the template: %q", got)
	}
	b.signOut()

	b.signIn("co@example.com")
	b.step("approve", chromedp.Navigate(reviewURL), chromedp.WaitVisible(chromedp.ID("approve-reply")), chromedp.Click(chromedp.ID("approve-reply")), chromedp.WaitVisible(chromedp.ID("mark-sent")))
	b.step("mark as replied", chromedp.Click(chromedp.ID("mark-sent")))
	b.waitText("review-state", "replied")
	if _, breaks, err := h.db.VerifyAudit(context.Background()); err != nil || len(breaks) != 0 {
		t.Fatalf("audit verify: %v %+v", err, breaks)
	}
}
