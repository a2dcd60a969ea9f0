package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bedsidehq/bedside/consent"
	"github.com/bedsidehq/bedside/sms/twiliotest"
	"github.com/bedsidehq/bedside/store"
)

const (
	testAccountSID = "AC0123456789abcdef0123456789abcdef"
	testAuthToken  = "twilio-auth-token-for-tests"
	practiceNumber = "+15035550100"
	// The personal data of these tests: none of it may reach a log, a metric, an error or the audit.
	patientPhone = "+15035550123"
	otherPhone   = "+15035550124"
	strangePhone = "+15035550199"
	bodySentinel = "XQ7SENTINEL"
)

// testClock is a clock the test moves while the server reads it.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) set(t time.Time)     { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }
func (c *testClock) add(d time.Duration) { c.set(c.now().Add(d)) }

// at moves the clock and signs in again, since sessions end by the same clock.
func (f *smsFixture) at(t time.Time) {
	f.clock.set(t)
	f.tok = f.h.login("admin@example.com", testPassword)
}

// smsFixture is a practice connected to a fake Twilio, with one patient who gave written
// consent to treatment texts.
type smsFixture struct {
	h        *harness
	fake     *twiliotest.Server
	clock    *testClock
	la       *time.Location
	tok      string
	actor    store.Actor
	patient  store.Contact
	given    consent.Event // the patient's treatment consent
	text     consent.Text
	errs     []string // every error body the API answered, for the no-PHI check
	practice int64
}

func newSMSFixture(t *testing.T, h *harness, keywordReplies string) *smsFixture {
	t.Helper()
	la, _ := time.LoadLocation("America/Los_Angeles")
	n := time.Now().In(la)
	clock := &testClock{t: time.Date(n.Year(), n.Month(), n.Day()+1, 12, 0, 0, 0, la)} // noon tomorrow in Portland
	h.db.SetClock(clock.now)
	fake := twiliotest.NewServer(testAccountSID, testAuthToken)
	t.Cleanup(fake.Close)
	h.srv.cfg.TwilioBaseURL, h.srv.cfg.PublicURL = fake.URL, h.http.URL
	f := &smsFixture{h: h, fake: fake, clock: clock, la: la}
	f.tok = h.practice("Riverside Dental", "admin@example.com")
	h.call("PUT", "/api/v1/practice/profile", f.tok, map[string]any{"name": "Riverside Dental", "phones": []string{"(503) 555-0100"}}, nil)
	settings := map[string]any{"account_sid": testAccountSID, "auth_token": testAuthToken, "from": practiceNumber}
	if keywordReplies != "" {
		settings["keyword_replies"] = keywordReplies
	}
	var out struct {
		WebhookURL     string `json:"webhook_url"`
		KeywordReplies string `json:"keyword_replies"`
	}
	if code := h.call("PUT", "/api/v1/practice/connectors/twilio", f.tok, settings, &out); code != 200 || !strings.HasPrefix(out.WebhookURL, h.http.URL+"/hooks/twilio/") {
		t.Fatalf("connect Twilio: %d %+v", code, out)
	}
	f.practice, _ = strconv.ParseInt(strings.TrimPrefix(out.WebhookURL, h.http.URL+"/hooks/twilio/"), 10, 64)
	f.actor = store.Actor{PracticeID: f.practice}
	ctx := context.Background()
	var err error
	if f.text, err = h.db.PutConsentText(ctx, f.actor, "sms-v1", "Texts from Riverside Dental. Consent is not a condition of purchase. Reply STOP to end.", true); err != nil {
		t.Fatal(err)
	}
	f.patient, f.given = f.contact(patientPhone, consent.Treatment)
	return f
}

