package twiliotest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

const (
	account = "AC00000000000000000000000000000001"
	token   = "test-auth-token"
)

// TestSignKnownVector checks Sign against the example in Twilio's webhook-security docs.
func TestSignKnownVector(t *testing.T) {
	p := url.Values{
		"CallSid": {"CA1234567890ABCDE"}, "Caller": {"+12349013030"}, "Digits": {"1234"},
		"From": {"+12349013030"}, "To": {"+18005551212"},
	}
	got := Sign("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", p)
	if want := "0/KCTR6DLpKmkAf8muzZqo1nDgQ="; got != want {
		t.Fatalf("Sign = %s, want %s", got, want)
	}
}

func post(t *testing.T, s *Server, user, pass string, form url.Values) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/2010-04-01/Accounts/"+account+"/Messages.json",
		strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(user, pass)
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func TestCreateChecksCredentialsAndFields(t *testing.T) {
	s := NewServer(account, token)
	defer s.Close()
	s.AddAPIKey("SK00000000000000000000000000000001", "key-secret")
	ok := url.Values{"To": {"+15550100123"}, "From": {"+15550100999"}, "Body": {"Hi"}}
	tests := []struct {
		name       string
		user, pass string
		form       url.Values
		status     int
	}{
		{"auth token", account, token, ok, 201},
		{"api key", "SK00000000000000000000000000000001", "key-secret", ok, 201},
		{"wrong token", account, "nope", ok, 401},
		{"unknown key", "SK00000000000000000000000000000002", "key-secret", ok, 401},
		{"no body", account, token, url.Values{"To": {"+15550100123"}, "From": {"+15550100999"}}, 400},
		{"no sender", account, token, url.Values{"To": {"+15550100123"}, "Body": {"Hi"}}, 400},
		{"bad to", account, token, url.Values{"To": {"555"}, "From": {"+15550100999"}, "Body": {"Hi"}}, 400},
	}
	for _, tt := range tests {
		if got := post(t, s, tt.user, tt.pass, tt.form).StatusCode; got != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, got, tt.status)
		}
	}
	if n := len(s.Messages()); n != 2 {
		t.Errorf("recorded %d messages, want 2", n)
	}
}

func TestCallbackAndInboundAreSigned(t *testing.T) {
	s := NewServer(account, token)
	defer s.Close()
	var got []url.Values
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(b))
		full := "http://" + r.Host + r.URL.RequestURI()
		if r.Header.Get("X-Twilio-Signature") != Sign(token, full, form) {
			http.Error(w, "bad signature", http.StatusForbidden)
			return
		}
		got = append(got, form)
	}))
	defer recv.Close()

	resp := post(t, s, account, token, url.Values{"To": {"+15550100123"}, "From": {"+15550100999"},
		"Body": {"Hi"}, "StatusCallback": {recv.URL + "/status?practice=7"}})
	if resp.StatusCode != 201 {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	sid := s.Messages()[0].SID
	if err := s.Callback(nil, sid, "undelivered", 30007); err != nil {
		t.Fatal(err)
	}
	if err := s.Inbound(nil, recv.URL+"/inbound", "+15550100123", "+15550100999", "STOP"); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Get("MessageStatus") != "undelivered" || got[0].Get("ErrorCode") != "30007" ||
		got[1].Get("Body") != "STOP" {
		t.Fatalf("received %v", got)
	}
	if s.Messages()[0].Status != "undelivered" {
		t.Errorf("status not recorded")
	}
}
