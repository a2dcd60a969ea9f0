package connector

import (
	"errors"
	"fmt"
	"time"

	"github.com/bedsidehq/bedside"
)

// ErrExpiredCredentials means the site refused the practice's credentials (HTTP 401, or an
// OAuth invalid_grant from the token source): retrying cannot help, the practice must connect
// the account again. Its code is EUnauthorized.
var ErrExpiredCredentials = &bedside.Error{
	Code:    bedside.EUnauthorized,
	Message: "the review site no longer accepts this account's credentials; connect the account again",
}

// ErrUnavailable means the site failed in a way worth retrying later: a 5xx status or a
// network error. Sources wrap it with the detail.
var ErrUnavailable = errors.New("the review site is unavailable; try again later")

// errRateLimited gives *RateLimited its code, so bedside.ErrorCode reports ERateLimited.
var errRateLimited = &bedside.Error{
	Code:    bedside.ERateLimited,
	Message: "the review site asks us to slow down; try again later",
}

// RateLimited means the site answered 429 Too Many Requests.
type RateLimited struct {
	RetryAfter time.Duration // how long the site asks us to wait; 0 when it did not say
}

func (e *RateLimited) Error() string {
	if e.RetryAfter > 0 {
		return fmt.Sprintf("the review site asks us to slow down; retry after %s", e.RetryAfter)
	}
	return errRateLimited.Message
}

// Unwrap returns an ERateLimited *bedside.Error, for the web server's status table.
func (e *RateLimited) Unwrap() error { return errRateLimited }

// Retryable reports whether err is worth trying again later without the practice's help.
func Retryable(err error) bool {
	var rl *RateLimited
	return errors.As(err, &rl) || errors.Is(err, ErrUnavailable)
}

// Malformed returns the EInvalid error for a response that is not what the site documents.
// what says which part was wrong, in our words: the payload itself is never quoted, since it
// may hold a patient's review.
func Malformed(source, what string) error {
	return bedside.Errorf(bedside.EInvalid, "%s: the site sent a malformed response: %s", source, what)
}
