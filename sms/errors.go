package sms

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/connector"
)

// Twilio error codes this package acts on (twilio.com/docs/api/errors).
const (
	CodeAuthentication  = 20003 // the credentials were refused
	CodeNotFound        = 20404 // no such account or resource
	CodeTooManyRequests = 20429 // the account's concurrency limit
	CodeInvalidTo       = 21211 // the To number is not a phone number
	CodeUnsubscribed    = 21610 // the recipient replied STOP to this sender
	CodeNotMobile       = 21614 // the To number cannot receive texts
)

// Errors a send can end in. None of their messages holds a number, a body or Twilio's own
// text, which quotes both.
var (
	// ErrCredentials means Twilio refused the account SID/API key and secret: retrying cannot
	// help, the practice must enter them again.
	ErrCredentials = &bedside.Error{Code: bedside.EUnauthorized,
		Message: "sms: the SMS provider refused the account's credentials; enter them again"}
	// ErrUnsubscribed means the recipient has opted out at the carrier or provider (21610):
	// the caller must record the opt-out and suppress the number, as for a STOP reply.
	ErrUnsubscribed = &bedside.Error{Code: bedside.EForbidden,
		Message: "sms: the recipient has unsubscribed from this sender; they must not be texted"}
	// ErrInvalidNumber means the number cannot receive texts (21211, 21614).
	ErrInvalidNumber = &bedside.Error{Code: bedside.EInvalid,
		Message: "sms: the recipient's number cannot receive texts"}
	// ErrRefused is any other 4xx: the request is wrong and repeating it will not help.
	ErrRefused = &bedside.Error{Code: bedside.EInvalid,
		Message: "sms: the SMS provider refused the message"}
	// ErrUnavailable means the provider failed in a way worth retrying later: a 5xx status or
	// a network error. After one the message may or may not have been created.
	ErrUnavailable = errors.New("sms: the SMS provider is unavailable; try again later")

	errRateLimited = &bedside.Error{Code: bedside.ERateLimited,
		Message: "sms: the SMS provider asks us to slow down"}
)

// APIError is a refusal from the API: the HTTP status and Twilio's error code (0 when the body
// had none). It unwraps to one of the errors above, so errors.Is(err, ErrUnsubscribed) and
// bedside.ErrorCode work on it.
type APIError struct {
	Status int
	Code   int
	err    error
}

func (e *APIError) Error() string {
	if e.Code != 0 {
		return fmt.Sprintf("%s (HTTP %d, error %d)", e.err.Error(), e.Status, e.Code)
	}
	return fmt.Sprintf("%s (HTTP %d)", e.err.Error(), e.Status)
}

// Unwrap returns the error the status and code map to.
func (e *APIError) Unwrap() error { return e.err }

// RateLimited means the API answered 429. It unwraps to an ERateLimited *bedside.Error.
type RateLimited struct {
	RetryAfter time.Duration // what Retry-After asked for, at most a day; 0 when absent
	Code       int           // Twilio's error code, usually 20429
}

func (e *RateLimited) Error() string {
	if e.RetryAfter > 0 {
		return fmt.Sprintf("%s; retry after %s", errRateLimited.Message, e.RetryAfter)
	}
	return errRateLimited.Message
}

// Unwrap returns an ERateLimited *bedside.Error, for the web server's status table.
func (e *RateLimited) Unwrap() error { return errRateLimited }

// Retryable reports whether err may pass if the same message is sent later unchanged.
func Retryable(err error) bool {
	var rl *RateLimited
	return errors.As(err, &rl) || errors.Is(err, ErrUnavailable)
}

// apiError maps a non-2xx response. code is Twilio's error code from the body, 0 if none.
func apiError(status, code int, header http.Header, now time.Time) error {
	switch {
	case status == http.StatusTooManyRequests:
		return &RateLimited{RetryAfter: connector.ParseRetryAfter(header.Get("Retry-After"), now), Code: code}
	case status >= 500:
		return &APIError{Status: status, Code: code, err: ErrUnavailable}
	case status == http.StatusUnauthorized || code == CodeAuthentication:
		return &APIError{Status: status, Code: code, err: ErrCredentials}
	case code == CodeUnsubscribed:
		return &APIError{Status: status, Code: code, err: ErrUnsubscribed}
	case code == CodeInvalidTo || code == CodeNotMobile:
		return &APIError{Status: status, Code: code, err: ErrInvalidNumber}
	}
	return &APIError{Status: status, Code: code, err: ErrRefused}
}

// malformed is the error for a response that is not what the API documents. what is in our
// words; the payload is never quoted, since it echoes the body and the number. After a
// malformed 2xx the message may have been sent, so it is not Retryable.
func malformed(what string) error {
	return bedside.Errorf(bedside.EInvalid, "sms: the SMS provider sent a malformed response: %s", what)
}
