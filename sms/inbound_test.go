package sms

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/sms/twiliotest"
)

// The example from Twilio's webhook-security documentation.
var (
	docURL    = "https://mycompany.com/myapp.php?foo=1&bar=2"
	docToken  = "12345"
	docSig    = "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
	docParams = url.Values{
		"CallSid": {"CA1234567890ABCDE"}, "Caller": {"+12349013030"}, "Digits": {"1234"},
		"From": {"+12349013030"}, "To": {"+18005551212"},
	}
)

func TestVerifySignature(t *testing.T) {
	tampered := url.Values{}
	for k, v := range docParams {
		tampered[k] = v
	}
	tampered.Set("Digits", "1235")
	extra := url.Values{"Body": {"STOP"}}
	for k, v := range docParams {
		extra[k] = v
	}
	portURL := "https://mycompany.com:443/myapp.php?foo=1&bar=2"
	tests := []struct {
		name   string
		token  string
		url    string
		params url.Values
		header string
		want   error
	}{
		{"documented example", docToken, docURL, docParams, docSig, nil},
		{"signed with :443, checked without", docToken, docURL, docParams,
			twiliotest.Sign(docToken, portURL, docParams), nil},
		{"signed without, checked with :443", docToken, portURL, docParams, docSig, nil},
		{"wrong token", "54321", docURL, docParams, docSig, ErrSignature},
		{"other url", docToken, "https://mycompany.com/myapp.php?foo=1&bar=3", docParams, docSig, ErrSignature},
		{"http not https", docToken, "http://mycompany.com/myapp.php?foo=1&bar=2", docParams, docSig, ErrSignature},
		{"tampered param", docToken, docURL, tampered, docSig, ErrSignature},
		{"added param", docToken, docURL, extra, docSig, ErrSignature},
		{"missing header", docToken, docURL, docParams, "", ErrMissingSignature},
		{"not base64", docToken, docURL, docParams, "%%%", ErrSignature},
		{"short", docToken, docURL, docParams, "AAAA", ErrSignature},
		{"sha256 length", docToken, docURL, docParams, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", ErrSignature},
	}
	for _, tt := range tests {
		err := VerifySignature(tt.token, tt.url, tt.params, tt.header)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
	if err := VerifySignature("", docURL, docParams, docSig); bedside.ErrorCode(err) != bedside.EInvalid {
		t.Errorf("empty token: err = %v", err)
	}
}

func TestVerifySignatureRepeatedParams(t *testing.T) {
	p := url.Values{"MediaUrl": {"https://b.example/2", "https://a.example/1"}, "From": {"+15550100123"}}
	sig := twiliotest.Sign("tok", "https://x.example/sms", p)
	if err := VerifySignature("tok", "https://x.example/sms", p, sig); err != nil {
		t.Fatal(err)
	}
}

// TestWebhooksEndToEnd has the fake post an inbound STOP and a status callback to a receiver
// built from this package's helpers, as the web server will be.
func TestWebhooksEndToEnd(t *testing.T) {
	srv, c := setupClient(t, Config{})
	var (
		mu       sync.Mutex
		inbound  []Inbound
		statuses []Status
	)
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, MaxWebhookBody)
		if err := r.ParseForm(); err != nil {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		full := "http://" + r.Host + r.URL.RequestURI()
		if err := VerifySignature(authToken, full, r.PostForm, r.Header.Get(SignatureHeader)); err != nil {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		switch r.URL.Path {
		case "/sms/inbound":
			in, err := ParseInbound(r.PostForm)
			if err != nil {
				http.Error(w, "bad", http.StatusBadRequest)
				return
			}
			inbound = append(inbound, in)
		case "/sms/status":
			st, err := ParseStatus(r.PostForm)
			if err != nil {
				http.Error(w, "bad", http.StatusBadRequest)
				return
			}
			statuses = append(statuses, st)
		}
	}))
	defer recv.Close()

	m := msg()
	m.StatusCallback = recv.URL + "/sms/status?practice=7"
	sent, err := c.Send(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Callback(nil, sent.SID, "undelivered", 30007); err != nil {
		t.Fatal(err)
	}
	if err := srv.Inbound(nil, recv.URL+"/sms/inbound", patient, practice, "Stop."); err != nil {
		t.Fatal(err)
	}
	// A forged request, signed with another token, is refused.
	forged := twiliotest.NewServer(accountSID, "not-the-token")
	defer forged.Close()
	if err := forged.Inbound(nil, recv.URL+"/sms/inbound", patient, practice, "START"); err == nil {
		t.Error("a request signed with another token was accepted")
	}

	mu.Lock()
	defer mu.Unlock()
	if len(statuses) != 1 || statuses[0] != (Status{MessageSID: sent.SID, Status: "undelivered", ErrorCode: 30007}) {
		t.Errorf("statuses = %+v", statuses)
	}
	if len(inbound) != 1 || inbound[0].From != patient || inbound[0].To != practice || inbound[0].Kind() != OptOut {
		t.Errorf("inbound = %+v", inbound)
	}
}

func TestParseInboundAndStatus(t *testing.T) {
	sid, acct := "SM0123456789abcdef0123456789abcdef", accountSID
	good := url.Values{"MessageSid": {sid}, "AccountSid": {acct}, "From": {patient}, "To": {practice}, "Body": {"HELP"}}
	if in, err := ParseInbound(good); err != nil || in.Kind() != Help || in.MessageSID != sid {
		t.Errorf("good inbound: %+v, %v", in, err)
	}
	for _, drop := range []string{"MessageSid", "AccountSid", "From", "To"} {
		f := url.Values{}
		for k, v := range good {
			if k != drop {
				f[k] = v
			}
		}
		_, err := ParseInbound(f)
		if bedside.ErrorCode(err) != bedside.EInvalid {
			t.Errorf("inbound without %s: err = %v", drop, err)
		}
	}
	tests := []struct {
		form url.Values
		ok   bool
	}{
		{url.Values{"MessageSid": {sid}, "MessageStatus": {"delivered"}}, true},
		{url.Values{"MessageSid": {sid}, "MessageStatus": {"failed"}, "ErrorCode": {"30003"}}, true},
		{url.Values{"MessageSid": {sid}, "MessageStatus": {"exploded"}}, false},
		{url.Values{"MessageSid": {"SMx"}, "MessageStatus": {"sent"}}, false},
		{url.Values{"MessageSid": {sid}, "MessageStatus": {"failed"}, "ErrorCode": {"-1"}}, false},
	}
	for _, tt := range tests {
		if _, err := ParseStatus(tt.form); (err == nil) != tt.ok {
			t.Errorf("ParseStatus(%v) err = %v", tt.form, err)
		}
	}
}