// contact adds a contact who gave written consent (on paper) for each purpose.
func (f *smsFixture) contact(phone string, purposes ...consent.Purpose) (store.Contact, consent.Event) {
	f.h.t.Helper()
	ctx := context.Background()
	c, err := f.h.db.CreateContact(ctx, f.actor, store.Contact{Name: "Philomena Zubrowski", Phone: phone})
	if err != nil {
		f.h.t.Fatal(err)
	}
	var ev consent.Event
	for _, p := range purposes {
		if ev, err = f.h.db.RecordConsent(ctx, f.actor, c.ID, consent.Event{Channel: consent.SMS, Purpose: p, Kind: consent.Given,
			Method: consent.Paper, Text: f.text}); err != nil {
			f.h.t.Fatal(err)
		}
	}
	return c, ev
}

type textOut struct {
	ID             int64
	Status         string
	ScheduledFor   time.Time `json:"scheduled_for"`
	ConsentEventID int64     `json:"consent_event_id"`
	ErrorCode      int       `json:"error_code"`
	Error          struct {
		Code, Message string
		Details       struct{ Rule string }
	}
}

// send texts a contact and keeps any error for the no-PHI check.
func (f *smsFixture) send(contactID int64, purpose, body string) (int, textOut) {
	f.h.t.Helper()
	var out textOut
	code := f.h.call("POST", "/api/v1/contacts/"+strconv.FormatInt(contactID, 10)+"/texts", f.tok, map[string]any{"purpose": purpose, "body": body}, &out)
	if out.Error.Code != "" {
		b, _ := json.Marshal(out.Error)
		f.errs = append(f.errs, string(b))
	}
	return code, out
}

// inbound posts a text from a number as Twilio does, signed with sig (the right signature when
// ""), and returns the status and the TwiML answer.
func (f *smsFixture) inbound(from, body, sig string) (int, string) {
	f.h.t.Helper()
	u := f.h.http.URL + twilioHookPath(f.practice)
	form := url.Values{"MessageSid": {"SM" + strings.Repeat("a", 32)}, "AccountSid": {testAccountSID}, "From": {from},
		"To": {practiceNumber}, "Body": {body}, "NumMedia": {"0"}}
	if sig == "" {
		sig = twiliotest.Sign(testAuthToken, u, form)
	}
	req, _ := http.NewRequest("POST", u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", sig)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		f.errs = append(f.errs, string(b))
	}
	return resp.StatusCode, string(b)
}

func (f *smsFixture) state(contactID int64) consent.State {
	f.h.t.Helper()
	st, err := f.h.db.ConsentState(context.Background(), f.actor, contactID)
	if err != nil {
		f.h.t.Fatal(err)
	}
	return st
}

