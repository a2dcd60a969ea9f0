package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
)

// DefaultTolerance is how far a delivery's timestamp may be from the receiver's clock, either
// way, when Verify is given no tolerance: long enough for clock skew and a slow network, short
// enough that a captured delivery cannot be replayed later.
const DefaultTolerance = 5 * time.Minute

// sigLen is the length of a base64 HMAC-SHA256.
var sigLen = base64.StdEncoding.EncodedLen(sha256.Size)

// Errors Verify returns. Their messages name what was wrong, never the body or a signature.
var (
	ErrMissingHeader = &bedside.Error{Code: bedside.EUnauthorized, Message: "webhook: missing webhook-id, webhook-timestamp or webhook-signature header"}
	ErrTimestamp     = &bedside.Error{Code: bedside.EUnauthorized, Message: "webhook: timestamp is malformed or outside the tolerance"}
	ErrSignature     = &bedside.Error{Code: bedside.EUnauthorized, Message: "webhook: no signature matches"}
)

// Verify checks a delivery the way a receiver should: the headers are present, the timestamp is
// within tolerance of now (DefaultTolerance when tolerance <= 0), and at least one v1 signature
// matches one of the secrets. body must be the raw bytes received, before any JSON parsing.
// It returns nil, one of the errors above, or an EInvalid error when a secret is malformed.
func Verify(secrets []string, h http.Header, body []byte, now time.Time, tolerance time.Duration) error {
	ks, err := keys(secrets)
	if err != nil {
		return err
	}
	id, ts, sigs := h.Get(HeaderID), h.Get(HeaderTimestamp), h.Get(HeaderSignature)
	if id == "" || ts == "" || sigs == "" {
		return ErrMissingHeader
	}
	if tolerance <= 0 {
		tolerance = DefaultTolerance
	}
	at, ok := parseUnix(ts)
	if !ok || now.Sub(at).Abs() > tolerance {
		return ErrTimestamp
	}
	want := make([][]byte, len(ks))
	for i, k := range ks {
		want[i] = mac(k, id, ts, body)
	}
	for sig := range strings.SplitSeq(sigs, " ") {
		b64, ok := strings.CutPrefix(sig, sigVersion+",")
		if !ok {
			continue // another scheme, or an empty field between two spaces
		}
		// One spelling per signature, so what is accepted is exactly what Sign produces:
		// Strict refuses stray padding bits, and the length check refuses the line breaks the
		// decoder would otherwise skip.
		if len(b64) != sigLen {
			continue
		}
		got, err := base64.StdEncoding.Strict().DecodeString(b64)
		if err != nil {
			continue
		}
		for _, w := range want {
			if hmac.Equal(got, w) { // constant time, so timing reveals nothing about w
				return nil
			}
		}
	}
	return ErrSignature
}

// parseUnix reads a timestamp of decimal digits only. strconv alone would accept a sign, and a
// timestamp with several spellings would be signed differently from the time it stands for.
func parseUnix(s string) (time.Time, bool) {
	if len(s) > 12 { // beyond year 33000: not a real clock
		return time.Time{}, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return time.Time{}, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(n, 0), true
}
