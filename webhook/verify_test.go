package webhook

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
)

var body = []byte(`{"id":"evt_1","type":"post.taken_down","post":{"id":42}}`)

func mustSign(t testing.TB, secrets []string, at time.Time) http.Header {
	t.Helper()
	h, err := Sign(secrets, "evt_1", at, body)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestSignVerifyRoundTrip(t *testing.T) {
	s := NewSecret()
	h := mustSign(t, []string{s}, now)
	if got := h.Get(HeaderTimestamp); got != "1772637630" {
		t.Errorf("timestamp %q, want unix seconds", got)
	}
	if sig := h.Get(HeaderSignature); !strings.HasPrefix(sig, "v1,") || strings.Contains(sig, " ") {
		t.Errorf("signature header %q, want one v1 signature", sig)
	}
	if err := Verify([]string{s}, h, body, now.Add(time.Minute), 0); err != nil {
		t.Fatal(err)
	}
}

// knownSig is HMAC-SHA256 of `msg_1.1674087231.{"a":1}` under the key 0x00..0x1f, computed with
// openssl, independently of this package.
const knownSig = "fnNKWKn9YJSx7T/Ahsk/W5BQTp6PJzQosUoaMQK6sCQ="

// TestKnownVector checks against a signature computed outside Go, so Sign cannot
// drift from the scheme other receivers' libraries implement while still agreeing with Verify.
func TestKnownVector(t *testing.T) {
	secret := "whsec_" + "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
	h, err := Sign([]string{secret}, "msg_1", time.Unix(1674087231, 0), []byte(`{"a":1}`))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := h.Get(HeaderSignature), "v1,"+knownSig; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestVerifyRefuses(t *testing.T) {
	s := NewSecret()
	good := mustSign(t, []string{s}, now)
	with := func(k, v string) http.Header {
		h := good.Clone()
		if v == "" {
			h.Del(k)
		} else {
			h.Set(k, v)
		}
		return h
	}
	tampered := append([]byte{}, body...)
	tampered[len(tampered)-3] = '3'
	tests := []struct {
		name    string
		secrets []string
		h       http.Header
		body    []byte
		now     time.Time
		want    error
	}{
		{"tampered body", []string{s}, good, tampered, now, ErrSignature},
		{"wrong secret", []string{NewSecret()}, good, body, now, ErrSignature},
		{"other id", []string{s}, with(HeaderID, "evt_2"), body, now, ErrSignature},
		{"timestamp moved within tolerance", []string{s}, with(HeaderTimestamp, "1772637631"), body, now, ErrSignature},
		{"old timestamp", []string{s}, good, body, now.Add(DefaultTolerance + time.Second), ErrTimestamp},
		{"future timestamp", []string{s}, good, body, now.Add(-DefaultTolerance - time.Second), ErrTimestamp},
		{"signed timestamp", []string{s}, with(HeaderTimestamp, "+1772637630"), body, now, ErrTimestamp},
		{"no id", []string{s}, with(HeaderID, ""), body, now, ErrMissingHeader},
		{"no timestamp", []string{s}, with(HeaderTimestamp, ""), body, now, ErrMissingHeader},
		{"no signature", []string{s}, with(HeaderSignature, ""), body, now, ErrMissingHeader},
		{"unknown version only", []string{s}, with(HeaderSignature, "v1a,"+strings.TrimPrefix(good.Get(HeaderSignature), "v1,")), body, now, ErrSignature},
		{"unpadded signature", []string{s}, with(HeaderSignature, strings.TrimRight(good.Get(HeaderSignature), "=")), body, now, ErrSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Verify(tt.secrets, tt.h, tt.body, tt.now, 0)
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if bedside.ErrorCode(err) != bedside.EUnauthorized {
				t.Errorf("code %q, want unauthorized", bedside.ErrorCode(err))
			}
			if strings.Contains(err.Error(), "post") || strings.Contains(err.Error(), "v1,") {
				t.Errorf("error %q quotes the body or a signature", err)
			}
		})
	}
}

func TestVerifyTolerance(t *testing.T) {
	s := NewSecret()
	h := mustSign(t, []string{s}, now)
	if err := Verify([]string{s}, h, body, now.Add(30*time.Second), 10*time.Second); !errors.Is(err, ErrTimestamp) {
		t.Errorf("30 s late with 10 s tolerance: got %v", err)
	}
	signed := now.Truncate(time.Second) // the header holds whole seconds
	if err := Verify([]string{s}, h, body, signed.Add(DefaultTolerance), 0); err != nil {
		t.Errorf("exactly at the default tolerance: %v", err)
	}
}

func TestRotation(t *testing.T) {
	old, next := NewSecret(), NewSecret()
	h := mustSign(t, []string{next, old}, now)
	if n := len(strings.Fields(h.Get(HeaderSignature))); n != 2 {
		t.Fatalf("%d signatures, want one per secret", n)
	}
	for name, secrets := range map[string][]string{
		"receiver still on the old secret": {old},
		"receiver already on the new one":  {next},
		"receiver holding both":            {NewSecret(), old},
	} {
		if err := Verify(secrets, h, body, now, 0); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := Verify([]string{NewSecret()}, h, body, now, 0); !errors.Is(err, ErrSignature) {
		t.Errorf("a third secret: got %v", err)
	}
}

func TestBadSecretsAndIDs(t *testing.T) {
	for _, secrets := range [][]string{nil, {""}, {"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}, {"whsec_c2hvcnQ="}, {"whsec_!!"}} {
		if _, err := Sign(secrets, "evt_1", now, body); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Errorf("Sign with %q: got %v, want invalid", secrets, err)
		}
		if err := Verify(secrets, http.Header{}, body, now, 0); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Errorf("Verify with %q: got %v, want invalid", secrets, err)
		}
	}
	for _, id := range []string{"", "evt.1"} {
		if _, err := Sign([]string{NewSecret()}, id, now, body); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Errorf("id %q: got %v, want invalid", id, err)
		}
	}
}