// TestTextStopRevokesAndSuppresses: STOP, and a longer "please stop", revoke texts for both
// purposes, suppress the number and are answered by one confirmation that sells nothing; a later
// text is refused; an unknown number's STOP suppresses it; a bad signature is 401; HELP is
// answered; with Twilio answering keywords itself Bedside does not answer a bare STOP again.
func TestTextStopRevokesAndSuppresses(t *testing.T) {
	eachEngine(t, func(t *testing.T, h *harness) {
		f := newSMSFixture(t, h, "bedside")
		ctx := context.Background()
		code, sent := f.send(f.patient.ID, "treatment", "Your cleaning is tomorrow at 10:00. "+bodySentinel)
		if code != 201 || sent.Status != "queued" || sent.ConsentEventID != f.given.ID {
			t.Fatalf("first text: %d %+v", code, sent)
		}
		msgs := f.fake.Messages()
		if len(msgs) != 1 || msgs[0].To != patientPhone || msgs[0].From != practiceNumber ||
			msgs[0].StatusCallback != h.http.URL+twilioHookPath(f.practice)+"/status" {
			t.Fatalf("sent: %+v", msgs)
		}

		code, twiml := f.inbound(patientPhone, "STOP", "")
		if code != 200 || strings.Count(twiml, "<Message>") != 1 || !strings.Contains(twiml, "unsubscribed") || !strings.Contains(twiml, "Riverside Dental") {
			t.Fatalf("STOP answer: %d %s", code, twiml)
		}
		for _, word := range []string{"offer", "%", "$", "sale"} {
			if strings.Contains(strings.ToLower(twiml), word) {
				t.Errorf("the confirmation markets: %s", twiml)
			}
		}
		st := f.state(f.patient.ID)
		for _, p := range consent.Purposes {
			if s := st.Of(consent.SMS, p); s.Status != consent.StatusRevoked || s.Last.Method != consent.SMSKeyword {
				t.Errorf("%s after STOP: %+v", p, s.Last)
			}
		}
		if !st.Suppressed[consent.SMS] {
			t.Error("STOP did not suppress the number")
		}
		if code, out := f.send(f.patient.ID, "treatment", "Your lab results are ready."); code != 422 || out.Error.Details.Rule != "suppressed" {
			t.Fatalf("a text after STOP: %d %+v", code, out)
		}
		if n := len(f.fake.Messages()); n != 1 {
			t.Fatalf("%d messages reached Twilio after STOP", n)
		}

		other, _ := f.contact(otherPhone, consent.Treatment)
		if code, twiml := f.inbound(otherPhone, "Please stop texting me", ""); code != 200 || strings.Count(twiml, "<Message>") != 1 {
			t.Fatalf("please stop: %d %s", code, twiml)
		}
		if st := f.state(other.ID); st.Of(consent.SMS, consent.Treatment).Status != consent.StatusRevoked || !st.Suppressed[consent.SMS] {
			t.Fatalf("please stop did not revoke: %+v", st)
		}

		// An unknown number, through the fake's own signed webhook.
		if err := f.fake.Inbound(nil, h.http.URL+twilioHookPath(f.practice), strangePhone, practiceNumber, "stop"); err != nil {
			t.Fatal(err)
		}
		if sup, _ := h.db.IsSuppressed(ctx, f.actor, consent.SMS, strangePhone); !sup {
			t.Fatal("an unknown number's STOP did not suppress it")
		}

		if code, _ := f.inbound(strangePhone, "STOP", "bm90IGEgc2lnbmF0dXJlIGF0IGFsbA=="); code != 401 {
			t.Fatalf("bad signature: %d", code)
		}
		if code, _ := f.inbound(strangePhone, "STOP", "-"); code != 401 {
			t.Fatalf("garbled signature: %d", code)
		}
		if code, twiml := f.inbound(strangePhone, "HELP", ""); code != 200 || !strings.Contains(twiml, "Reply STOP") || !strings.Contains(twiml, "(503) 555-0100") {
			t.Fatalf("HELP: %d %s", code, twiml)
		}
		if code, twiml := f.inbound(strangePhone, "See you at 3", ""); code != 200 || strings.Contains(twiml, "<Message>") {
			t.Fatalf("an ordinary reply was answered: %d %s", code, twiml)
		}

		// START gives treatment consent back through the keyword, never marketing; the number stays
		// suppressed until staff act.
		f.clock.add(time.Minute) // at the same instant as the STOP, the revocation would win
		if code, twiml := f.inbound(patientPhone, "START", ""); code != 200 || strings.Contains(twiml, "<Message>") {
			t.Fatalf("START: %d %s", code, twiml)
		}
		st = f.state(f.patient.ID)
		if tr := st.Of(consent.SMS, consent.Treatment); tr.Status == consent.StatusRevoked || tr.GivenBy.Method != consent.SMSKeyword {
			t.Fatalf("START: %+v", tr)
		}
		if st.Of(consent.SMS, consent.Marketing).Status != consent.StatusRevoked {
			t.Fatal("START gave marketing consent")
		}

		// With Twilio answering single keywords (its default), Bedside answers only what Twilio does not.
		h.call("PUT", "/api/v1/practice/connectors/twilio", f.tok, map[string]any{"account_sid": testAccountSID, "auth_token": testAuthToken, "from": practiceNumber}, nil)
		if _, twiml := f.inbound(strangePhone, "Stop", ""); strings.Contains(twiml, "<Message>") {
			t.Fatalf("a second confirmation after Twilio's own: %s", twiml)
		}
		if _, twiml := f.inbound(strangePhone, "stop please", ""); strings.Count(twiml, "<Message>") != 1 {
			t.Fatalf("a revocation Twilio does not know went unanswered: %s", twiml)
		}
		noPHI(t, f)
	})
}

