package sms

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
)

// DefaultBaseURL is Twilio's REST endpoint; tests point BaseURL at twiliotest instead.
const DefaultBaseURL = "https://api.twilio.com"

// DefaultTimeout bounds one request, so a stalled API cannot hold a sender.
const DefaultTimeout = 30 * time.Second

// MaxBodyChars is the API's limit on Body (error 21617); treatment texts are far shorter.
const MaxBodyChars = 1600

// maxResponse bounds what is read of one answer: a Message resource is a few kilobytes.
const maxResponse = 1 << 20

// Config is one practice's account. Authenticate with the account's auth token, or better with
// an API key (APIKeySID "SK…" and its secret), which can be revoked alone.
type Config struct {
	AccountSID   string // "AC" and 32 hex digits; the account that sends
	AuthToken    string // with AccountSID, when APIKeySID is empty
	APIKeySID    string // "SK" and 32 hex digits
	APIKeySecret string
	BaseURL      string       // DefaultBaseURL when empty
	HTTP         *http.Client // a client with DefaultTimeout when nil
}

// Client sends one account's texts. It is safe for concurrent use.
type Client struct {
	cfg      Config
	endpoint string
	user     string
	pass     string
}

// New checks cfg and returns a Client. Errors are EInvalid and name no secret.
func New(cfg Config) (*Client, error) {
	if !validSID(cfg.AccountSID, "AC") {
		return nil, invalid("the account SID must be AC followed by 32 hex digits")
	}
	c := &Client{cfg: cfg, user: cfg.AccountSID, pass: cfg.AuthToken}
	if cfg.APIKeySID != "" {
		if !validSID(cfg.APIKeySID, "SK") {
			return nil, invalid("the API key SID must be SK followed by 32 hex digits")
		}
		c.user, c.pass = cfg.APIKeySID, cfg.APIKeySecret
	}
	if c.pass == "" {
		return nil, invalid("an auth token or API key secret is required")
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	base, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || base.Host == "" || base.Scheme != "https" && base.Scheme != "http" {
		return nil, invalid("the base URL must be absolute")
	}
	if cfg.HTTP == nil {
		cfg.HTTP = &http.Client{Timeout: DefaultTimeout}
	}
	c.cfg = cfg
	c.endpoint = base.String() + "/2010-04-01/Accounts/" + cfg.AccountSID + "/Messages.json"
	return c, nil
}

// Message is one text to send. Exactly one of From and MessagingServiceSID is set.
type Message struct {
	To                  string // E.164, such as "+15550100123"
	From                string // E.164 number or short code of the account
	MessagingServiceSID string // "MG…", which picks the sender itself
	Body                string
	StatusCallback      string // an absolute URL Twilio posts status changes to; optional
}

// Sent is the API's answer to a send: the Message resource, with the fields we use.
type Sent struct {
	SID          string // "SM…" or "MM…"; keeps the status callbacks together
	Status       string // "queued" or "accepted" at first; "failed" when refused at once
	ErrorCode    int    // 0 unless Status is failed or undelivered
	ErrorMessage string // Twilio's words for ErrorCode; may quote the number: never log it
	Segments     int    // num_segments; 0 until a Messaging Service has picked a sender
}

// Send creates the message. It does not retry: a 429 or 5xx comes back as an error that
// Retryable accepts, and the caller schedules the retry, ideally within quiet hours again. A
// 5xx or a network error may hide a message that was created, so a caller that retries may
// send twice.
func (c *Client) Send(ctx context.Context, m Message) (Sent, error) {
	if err := m.check(); err != nil {
		return Sent{}, err
	}
	form := url.Values{"To": {m.To}, "Body": {m.Body}}
	if m.From != "" {
		form.Set("From", m.From)
	} else {
		form.Set("MessagingServiceSid", m.MessagingServiceSID)
	}
	if m.StatusCallback != "" {
		form.Set("StatusCallback", m.StatusCallback)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return Sent{}, fmt.Errorf("sms: build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.SetBasicAuth(c.user, c.pass)

	resp, err := c.cfg.HTTP.Do(req)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return Sent{}, fmt.Errorf("sms: send: %w", ctxErr)
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the cause without the URL
		}
		return Sent{}, fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse+1))
	if err != nil {
		return Sent{}, fmt.Errorf("%w: read response: %w", ErrUnavailable, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return Sent{}, apiError(resp.StatusCode, errorCode(body), resp.Header, time.Now())
	}
	if len(body) > maxResponse {
		return Sent{}, malformed("the response is larger than 1 MiB")
	}
	return decodeSent(body)
}

// check refuses a message the API would refuse, before it leaves; no message names the value.
func (m Message) check() error {
	switch {
	case !validE164(m.To):
		return ErrInvalidNumber
	case (m.From == "") == (m.MessagingServiceSID == ""):
		return invalid("exactly one of From and MessagingServiceSid is required")
	case m.MessagingServiceSID != "" && !validSID(m.MessagingServiceSID, "MG"):
		return invalid("the messaging service SID must be MG followed by 32 hex digits")
	case strings.TrimSpace(m.Body) == "":
		return invalid("the message body is empty")
	case len([]rune(m.Body)) > MaxBodyChars:
		return invalid("the message body is longer than 1600 characters")
	}
	if m.StatusCallback != "" {
		u, err := url.Parse(m.StatusCallback)
		if err != nil || u.Host == "" || u.Scheme != "https" && u.Scheme != "http" {
			return invalid("the status callback must be an absolute http(s) URL")
		}
	}
	return nil
}

// resource is the Message resource as the API serves it, with the fields we read. error_code
// is a number or null; num_segments is a string of digits.
type resource struct {
	SID          string  `json:"sid"`
	Status       string  `json:"status"`
	ErrorCode    *int    `json:"error_code"`
	ErrorMessage *string `json:"error_message"`
	NumSegments  *string `json:"num_segments"`
}

func decodeSent(body []byte) (Sent, error) {
	var r resource
	if err := json.Unmarshal(body, &r); err != nil {
		return Sent{}, malformed("the message is not JSON")
	}
	if !validSID(r.SID, "SM") && !validSID(r.SID, "MM") {
		return Sent{}, malformed("the message has no valid sid")
	}
	if !knownStatus[r.Status] {
		return Sent{}, malformed("the message status is not one the API documents")
	}
	s := Sent{SID: r.SID, Status: r.Status}
	if r.ErrorCode != nil {
		s.ErrorCode = *r.ErrorCode
	}
	if r.ErrorMessage != nil {
		s.ErrorMessage = *r.ErrorMessage
	}
	if r.NumSegments != nil {
		n, ok := digits(*r.NumSegments)
		if !ok {
			return Sent{}, malformed("num_segments is not a number")
		}
		s.Segments = n
	}
	return s, nil
}

// knownStatus is the Message resource's status enum.
var knownStatus = map[string]bool{
	"queued": true, "sending": true, "sent": true, "failed": true, "delivered": true,
	"undelivered": true, "receiving": true, "received": true, "accepted": true,
	"scheduled": true, "read": true, "partially_delivered": true, "canceled": true,
}

// errorCode reads "code" from Twilio's error body ({"code": 21610, "message": ..., "more_info":
// ..., "status": 400}), or 0. The message is never read: it quotes the number.
func errorCode(body []byte) int {
	var e struct {
		Code int `json:"code"`
	}
	if json.Unmarshal(body, &e) != nil {
		return 0
	}
	return e.Code
}

func invalid(msg string) error {
	return bedside.Errorf(bedside.EInvalid, "sms: %s", msg)
}

// validSID reports whether s is prefix followed by 32 lower-case hex digits, as Twilio's SIDs
// are; only such a SID goes into a URL path.
func validSID(s, prefix string) bool {
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok || len(rest) != 32 {
		return false
	}
	for _, r := range rest {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F') {
			return false
		}
	}
	return true
}

// validE164 reports whether s is "+" and 8 to 15 digits, the first not 0.
func validE164(s string) bool {
	d, ok := strings.CutPrefix(s, "+")
	if !ok || len(d) < 8 || len(d) > 15 || d[0] == '0' {
		return false
	}
	for _, r := range d {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// digits parses a short string of ASCII digits.
func digits(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, true
}
