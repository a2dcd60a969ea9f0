package mail

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"slices"
	"strings"
	"testing"

	"github.com/emersion/go-msgauth/dkim"
)

// testKey is a DKIM key pair and the DNS TXT record that publishes it.
type testKey struct {
	pem []byte
	txt string
}

func rsaKey(t testing.TB, bits int) testKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return testKey{
		pem: pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}),
		txt: "v=DKIM1; k=rsa; p=" + base64.StdEncoding.EncodeToString(pub),
	}
}

func ed25519Key(t testing.TB) testKey {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return testKey{
		pem: pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}),
		txt: "v=DKIM1; k=ed25519; p=" + base64.StdEncoding.EncodeToString(pub),
	}
}

// verify checks data's one DKIM signature against key, published at sel._domainkey.smile.example.
func verify(t testing.TB, data []byte, key testKey) *dkim.Verification {
	t.Helper()
	vs, err := dkim.VerifyWithOptions(bytes.NewReader(data), &dkim.VerifyOptions{
		LookupTXT: func(domain string) ([]string, error) {
			if domain != "sel._domainkey.smile.example" {
				t.Errorf("key looked up at %q", domain)
			}
			return []string{key.txt}, nil
		},
	})
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	if len(vs) != 1 {
		t.Fatalf("%d signatures, want 1", len(vs))
	}
	return vs[0]
}

func signedComposer(t testing.TB, key testKey) *Composer {
	t.Helper()
	s, err := NewSigner("smile.example", "sel", key.pem)
	if err != nil {
		t.Fatal(err)
	}
	c := testComposer()
	c.Signer = s
	return c
}

func TestDKIMSignatureVerifies(t *testing.T) {
	for name, key := range map[string]testKey{"rsa": rsaKey(t, 2048), "ed25519": ed25519Key(t)} {
		t.Run(name, func(t *testing.T) {
			e, err := signedComposer(t, key).Compose(testMessage())
			if err != nil {
				t.Fatal(err)
			}
			v := verify(t, e.Data, key)
			if v.Err != nil {
				t.Fatalf("signature does not verify: %v", v.Err)
			}
			if v.Domain != "smile.example" {
				t.Errorf("d= %q", v.Domain)
			}
			for _, h := range []string{"From", "To", "Subject", "Date", "Message-ID", "MIME-Version",
				"Content-Type", "List-Unsubscribe", "List-Unsubscribe-Post"} {
				if !slices.ContainsFunc(v.HeaderKeys, func(k string) bool { return strings.EqualFold(k, h) }) {
					t.Errorf("h= %v lacks %s", v.HeaderKeys, h)
				}
			}
			sig := parse(t, e.Data).header.Get("DKIM-Signature")
			for _, tag := range []string{"c=relaxed/relaxed", "a=" + name + "-sha256"} {
				if !strings.Contains(sig, tag) {
					t.Errorf("signature lacks %s: %s", tag, sig)
				}
			}
		})
	}
}

func TestDKIMTamperingBreaksVerification(t *testing.T) {
	key := ed25519Key(t)
	e, err := signedComposer(t, key).Compose(testMessage())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, old, new string }{
		{"List-Unsubscribe link swapped", "<https://app.bedside.example/u/tok_", "<https://evil.example/u/tok_"},
		{"List-Unsubscribe-Post removed", "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", ""},
		{"subject changed", "Subject: Spring cleaning", "Subject: Free cleaning"},
		{"body changed", "Hi Ana,", "Hi Bob,"},
		{"List-Unsubscribe added twice", "List-Unsubscribe: ", "List-Unsubscribe: <https://evil.example/u/x>\r\nList-Unsubscribe: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := bytes.Replace(e.Data, []byte(tt.old), []byte(tt.new), 1)
			if bytes.Equal(data, e.Data) {
				t.Fatalf("%q not found", tt.old)
			}
			if v := verify(t, data, key); v.Err == nil {
				t.Error("tampered mail still verifies")
			}
		})
	}
}

// A treatment mail has no List-Unsubscribe; the signature lists it anyway, so one added on
// the way does not verify.
func TestDKIMSignsAbsentListUnsubscribe(t *testing.T) {
	key := ed25519Key(t)
	m := testMessage()
	m.Kind, m.UnsubscribeToken = Treatment, ""
	e, err := signedComposer(t, key).Compose(m)
	if err != nil {
		t.Fatal(err)
	}
	if v := verify(t, e.Data, key); v.Err != nil {
		t.Fatalf("does not verify: %v", v.Err)
	}
	i := bytes.Index(e.Data, []byte("\r\nSubject:"))
	data := slices.Concat(e.Data[:i+2], []byte("List-Unsubscribe: <https://evil.example/u/x>\r\n"), e.Data[i+2:])
	if v := verify(t, data, key); v.Err == nil {
		t.Error("an added List-Unsubscribe still verifies")
	}
}

func TestNewSignerRefuses(t *testing.T) {
	good := ed25519Key(t).pem
	for name, tt := range map[string]struct {
		domain, selector string
		pem              []byte
	}{
		"no domain":   {"", "sel", good},
		"no selector": {"smile.example", "", good},
		"not PEM":     {"smile.example", "sel", []byte("hello")},
		"public key":  {"smile.example", "sel", pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: []byte{1}})},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := NewSigner(tt.domain, tt.selector, tt.pem); err == nil {
				t.Error("accepted")
			}
		})
	}
}

func TestSignerFromEnv(t *testing.T) {
	key := rsaKey(t, 1024)
	t.Setenv("BEDSIDE_DKIM_KEY", "")
	t.Setenv("BEDSIDE_DKIM_KEY_FILE", "")
	if _, err := SignerFromEnv(); err != ErrNoDKIMKey {
		t.Errorf("no key: %v, want ErrNoDKIMKey", err)
	}
	t.Setenv("BEDSIDE_DKIM_DOMAIN", "smile.example")
	t.Setenv("BEDSIDE_DKIM_SELECTOR", "sel")
	t.Setenv("BEDSIDE_DKIM_KEY", string(key.pem))
	s, err := SignerFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	c := testComposer()
	c.Signer = s
	e, err := c.Compose(testMessage())
	if err != nil {
		t.Fatal(err)
	}
	if v := verify(t, e.Data, key); v.Err != nil {
		t.Errorf("does not verify: %v", v.Err)
	}
}
