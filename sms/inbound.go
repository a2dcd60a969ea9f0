package sms

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net"
	"net/url"
	"slices"

	"github.com/bedsidehq/bedside"
)

// SignatureHeader is the header Twilio signs its webhook requests in.
const SignatureHeader = "X-Twilio-Signature"

// MaxWebhookBody bounds one webhook request; receivers should read no more
// (http.MaxBytesReader) before parsing the form.
const MaxWebhookBody = 64 << 10

// Errors of the webhook helpers. They name what was wrong, never a value.
var (
	ErrMissingSignature = &bedside.Error{Code: bedside.EUnauthorized, Message: "sms: the webhook request has no X-Twilio-Signature"}
	ErrSignature        = &bedside.Error{Code: bedside.EUnauthorized, Message: "sms: the webhook request's signature does not match"}
)

// VerifySignature checks header, the X-Twilio-Signature of a webhook request, against the
// request: fullURL is the URL exactly as Twilio called it (scheme, host, path and query, as
// configured in Twilio, not as a proxy rewrote it) and params its POST form (r.PostForm, not
// r.Form, which mixes in the query). The signature is base64 of HMAC-SHA1, keyed with the
// auth token, over fullURL followed by every parameter name and value, sorted by name.
// Twilio may sign an https URL with or without its default port, so both are tried; each
// comparison takes the same time wherever the signatures differ. JSON webhooks, which sign
// a bodySHA256 query parameter instead, are not handled.
func VerifySignature(authToken, fullURL string, params url.Values, header string) error {
	if authToken == "" {
		return bedside.Errorf(bedside.EInvalid, "sms: the auth token is empty")
	}
	if header == "" {
		return ErrMissingSignature
	}
	got, err := base64.StdEncoding.DecodeString(header)
	if err != nil || len(got) != sha1.Size {
		return ErrSignature
	}
	match := false
	for _, u := range urlVariants(fullURL) {
		// Every variant is computed and compared, so timing does not tell which matched.
		if hmac.Equal(got, signature(authToken, u, params)) {
			match = true
		}
	}
	if !match {
		return ErrSignature
	}
	return nil
}

// signature is the raw HMAC-SHA1 Twilio sends, base64-encoded, in SignatureHeader.
func signature(authToken, fullURL string, params url.Values) []byte {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	m := hmac.New(sha1.New, []byte(authToken))
	m.Write([]byte(fullURL))
	for _, k := range keys {
		vs := slices.Clone(params[k])
		slices.Sort(vs)
		for _, v := range vs {
			m.Write([]byte(k))
			m.Write([]byte(v))
		}
	}
	return m.Sum(nil)
}

// urlVariants returns fullURL and, for http(s), the same URL with its default port added or
// removed. A URL that does not parse is returned alone, to fail the comparison.
func urlVariants(fullURL string) []string {
	u, err := url.Parse(fullURL)
	if err != nil || u.Host == "" {
		return []string{fullURL}
	}
	def := map[string]string{"https": "443", "http": "80"}[u.Scheme]
	if def == "" {
		return []string{fullURL}
	}
	alt := *u
	switch u.Port() {
	case "":
		alt.Host = net.JoinHostPort(u.Hostname(), def)
	case def:
		alt.Host = u.Hostname()
		if ip := net.ParseIP(alt.Host); ip != nil && ip.To4() == nil {
			alt.Host = "[" + alt.Host + "]"
		}
	default:
		return []string{fullURL}
	}
	return []string{fullURL, alt.String()}
}

// Inbound is a text someone sent to one of the practice's numbers. From and Body are PHI:
// store them sealed, never log them.
type Inbound struct {
	MessageSID string
	AccountSID string
	From       string
	To         string
	Body       string // "" for a picture alone
}

// Kind classifies the text's body; see Classify.
func (in Inbound) Kind() Kind { return Classify(in.Body) }

// ParseInbound reads the form of an incoming-message webhook, after VerifySignature. Errors
// are EInvalid and name the missing field, never a value.
func ParseInbound(form url.Values) (Inbound, error) {
	in := Inbound{
		MessageSID: form.Get("MessageSid"), AccountSID: form.Get("AccountSid"),
		From: form.Get("From"), To: form.Get("To"), Body: form.Get("Body"),
	}
	switch {
	case !validSID(in.MessageSID, "SM") && !validSID(in.MessageSID, "MM"):
		return Inbound{}, invalid("the inbound message has no valid MessageSid")
	case !validSID(in.AccountSID, "AC"):
		return Inbound{}, invalid("the inbound message has no valid AccountSid")
	case in.From == "":
		return Inbound{}, invalid("the inbound message has no From")
	case in.To == "":
		return Inbound{}, invalid("the inbound message has no To")
	}
	return in, nil
}

// Status is a status callback: message MessageSID reached Status, with Twilio's ErrorCode
// (such as 30007, carrier filtering) when it failed.
type Status struct {
	MessageSID string
	Status     string
	ErrorCode  int
}

// ParseStatus reads the form of a status callback, after VerifySignature.
func ParseStatus(form url.Values) (Status, error) {
	s := Status{MessageSID: form.Get("MessageSid"), Status: form.Get("MessageStatus")}
	if !validSID(s.MessageSID, "SM") && !validSID(s.MessageSID, "MM") {
		return Status{}, invalid("the status callback has no valid MessageSid")
	}
	if !knownStatus[s.Status] {
		return Status{}, invalid("the status callback's MessageStatus is not one the API documents")
	}
	if v := form.Get("ErrorCode"); v != "" {
		n, ok := digits(v)
		if !ok {
			return Status{}, invalid("the status callback's ErrorCode is not a number")
		}
		s.ErrorCode = n
	}
	return s, nil
}
