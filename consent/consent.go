// Package consent models a contact's permission to be messaged: an append-only ledger of consent
// events per channel and purpose, the state derived from it, the permission level the stored
// evidence supports, and the one question every send asks (Allowed). It is pure: no storage, no
// clock, no logging, and no error that repeats an address.
package consent

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"
)

// Channel is how a message reaches a contact.
type Channel string

// The channels.
const (
	Email Channel = "email"
	SMS   Channel = "sms"
)

// Channels lists them.
var Channels = []Channel{Email, SMS}

// Valid reports whether c is one of the channels.
func (c Channel) Valid() bool { return c == Email || c == SMS }

// Purpose is why a message is sent; consent to one purpose is not consent to the other.
type Purpose string

// The purposes.
const (
	Marketing Purpose = "marketing"
	Treatment Purpose = "treatment" // appointment reminders, lab-ready notices: no marketing in them
)

// Purposes lists them.
var Purposes = []Purpose{Marketing, Treatment}

// Valid reports whether p is one of the purposes.
func (p Purpose) Valid() bool { return p == Marketing || p == Treatment }

// Kind is what an event does to consent.
type Kind string

// The kinds of event.
const (
	Given     Kind = "given"     // the person agreed to the text shown
	Confirmed Kind = "confirmed" // the person confirmed a given consent (double opt-in)
	Revoked   Kind = "revoked"   // the person, or a bounce or complaint, withdrew it
)

// Valid reports whether k is one of the kinds.
func (k Kind) Valid() bool { return k == Given || k == Confirmed || k == Revoked }

// Method is how an event reached the practice.
type Method string

// The methods.
const (
	WebForm             Method = "web_form"              // a form the person filled in
	DoubleOptIn         Method = "double_opt_in"         // the person followed a confirmation link
	Import              Method = "import"                // a list import that named no better method
	Paper               Method = "paper"                 // a signed paper form
	SMSKeyword          Method = "sms_keyword"           // the person texted a keyword (YES, STOP...)
	UnsubscribeLink     Method = "unsubscribe_link"      // the unsubscribe page in a message
	ListUnsubscribePost Method = "list_unsubscribe_post" // RFC 8058 one-click POST
	Staff               Method = "staff"                 // staff recorded what the person said
	Bounce              Method = "bounce"                // the address does not exist
	Complaint           Method = "complaint"             // the person marked a message as spam
)

// methods maps each method to what it may record and whether it is written consent.
var methods = map[Method]struct {
	give, confirm, revoke, written bool
}{
	WebForm:             {give: true, revoke: true, written: true},
	DoubleOptIn:         {confirm: true},
	Import:              {give: true, revoke: true},
	Paper:               {give: true, revoke: true, written: true},
	SMSKeyword:          {give: true, confirm: true, revoke: true, written: true}, // E-SIGN: a texted reply is a written agreement
	UnsubscribeLink:     {revoke: true},
	ListUnsubscribePost: {revoke: true},
	Staff:               {give: true, revoke: true}, // spoken, so never written consent
	Bounce:              {revoke: true},
	Complaint:           {revoke: true},
}

// Valid reports whether m is one of the methods.
func (m Method) Valid() bool { _, ok := methods[m]; return ok }

// Written reports whether consent given this way is written consent (TCPA prior express written
// consent needs a signature, which includes an electronic one).
func (m Method) Written() bool { return methods[m].written }

// Text is the version of the consent wording a person was shown. Its properties belong to the
// version, not to any one event.
type Text struct {
	Version string
	SHA256  string // hex SHA-256 of the exact text shown
	// NotConditionOfPurchase: the text says consent is not a condition of purchase, which TCPA
	// requires before marketing texts.
	NotConditionOfPurchase bool
}

// HashText is the SHA-256 of the exact text shown, in hex.
func HashText(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// Event is one entry of the ledger. Events are only ever appended.
type Event struct {
	ID        int64
	ContactID int64
	Channel   Channel
	Purpose   Purpose
	Kind      Kind
	Method    Method
	Source    string // the form id or import id the event came through
	Text      Text   // the wording agreed to; required when consent is given
	At        time.Time
	IP        string
	UserAgent string
	Actor     string // "user:12", "system"...: ids only
}

// Errors describing a malformed event. None of them repeats the event's content.
var (
	ErrChannel = errors.New("channel must be email or sms")
	ErrPurpose = errors.New("purpose must be marketing or treatment")
	ErrKind    = errors.New("kind must be given, confirmed or revoked")
	ErrMethod  = errors.New("this method cannot record this kind of event")
	ErrText    = errors.New("consent given must name the text version shown and its SHA-256")
	ErrTime    = errors.New("an event needs the time it happened")
)

// Validate checks that e is a well-formed event: a method that can record its kind, and the text
// shown whenever consent is given.
func (e Event) Validate() error {
	switch {
	case !e.Channel.Valid():
		return ErrChannel
	case !e.Purpose.Valid():
		return ErrPurpose
	case !e.Kind.Valid():
		return ErrKind
	case e.At.IsZero():
		return ErrTime
	}
	m, ok := methods[e.Method]
	if !ok || (e.Kind == Given && !m.give) || (e.Kind == Confirmed && !m.confirm) || (e.Kind == Revoked && !m.revoke) {
		return ErrMethod
	}
	if e.Kind == Given && (e.Text.Version == "" || !isSHA256(e.Text.SHA256)) {
		return ErrText
	}
	return nil
}

func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}
