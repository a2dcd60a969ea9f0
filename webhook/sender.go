package webhook

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/bedsidehq/bedside"
)

// DefaultTimeout bounds one delivery, connection to last header byte: a slow receiver must not
// hold a sender worker for long, and the event will be retried.
const DefaultTimeout = 10 * time.Second

// maxResponse is how much of a response is read before closing it. The content is never used;
// reading a little lets the connection be reused, and the bound stops a hostile endpoint from
// streaming forever.
const maxResponse = 64 << 10

// userAgent lets receivers recognise and allow Bedside's requests.
const userAgent = "Bedside-Webhook/1"

// ErrGone means the endpoint answered 410 Gone: its owner asks for no more events, so the
// caller should disable the endpoint rather than retry.
var ErrGone = errors.New("webhook: the endpoint answered 410 Gone and asks to be disabled")

// DeliveryError is a failed attempt worth retrying later (see NextAttempt): a non-2xx status
// other than 410, a redirect, a timeout or a network error. It never holds the response body.
type DeliveryError struct {
	StatusCode int   // the endpoint's status, or 0 when no response came
	Err        error // the network error, when no response came
}

// Error says what failed, with no response body and no URL.
func (e *DeliveryError) Error() string {
	switch {
	case e.StatusCode >= 300 && e.StatusCode < 400:
		return fmt.Sprintf("webhook: the endpoint answered %d; redirects are not followed, the URL must be updated", e.StatusCode)
	case e.StatusCode != 0:
		return fmt.Sprintf("webhook: the endpoint answered %d", e.StatusCode)
	}
	return fmt.Sprintf("webhook: delivery failed: %v", e.Err)
}

// Unwrap returns the network error, so callers can test it with errors.Is.
func (e *DeliveryError) Unwrap() error { return e.Err }

// Config sets what a Sender may reach. The zero value is right in production.
type Config struct {
	Timeout       time.Duration // per delivery; DefaultTimeout when zero
	AllowInsecure bool          // accept http:// URLs, for tests and a receiver on localhost
	AllowPrivate  bool          // dial private, loopback and link-local addresses, likewise
}

// Sender delivers events. It is safe for concurrent use and should be shared, so connections
// to an endpoint are reused.
type Sender struct {
	cfg    Config
	client *http.Client
}

// Endpoint is where a practice receives events, and the secrets to sign them with: usually
// one, two while the practice rotates (the new one first).
type Endpoint struct {
	URL     string
	Secrets []string
}

// NewSender returns a Sender with its own HTTP client.
func NewSender(cfg Config) *Sender {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	d := &net.Dialer{Timeout: cfg.Timeout, KeepAlive: 30 * time.Second}
	if !cfg.AllowPrivate {
		d.Control = refusePrivate
	}
	tr := &http.Transport{
		// No proxy from the environment: the dialler would then check the proxy's address
		// instead of the endpoint's, and the private-address refusal would not hold.
		Proxy:                  nil,
		DialContext:            d.DialContext,
		ForceAttemptHTTP2:      true,
		TLSClientConfig:        &tls.Config{MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:    cfg.Timeout,
		MaxIdleConnsPerHost:    2,
		IdleConnTimeout:        90 * time.Second,
		MaxResponseHeaderBytes: maxResponse,
	}
	return &Sender{cfg: cfg, client: &http.Client{
		Transport: tr,
		Timeout:   cfg.Timeout,
		// A redirect is a failure: following it would POST signed content to a URL nobody
		// configured, possibly an internal one, and the spec asks the owner to fix the URL.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// Send makes one attempt to deliver e to ep, signed at the current time. It returns nil when the
// endpoint answered 2xx; ErrGone; a *DeliveryError to retry later; or an EInvalid
// *bedside.Error when the endpoint's configuration is wrong (URL, secret, private address),
// which retrying cannot fix.
func (s *Sender) Send(ctx context.Context, ep Endpoint, e Event) error {
	u, err := s.checkURL(ep.URL)
	if err != nil {
		return err
	}
	body, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("webhook: encode event: %w", err)
	}
	h, err := Sign(ep.Secrets, e.ID, time.Now(), body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return bedside.Errorf(bedside.EInvalid, "webhook: the URL cannot be requested")
	}
	req.Header = h
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", userAgent)

	resp, err := s.client.Do(req)
	if err != nil {
		if errors.Is(err, ErrPrivateAddress) {
			return ErrPrivateAddress
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the cause without the URL, which may carry the practice's token
		}
		return &DeliveryError{Err: err}
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxResponse))
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return nil
	case resp.StatusCode == http.StatusGone:
		return ErrGone
	}
	return &DeliveryError{StatusCode: resp.StatusCode}
}

// checkURL accepts an absolute https URL, or http when the Sender allows it. Messages do not
// quote the URL: it is the practice's own, and may carry a token.
func (s *Sender) checkURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return nil, bedside.Errorf(bedside.EInvalid, "webhook: the URL must be absolute, such as https://example.com/hooks")
	}
	if u.Scheme == "https" || u.Scheme == "http" && s.cfg.AllowInsecure {
		return u, nil
	}
	return nil, bedside.Errorf(bedside.EInvalid, "webhook: the URL must use https")
}
