package web

import (
	"slices"
	"strings"
	"testing"

	"github.com/bedsidehq/bedside/training"
	"github.com/chromedp/chromedp"
)

// TestTrainingBrowser: the admin requires training, publishes the policy and adds a staff member
// through the API. She signs in, is sent to acknowledge the policy and then to the training,
// fails the quiz and sees why each wrong answer is wrong, retakes and passes; the admin's compliance page shows the
// completion.
func TestTrainingBrowser(t *testing.T) {
	h := newHarness(t, false)
	admin := h.practice("Riverside Dental", "admin@example.com")
	if code := h.call("PUT", "/api/v1/practice/training", admin, map[string]bool{"required": true}, nil); code != 200 {
		t.Fatalf("require training: %d", code)
	}
	if code := h.call("POST", "/api/v1/policy/versions", admin, map[string]any{"publish": true}, nil); code != 201 {
		t.Fatalf("publish the policy: %d", code)
	}
	if code := h.call("POST", "/api/v1/users", admin, map[string]string{"email": "nina@example.com", "name": "Nina New",
		"role": "staff", "password": testPassword}, nil); code != 201 {
		t.Fatalf("add staff: %d", code)
	}
	b := newSession(t, h)
	has := func(sel, want string) {
		t.Helper()
		b.waitFor(sel+" never showed "+want, `(document.querySelector("`+sel+`") || {}).textContent || ""`,
			func(s string) bool { return strings.Contains(s, want) })
	}
	// answer answers the quiz, wrongly for the items named.
	answer := func(wrong ...string) {
		t.Helper()
		var clicks []chromedp.Action[chromedp.Void]
		for _, it := range training.Quiz {
			a := it.Answer
			if slices.Contains(wrong, it.ID) {
				a = map[training.Answer]training.Answer{training.Allow: training.Block, training.Block: training.Allow}[a]
			}
			clicks = append(clicks, chromedp.Click(chromedp.CSS(`input[name="q_`+it.ID+`"][value="`+string(a)+`"]`)))
		}
		clicks = append(clicks, chromedp.Click(chromedp.ID("submit-quiz")), chromedp.WaitVisible(chromedp.ID("quiz-result")))
		b.step("answer the quiz", clicks...)
	}

	b.signIn("nina@example.com")
	b.step("sent to the policy", chromedp.WaitVisible(chromedp.ID("acknowledge")))
	has("#policy-text", "Riverside Dental social-media policy")
	b.step("acknowledge", chromedp.Click(chromedp.ID("acknowledge")), chromedp.WaitVisible(chromedp.ID("submit-quiz")))
	has("main", "Why \"thanks for coming in, Karen\" is a disclosure")

	// Three wrong answers of twelve is under the 80% pass mark.
	answer("karen", "flu", "daughter")
	has(".error", "Not passed")
	has("#result-karen.wrong", "the answer is block")
	has("#result-karen .why", "The checker flags")
	has("#result-karen .why", "Karen")
	has("#result-flu .why", "The checker allows it")
	if got := b.text("#result-gum-tips"); strings.Contains(got, "Wrong") {
		t.Fatalf("a right answer marked wrong: %q", got)
	}

	b.step("retake", chromedp.Click(chromedp.ID("retake")), chromedp.WaitVisible(chromedp.ID("submit-quiz")))
	b.step("still gated", chromedp.Navigate(h.http.URL+"/posts"), chromedp.WaitVisible(chromedp.ID("submit-quiz")))
	answer()
	has(".notice", "Passed")
	b.step("the pages open", chromedp.Navigate(h.http.URL+"/posts"), chromedp.WaitVisible(chromedp.CSS(`nav a[href="/posts"]`)))
	if loc, _ := chromedp.Run(b.ctx, chromedp.Location()); !strings.HasSuffix(loc, "/posts") {
		t.Fatalf("trained staff landed on %s", loc)
	}
	b.signOut()

	b.signIn("admin@example.com")
	b.step("open compliance", chromedp.Click(chromedp.CSS(`nav a[href="/compliance"]`)), chromedp.WaitVisible(chromedp.ID("compliance")))
	has(`#compliance tr[data-email='nina@example.com'] .status`, "current")
	has(`#compliance tr[data-email='nina@example.com'] .passed`, "12 of 12")
	has(`#compliance tr[data-email='admin@example.com'] .status`, "overdue: never completed")
}
