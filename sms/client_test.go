package sms

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/sms/twiliotest"
)

const (
	accountSID = "AC0123456789abcdef0123456789abcdef"
	authToken  = "auth-token-test"
	keySID     = "SK0123456789abcdef0123456789abcdef"
	keySecret  = "key-secret-test"
	patient    = "+15550100123"
	practice   = "+15550100999"
	phiBody    = "Dr. Smith: your HIV test results are ready"
)

func setupClient(t *testing.T, cfg Config) (*twiliotest.Server, *Client) {
	t.Helper()
	srv := twiliotest.NewServer(accountSID, authToken)
	t.Cleanup(srv.Close)
	srv.AddAPIKey(keySID, keySecret)
	if cfg.AccountSID == "" {
		cfg.AccountSID = accountSID
	}
	if cfg.AuthToken == "" && cfg.APIKeySID == "" {
		cfg.AuthToken = authToken
	}
	cfg.BaseURL, cfg.HTTP = srv.URL, srv.Client()
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func msg() Message {
	return Message{To: patient, From: practice, Body: phiBody, StatusCallback: "https://bedside.example/sms/status"}
}

func TestSendSucceeds(t *testing.T) {
	for _, cfg := range []Config{{}, {APIKeySID: keySID, APIKeySecret: keySecret}} {
		srv, c := setupClient(t, cfg)
		sent, err := c.Send(context.Background(), msg())
		if err != nil {
			t.Fatalf("api key %q: %v", cfg.APIKeySID, err)
		}
		got := srv.Messages()
		if len(got) != 1 {
			t.Fatalf("fake recorded %d messages", len(got))
		}
		m := got[0]
		if m.To != patient || m.From != practice || m.Body != phiBody || m.StatusCallback != msg().StatusCallback {
			t.Errorf("fake recorded %+v", m)
		}
		if sent.SID != m.SID || sent.Status != "queued" || sent.Segments != 1 || sent.ErrorCode != 0 {
			t.Errorf("Sent = %+v", sent)
		}
	}
}

func TestSendThroughMessagingService(t *testing.T) {
	srv, c := setupClient(t, Config{})
	m := msg()
	m.From, m.MessagingServiceSID = "", "MG0123456789abcdef0123456789abcdef"
	sent, err := c.Send(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	if sent.Status != "accepted" || srv.Messages()[0].MessagingServiceSID != m.MessagingServiceSID {
		t.Errorf("Sent = %+v, recorded %+v", sent, srv.Messages()[0])
	}
}

// sendErr sends msg() after making the fake answer with f, and returns the error.
func sendErr(t *testing.T, prepare func(*twiliotest.Server)) error {
	t.Helper()
	srv, c := setupClient(t, Config{})
	prepare(srv)
	_, err := c.Send(context.Background(), msg())
	if err == nil {
		t.Fatal("Send succeeded, want an error")
	}
	return err
}

func TestSendErrors(t *testing.T) {
	fail := func(f twiliotest.Failure) func(*twiliotest.Server) {
		return func(s *twiliotest.Server) { s.Fail(f) }
	}
	tests := []struct {
		name      string
		prepare   func(*twiliotest.Server)
		is        error
		code      string
		twilio    int
		retryable bool
	}{
		{"429 retry-after seconds", fail(twiliotest.RateLimitSeconds), nil, bedside.ERateLimited, 0, true},
		{"429 retry-after date", fail(twiliotest.RateLimitDate), nil, bedside.ERateLimited, 0, true},
		{"401", fail(twiliotest.Unauthorized), ErrCredentials, bedside.EUnauthorized, twiliotest.CodeAuthentication, false},
		{"503", fail(twiliotest.Unavailable), ErrUnavailable, bedside.EInternal, 0, true},
		{"malformed json", fail(twiliotest.Malformed), nil, bedside.EInvalid, 0, false},
		{"json without sid", fail(twiliotest.MalformedSID), nil, bedside.EInvalid, 0, false},
		{"21610 unsubscribed", func(s *twiliotest.Server) { s.Unsubscribe(patient) }, ErrUnsubscribed, bedside.EForbidden, 21610, false},
		{"21211 invalid number", func(s *twiliotest.Server) { s.Reject(patient, 21211) }, ErrInvalidNumber, bedside.EInvalid, 21211, false},
		{"other 4xx", func(s *twiliotest.Server) { s.Reject(patient, 21408) }, ErrRefused, bedside.EInvalid, 21408, false},
		{"network", func(s *twiliotest.Server) { s.Close() }, ErrUnavailable, bedside.EInternal, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := sendErr(t, tt.prepare)
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("err = %v, want %v", err, tt.is)
			}
			if got := bedside.ErrorCode(err); got != tt.code {
				t.Errorf("code = %s, want %s", got, tt.code)
			}
			if got := Retryable(err); got != tt.retryable {
				t.Errorf("Retryable = %v, want %v", got, tt.retryable)
			}
			var ae *APIError
			if tt.twilio != 0 && (!errors.As(err, &ae) || ae.Code != tt.twilio) {
				t.Errorf("err = %#v, want Twilio code %d", err, tt.twilio)
			}
		})
	}
}

