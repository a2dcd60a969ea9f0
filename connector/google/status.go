package google

import (
	"fmt"
	"net/http"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/connector"
)

// statusError maps a non-2xx response to the connector's errors. Google's error body may
// echo the request, so it is never quoted.
func statusError(resp *http.Response, now time.Time) error {
	code := resp.StatusCode
	switch {
	case code == http.StatusUnauthorized:
		return fmt.Errorf("google: %w", connector.ErrExpiredCredentials)
	case code == http.StatusTooManyRequests:
		return fmt.Errorf("google: %w", &connector.RateLimited{
			RetryAfter: connector.ParseRetryAfter(resp.Header.Get("Retry-After"), now),
		})
	case code >= 500:
		return fmt.Errorf("google: the API answered %d: %w", code, connector.ErrUnavailable)
	case code == http.StatusForbidden:
		return bedside.Errorf(bedside.EForbidden, "google: the account may not manage this location's reviews")
	case code == http.StatusNotFound:
		return bedside.Errorf(bedside.ENotFound, "google: the location or review does not exist")
	}
	return bedside.Errorf(bedside.EInvalid, "google: the API refused the request (%d)", code)
}