// TestTextRulesScheduleAndTwilioRefusals: treatment texts over the limits are refused, one at
// 23:00 local waits for 8:00 and the worker sends it once; marketing without written consent is
// refused; 21610 from Twilio, at send time or in a status callback, suppresses the number.
func TestTextRulesScheduleAndTwilioRefusals(t *testing.T) {
	eachEngine(t, func(t *testing.T, h *harness) {
		f := newSMSFixture(t, h, "")
		ctx := context.Background()
		if code, out := f.send(f.patient.ID, "treatment", strings.Repeat("Your appointment is confirmed. ", 6)+bodySentinel); code != 422 || out.Error.Details.Rule != "too_long" {
			t.Fatalf("two segments: %d %+v", code, out)
		}
		if code, out := f.send(f.patient.ID, "treatment", "20% off whitening this week! "+bodySentinel); code != 422 || out.Error.Details.Rule != "marketing" {
			t.Fatalf("marketing in a treatment text: %d %+v", code, out)
		}
		if code, out := f.send(f.patient.ID, "marketing", "Spring whitening offer"); code != 422 || out.Error.Details.Rule != "no_consent" {
			t.Fatalf("marketing without consent: %d %+v", code, out)
		}
		if code, _ := f.send(f.patient.ID, "treatment", "Your cleaning is tomorrow at 10:00."); code != 201 {
			t.Fatalf("first text: %d", code)
		}
		if code, out := f.send(f.patient.ID, "treatment", "Your lab results are ready."); code != 422 || out.Error.Details.Rule != "daily_limit" {
			t.Fatalf("second text the same day: %d %+v", code, out)
		}

		// 23:00 the next day: the text waits for 8:00.
		day2 := f.clock.now().AddDate(0, 0, 1)
		f.at(time.Date(day2.Year(), day2.Month(), day2.Day(), 23, 0, 0, 0, f.la))
		code, late := f.send(f.patient.ID, "treatment", "Your lab results are ready. "+bodySentinel)
		want := time.Date(day2.Year(), day2.Month(), day2.Day()+1, 8, 0, 0, 0, f.la)
		if code != 202 || late.Status != "scheduled" || !late.ScheduledFor.Equal(want) {
			t.Fatalf("at 23:00: %d %+v, want scheduled for %v", code, late, want)
		}
		h.srv.sendDueTexts(ctx)
		if n := len(f.fake.Messages()); n != 1 {
			t.Fatalf("the worker sent during quiet hours: %d", n)
		}
		f.clock.set(want.Add(time.Minute))
		h.srv.sendDueTexts(ctx)
		h.srv.sendDueTexts(ctx)
		msgs := f.fake.Messages()
		if len(msgs) != 2 || !strings.Contains(msgs[1].Body, bodySentinel) {
			t.Fatalf("after 8:00 the worker must send it exactly once: %+v", msgs)
		}
		texts, _ := h.db.Texts(ctx, f.actor, f.patient.ID)
		if texts[0].ID != late.ID || texts[0].Status != "queued" || texts[0].SentAt == nil || texts[0].ConsentEventID != f.given.ID {
			t.Fatalf("the scheduled text after sending: %+v", texts[0])
		}
		// A third on day 4 is fine; a fourth in the week is not.
		f.at(f.clock.now().Add(28 * time.Hour))
		if code, _ := f.send(f.patient.ID, "treatment", "See you Friday at 9:00."); code != 201 {
			t.Fatalf("third text of the week: %d", code)
		}
		f.at(f.clock.now().Add(25 * time.Hour))
		if code, out := f.send(f.patient.ID, "treatment", "See you Friday at 9:00."); code != 422 || out.Error.Details.Rule != "weekly_limit" {
			t.Fatalf("fourth text of the week: %d %+v", code, out)
		}

		// Marketing needs written consent that says it is no condition of purchase.
		spoken, _ := f.contact(otherPhone)
		if _, err := h.db.RecordConsent(ctx, f.actor, spoken.ID, consent.Event{Channel: consent.SMS, Purpose: consent.Marketing, Kind: consent.Given,
			Method: consent.Staff, Text: f.text}); err != nil {
			t.Fatal(err)
		}
		if code, out := f.send(spoken.ID, "marketing", "Spring whitening offer "+bodySentinel); code != 422 || out.Error.Details.Rule != "not_written" {
			t.Fatalf("marketing on spoken consent: %d %+v", code, out)
		}

		// 21610 at send time.
		f.fake.Unsubscribe(otherPhone)
		if _, err := h.db.RecordConsent(ctx, f.actor, spoken.ID, consent.Event{Channel: consent.SMS, Purpose: consent.Treatment, Kind: consent.Given,
			Method: consent.Paper, Text: f.text}); err != nil {
			t.Fatal(err)
		}
		if code, out := f.send(spoken.ID, "treatment", "Your lab results are ready."); code != 422 || out.Error.Details.Rule != "unsubscribed" {
			t.Fatalf("21610 at send time: %d %+v", code, out)
		}
		if st := f.state(spoken.ID); !st.Suppressed[consent.SMS] || st.Of(consent.SMS, consent.Treatment).Status != consent.StatusRevoked {
			t.Fatalf("21610 did not suppress: %+v", st)
		}

		// 21610 in a status callback, after a delivered text.
		third, _ := f.contact(strangePhone, consent.Treatment)
		code, out := f.send(third.ID, "treatment", "Your lab results are ready.")
		if code != 201 {
			t.Fatalf("text to a third patient: %d %+v", code, out)
		}
		msgs = f.fake.Messages()
		if err := f.fake.Callback(nil, msgs[len(msgs)-1].SID, "undelivered", 21610); err != nil {
			t.Fatal(err)
		}
		if st := f.state(third.ID); !st.Suppressed[consent.SMS] {
			t.Fatal("a 21610 status callback did not suppress the number")
		}
		if texts, _ := h.db.Texts(ctx, f.actor, third.ID); texts[0].Status != "undelivered" || texts[0].ErrorCode != 21610 {
			t.Fatalf("status callback not recorded: %+v", texts[0])
		}
		noPHI(t, f)
	})
}

// noPHI checks that no number, name or body reached the logs, the metrics, an error or the audit.
func noPHI(t *testing.T, f *smsFixture) {
	t.Helper()
	metrics := ""
	if r, err := http.Get(f.h.http.URL + "/metrics"); err == nil {
		b, _ := io.ReadAll(r.Body)
		r.Body.Close()
		metrics = string(b)
	}
	events, _ := f.h.db.AuditEvents(context.Background(), f.practice, store.AuditFilter{Limit: 10000})
	audit, _ := json.Marshal(events)
	if len(f.errs) < 3 || !strings.Contains(metrics, "bedside_sms_sends_total") {
		t.Fatalf("the test did not exercise what it checks: %d errors", len(f.errs))
	}
	for where, content := range map[string]string{"logs": f.h.logs.String(), "metrics": metrics, "errors": strings.Join(f.errs, "\n"), "audit": string(audit)} {
		for _, secret := range []string{patientPhone, otherPhone, strangePhone, "5035550123", "555-0123", "5550124", "5550199", "Philomena", "Zubrowski", bodySentinel, "lab results", "whitening"} {
			if strings.Contains(content, secret) {
				t.Errorf("%q appears in the %s", secret, where)
			}
		}
	}
}
