package web

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSignReleaseOnScreen: staff lists a visitor in an event photo from the post page, sees the
// post blocked naming the visitor, gets a release link; the visitor opens it, types their name,
// signs in the box and gets their copy; the post page then shows the release valid and nothing
// blocking.
func TestSignReleaseOnScreen(t *testing.T) {
	h := newHarness(t, false)
	admin := h.practice("Riverside Dental", "admin@example.com")
	h.call("PUT", "/api/v1/practice/profile", admin, map[string]any{"name": "Riverside Dental",
		"phones": []string{"(541) 555-0142"}, "addresses": []string{"12 Main Street, Bend, OR 97701"}}, nil)
	if code := h.call("POST", "/api/v1/users", admin, map[string]any{"email": "staff@example.com", "role": "staff", "password": testPassword}, nil); code != 201 {
		t.Fatalf("create staff: %d", code)
	}
	staff := h.login("staff@example.com", testPassword)
	var m struct{ ID int64 }
	if code := h.upload("/api/v1/media", staff, jpegWithEXIF(t), map[string][]string{"no_patients": {"true"}}, &m); code != 201 {
		t.Fatalf("upload: %d", code)
	}
	var p postOut
	h.call("POST", "/api/v1/posts", staff, map[string]any{"title": "Open house", "text": "A look back at our spring open house.",
		"channels": []string{"facebook"}, "media_ids": []int64{m.ID}}, &p)
	postURL := h.http.URL + "/posts/" + strconv.FormatInt(p.ID, 10)

	b := newSession(t, h)
	b.signIn("staff@example.com")
	people := "#people-" + strconv.FormatInt(m.ID, 10)
	b.step("add a visitor",
		chromedp.Navigate(postURL),
		chromedp.Click(chromedp.CSS(people+" details summary")),
		chromedp.SetValue(chromedp.CSS(people+` select[name="kind"]`), "visitor"),
		chromedp.SendKeys(chromedp.CSS(people+` input[name="label"]`), "visitor 2"),
		chromedp.SendKeys(chromedp.CSS(people+` input[name="name"]`), "Quentin Marshwood"),
		chromedp.Click(chromedp.CSS(people+` form.add-person button`)),
		chromedp.WaitVisible(chromedp.ID("uncovered")))
	if got := b.text("#uncovered"); !strings.Contains(got, "visitor 2") || !strings.Contains(got, "no signed release") {
		t.Fatalf("uncovered: %q", got)
	}
	b.step("get a signing link",
		chromedp.Click(chromedp.CSS(people+" tr.person details summary")),
		chromedp.SendKeys(chromedp.CSS(people+` form.release-link-form input[name="event"]`), "Spring open house"),
		chromedp.Click(chromedp.CSS(people+` form.release-link-form button`)),
		chromedp.WaitVisible(chromedp.ID("release-link")))
	link := b.text("#release-link")
	if !strings.Contains(link, "/release/") {
		t.Fatalf("release link %q", link)
	}

	b.step("open the release", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.ID("pad")), chromedp.ScrollIntoView(chromedp.ID("pad")))
	if got := b.text("#release-terms"); !strings.Contains(got, "Quentin Marshwood") || !strings.Contains(got, "Until you revoke it") {
		t.Fatalf("terms: %q", got)
	}
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
	b.step("sign", append(stroke, chromedp.SendKeys(chromedp.ID("typed-name"), "Quentin Marshwood"),
		chromedp.Click(chromedp.ID("sign-button")), chromedp.WaitVisible(chromedp.ID("copy-link")))...)
	if copyPDF := get(t, h, "/release/"+link[strings.LastIndex(link, "/")+1:]+"/copy.pdf"); !strings.HasPrefix(copyPDF, "%PDF-") {
		t.Fatalf("the signed copy is not a PDF: %.20q", copyPDF)
	}

	b.step("back to the post", chromedp.Navigate(postURL), chromedp.WaitVisible(chromedp.CSS(people+" td.release-status")))
	if got := b.text(people + " td.release-status"); !strings.HasPrefix(got, "valid") {
		t.Fatalf("release status: %q", got)
	}
	if n, _ := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll("#uncovered").length`)); n != 0 {
		t.Fatalf("the post is still blocked: %q", b.text("#uncovered"))
	}
	if strings.Contains(h.logs.String(), "Marshwood") || strings.Contains(h.logs.String(), "visitor 2") {
		t.Fatal("the visitor's name or label was logged")
	}
}
