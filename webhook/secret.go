package webhook

import (
	"crypto/rand"
	"encoding/base64"
	"strings"

	"github.com/bedsidehq/bedside"
)

// secretPrefix marks a signing secret so people and secret scanners recognise it.
const secretPrefix = "whsec_"

// Key sizes the Standard Webhooks scheme allows: below 24 bytes an HMAC key is guessable, and
// a bound above stops a configuration mistake from hashing megabytes per delivery.
const (
	secretBytes    = 32
	minSecretBytes = 24
	maxSecretBytes = 64
)

// NewSecret returns a fresh signing secret: "whsec_" and the base64 of 32 random bytes.
func NewSecret() string {
	b := make([]byte, secretBytes)
	rand.Read(b) // never fails: crypto/rand crashes the program rather than return weak bytes
	return secretPrefix + base64.StdEncoding.EncodeToString(b)
}

// keys decodes secrets into HMAC keys. It refuses an empty list, since signing or verifying
// with no key would silently accept or send unsigned events.
func keys(secrets []string) ([][]byte, error) {
	if len(secrets) == 0 {
		return nil, bedside.Errorf(bedside.EInvalid, "webhook: no signing secret")
	}
	out := make([][]byte, len(secrets))
	for i, s := range secrets {
		k, err := decodeSecret(s)
		if err != nil {
			return nil, err
		}
		out[i] = k
	}
	return out, nil
}

// decodeSecret returns the key inside one secret. The message never quotes the secret.
func decodeSecret(s string) ([]byte, error) {
	b64, ok := strings.CutPrefix(s, secretPrefix)
	if !ok {
		return nil, bedside.Errorf(bedside.EInvalid, "webhook: a signing secret must start with %q", secretPrefix)
	}
	k, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(k) < minSecretBytes || len(k) > maxSecretBytes {
		return nil, bedside.Errorf(bedside.EInvalid, "webhook: a signing secret must hold %d to %d base64 bytes", minSecretBytes, maxSecretBytes)
	}
	return k, nil
}
