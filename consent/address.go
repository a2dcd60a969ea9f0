package consent

import (
	"errors"
	"net/mail"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// DefaultRegion is the region a phone number without a country code is read in.
const DefaultRegion = "US"

// Errors from Normalize; they never repeat the address.
var (
	ErrEmail = errors.New("not a valid email address")
	ErrPhone = errors.New("not a valid phone number")
)

// Normalize returns the one form of an address that the ledger and the suppression list key on:
// an email address trimmed and lower-cased, a phone number in E.164.
func Normalize(ch Channel, address string) (string, error) {
	address = strings.TrimSpace(address)
	switch ch {
	case Email:
		return normalizeEmail(address)
	case SMS:
		return normalizePhone(address)
	}
	return "", ErrChannel
}

func normalizeEmail(s string) (string, error) {
	s = strings.ToLower(s)
	if len(s) > 254 {
		return "", ErrEmail
	}
	a, err := mail.ParseAddress(s)
	// A display name or comments would let the same mailbox be written many ways.
	if err != nil || a.Name != "" || a.Address != s {
		return "", ErrEmail
	}
	at := strings.LastIndexByte(s, '@')
	if at < 1 || !strings.Contains(s[at+1:], ".") || strings.HasSuffix(s, ".") {
		return "", ErrEmail
	}
	return s, nil
}

func normalizePhone(s string) (string, error) {
	if s == "" || len(s) > 40 {
		return "", ErrPhone
	}
	n, err := phonenumbers.Parse(s, DefaultRegion)
	if err != nil || !phonenumbers.IsValidNumber(n) {
		return "", ErrPhone
	}
	return phonenumbers.Format(n, phonenumbers.E164), nil
}
