package connector

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"0", 0},
		{"120", 2 * time.Minute},
		{" 7 ", 7 * time.Second},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{"Thu, 26 Nov 2026 12:00:30 GMT", 30 * time.Second},
		{"Thursday, 26-Nov-26 12:01:00 GMT", time.Minute}, // RFC 850, still to be accepted
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"-5", 0},
		{"1.5", 0},
		{"soon", 0},
		{"999999999", 24 * time.Hour},
	}
	for _, tt := range tests {
		if got := ParseRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("ParseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"", "120", "Thu, 26 Nov 2026 12:00:30 GMT", "-1", "18446744073709551616"} {
		f.Add(s)
	}
	now := time.Now()
	f.Fuzz(func(t *testing.T, s string) {
		if d := ParseRetryAfter(s, now); d < 0 || d > maxRetryAfter {
			t.Fatalf("ParseRetryAfter(%q) = %v, out of range", s, d)
		}
	})
}

func TestErrorsCarryCodes(t *testing.T) {
	rl := fmt.Errorf("google: %w", &RateLimited{RetryAfter: time.Minute})
	if got := bedside.ErrorCode(rl); got != bedside.ERateLimited {
		t.Errorf("RateLimited code = %q", got)
	}
	if !Retryable(rl) || !Retryable(fmt.Errorf("x: %w", ErrUnavailable)) || Retryable(ErrExpiredCredentials) {
		t.Error("Retryable misclassifies")
	}
	if got := bedside.ErrorCode(fmt.Errorf("google: %w", ErrExpiredCredentials)); got != bedside.EUnauthorized {
		t.Errorf("ErrExpiredCredentials code = %q", got)
	}
	m := Malformed("google", "a review has an unknown time format")
	if bedside.ErrorCode(m) != bedside.EInvalid || errors.Is(m, ErrUnavailable) {
		t.Errorf("Malformed = %v", m)
	}
}
