package facebook

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/connector"
)

// graphError is Graph's error envelope, with the fields we use. Its message is never kept:
// it can echo the request, and so a reply's text.
type graphError struct {
	Error *struct {
		Code    int `json:"code"`
		Subcode int `json:"error_subcode"`
	} `json:"error"`
}

// Graph error codes that say what happened, whatever the HTTP status.
const (
	codeUnknown      = 1   // "An unknown error occurred": worth retrying
	codeService      = 2   // "Service temporarily unavailable"
	codeAppLimit     = 4   // the app's request limit
	codePermission   = 10  // a permission the token lacks
	codeUserLimit    = 17  // the user's request limit
	codePageLimit    = 32  // the Page's request limit
	codeParam        = 100 // an invalid parameter; with subcode 33, an object that does not exist
	codeExpiredToken = 190 // the access token expired or was invalidated
	codeCustomLimit  = 613 // a custom rate limit
	subcodeNoObject  = 33
)

// statusError maps a non-2xx response to the connector's errors, by Graph's error code when
// the body has one and by the HTTP status otherwise. The body is never quoted.
func statusError(resp *http.Response, body []byte, now time.Time) error {
	status := resp.StatusCode
	var ge graphError
	code, sub := 0, 0
	if json.Unmarshal(body, &ge) == nil && ge.Error != nil {
		code, sub = ge.Error.Code, ge.Error.Subcode
	}
	switch {
	case code == codeExpiredToken || code == 0 && status == http.StatusUnauthorized:
		return fmt.Errorf("facebook: %w", connector.ErrExpiredCredentials)
	case code == codeAppLimit || code == codeUserLimit || code == codePageLimit ||
		code == codeCustomLimit || status == http.StatusTooManyRequests:
		wait := connector.ParseRetryAfter(resp.Header.Get("Retry-After"), now)
		if wait == 0 {
			wait = DefaultRetryAfter
		}
		return fmt.Errorf("facebook: %w", &connector.RateLimited{RetryAfter: wait})
	case status >= 500 || code == codeUnknown || code == codeService:
		return fmt.Errorf("facebook: the API answered %d (code %d): %w", status, code, connector.ErrUnavailable)
	case code == codeParam && sub == subcodeNoObject || status == http.StatusNotFound:
		return bedside.Errorf(bedside.ENotFound, "facebook: the Page, post or comment does not exist")
	case code == codePermission || code >= 200 && code <= 299 || status == http.StatusForbidden:
		return bedside.Errorf(bedside.EForbidden, "facebook: the Page token may not read or answer these comments")
	}
	return bedside.Errorf(bedside.EInvalid, "facebook: the API refused the request (%d, code %d)", status, code)
}
