package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/bedsidehq/bedside/consent"
)

// TestCampaignPages is a campaign in Chromium: a draft naming a patient's treatment is refused
// with the scanner's findings and the form kept; the safe draft is saved and sent; the page then
// shows one message sent and one contact without consent left out.
func TestCampaignPages(t *testing.T) {
	ch := newCampaignHarness(t, false)
	ch.contact("yes@example.com", consent.Given, consent.Confirmed)
	ch.contact("no@example.com")
	b := newSession(t, ch.harness)
	b.signIn("admin@example.com")
	b.step("write a campaign that names a patient",
		chromedp.Click(chromedp.CSS(`nav a[href="/campaigns"]`)),
		chromedp.WaitVisible(chromedp.ID("c-name")),
		chromedp.SendKeys(chromedp.ID("c-name"), "Smiles"),
		chromedp.SendKeys(chromedp.ID("c-subject"), "Great news"),
		chromedp.SendKeys(chromedp.ID("c-body"), "Congratulations to Maria Lopez on finishing her braces treatment!"),
		chromedp.Click(chromedp.CSS(`form[action="/campaigns"] button`)),
		chromedp.WaitVisible(chromedp.ID("campaign-findings")))
	if got := b.text("#campaign-findings"); !strings.Contains(got, "Maria Lopez") {
		t.Fatalf("findings %q", got)
	}
	b.waitFor("the refused form was not kept", `document.getElementById("c-subject").value`, func(s string) bool { return s == "Great news" })
	b.step("fix it and save",
		chromedp.SetValue(chromedp.ID("c-body"), "Flu shots are in. Walk in any weekday, {{first_name}}."),
		chromedp.Click(chromedp.CSS(`form[action="/campaigns"] button`)),
		chromedp.WaitVisible(chromedp.ID("campaign-send")))
	b.waitText("campaign-state", "draft")
	b.step("send", chromedp.Click(chromedp.ID("campaign-send")), chromedp.WaitVisible(chromedp.ID("campaign-pause")))
	b.waitText("campaign-state", "sending")
	ch.drain()
	b.step("reload", chromedp.Reload())
	b.waitText("progress-sent", "1")
	b.waitText("progress-skipped", "1")
	if got := ch.received(); len(got) != 1 || len(got["yes@example.com"]) != 1 {
		t.Fatalf("recipients %v", keys(got))
	}
}
