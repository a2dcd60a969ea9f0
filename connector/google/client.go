// Package google reads and answers a location's reviews through the Google Business Profile
// API (mybusiness.googleapis.com/v4, accounts.locations.reviews). It takes an OAuth2 access
// token from the caller and implements connector.Source. Review text never reaches an error
// or a log.
package google

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/connector"
)

// DefaultBaseURL is Google's endpoint; tests point BaseURL at googletest instead.
const DefaultBaseURL = "https://mybusiness.googleapis.com"

// MaxPageSize is the largest page reviews.list serves.
const MaxPageSize = 50

// DefaultTimeout bounds one request, so a stalled API cannot hold a sync worker.
const DefaultTimeout = 30 * time.Second

// name is the Source name and the prefix of this package's errors.
const name = "google"

// TokenSource returns a current OAuth2 access token with the business.manage scope. The
// caller owns the OAuth flow and refreshing; when the refresh token is refused
// (invalid_grant) it should return an error wrapping connector.ErrExpiredCredentials.
type TokenSource func(ctx context.Context) (string, error)

// Config says which location to read and how.
type Config struct {
	Location string       // "accounts/{accountId}/locations/{locationId}"
	Token    TokenSource  // required
	BaseURL  string       // DefaultBaseURL when empty
	PageSize int          // MaxPageSize when zero
	HTTP     *http.Client // a client with DefaultTimeout when nil
}

// Client is one location's reviews. It is safe for concurrent use.
type Client struct {
	cfg  Config
	base *url.URL
}

var _ connector.Source = (*Client)(nil)

// New checks cfg and returns a Client. Errors are EInvalid.
func New(cfg Config) (*Client, error) {
	if !validLocation(cfg.Location) {
		return nil, bedside.Errorf(bedside.EInvalid, "google: the location must look like accounts/123/locations/456")
	}
	if cfg.Token == nil {
		return nil, bedside.Errorf(bedside.EInvalid, "google: a token source is required")
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	base, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || base.Host == "" || base.Scheme != "https" && base.Scheme != "http" {
		return nil, bedside.Errorf(bedside.EInvalid, "google: the base URL must be absolute")
	}
	if cfg.PageSize <= 0 || cfg.PageSize > MaxPageSize {
		cfg.PageSize = MaxPageSize
	}
	if cfg.HTTP == nil {
		cfg.HTTP = &http.Client{Timeout: DefaultTimeout}
	}
	return &Client{cfg: cfg, base: base}, nil
}

// Name returns "google".
func (c *Client) Name() string { return name }

// validLocation accepts accounts/{id}/locations/{id} with ids that need no escaping, so the
// name can go into a path as it is and cannot climb out of it.
func validLocation(s string) bool {
	p := strings.Split(s, "/")
	return len(p) == 4 && p[0] == "accounts" && p[2] == "locations" && validID(p[1]) && validID(p[3])
}

func validID(s string) bool {
	if s == "" || s == "." || s == ".." {
		return false
	}
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.~", r)
		if !ok {
			return false
		}
	}
	return true
}

// do sends req with the bearer token and returns the body of a 2xx response, bounded by
// connector.MaxBody; any other status becomes an error from statusError.
func (c *Client) do(req *http.Request) ([]byte, error) {
	tok, err := c.cfg.Token(req.Context())
	if err != nil {
		return nil, fmt.Errorf("google: get access token: %w", err)
	}
	resp, body, err := connector.Fetch(c.cfg.HTTP, req, name, tok)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, statusError(resp, time.Now())
	}
	return body, nil
}
