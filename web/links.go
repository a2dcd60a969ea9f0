package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
)

// confirmTTL is how long a double opt-in link works.
const confirmTTL = 48 * time.Hour

// confirmLink is what a confirmation link carries: ids and an expiry, never an address, since the
// link travels in a URL.
type confirmLink struct {
	PracticeID int64
	ContactID  int64
	Given      []int64 // the given events the link confirms
	Expires    time.Time
}

// Errors a confirmation link can meet; the page shows the message.
var (
	errLinkInvalid = bedside.Errorf(bedside.ENotFound, "This confirmation link is not valid. Copy the whole link from the email, or sign up again.")
	errLinkExpired = bedside.Errorf(bedside.EInvalid, "This confirmation link has expired (links work for 48 hours). Please sign up again to get a new one.")
)

// linkKey is the key that signs links: the configured secret, or the one kept in the database.
func (s *Server) linkKey(ctx context.Context) ([]byte, error) {
	if len(s.cfg.LinkSecret) > 0 {
		return s.cfg.LinkSecret, nil
	}
	return s.db.LinkKey(ctx)
}

func mac(key []byte, purpose, payload string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(purpose + "\x00" + payload))
	return m.Sum(nil)
}

// signConfirm makes the token: base64url(payload) "." base64url(HMAC-SHA256(payload)), the
// payload being "practice.contact.expiry.id-id-id".
func signConfirm(key []byte, l confirmLink) string {
	ids := make([]string, len(l.Given))
	for i, id := range l.Given {
		ids[i] = strconv.FormatInt(id, 10)
	}
	payload := strings.Join([]string{strconv.FormatInt(l.PracticeID, 10), strconv.FormatInt(l.ContactID, 10),
		strconv.FormatInt(l.Expires.Unix(), 10), strings.Join(ids, "-")}, ".")
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(payload)) + "." + enc.EncodeToString(mac(key, "confirm", payload))
}

// verifyConfirm checks the signature first and the expiry second, so a tampered link never
// reveals anything about its contents.
func verifyConfirm(key []byte, token string, now time.Time) (confirmLink, error) {
	var l confirmLink
	p64, s64, ok := strings.Cut(token, ".")
	if !ok || len(token) > 512 {
		return l, errLinkInvalid
	}
	enc := base64.RawURLEncoding
	payload, err1 := enc.DecodeString(p64)
	sig, err2 := enc.DecodeString(s64)
	if err1 != nil || err2 != nil || !hmac.Equal(sig, mac(key, "confirm", string(payload))) {
		return l, errLinkInvalid
	}
	f := strings.Split(string(payload), ".")
	if len(f) != 4 {
		return l, errLinkInvalid
	}
	var exp int64
	var err error
	if l.PracticeID, err = strconv.ParseInt(f[0], 10, 64); err != nil {
		return l, errLinkInvalid
	}
	if l.ContactID, err = strconv.ParseInt(f[1], 10, 64); err != nil {
		return l, errLinkInvalid
	}
	if exp, err = strconv.ParseInt(f[2], 10, 64); err != nil {
		return l, errLinkInvalid
	}
	for _, s := range strings.Split(f[3], "-") {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return l, errLinkInvalid
		}
		l.Given = append(l.Given, id)
	}
	l.Expires = time.Unix(exp, 0)
	if !now.Before(l.Expires) {
		return l, errLinkExpired
	}
	return l, nil
}

// formID is the practice's signup form id: public (it is in the snippet), stable, and not
// guessable from the practice number alone, so a form cannot be aimed at another practice by
// changing one field. It is the source recorded on the consent it collects.
func formID(key []byte, practiceID int64) string {
	return base64.RawURLEncoding.EncodeToString(mac(key, "form", strconv.FormatInt(practiceID, 10))[:12])
}
