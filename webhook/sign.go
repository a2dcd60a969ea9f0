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

// The headers of a signed delivery.
const (
	HeaderID        = "Webhook-Id"
	HeaderTimestamp = "Webhook-Timestamp"
	HeaderSignature = "Webhook-Signature"
)

// sigVersion marks an HMAC-SHA256 signature; receivers skip versions they do not know, such as
// the asymmetric "v1a", so the header can grow without breaking them.
const sigVersion = "v1"

// Sign returns the three webhook headers for body, sent as event id at the given time, with one
// signature per secret. During a rotation pass both the new and the old secret so receivers
// holding either accept the delivery.
//
// The timestamp is that of this attempt, not of the event: a retry is signed afresh, so
// receivers can refuse old timestamps without refusing late retries.
func Sign(secrets []string, id string, at time.Time, body []byte) (http.Header, error) {
	if id == "" || strings.Contains(id, ".") {
		// The signed string is "id.timestamp.body"; a dot in the id would let one signed string
		// be read as another split.
		return nil, bedside.Errorf(bedside.EInvalid, "webhook: an event id must be non-empty and hold no dot")
	}
	ks, err := keys(secrets)
	if err != nil {
		return nil, err
	}
	ts := strconv.FormatInt(at.Unix(), 10)
	sigs := make([]string, len(ks))
	for i, k := range ks {
		sigs[i] = sigVersion + "," + base64.StdEncoding.EncodeToString(mac(k, id, ts, body))
	}
	h := http.Header{}
	h.Set(HeaderID, id)
	h.Set(HeaderTimestamp, ts)
	h.Set(HeaderSignature, strings.Join(sigs, " "))
	return h, nil
}

// mac is HMAC-SHA256 of "id.timestamp.body" under key: binding the id and the time to the body
// stops a captured body from being replayed under a new id or a fresh timestamp.
func mac(key []byte, id, ts string, body []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id))
	m.Write([]byte{'.'})
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}
