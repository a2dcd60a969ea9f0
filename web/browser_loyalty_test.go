package web

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestLoyaltyPages is the programme in Chromium: an admin sets a rule and adds rewards, enrols a
// Medicare beneficiary, credits points, is refused a $20 reward in plain words, redeems a $12 one
// and sees the balance on the member's page and in the member list.
func TestLoyaltyPages(t *testing.T) {
	h := newHarness(t, false)
	admin := h.practice("Riverside Dental", "admin@example.com")
	contact := contactOf(t, h, "admin@example.com", "Walter Grey", "walter@example.com")
	b := newSession(t, h)
	has := func(sel, want string) {
		t.Helper()
		b.waitFor(sel+" never showed "+want, `(document.querySelector("`+sel+`") || {}).textContent || ""`,
			func(s string) bool { return strings.Contains(s, want) })
	}

	b.signIn("admin@example.com")
	b.step("open Loyalty", chromedp.Click(chromedp.CSS(`nav a[href="/loyalty"]`)), chromedp.WaitVisible(chromedp.ID("set-rule")))
	b.step("set a rule",
		chromedp.SetValue(chromedp.ID("rule-kind"), "event_attendance"),
		chromedp.SendKeys(chromedp.ID("rule-points"), "100"),
		chromedp.Click(chromedp.ID("set-rule")))
	has(".notice", "Rule saved: event_attendance earns 100 points")
	for _, r := range []struct{ name, points, retail, kind string }{{"Water bottle", "80", "12.00", "item"}, {"Bluetooth speaker", "50", "20", "item"}} {
		b.step("add "+r.name,
			chromedp.SendKeys(chromedp.ID("reward-name"), r.name),
			chromedp.SendKeys(chromedp.ID("reward-points"), r.points),
			chromedp.SendKeys(chromedp.ID("reward-retail"), r.retail),
			chromedp.SetValue(chromedp.ID("reward-kind"), r.kind),
			chromedp.Click(chromedp.ID("add-reward")))
		has("#loyalty-rewards", r.name)
	}
	if got := b.text("#loyalty-rewards"); !strings.Contains(got, "$12.00") || !strings.Contains(got, "$20.00") || !strings.Contains(got, "not allowed") {
		t.Fatalf("rewards table: %q", got)
	}
	var rewards struct {
		Rewards []struct {
			ID   int64
			Name string
		}
	}
	h.call("GET", "/api/v1/loyalty/rewards", admin, nil, &rewards)
	ids := map[string]string{}
	for _, r := range rewards.Rewards {
		ids[r.Name] = strconv.FormatInt(r.ID, 10)
	}

	b.step("enrol a beneficiary",
		chromedp.SetValue(chromedp.ID("join-contact"), strconv.FormatInt(contact, 10)),
		chromedp.Click(chromedp.ID("join-beneficiary")),
		chromedp.Click(chromedp.ID("join")),
		chromedp.WaitVisible(chromedp.ID("balance")))
	b.waitText("balance", "0")
	// Each step first waits for its form on the page the last submit loaded: a node of the page
	// before it is gone.
	b.step("earn", chromedp.WaitVisible(chromedp.ID("earn-rule")), chromedp.SetValue(chromedp.ID("earn-rule"), "event_attendance"), chromedp.Click(chromedp.ID("earn")))
	b.waitText("balance", "100")
	b.step("redeem the speaker", chromedp.WaitVisible(chromedp.ID("redeem-reward")), chromedp.SetValue(chromedp.ID("redeem-reward"), ids["Bluetooth speaker"]), chromedp.Click(chromedp.ID("redeem")))
	has(".error", "Not redeemed: a Medicare or Medicaid beneficiary may receive items of at most $15.00 retail")
	b.step("redeem the bottle", chromedp.WaitVisible(chromedp.ID("redeem-reward")), chromedp.SetValue(chromedp.ID("redeem-reward"), ids["Water bottle"]), chromedp.Click(chromedp.ID("redeem")))
	has(".notice", "Redeemed 80 points")
	b.waitText("balance", "20")
	if got := b.text("#ledger"); !strings.Contains(got, "redeemed for Water bottle ($12.00 retail)") || !strings.Contains(got, "earned for event_attendance") {
		t.Fatalf("ledger: %q", got)
	}
	b.step("back to the list", chromedp.Click(chromedp.CSS(`main a[href="/loyalty"]`)), chromedp.WaitVisible(chromedp.ID("loyalty-members")))
	if got := b.text("#loyalty-members .balance"); got != "20" {
		t.Fatalf("member list balance %q", got)
	}
	if got := b.text("#loyalty-members"); !strings.Contains(got, "Walter Grey") {
		t.Fatalf("member list: %q", got)
	}
}
