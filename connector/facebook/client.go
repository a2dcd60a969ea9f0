// Package facebook reads and answers the comments on a Facebook Page's posts through Meta's
// Graph API (a Page's /feed, a post's /comments, and replying through a comment's /comments
// edge), and checks the Page webhooks Meta sends when a comment is added. It takes a Page
// access token from the caller and implements connector.Source. Comment text never reaches an
// error or a log.
package facebook

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

// DefaultBaseURL is Meta's endpoint; tests point BaseURL at fbtest instead.
const DefaultBaseURL = "https://graph.facebook.com"

// DefaultAPIVersion is the Graph API version requests name. Meta retires a version about two
// years after it ships, so the caller can move ahead without a release of Bedside.
const DefaultAPIVersion = "v25.0"

// MaxPageSize is the largest limit this package asks of the comments edge.
const MaxPageSize = 100

// DefaultPageSize is the comments limit when Config.PageSize is zero: Graph's own default.
const DefaultPageSize = 25

// DefaultTimeout bounds one request, so a stalled API cannot hold a sync worker.
const DefaultTimeout = 30 * time.Second

// DefaultRetryAfter is how long a rate-limited caller should wait when Graph did not say.
// Graph's throttling errors (codes 4, 17, 32, 613) usually come without Retry-After; its
// usage headers count in minutes, so a minute is the smallest wait likely to help.
const DefaultRetryAfter = 60 * time.Second

// name is the Source name and the prefix of this package's errors.
const name = "facebook"

// TokenSource returns the Page access token (with pages_read_engagement and
// pages_manage_engagement). The caller owns getting and storing it; when Meta has invalidated
// it the package returns connector.ErrExpiredCredentials.
type TokenSource func(ctx context.Context) (string, error)

// Config says which Page to read and how.
type Config struct {
	PageID     string       // the Page's numeric id
	Token      TokenSource  // required
	BaseURL    string       // DefaultBaseURL when empty
	APIVersion string       // DefaultAPIVersion when empty, such as "v25.0"
	PageSize   int          // comments per request; DefaultPageSize when zero, at most MaxPageSize
	HTTP       *http.Client // a client with DefaultTimeout when nil
}

// Client is one Page's comments. It is safe for concurrent use.
type Client struct {
	cfg  Config
	base *url.URL
}

var _ connector.Source = (*Client)(nil)

// New checks cfg and returns a Client. Errors are EInvalid.
func New(cfg Config) (*Client, error) {
	if !validID(cfg.PageID) || strings.Contains(cfg.PageID, "_") {
		return nil, bedside.Errorf(bedside.EInvalid, "facebook: the Page id must be the Page's numeric id")
	}
	if cfg.Token == nil {
		return nil, bedside.Errorf(bedside.EInvalid, "facebook: a token source is required")
	}
	if cfg.APIVersion == "" {
		cfg.APIVersion = DefaultAPIVersion
	}
	if !validVersion(cfg.APIVersion) {
		return nil, bedside.Errorf(bedside.EInvalid, "facebook: the API version must look like v25.0")
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	base, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || base.Host == "" || base.Scheme != "https" && base.Scheme != "http" {
		return nil, bedside.Errorf(bedside.EInvalid, "facebook: the base URL must be absolute")
	}
	if cfg.PageSize <= 0 {
		cfg.PageSize = DefaultPageSize
	}
	cfg.PageSize = min(cfg.PageSize, MaxPageSize)
	if cfg.HTTP == nil {
		cfg.HTTP = &http.Client{Timeout: DefaultTimeout}
	}
	return &Client{cfg: cfg, base: base}, nil
}

// Name returns "facebook".
func (c *Client) Name() string { return name }

// validID accepts Graph object ids: digits, and for posts and comments two runs of digits
// joined by "_". They need no escaping, so an id can go into a path as it is and cannot
// climb out of it.
func validID(s string) bool {
	if s == "" || len(s) > 64 || s[0] == '_' || s[len(s)-1] == '_' || strings.Count(s, "_") > 1 {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '_' {
			return false
		}
	}
	return true
}

// validVersion accepts "v" digits "." digits.
func validVersion(s string) bool {
	major, minor, ok := strings.Cut(strings.TrimPrefix(s, "v"), ".")
	return ok && len(s) > 1 && s[0] == 'v' && validID(major) && validID(minor) &&
		!strings.Contains(major+minor, "_")
}

// do sends req with the bearer token and returns the body of a 2xx response, bounded by
// connector.MaxBody; any other status becomes an error from statusError. The token goes in the
// Authorization header, which Graph accepts as well as access_token, to keep it out of URLs
// that proxies and logs record.
func (c *Client) do(req *http.Request) ([]byte, error) {
	tok, err := c.cfg.Token(req.Context())
	if err != nil {
		return nil, fmt.Errorf("facebook: get access token: %w", err)
	}
	resp, body, err := connector.Fetch(c.cfg.HTTP, req, name, tok)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, statusError(resp, body, time.Now())
	}
	return body, nil
}
