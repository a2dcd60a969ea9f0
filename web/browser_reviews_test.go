package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestReplyToNegativeReview is the inbox scenario in Chromium: import a CSV of reviews, open the
// negative one, try a reply that confirms the visit (refused, reason shown), pick a safe template,
// get a compliance officer's approval, record it as replied.
func TestReplyToNegativeReview(t *testing.T) {
	ctx := browserContext(t)
	h := newHarness(t, false)
	admin := h.practice("Riverside Dental", "admin@example.com")
	h.call("PUT", "/api/v1/practice/profile", admin, map[string]any{"name": "Riverside Dental", "phones": []string{"(541) 555-0142"}}, nil)
	h.call("POST", "/api/v1/users", admin, map[string]any{"email": "staff@example.com", "role": "staff", "password": testPassword}, nil)
	h.call("POST", "/api/v1/users", admin, map[string]any{"email": "co@example.com", "role": "compliance", "password": testPassword}, nil)
	file := filepath.Join(t.TempDir(), "reviews.csv")
	if err := os.WriteFile(file, []byte(reviewsCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
			t.Fatalf("%s: %v\npage:\n%s", what, err, body)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("read %s: %v", sel, err)
		}
		return s
	}
	signIn := func(email string) {
		step("sign in as "+email, chromedp.Navigate(h.http.URL+"/login"), chromedp.WaitVisible(chromedp.ID("email")),
			chromedp.SendKeys(chromedp.ID("email"), email), chromedp.SendKeys(chromedp.ID("password"), testPassword),
			chromedp.Click(chromedp.CSS(`button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS(`form[action="/logout"]`)))
	}

	signIn("staff@example.com")
	step("import",
		chromedp.Navigate(h.http.URL+"/reviews"),
		chromedp.SetUploadFiles(chromedp.ID("reviews-file"), []string{file}),
		chromedp.Click(chromedp.CSS(`form[action="/reviews/import"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".notice")))
	if got := text(".notice"); !strings.Contains(got, "3 new reviews") {
		t.Fatalf("import: %q", got)
	}
	step("open the negative review", chromedp.Click(chromedp.CSS(`#reviews a`)), chromedp.WaitVisible(chromedp.ID("reply-text")))
	reviewURL, _ := chromedp.Run(ctx, chromedp.Location())
	step("a reply that confirms the visit",
		chromedp.SendKeys(chromedp.ID("reply-text"), "Sorry Dana, we hope your son's asthma is better since his visit."),
		chromedp.Click(chromedp.ID("save-reply")),
		chromedp.WaitVisible(chromedp.ID("reply-findings")))
	if got := text(".error"); !strings.Contains(got, "not saved") {
		t.Fatalf("refusal: %q", got)
	}
	if got := text("#reply-findings"); !strings.Contains(got, "asthma") && !strings.Contains(got, "Dana") {
		t.Fatalf("findings shown: %q", got)
	}
	step("pick a template", chromedp.Navigate(reviewURL), chromedp.WaitVisible(chromedp.CSS(`#templates a`)), chromedp.Click(chromedp.CSS(`#templates a`)))
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById("reply-text") || {}).value || ""`))
		if got != "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the template never filled the reply")
		}
	}
	step("save the template",
		chromedp.Click(chromedp.ID("save-reply")),
		chromedp.WaitVisible(chromedp.CSS(".reply .reply-text")))
	if got := text("#review-state"); got != "awaiting_approval" {
		t.Fatalf("after saving the template: %q", got)
	}
	step("sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.ID("email")))

	signIn("co@example.com")
	step("approve", chromedp.Navigate(reviewURL), chromedp.WaitVisible(chromedp.ID("approve-reply")), chromedp.Click(chromedp.ID("approve-reply")), chromedp.WaitVisible(chromedp.ID("mark-sent")))
	step("mark as replied", chromedp.Click(chromedp.ID("mark-sent")))
	// Evaluate again until it holds: the page navigates under a single wait.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById("review-state") || {}).textContent || ""`))
		if got == "replied" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after sending: %q", got)
		}
	}
	if _, breaks, err := h.db.VerifyAudit(context.Background()); err != nil || len(breaks) != 0 {
		t.Fatalf("audit verify: %v %+v", err, breaks)
	}
}
