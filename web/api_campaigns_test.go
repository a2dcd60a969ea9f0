package web

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/http"
	"net/mail"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-msgauth/dkim"
	"golang.org/x/time/rate"

	"github.com/bedsidehq/bedside/auth"
	"github.com/bedsidehq/bedside/consent"
	bmail "github.com/bedsidehq/bedside/mail"
	"github.com/bedsidehq/bedside/mail/smtptest"
	"github.com/bedsidehq/bedside/phi"
	"github.com/bedsidehq/bedside/store"
)

// campaignHarness is a server whose mail goes, DKIM-signed with an Ed25519 key, to an in-process
// SMTP server.
type campaignHarness struct {
	*harness
	sink  *smtptest.Sink
	dkim  string // the DNS TXT record of the key
	actor store.Actor
	admin string // an admin's API token
}

func newCampaignHarness(t *testing.T, pg bool) *campaignHarness {
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	der, _ := x509.MarshalPKCS8PrivateKey(priv)
	signer, err := bmail.NewSigner("riverside.example", "bs1", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	if err != nil {
		t.Fatal(err)
	}
	sink := smtptest.Start(t)
	cfg := Config{Mail: &MailConfig{
		Composer:    &bmail.Composer{Host: "bedside.example", Domain: "riverside.example", Signer: signer},
		SMTP:        bmail.SMTPConfig{Host: sink.Host(), Port: sink.Port(), TLS: bmail.TLSNone},
		Connections: 2,
	}}
	h := startHarness(t, pg, cfg)
	hash, _ := auth.HashPassword(testPassword)
	p, u, err := h.db.NewPractice(context.Background(), "Riverside Dental", "admin@example.com", "Admin", hash)
	if err != nil {
		t.Fatal(err)
	}
	actor := store.Actor{PracticeID: p.ID, UserID: u.ID}
	if err := h.db.SetTrainingRequired(context.Background(), actor, false); err != nil { // as harness.practice does
		t.Fatal(err)
	}
	prof := phi.Profile{Name: "Riverside Dental", Emails: []string{"hello@riverside.example"}, Phones: []string{"(541) 555-0142"},
		Addresses: []string{"12 Oak Street, Bend, OR 97701"}}
	if _, err := h.db.UpdateProfile(context.Background(), actor, prof); err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.PutConsentText(context.Background(), actor, "email-v1", "Yes, email me news and offers from Riverside Dental.", false); err != nil {
		t.Fatal(err)
	}
	return &campaignHarness{harness: h, sink: sink, dkim: "v=DKIM1; k=ed25519; p=" + base64.StdEncoding.EncodeToString(pub),
		actor: actor, admin: h.login("admin@example.com", testPassword)}
}

// contact adds a contact and the consent events given, by kind, for email marketing.
func (ch *campaignHarness) contact(email string, kinds ...consent.Kind) int64 {
	ch.t.Helper()
	ctx := context.Background()
	c, err := ch.db.CreateContact(ctx, ch.actor, store.Contact{Name: "Pat Doe", Email: email})
	if err != nil {
		ch.t.Fatal(err)
	}
	for _, k := range kinds {
		e := consent.Event{Channel: consent.Email, Purpose: consent.Marketing, Kind: k, Method: consent.WebForm}
		switch k {
		case consent.Given:
			e.Text = consent.Text{Version: "email-v1"}
		case consent.Confirmed:
			e.Method = consent.DoubleOptIn
		case consent.Revoked:
			e.Method = consent.UnsubscribeLink
		}
		if _, err := ch.db.RecordConsent(ctx, ch.actor, c.ID, e); err != nil {
			ch.t.Fatal(err)
		}
	}
	return c.ID
}

// drain runs the sender until nothing is due.
func (ch *campaignHarness) drain() {
	ch.t.Helper()
	senders := make([]*bmail.Sender, 2)
	for i := range senders {
		senders[i], _ = bmail.NewSender(ch.srv.cfg.Mail.SMTP)
		defer senders[i].Close()
	}
	for {
		n, _, err := ch.srv.sendBatch(context.Background(), senders, rate.NewLimiter(rate.Inf, 1), 0)
		if err != nil {
			ch.t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

// received maps each recipient to the messages it got.
func (ch *campaignHarness) received() map[string][]smtptest.Message {
	out := map[string][]smtptest.Message{}
	for _, m := range ch.sink.Messages() {
		for _, to := range m.To {
			out[to] = append(out[to], m)
		}
	}
	return out
}

type campaignOut struct {
	ID       int64
	State    string
	Progress map[string]int
}

// TestCampaignReachesOnlyConsent: a campaign reaches exactly the contacts whose consent allows it
// when their turn comes (double opt-in lists: confirmed only), never a revoked, suppressed,
// unconfirmed, consentless or wiped one; each mail carries the RFC 8058 headers, the footer with
// the postal address, and a DKIM signature that covers both List-Unsubscribe headers.
func TestCampaignReachesOnlyConsent(t *testing.T) {
	for _, pg := range []bool{false, true} {
		t.Run(map[bool]string{false: "sqlite", true: "postgres"}[pg], func(t *testing.T) {
			ch := newCampaignHarness(t, pg)
			ctx := context.Background()
			ch.contact("confirmed@example.com", consent.Given, consent.Confirmed)
			ch.contact("pending@example.com", consent.Given)
			ch.contact("revoked@example.com", consent.Given, consent.Confirmed, consent.Revoked)
			ch.contact("never@example.com")
			ch.contact("bounced@example.com", consent.Given, consent.Confirmed)
			if err := ch.db.Suppress(ctx, ch.actor, consent.Email, "bounced@example.com", "bounce"); err != nil {
				t.Fatal(err)
			}
			wiped := ch.contact("wiped@example.com", consent.Given, consent.Confirmed)
			if err := ch.db.WipeContact(ctx, ch.actor, wiped); err != nil {
				t.Fatal(err)
			}
			late := ch.contact("late@example.com", consent.Given, consent.Confirmed)

			var refused refusal
			body := map[string]any{"name": "Flu", "kind": "marketing", "subject": "Flu shots are in, {{first_name}}",
				"body": "Walk in any weekday. Call {{practice_phone}}.", "double_opt_in": true}
			bad := map[string]any{"name": "Leak", "kind": "marketing", "subject": "Great news", "body": "Congratulations to Maria Lopez on finishing her braces treatment!"}
			if code := ch.call("POST", "/api/v1/campaigns", ch.admin, bad, &refused); code != 422 {
				t.Fatalf("a campaign naming a patient's treatment: %d", code)
			}
			unknown := map[string]any{"name": "X", "kind": "marketing", "subject": "Hi {{last_name}}", "body": "Hello."}
			if code := ch.call("POST", "/api/v1/campaigns", ch.admin, unknown, &refused); code != 422 {
				t.Fatalf("an unknown merge field: %d", code)
			}
			var c campaignOut
			if code := ch.call("POST", "/api/v1/campaigns", ch.admin, body, &c); code != 201 {
				t.Fatalf("create: %d", code)
			}
			path := "/api/v1/campaigns/" + strconv.FormatInt(c.ID, 10)
			if code := ch.call("POST", path+"/send", ch.admin, nil, &c); code != 200 || c.State != "sending" || c.Progress["queued"] != 6 {
				t.Fatalf("send: %d %+v", code, c)
			}
			// Revoked after the campaign started, before its turn: never sent.
			if _, err := ch.db.RecordConsent(ctx, ch.actor, late, consent.Event{Channel: consent.Email, Purpose: consent.Marketing,
				Kind: consent.Revoked, Method: consent.ListUnsubscribePost}); err != nil {
				t.Fatal(err)
			}
			ch.drain()
			got := ch.received()
			if len(got) != 1 || len(got["confirmed@example.com"]) != 1 {
				t.Fatalf("recipients %v, want only confirmed@example.com once", keys(got))
			}
			ch.call("GET", path, ch.admin, nil, &c)
			if c.Progress["sent"] != 1 || c.Progress["skipped"] != 5 {
				t.Fatalf("progress %+v", c.Progress)
			}
			ch.srv.sendBatch(ctx, nil, rate.NewLimiter(rate.Inf, 1), 0) // finishes the campaign
			if ch.call("GET", path, ch.admin, nil, &c); c.State != "done" {
				t.Fatalf("state %s", c.State)
			}

			raw := got["confirmed@example.com"][0].Data
			msg, err := mail.ReadMessage(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			lu, lup := msg.Header.Get("List-Unsubscribe"), msg.Header.Get("List-Unsubscribe-Post")
			if !strings.Contains(lu, "<https://bedside.example/u/") || !strings.Contains(lu, "<mailto:") || lup != "List-Unsubscribe=One-Click" {
				t.Fatalf("List-Unsubscribe %q, -Post %q", lu, lup)
			}
			if subj := msg.Header.Get("Subject"); subj != "Flu shots are in, Pat" {
				t.Errorf("subject %q", subj)
			}
			for i, part := range mimeParts(t, msg) {
				if !strings.Contains(part, "12 Oak Street, Bend, OR 97701") || !strings.Contains(part, "https://bedside.example/u/") {
					t.Errorf("part %d lacks the postal address or the unsubscribe link:\n%s", i, part)
				}
			}
			vs, err := dkim.VerifyWithOptions(bytes.NewReader(raw), &dkim.VerifyOptions{LookupTXT: func(string) ([]string, error) { return []string{ch.dkim}, nil }})
			if err != nil || len(vs) != 1 || vs[0].Err != nil {
				t.Fatalf("DKIM: %v %+v", err, vs)
			}
			signed := strings.ToLower(strings.Join(vs[0].HeaderKeys, ":"))
			if !strings.Contains(signed, "list-unsubscribe:") || !strings.Contains(signed, "list-unsubscribe-post") {
				t.Fatalf("DKIM h= %s does not cover both List-Unsubscribe headers", signed)
			}

			// The one-click POST of the mail's own List-Unsubscribe URL, with no cookie, as a mail
			// program sends it: the address is unsubscribed and suppressed at once.
			link := lu[strings.Index(lu, "<https://")+1 : strings.Index(lu, ">")]
			req, _ := http.NewRequest("POST", strings.Replace(link, "https://bedside.example", ch.http.URL, 1), strings.NewReader("List-Unsubscribe=One-Click"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", "https://mail.example")
			resp, err := http.DefaultClient.Do(req)
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("one-click unsubscribe: %v %v", err, resp)
			}
			resp.Body.Close()
			if sup, _ := ch.db.IsSuppressed(ctx, ch.actor, consent.Email, "confirmed@example.com"); !sup {
				t.Fatal("the one-click POST did not suppress the address")
			}
			var c3 campaignOut
			ch.call("POST", "/api/v1/campaigns", ch.admin, map[string]any{"name": "After", "kind": "marketing", "subject": "Hours", "body": "New hours."}, &c3)
			ch.call("POST", "/api/v1/campaigns/"+strconv.FormatInt(c3.ID, 10)+"/send", ch.admin, nil, nil)
			ch.drain()
			if n := len(ch.received()["confirmed@example.com"]); n != 1 {
				t.Fatalf("after unsubscribing, %d messages in all, want the first only", n)
			}
			ch.contact("bouncing@example.com", consent.Given, consent.Confirmed)

			// A bounce suppresses: the next campaign skips the address.
			ch.sink.Reply("bouncing@example.com", 550, "5.1.1", "no such user")
			var c2 campaignOut
			ch.call("POST", "/api/v1/campaigns", ch.admin, map[string]any{"name": "Two", "kind": "marketing", "subject": "Hours", "body": "New hours."}, &c2)
			ch.call("POST", "/api/v1/campaigns/"+strconv.FormatInt(c2.ID, 10)+"/send", ch.admin, nil, nil)
			ch.drain()
			if sup, _ := ch.db.IsSuppressed(ctx, ch.actor, consent.Email, "bouncing@example.com"); !sup {
				t.Fatal("a hard bounce did not suppress the address")
			}
		})
	}
}

// mimeParts decodes the text parts of a multipart message.
func mimeParts(t *testing.T, msg *mail.Message) []string {
	t.Helper()
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextRawPart()
		if err != nil {
			break
		}
		var r io.Reader = p
		if strings.EqualFold(p.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
			r = quotedprintable.NewReader(p)
		}
		b, _ := io.ReadAll(r)
		out = append(out, string(b))
	}
	if len(out) < 2 {
		t.Fatalf("%d parts, want text and HTML", len(out))
	}
	return out
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestCampaignPauseResumeNeverResends: pausing stops the sender at once; resuming sends the rest;
// nobody gets two messages.
func TestCampaignPauseResumeNeverResends(t *testing.T) {
	ch := newCampaignHarness(t, false)
	for i := range 30 {
		ch.contact("p"+strconv.Itoa(i)+"@example.com", consent.Given, consent.Confirmed)
	}
	var c campaignOut
	ch.call("POST", "/api/v1/campaigns", ch.admin, map[string]any{"name": "N", "kind": "marketing", "subject": "News", "body": "Hello."}, &c)
	path := "/api/v1/campaigns/" + strconv.FormatInt(c.ID, 10)
	ch.call("POST", path+"/send", ch.admin, nil, nil)
	if code := ch.call("POST", path+"/pause", ch.admin, nil, &c); code != 200 || c.State != "paused" {
		t.Fatalf("pause: %d %+v", code, c)
	}
	ch.drain()
	if n := ch.sink.Count(); n != 0 {
		t.Fatalf("%d messages went out while paused", n)
	}
	if code := ch.call("POST", path+"/pause", ch.admin, nil, nil); code != 409 {
		t.Fatalf("pausing a paused campaign: %d", code)
	}
	ch.call("POST", path+"/resume", ch.admin, nil, nil)
	ch.drain()
	ch.call("POST", path+"/pause", ch.admin, nil, nil)
	ch.call("POST", path+"/resume", ch.admin, nil, nil)
	ch.drain()
	got := ch.received()
	if len(got) != 30 {
		t.Fatalf("%d recipients, want 30", len(got))
	}
	for to, ms := range got {
		if len(ms) != 1 {
			t.Fatalf("%s got %d messages", to, len(ms))
		}
	}
}

// TestCampaignRefusals: what a whole campaign needs is checked before anything is queued.
func TestCampaignRefusals(t *testing.T) {
	ch := newCampaignHarness(t, false)
	var c campaignOut
	var e refusal
	ch.call("POST", "/api/v1/campaigns", ch.admin, map[string]any{"name": "Cond", "kind": "marketing", "subject": "For people with diabetes", "body": "A new class.", "uses_phi": true}, &c)
	if code := ch.call("POST", "/api/v1/campaigns/"+strconv.FormatInt(c.ID, 10)+"/send", ch.admin, nil, &e); code != 409 || !strings.Contains(e.Error.Message, "authorization") {
		t.Fatalf("a campaign using PHI: %d %+v", code, e)
	}
	if code := ch.call("POST", "/api/v1/campaigns", ch.admin, map[string]any{"name": "Paid", "kind": "marketing", "subject": "Aligners", "body": "Ask us.", "third_party_paid": true}, &e); code != 422 {
		t.Fatalf("a paid campaign without its sponsor: %d", code)
	}
	ch.call("POST", "/api/v1/campaigns", ch.admin, map[string]any{"name": "Digest", "kind": "marketing", "subject": "This month", "digest": true}, &c)
	if code := ch.call("POST", "/api/v1/campaigns/"+strconv.FormatInt(c.ID, 10)+"/send", ch.admin, nil, &e); code != 409 || !strings.Contains(e.Error.Message, "no posts") {
		t.Fatalf("a digest with nothing new: %d %+v", code, e)
	}
}

// TestDigestCampaign: a digest mails the posts published since the last digest, in a list with
// a link-free line each, and refuses to go out when nothing new was published.
func TestDigestCampaign(t *testing.T) {
	ch := newCampaignHarness(t, false)
	ch.contact("reader@example.com", consent.Given, consent.Confirmed)
	ch.call("POST", "/api/v1/users", ch.admin, map[string]any{"email": "co@example.com", "role": "compliance", "password": testPassword}, nil)
	co := ch.login("co@example.com", testPassword)
	publish := func(text string) {
		t.Helper()
		var p postOut
		ch.call("POST", "/api/v1/posts", ch.admin, map[string]any{"text": text, "channels": []string{"website"}}, &p)
		path := "/api/v1/posts/" + strconv.FormatInt(p.ID, 10)
		ch.call("POST", path+"/submit", ch.admin, nil, nil)
		ch.call("POST", path+"/approve", co, nil, nil)
		if code := ch.call("POST", path+"/publish", ch.admin, nil, &p); code != 200 {
			t.Fatalf("publish: %d", code)
		}
	}
	digest := func() (int, campaignOut) {
		var c campaignOut
		ch.call("POST", "/api/v1/campaigns", ch.admin, map[string]any{"name": "Digest", "kind": "marketing", "subject": "New from us", "digest": true}, &c)
		var out campaignOut
		code := ch.call("POST", "/api/v1/campaigns/"+strconv.FormatInt(c.ID, 10)+"/send", ch.admin, nil, &out)
		return code, out
	}
	publish("Flu shots are in: walk in any weekday.")
	publish("We are closed on Thanksgiving Day.")
	if code, _ := digest(); code != 200 {
		t.Fatalf("first digest: %d", code)
	}
	ch.drain()
	got := ch.received()["reader@example.com"]
	if len(got) != 1 {
		t.Fatalf("%d digests", len(got))
	}
	msg, _ := mail.ReadMessage(bytes.NewReader(got[0].Data))
	text := strings.Join(mimeParts(t, msg), "\n")
	if !strings.Contains(text, "Flu shots are in") || !strings.Contains(text, "closed on Thanksgiving") {
		t.Fatalf("the digest lacks the posts:\n%s", text)
	}
	if code, _ := digest(); code != 409 {
		t.Fatalf("a digest with nothing new: %d", code)
	}
	publish("Our new hygienist starts Monday.")
	if code, _ := digest(); code != 200 {
		t.Fatalf("a digest after a new post: %d", code)
	}
	ch.drain()
	second := ch.received()["reader@example.com"]
	msg, _ = mail.ReadMessage(bytes.NewReader(second[len(second)-1].Data))
	text = strings.Join(mimeParts(t, msg), "\n")
	if !strings.Contains(text, "new hygienist") || strings.Contains(text, "Flu shots") {
		t.Fatalf("the second digest should hold only the new post:\n%s", text)
	}
}

// TestCampaignRateLimit: with BEDSIDE_SMTP_RATE set, the sender never goes faster than the rate,
// however fast the mail server is (an upper bound only: a slow machine sends fewer).
func TestCampaignRateLimit(t *testing.T) {
	ch := newCampaignHarness(t, false)
	for i := range 40 {
		ch.contact("r"+strconv.Itoa(i)+"@example.com", consent.Given, consent.Confirmed)
	}
	var c campaignOut
	ch.call("POST", "/api/v1/campaigns", ch.admin, map[string]any{"name": "N", "kind": "marketing", "subject": "News", "body": "Hello."}, &c)
	ch.call("POST", "/api/v1/campaigns/"+strconv.FormatInt(c.ID, 10)+"/send", ch.admin, nil, nil)
	ch.srv.cfg.Mail.Rate = 10
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	ch.srv.RunCampaigns(ctx, 10*time.Millisecond)
	if n := ch.sink.Count(); n < 1 || n > 7 {
		t.Fatalf("%d messages in half a second at 10 a second", n)
	}
}