func TestRateLimitedCarriesRetryAfter(t *testing.T) {
	for _, f := range []twiliotest.Failure{twiliotest.RateLimitSeconds, twiliotest.RateLimitDate} {
		err := sendErr(t, func(s *twiliotest.Server) { s.Fail(f) })
		var rl *RateLimited
		if !errors.As(err, &rl) {
			t.Fatalf("err = %v, want *RateLimited", err)
		}
		if rl.RetryAfter < twiliotest.RetryAfter-2*time.Second || rl.RetryAfter > twiliotest.RetryAfter {
			t.Errorf("RetryAfter = %s, want about %s", rl.RetryAfter, twiliotest.RetryAfter)
		}
		if rl.Code != twiliotest.CodeTooManyRequests {
			t.Errorf("Code = %d", rl.Code)
		}
	}
}

// TestErrorsNeverQuoteNumberOrBody runs every failure, including the fake's error texts that
// quote the number and a truncated body holding both, and checks no error text has either.
func TestErrorsNeverQuoteNumberOrBody(t *testing.T) {
	preps := []func(*twiliotest.Server){
		func(s *twiliotest.Server) { s.Fail(twiliotest.RateLimitSeconds) },
		func(s *twiliotest.Server) { s.Fail(twiliotest.Unauthorized) },
		func(s *twiliotest.Server) { s.Fail(twiliotest.Unavailable) },
		func(s *twiliotest.Server) { s.Fail(twiliotest.Malformed) },
		func(s *twiliotest.Server) { s.Fail(twiliotest.MalformedSID) },
		func(s *twiliotest.Server) { s.Unsubscribe(patient) },
		func(s *twiliotest.Server) { s.Reject(patient, 21211) },
		func(s *twiliotest.Server) { s.Reject(patient, 21408) },
		func(s *twiliotest.Server) { s.Close() },
	}
	digits := strings.TrimPrefix(patient, "+")
	check := func(err error) {
		t.Helper()
		for _, text := range []string{err.Error(), bedside.ErrorMessage(err)} {
			for _, secret := range []string{digits, digits[1:], "5550100", phiBody, "HIV", authToken} {
				if strings.Contains(text, secret) {
					t.Errorf("error %q contains %q", text, secret)
				}
			}
		}
	}
	for _, p := range preps {
		check(sendErr(t, p))
	}
	// Refused before sending.
	_, c := setupClient(t, Config{})
	for _, m := range []Message{
		{To: "+1555010012x", From: practice, Body: phiBody},
		{To: patient, Body: phiBody},
		{To: patient, From: practice, Body: strings.Repeat(phiBody, 50)},
		{To: patient, From: practice, Body: phiBody, StatusCallback: "not a url " + patient},
	} {
		_, err := c.Send(context.Background(), m)
		if err == nil {
			t.Fatalf("Send(%+v) succeeded", m)
		}
		check(err)
	}
}

