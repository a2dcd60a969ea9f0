package web

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside/store"
)

// publicPost posts a form with no cookies, from another site as the embed snippet does.
func publicPost(t *testing.T, h *harness, path string, vals url.Values, ua string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", h.http.URL+path, strings.NewReader(vals.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if ua != "" {
		req.Header.Set("User-Agent", ua)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func publicGet(t *testing.T, h *harness, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(h.http.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

var hiddenField = regexp.MustCompile(`name="(practice|form_id|text_version)" value="([^"]*)"`)

// signupFields reads the hidden fields of the hosted signup page.
func signupFields(t *testing.T, h *harness, practiceID int64) url.Values {
	t.Helper()
	code, page := publicGet(t, h, "/subscribe/"+strconv.FormatInt(practiceID, 10))
	if code != 200 || !strings.Contains(page, emailWording) {
		t.Fatalf("signup page: %d\n%s", code, page)
	}
	vals := url.Values{}
	for _, m := range hiddenField.FindAllStringSubmatch(page, -1) {
		vals.Set(m[1], m[2])
	}
	return vals
}

// ledgerState is the contact's consent for one channel/purpose, read through the API.
func ledgerState(t *testing.T, h *harness, token string, key string) (string, contactOut) {
	t.Helper()
	var list struct{ Contacts []contactOut }
	h.call("GET", "/api/v1/contacts", token, nil, &list)
	if len(list.Contacts) != 1 {
		t.Fatalf("contacts: %+v", list.Contacts)
	}
	return list.Contacts[0].Consent[key], list.Contacts[0]
}

// TestSubscribeDoubleOptIn: a person signs up on the public form, follows the confirmation link
// (a GET that changes nothing), confirms with the button, and later unsubscribes with an RFC 8058
// one-click POST that carries no cookie. Bots filling the honeypot, forged form ids, tampered
// and expired links are refused, and no address reaches the logs, the audit trail or a URL.
func TestSubscribeDoubleOptIn(t *testing.T) {
	eachEngine(t, func(t *testing.T, h *harness) {
		mbox := h.mailbox()
		admin := h.practice("Riverside Dental", "admin@example.com")
		h.call("PUT", "/api/v1/practice/profile", admin, map[string]any{"name": "Riverside Dental", "emails": []string{"hello@riverside.example"}}, nil)
		h.call("PUT", "/api/v1/consent-texts/email-v1", admin, map[string]any{"body": emailWording}, nil)
		const addr = "wanda.zq@example.com"

		vals := signupFields(t, h, 1)
		vals.Set("email", addr)
		vals.Add("consent", "email/marketing")

		bot := url.Values{}
		for k, v := range vals {
			bot[k] = v
		}
		bot.Set(honeypot, "http://spam.example")
		if code, page := publicPost(t, h, "/subscribe", bot, ""); code != 200 || !strings.Contains(page, "Thank you") {
			t.Fatalf("a bot is answered like a person: %d", code)
		}
		var list struct{ Contacts []contactOut }
		if h.call("GET", "/api/v1/contacts", admin, nil, &list); len(list.Contacts) != 0 {
			t.Fatalf("the honeypot let a bot through: %+v", list.Contacts)
		}
		forged := url.Values{}
		for k, v := range vals {
			forged[k] = v
		}
		forged.Set("form_id", "AAAAAAAAAAAAAAAA")
		if code, _ := publicPost(t, h, "/subscribe", forged, ""); code != 404 {
			t.Fatalf("a forged form id: %d", code)
		}
		sms := url.Values{}
		for k, v := range vals {
			sms[k] = v
		}
		sms.Set("phone", "(415) 555-2671")
		sms["consent"] = []string{"sms/marketing"}
		if code, page := publicPost(t, h, "/subscribe", sms, ""); code != 422 || !strings.Contains(page, "cannot sign you up for marketing texts") {
			t.Fatalf("SMS marketing on a text without the condition-of-purchase statement: %d", code)
		}

		if code, page := publicPost(t, h, "/subscribe", vals, "Signup/1.0"); code != 200 || !strings.Contains(page, "Thank you") {
			t.Fatalf("signup: %d\n%s", code, page)
		}
		if st, _ := ledgerState(t, h, admin, "email/marketing"); st != "pending" {
			t.Fatalf("after signup: %s", st)
		}
		link := mbox.confirmLink(t, addr)
		u, _ := url.Parse(link)
		if code, page := publicGet(t, h, u.Path); code != 200 || !strings.Contains(page, "confirm-button") {
			t.Fatalf("confirm page: %d\n%s", code, page)
		}
		if st, _ := ledgerState(t, h, admin, "email/marketing"); st != "pending" {
			t.Fatalf("a GET of the confirmation link changed consent: %s", st)
		}
		tampered := u.Path[:len(u.Path)-3] + "xyz"
		if code, page := publicGet(t, h, tampered); code != 404 || !strings.Contains(page, "not valid") {
			t.Fatalf("tampered link: %d\n%s", code, page)
		}
		if resp, _ := http.Post(h.http.URL+tampered, "", nil); resp.StatusCode != 404 {
			t.Fatalf("tampered link confirmed: %d", resp.StatusCode)
		}
		key, _ := h.srv.linkKey(t.Context())
		old := "/confirm/" + signConfirm(key, confirmLink{PracticeID: 1, ContactID: 1, Given: []int64{1}, Expires: time.Now().Add(-time.Minute)})
		if code, page := publicGet(t, h, old); code != 410 || !strings.Contains(page, "expired") {
			t.Fatalf("expired link: %d\n%s", code, page)
		}
		if resp, _ := http.Post(h.http.URL+old, "", nil); resp.StatusCode != 410 {
			t.Fatalf("expired link confirmed: %d", resp.StatusCode)
		}

		req, _ := http.NewRequest("POST", link, nil)
		req.Header.Set("User-Agent", "Confirmer/2.0")
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("confirm: %v %v", err, resp)
		}
		resp.Body.Close()
		st, c := ledgerState(t, h, admin, "email/marketing")
		if st != "confirmed" || c.Level != "brand_trust" {
			t.Fatalf("after confirming: %s %+v", st, c)
		}
		var l ledgerOut
		h.call("GET", "/api/v1/contacts/"+strconv.FormatInt(c.ID, 10)+"/consents", admin, nil, &l)
		if len(l.Events) != 2 {
			t.Fatalf("ledger %+v", l)
		}
		given, conf := l.Events[0], l.Events[1]
		if given.Method != "web_form" || given.UserAgent != "Signup/1.0" || given.IP != "127.0.0.1" || given.TextSHA256 == "" || !strings.HasPrefix(given.Source, "form:") {
			t.Errorf("given %+v", given)
		}
		if conf.Kind != "confirmed" || conf.Method != "double_opt_in" || conf.UserAgent != "Confirmer/2.0" || conf.IP != "127.0.0.1" || conf.TextSHA256 != given.TextSHA256 {
			t.Errorf("confirmed %+v", conf)
		}
		if resp, _ := http.Post(link, "", nil); resp.StatusCode != 200 {
			t.Errorf("confirming twice: %d", resp.StatusCode)
		} else if h.call("GET", "/api/v1/contacts/1/consents", admin, nil, &l); len(l.Events) != 2 {
			t.Errorf("confirming twice added events: %+v", l)
		}

		full, err := h.db.Contact(t.Context(), store.Actor{PracticeID: 1}, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if mbox.unsubscribeLink(t, addr) != h.http.URL+"/u/"+full.Token {
			t.Errorf("the mail's unsubscribe link is not the contact's")
		}
		code, page := publicGet(t, h, "/u/"+full.Token)
		if code != 200 || !strings.Contains(page, `data-key="email/marketing">confirmed`) || strings.Contains(page, addr) {
			t.Fatalf("preference centre: %d\n%s", code, page)
		}
		if st, _ := ledgerState(t, h, admin, "email/marketing"); st != "confirmed" {
			t.Fatalf("a GET of the preference centre changed consent: %s", st)
		}
		if code, _ := publicPost(t, h, "/u/"+full.Token+"x", url.Values{"List-Unsubscribe": {"One-Click"}}, ""); code != 404 {
			t.Errorf("unknown token: %d", code)
		}
		if code, page := publicPost(t, h, "/u/"+full.Token, url.Values{"List-Unsubscribe": {"One-Click"}}, ""); code != 200 {
			t.Fatalf("one-click unsubscribe: %d %s", code, page)
		}
		st, c = ledgerState(t, h, admin, "email/marketing")
		if st != "revoked" || !c.Suppressed["email"] {
			t.Fatalf("after one-click: %s %+v", st, c)
		}
		h.call("GET", "/api/v1/contacts/1/consents", admin, nil, &l)
		if last := l.Events[len(l.Events)-1]; last.Method != "list_unsubscribe_post" {
			t.Errorf("unsubscribe recorded as %+v", last)
		}

		// Another practice's form and token reach nothing of this one.
		h.practice("Elsewhere", "else@example.com")
		if code, _ := publicGet(t, h, "/subscribe/2"); code != 404 {
			t.Errorf("a practice without a consent text has a signup page: %d", code)
		}
		vals.Set("practice", "2")
		if code, _ := publicPost(t, h, "/subscribe", vals, ""); code != 404 {
			t.Errorf("one practice's form id posted to another: %d", code)
		}

		for _, line := range strings.Split(h.logs.String(), "\n") {
			if strings.Contains(line, full.Token) || strings.Contains(line, strings.TrimPrefix(u.Path, "/confirm/")) {
				t.Errorf("a token in the log: %s", line)
			}
		}
		noAddresses(t, h, addr, "wanda", "4155552671")
	})
}
