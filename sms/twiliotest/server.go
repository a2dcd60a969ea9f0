// Package twiliotest is an in-memory fake of Twilio's Programmable Messaging API (2010-04-01
// Messages resource: create), its status callbacks and its inbound-message webhooks, written
// from Twilio's documentation so the sms package, and later the web server's tests, run
// without the network. Requests it sends are signed as Twilio signs them (X-Twilio-Signature).
package twiliotest

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Message is a message as the fake recorded it.
type Message struct {
	SID                 string
	To                  string
	From                string
	MessagingServiceSID string
	Body                string
	StatusCallback      string
	Status              string
}

// Failure is an answer the fake gives instead of the real one, once.
type Failure int

// The failures.
const (
	RateLimitSeconds Failure = iota + 1 // 429, error 20429, Retry-After in seconds
	RateLimitDate                       // 429, error 20429, Retry-After as an HTTP-date
	Unauthorized                        // 401, error 20003, as for a revoked key
	Malformed                           // 201 with a body cut off mid-JSON
	MalformedSID                        // 201 with JSON that has no sid
	Unavailable                         // 503
)

// RetryAfter is the delay the RateLimit failures ask for.
const RetryAfter = 90 * time.Second

// Twilio error codes the fake answers with.
const (
	CodeAuthentication  = 20003
	CodeNotFound        = 20404
	CodeTooManyRequests = 20429
	CodeBodyRequired    = 21602
	CodeFromRequired    = 21603
	CodeToRequired      = 21604
	CodeInvalidTo       = 21211
	CodeUnsubscribed    = 21610
	CodeBodyTooLong     = 21617
)

// Server is a running fake. Its methods are safe for concurrent use.
type Server struct {
	*httptest.Server
	AccountSID string
	AuthToken  string // signs callbacks and inbound webhooks, and authenticates as the account

	mu       sync.Mutex
	keys     map[string]string // API key SID -> secret
	rejected map[string]int    // To number -> Twilio error code
	failures []Failure
	messages []Message
	requests int
}

// NewServer starts a fake for one account. Close it when done.
func NewServer(accountSID, authToken string) *Server {
	s := &Server{AccountSID: accountSID, AuthToken: authToken, keys: map[string]string{}, rejected: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /2010-04-01/Accounts/{account}/Messages.json", s.create)
	s.Server = httptest.NewServer(s.guard(mux))
	return s
}

// AddAPIKey lets sid and secret authenticate as the account.
func (s *Server) AddAPIKey(sid, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys[sid] = secret
}

// Unsubscribe makes sends to number fail with 21610, as after the recipient replied STOP.
func (s *Server) Unsubscribe(number string) { s.Reject(number, CodeUnsubscribed) }

// Reject makes sends to number fail with 400 and the Twilio error code, such as 21211 for a
// number that looks right but is not in service.
func (s *Server) Reject(number string, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejected[number] = code
}

// Fail makes the next requests, one each, answer with the failures in order.
func (s *Server) Fail(f ...Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, f...)
}

// Messages returns the messages created, oldest first.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.messages)
}

// Requests returns how many requests the fake has answered.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// guard counts requests, serves queued failures and checks HTTP Basic credentials: the account
// SID with the auth token, or an API key SID with its secret.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests++
		var f Failure
		if len(s.failures) > 0 {
			f, s.failures = s.failures[0], s.failures[1:]
		}
		user, pass, ok := r.BasicAuth()
		authed := ok && (user == s.AccountSID && pass == s.AuthToken ||
			strings.HasPrefix(user, "SK") && s.keys[user] != "" && s.keys[user] == pass)
		s.mu.Unlock()
		switch f {
		case RateLimitSeconds:
			w.Header().Set("Retry-After", strconv.Itoa(int(RetryAfter/time.Second)))
			apiError(w, http.StatusTooManyRequests, CodeTooManyRequests, "Too Many Requests")
			return
		case RateLimitDate:
			w.Header().Set("Retry-After", time.Now().Add(RetryAfter).UTC().Format(http.TimeFormat))
			apiError(w, http.StatusTooManyRequests, CodeTooManyRequests, "Too Many Requests")
			return
		case Unauthorized:
			authed = false
		case Unavailable:
			apiError(w, http.StatusServiceUnavailable, 0, "Service Unavailable")
			return
		}
		if !authed {
			w.Header().Set("WWW-Authenticate", `Basic realm="Twilio API"`)
			apiError(w, http.StatusUnauthorized, CodeAuthentication, "Authenticate")
			return
		}
		if f == Malformed || f == MalformedSID {
			r = r.WithContext(withFailure(r.Context(), f))
		}
		next.ServeHTTP(w, r)
	})
}

