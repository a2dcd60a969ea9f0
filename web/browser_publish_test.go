package web

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPublishWithAuthorization is the scenario in Chromium: a staff member drafts
// "Congratulations to Emma on finishing her Invisalign treatment!" and it cannot go out; the
// compliance officer's approval is refused; Emma signs on the signing page; the draft is linked
// to her authorization, approved, published and appears in the RSS feed; the authorization is
// revoked and a takedown task appears. The audit chain verifies at the end.
func TestPublishWithAuthorization(t *testing.T) {
	h := newHarness(t, false)
	admin := h.practice("Riverside Dental", "admin@example.com")
	h.call("PUT", "/api/v1/practice/profile", admin, map[string]any{"name": "Riverside Dental",
		"phones": []string{"(541) 555-0142"}, "addresses": []string{"12 Main Street, Bend, OR 97701"}}, nil)
	for _, u := range []struct{ email, role string }{{"staff@example.com", "staff"}, {"co@example.com", "compliance"}} {
		if code := h.call("POST", "/api/v1/users", admin, map[string]any{"email": u.email, "role": u.role, "password": testPassword}, nil); code != 201 {
			t.Fatalf("create %s: %d", u.role, code)
		}
	}
	b := newSession(t, h)

	// Staff drafts the post: blocked, nothing to publish.
	b.signIn("staff@example.com")
	b.step("draft",
		chromedp.Navigate(h.http.URL+"/posts"),
		chromedp.SendKeys(chromedp.ID("post-text"), "Congratulations to Emma on finishing her Invisalign treatment!"),
		chromedp.Click(chromedp.CSS(`input[name="channel"][value="rss"]`)),
		chromedp.SetValue(chromedp.ID("post-purpose"), "success_story"),
		chromedp.Click(chromedp.CSS(`form.composer button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.ID("uncovered")))
	if got := b.text("#uncovered"); !strings.Contains(got, "no signed authorization") {
		t.Fatalf("uncovered findings: %q", got)
	}
	postURL, _ := chromedp.Run(b.ctx, chromedp.Location())
	if n, _ := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll('form[action$="/publish"]').length`)); n != 0 {
		t.Fatal("a blocked draft offers Publish")
	}
	b.step("submit", chromedp.Click(chromedp.CSS(`form[action$="/submit"] button`)))
	b.waitText("post-state", "submitted")
	b.signOut()

	// The compliance officer cannot approve it and sends it back.
	b.signIn("co@example.com")
	b.step("approve refused", chromedp.Navigate(postURL), chromedp.Click(chromedp.CSS(`form[action$="/approve"] button`)), chromedp.WaitVisible(chromedp.CSS(".error")))
	if got := b.text(".error"); !strings.Contains(got, "not covered") {
		t.Fatalf("refusal: %q", got)
	}
	b.step("reject", chromedp.SendKeys(chromedp.ID("reject-comment"), "Emma must sign an authorization first"),
		chromedp.Click(chromedp.CSS(`form[action$="/reject"] button`)), chromedp.WaitVisible(chromedp.CSS(`form[action$="/submit"]`)))
	b.signOut()

	// Staff records Emma and prepares the form; Emma signs on the tablet.
	b.signIn("staff@example.com")
	expires := time.Now().AddDate(1, 0, 0)
	b.step("prepare authorization",
		chromedp.Navigate(h.http.URL+"/patients"),
		chromedp.SendKeys(chromedp.ID("patient-name"), "Emma Lindqvist"),
		chromedp.Click(chromedp.CSS(`form[action="/patients"] button`)),
		chromedp.WaitVisible(chromedp.ID("auth-desc")),
		chromedp.Click(chromedp.CSS(`input[name="element"][value="NAME"]`)),
		chromedp.Click(chromedp.CSS(`input[name="element"][value="CASE"]`)),
		chromedp.Click(chromedp.CSS(`input[name="channel"][value="facebook"]`)),
		chromedp.Click(chromedp.CSS(`input[name="channel"][value="rss"]`)),
		chromedp.Click(chromedp.CSS(`input[name="purpose"][value="success_story"]`)),
		chromedp.SetValue(chromedp.ID("auth-expires"), expires.Format("2006-01-02")),
		chromedp.Click(chromedp.CSS(`form[action$="/signing"] button`)),
		chromedp.WaitVisible(chromedp.ID("signing-link")))
	loc, _ := chromedp.Run(b.ctx, chromedp.Location())
	patientURL := strings.TrimSuffix(loc, "/signing") // the link is shown once, in the answer to the POST
	link, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.ID("signing-link")))
	if err != nil || !strings.Contains(link, "/sign/") {
		t.Fatalf("signing link %q: %v", link, err)
	}
	b.step("open the signing page", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.ID("pad")), chromedp.ScrollIntoView(chromedp.ID("pad")))
	box, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]float64](`(() => { const r = document.getElementById("pad").getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`))
	if err != nil || len(box) != 4 {
		t.Fatalf("signature pad: %v %v", box, err)
	}
	x, y := box[0]+box[2]*0.2, box[1]+box[3]*0.5
	stroke := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(chromedp.MousePressed, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1))}
	for k := 1; k <= 10; k++ {
		stroke = append(stroke, chromedp.MouseEvent(chromedp.MouseMoved, x+float64(k)*box[2]*0.05, y+float64(k%3)*8, chromedp.ButtonLeft))
	}
	stroke = append(stroke, chromedp.MouseEvent(chromedp.MouseReleased, x+box[2]*0.5, y, chromedp.ButtonLeft, chromedp.ClickCount(1)))
	b.step("sign", append(stroke, chromedp.SendKeys(chromedp.ID("typed-name"), "Emma Lindqvist"),
		chromedp.Click(chromedp.ID("sign-button")), chromedp.WaitVisible(chromedp.ID("copy-link")))...)
	copyPDF := get(t, h, "/sign/"+link[strings.LastIndex(link, "/")+1:]+"/copy.pdf")
	if !strings.HasPrefix(copyPDF, "%PDF-") {
		t.Fatalf("the patient's copy is not a PDF: %.20q", copyPDF)
	}

	// The draft is linked to the signed authorization and sent again.
	b.step("link and submit",
		chromedp.Navigate(postURL),
		chromedp.WaitVisible(chromedp.CSS(`input[name="authorization"]`)),
		chromedp.Click(chromedp.CSS(`input[name="authorization"]`)),
		chromedp.Click(chromedp.CSS(`form.composer button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(".notice")),
		chromedp.Click(chromedp.CSS(`form[action$="/submit"] button`)))
	b.waitText("post-state", "submitted")
	b.signOut()

	// The compliance officer approves and publishes; the post is in the RSS feed.
	b.signIn("co@example.com")
	b.step("approve and publish",
		chromedp.Navigate(postURL),
		chromedp.Click(chromedp.CSS(`form[action$="/approve"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action$="/publish"]`)),
		chromedp.Click(chromedp.CSS(`form[action$="/publish"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action$="/takedown"]`)))
	creds, _ := h.db.CredentialsByEmail(context.Background(), "admin@example.com")
	feed := "/feeds/" + strconv.FormatInt(creds.User.PracticeID, 10) + "/rss.xml"
	if rss := get(t, h, feed); !strings.Contains(rss, "Invisalign") {
		t.Fatalf("the RSS feed lacks the post:\n%s", rss)
	}

	// Emma's written revocation arrives: the authorization is revoked and a takedown task opens.
	letter := filepath.Join(t.TempDir(), "revocation.pdf")
	if err := os.WriteFile(letter, []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	b.step("revoke",
		chromedp.Navigate(patientURL),
		chromedp.Click(chromedp.CSS(`table details summary`)),
		chromedp.SetUploadFiles(chromedp.CSS(`input[name="document"]`), []string{letter}),
		chromedp.Click(chromedp.CSS(`form[action$="/revoke"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".notice")))
	if got := b.text(".notice"); !strings.Contains(got, "1 published post") {
		t.Fatalf("after revocation: %q", got)
	}
	b.step("takedowns", chromedp.Navigate(h.http.URL+"/takedowns"), chromedp.WaitVisible(chromedp.ID("takedowns")))
	if got := b.text("#takedowns tbody"); !strings.Contains(got, "open") {
		t.Fatalf("takedown tasks: %q", got)
	}
	if _, breaks, err := h.db.VerifyAudit(context.Background()); err != nil || len(breaks) != 0 {
		t.Fatalf("audit verify: %v %+v", err, breaks)
	}
}
