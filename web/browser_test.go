package web

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browserContext starts headless Chromium (Debian's chromium package). In CI it must be there;
// elsewhere the test is skipped when it is not.
func browserContext(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is required in CI: .ci/run installs it")
		}
		t.Skip("no chromium on this machine: apt-get install chromium")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-component-update", true), chromedp.UserDataDir(t.TempDir()))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	return ctx
}

// TestLiveChecker signs in, types a reply that confirms a visit, sees it highlighted and blocked,
// applies the suggestion and sees it allowed.
func TestLiveChecker(t *testing.T) {
	ctx := browserContext(t)
	h := newHarness(t, false)
	h.practice("Riverside Health", "admin@example.com")
	h.call("PUT", "/api/v1/practice/profile", h.login("admin@example.com", testPassword),
		map[string]any{"name": "Riverside Health", "phones": []string{"(541) 555-0142"}}, nil)

	err := chromedp.Do(ctx,
		chromedp.Navigate(h.http.URL+"/login"),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "admin@example.com"),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.ID("text")),
	)
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
	poll := func(expr string) error {
		pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		_, err := chromedp.Run(pctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(50*time.Millisecond)))
		return err
	}
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("context"), "reply"),
		chromedp.SendKeys(chromedp.ID("text"), "Hi Karen, thanks for coming in for your root canal today!"),
	)
	if err != nil {
		t.Fatalf("type: %v", err)
	}
	if err := poll(`document.getElementById("verdict").textContent.startsWith("Blocked") &&
		document.querySelectorAll("#backdrop mark.block").length > 0`); err != nil {
		verdict, _ := chromedp.Run(ctx, chromedp.Text(chromedp.ID("verdict")))
		t.Fatalf("no block verdict with highlights: %v (verdict %q)", err, verdict)
	}
	marked, err := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("#backdrop mark")).map(m => m.textContent).join("|")`))
	if err != nil || !strings.Contains(marked, "Karen") {
		t.Fatalf("highlights %q: %v", marked, err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("use-suggestion"))); err != nil {
		t.Fatal(err)
	}
	if err := poll(`document.getElementById("verdict").textContent.startsWith("Allowed")`); err != nil {
		verdict, _ := chromedp.Run(ctx, chromedp.Text(chromedp.ID("verdict")))
		t.Fatalf("the suggestion was not allowed: %v (verdict %q)", err, verdict)
	}
	text, _ := chromedp.Run(ctx, chromedp.Value(chromedp.ID("text")))
	if strings.Contains(text, "Karen") || !strings.Contains(text, "(541) 555-0142") {
		t.Errorf("applied suggestion %q", text)
	}
}

// session drives one browser tab through a scenario; each helper fails the test with the page's
// text when a step does not complete.
type session struct {
	t   *testing.T
	ctx context.Context
	h   *harness
}

func newSession(t *testing.T, h *harness) *session {
	ctx := browserContext(t)
	// The browser starts on the first action with ctx; steps run with timeouts derived from it.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	return &session{t: t, ctx: ctx, h: h}
}

func (b *session) step(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	sctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(sctx, actions...); err != nil {
		body, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
		b.t.Fatalf("%s: %v\npage:\n%s", what, err, body)
	}
}

func (b *session) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("read %s: %v", sel, err)
	}
	return s
}

// waitFor evaluates expr (a string) again until ok holds: the page navigates under a single poll.
func (b *session) waitFor(what, expr string, ok func(string) bool) {
	b.t.Helper()
	got := ""
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if got, _ = chromedp.Run(b.ctx, chromedp.Evaluate[string](expr)); ok(got) {
			return
		}
	}
	b.t.Fatalf("%s (last %q)", what, got)
}

// waitText waits until the element with the id shows exactly want.
func (b *session) waitText(id, want string) {
	b.t.Helper()
	b.waitFor(id+" never became "+want, `(document.getElementById("`+id+`") || {}).textContent || ""`, func(s string) bool { return s == want })
}

func (b *session) signIn(email string) {
	b.t.Helper()
	b.step("sign in as "+email,
		chromedp.Navigate(b.h.http.URL+"/login"),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/logout"]`)))
}

func (b *session) signOut() {
	b.t.Helper()
	b.step("sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.ID("email")))
}