func TestSendChecksMessage(t *testing.T) {
	srv, c := setupClient(t, Config{})
	mss := "MG0123456789abcdef0123456789abcdef"
	tests := []struct {
		name string
		m    Message
		is   error
	}{
		{"no plus", Message{To: "15550100123", From: practice, Body: "x"}, ErrInvalidNumber},
		{"letters", Message{To: "+1555CALLNOW", From: practice, Body: "x"}, ErrInvalidNumber},
		{"too short", Message{To: "+1555", From: practice, Body: "x"}, ErrInvalidNumber},
		{"no sender", Message{To: patient, Body: "x"}, nil},
		{"two senders", Message{To: patient, From: practice, MessagingServiceSID: mss, Body: "x"}, nil},
		{"bad service sid", Message{To: patient, MessagingServiceSID: "MG/../x", Body: "x"}, nil},
		{"empty body", Message{To: patient, From: practice, Body: " "}, nil},
		{"1601 characters", Message{To: patient, From: practice, Body: strings.Repeat("é", 1601)}, nil},
		{"relative callback", Message{To: patient, From: practice, Body: "x", StatusCallback: "/status"}, nil},
	}
	for _, tt := range tests {
		_, err := c.Send(context.Background(), tt.m)
		if bedside.ErrorCode(err) != bedside.EInvalid || tt.is != nil && !errors.Is(err, tt.is) {
			t.Errorf("%s: err = %v", tt.name, err)
		}
	}
	if n := srv.Requests(); n != 0 {
		t.Errorf("%d invalid messages reached the API", n)
	}
}

func TestNewChecksConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"token", Config{AccountSID: accountSID, AuthToken: "t"}, true},
		{"api key", Config{AccountSID: accountSID, APIKeySID: keySID, APIKeySecret: "s"}, true},
		{"no secret", Config{AccountSID: accountSID}, false},
		{"key without secret", Config{AccountSID: accountSID, AuthToken: "t", APIKeySID: keySID}, false},
		{"bad account", Config{AccountSID: "AC../../x", AuthToken: "t"}, false},
		{"bad key", Config{AccountSID: accountSID, APIKeySID: "SKshort", APIKeySecret: "s"}, false},
		{"relative base", Config{AccountSID: accountSID, AuthToken: "t", BaseURL: "api.twilio.com"}, false},
	}
	for _, tt := range tests {
		_, err := New(tt.cfg)
		if (err == nil) != tt.ok {
			t.Errorf("%s: err = %v", tt.name, err)
		}
		if err != nil && (strings.Contains(err.Error(), "t\"") || bedside.ErrorCode(err) != bedside.EInvalid) {
			t.Errorf("%s: err = %v", tt.name, err)
		}
	}
}

func TestDecodeSent(t *testing.T) {
	sid := "SM0123456789abcdef0123456789abcdef"
	tests := []struct {
		name string
		body string
		want Sent
		ok   bool
	}{
		{"full", `{"sid":"` + sid + `","status":"failed","error_code":30007,"error_message":"Carrier violation","num_segments":"2"}`,
			Sent{SID: sid, Status: "failed", ErrorCode: 30007, ErrorMessage: "Carrier violation", Segments: 2}, true},
		{"nulls", `{"sid":"` + sid + `","status":"queued","error_code":null,"error_message":null,"num_segments":"1"}`,
			Sent{SID: sid, Status: "queued", Segments: 1}, true},
		{"mms sid", `{"sid":"MM0123456789abcdef0123456789abcdef","status":"queued"}`,
			Sent{SID: "MM0123456789abcdef0123456789abcdef", Status: "queued"}, true},
		{"not json", `<Response/>`, Sent{}, false},
		{"no sid", `{"status":"queued"}`, Sent{}, false},
		{"bad sid", `{"sid":"SM1","status":"queued"}`, Sent{}, false},
		{"unknown status", `{"sid":"` + sid + `","status":"teleported"}`, Sent{}, false},
		{"segments not digits", `{"sid":"` + sid + `","status":"queued","num_segments":"two"}`, Sent{}, false},
		{"error code a string", `{"sid":"` + sid + `","status":"queued","error_code":"x"}`, Sent{}, false},
	}
	for _, tt := range tests {
		got, err := decodeSent([]byte(tt.body))
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("%s: decodeSent = %+v, %v", tt.name, got, err)
		}
	}
}
