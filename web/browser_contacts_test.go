package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSubscribeInBrowser is the subscriber's path in Chromium: an admin writes the consent text in
// the settings, a person signs up on the hosted page, confirms from the link in the email that
// reached the SMTP sink, then unsubscribes from the preference centre; staff see each step in the
// contact's ledger.
func TestSubscribeInBrowser(t *testing.T) {
	h := newHarness(t, false)
	mbox := h.mailbox()
	admin := h.practice("Riverside Dental", "admin@example.com")
	h.call("PUT", "/api/v1/practice/profile", admin, map[string]any{"name": "Riverside Dental", "emails": []string{"hello@riverside.example"}}, nil)
	b := newSession(t, h)

	b.signIn("admin@example.com")
	b.step("write the consent text",
		chromedp.Navigate(h.http.URL+"/settings/consent"),
		chromedp.WaitVisible(chromedp.ID("text-version")),
		chromedp.SendKeys(chromedp.ID("text-version"), "email-v1"),
		chromedp.SendKeys(chromedp.ID("text-body"), emailWording),
		chromedp.Click(chromedp.CSS(`form[action="/settings/consent"] button`)),
		chromedp.WaitVisible(chromedp.ID("snippet")))
	if got, _ := chromedp.Run(b.ctx, chromedp.Value(chromedp.ID("snippet"))); !strings.Contains(got, `action="`+h.http.URL+`/subscribe"`) || !strings.Contains(got, `name="form_id"`) {
		t.Fatalf("snippet: %s", got)
	}
	b.signOut()

	const addr = "wanda.zq@example.com"
	b.step("sign up on the hosted page",
		chromedp.Navigate(h.http.URL+"/subscribe/1"),
		chromedp.WaitVisible(chromedp.ID("signup-email")),
		chromedp.SendKeys(chromedp.ID("signup-email"), addr),
		chromedp.Click(chromedp.CSS(`input[value="email/marketing"]`)),
		chromedp.Click(chromedp.ID("signup-button")),
		chromedp.WaitVisible(chromedp.ID("message")))
	if got := b.text("#message"); !strings.Contains(got, "Thank you") {
		t.Fatalf("after signing up: %q", got)
	}
	b.step("open the link in the email", chromedp.Navigate(mbox.confirmLink(t, addr)), chromedp.WaitVisible(chromedp.ID("confirm-button")))
	b.step("confirm", chromedp.Click(chromedp.ID("confirm-button")), chromedp.WaitVisible(chromedp.ID("message")))
	if got := b.text("h1"); got != "Confirmed" {
		t.Fatalf("after confirming: %q", got)
	}
	b.step("open the preference centre", chromedp.Navigate(mbox.unsubscribeLink(t, addr)), chromedp.WaitVisible(chromedp.ID("unsubscribe-button")))
	if got := b.text(`td[data-key="email/marketing"]`); got != "confirmed" {
		t.Fatalf("preference centre before: %q", got)
	}
	b.step("unsubscribe", chromedp.Click(chromedp.ID("unsubscribe-button")), chromedp.WaitVisible(chromedp.ID("notice")))
	if got := b.text(`td[data-key="email/marketing"]`); got != "revoked" {
		t.Fatalf("preference centre after: %q", got)
	}

	b.signIn("admin@example.com")
	b.step("the contact's ledger", chromedp.Navigate(h.http.URL+"/contacts"), chromedp.WaitVisible(chromedp.CSS(`#contacts a`)),
		chromedp.Click(chromedp.CSS(`#contacts a`)), chromedp.WaitVisible(chromedp.ID("ledger")))
	ledger := b.text("#ledger")
	for _, want := range []string{"web_form", "double_opt_in", "unsubscribe_link", "email-v1"} {
		if !strings.Contains(ledger, want) {
			t.Errorf("the ledger lacks %s:\n%s", want, ledger)
		}
	}
	noAddresses(t, h, addr)
}