// apiError writes Twilio's JSON error body.
func apiError(w http.ResponseWriter, status, code int, msg string) {
	body := map[string]any{"status": status, "message": msg}
	if code != 0 {
		body["code"] = code
		body["more_info"] = "https://www.twilio.com/docs/errors/" + strconv.Itoa(code)
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// Sign returns the X-Twilio-Signature Twilio sends with a POST of params to fullURL: base64
// of HMAC-SHA1, keyed with the auth token, over the URL followed by each parameter's name and
// value, sorted by name (and by value within a name).
func Sign(authToken, fullURL string, params url.Values) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	m := hmac.New(sha1.New, []byte(authToken))
	m.Write([]byte(fullURL))
	for _, k := range keys {
		vs := slices.Clone(params[k])
		slices.Sort(vs)
		for _, v := range vs {
			m.Write([]byte(k))
			m.Write([]byte(v))
		}
	}
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// post sends params to fullURL as Twilio sends webhooks: form-encoded and signed.
func (s *Server) post(client *http.Client, fullURL string, params url.Values) error {
	req, err := http.NewRequest(http.MethodPost, fullURL, strings.NewReader(params.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", Sign(s.AuthToken, fullURL, params))
	req.Header.Set("User-Agent", "TwilioProxy/1.1")
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("twiliotest: the webhook answered %d", resp.StatusCode)
	}
	return nil
}

// Callback moves message sid to status ("sent", "delivered", "undelivered", "failed"...) and
// posts the status callback to the message's StatusCallback URL, with errorCode when not 0.
// client is nil for http.DefaultClient.
func (s *Server) Callback(client *http.Client, sid, status string, errorCode int) error {
	s.mu.Lock()
	i := slices.IndexFunc(s.messages, func(m Message) bool { return m.SID == sid })
	if i < 0 {
		s.mu.Unlock()
		return fmt.Errorf("twiliotest: no message %s", sid)
	}
	s.messages[i].Status = status
	m := s.messages[i]
	s.mu.Unlock()
	if m.StatusCallback == "" {
		return fmt.Errorf("twiliotest: message %s has no status callback", sid)
	}
	p := url.Values{
		"AccountSid": {s.AccountSID}, "ApiVersion": {"2010-04-01"},
		"MessageSid": {m.SID}, "SmsSid": {m.SID},
		"MessageStatus": {status}, "SmsStatus": {status},
		"To": {m.To}, "From": {m.From},
	}
	if m.MessagingServiceSID != "" {
		p.Set("MessagingServiceSid", m.MessagingServiceSID)
	}
	if errorCode != 0 {
		p.Set("ErrorCode", strconv.Itoa(errorCode))
	}
	return s.post(client, m.StatusCallback, p)
}

// Inbound posts an incoming text from one number to another to webhookURL, as Twilio does
// when someone texts the practice. client is nil for http.DefaultClient.
func (s *Server) Inbound(client *http.Client, webhookURL, from, to, body string) error {
	s.mu.Lock()
	sid := newSID("SM", len(s.messages)+1000)
	s.mu.Unlock()
	p := url.Values{
		"AccountSid": {s.AccountSID}, "ApiVersion": {"2010-04-01"},
		"MessageSid": {sid}, "SmsMessageSid": {sid}, "SmsSid": {sid}, "SmsStatus": {"received"},
		"From": {from}, "To": {to}, "Body": {body}, "NumMedia": {"0"}, "NumSegments": {"1"},
	}
	return s.post(client, webhookURL, p)
}

// newSID makes a 34-character SID: the prefix and 32 hex digits.
func newSID(prefix string, n int) string {
	return fmt.Sprintf("%s%032x", prefix, n)
}
