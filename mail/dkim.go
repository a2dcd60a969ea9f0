package mail

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"

	"github.com/emersion/go-msgauth/dkim"
)

// SignedHeaders are the header fields the DKIM signature covers. Both List-Unsubscribe
// headers are in it (RFC 8058 §4): a relay that rewrote the unsubscribe link would break the
// signature. The fields a reader trusts are listed twice ("oversigned", RFC 6376 §8.15): the
// second entry signs the absence of a second instance, so one added above ours fails
// verification instead of being shown to the reader.
var SignedHeaders = []string{
	"From", "From", "To", "To", "Subject", "Subject", "Date", "Message-ID", "MIME-Version",
	"Content-Type", "Content-Transfer-Encoding", "Reply-To",
	"List-Unsubscribe", "List-Unsubscribe", "List-Unsubscribe-Post", "List-Unsubscribe-Post",
}

// Signer adds a DKIM-Signature (relaxed/relaxed, rsa-sha256 or ed25519-sha256) to built mail.
type Signer struct {
	opts dkim.SignOptions
}

// ErrNoDKIMKey is returned by SignerFromEnv when no key is configured.
var ErrNoDKIMKey = errors.New("mail: no DKIM key configured (BEDSIDE_DKIM_KEY or BEDSIDE_DKIM_KEY_FILE)")

// NewSigner returns a signer for domain and selector with a PEM private key: PKCS#1 RSA, or
// PKCS#8 RSA or Ed25519. RSA keys shorter than 1024 bits are refused; receivers ignore them.
func NewSigner(domain, selector string, keyPEM []byte) (*Signer, error) {
	if domain == "" || selector == "" {
		return nil, errors.New("mail: DKIM needs a domain and a selector")
	}
	key, err := parseKey(keyPEM)
	if err != nil {
		return nil, fmt.Errorf("mail: DKIM key: %w", err)
	}
	return &Signer{opts: dkim.SignOptions{
		Domain:                 domain,
		Selector:               selector,
		Signer:                 key,
		Hash:                   crypto.SHA256,
		HeaderCanonicalization: dkim.CanonicalizationRelaxed,
		BodyCanonicalization:   dkim.CanonicalizationRelaxed,
		HeaderKeys:             SignedHeaders,
	}}, nil
}

// SignerFromEnv reads $BEDSIDE_DKIM_DOMAIN, $BEDSIDE_DKIM_SELECTOR and the PEM key from
// $BEDSIDE_DKIM_KEY or the file named by $BEDSIDE_DKIM_KEY_FILE. It returns ErrNoDKIMKey when
// neither key variable is set, so the caller can choose to relay unsigned.
func SignerFromEnv() (*Signer, error) {
	key := []byte(os.Getenv("BEDSIDE_DKIM_KEY"))
	if path := os.Getenv("BEDSIDE_DKIM_KEY_FILE"); len(key) == 0 && path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("mail: DKIM key file: %w", err)
		}
		key = b
	}
	if len(key) == 0 {
		return nil, ErrNoDKIMKey
	}
	return NewSigner(os.Getenv("BEDSIDE_DKIM_DOMAIN"), os.Getenv("BEDSIDE_DKIM_SELECTOR"), key)
}

func parseKey(b []byte) (crypto.Signer, error) {
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, errors.New("no PEM block")
	}
	var key any
	var err error
	switch block.Type {
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	default:
		return nil, fmt.Errorf("PEM block %q is not a private key", block.Type)
	}
	if err != nil {
		return nil, err
	}
	switch k := key.(type) {
	case *rsa.PrivateKey:
		if k.N.BitLen() < 1024 {
			return nil, fmt.Errorf("RSA key of %d bits is too short", k.N.BitLen())
		}
		return k, nil
	case ed25519.PrivateKey:
		return k, nil
	}
	return nil, fmt.Errorf("unsupported key type %T", key)
}

// Sign returns data with a DKIM-Signature header in front.
func (s *Signer) Sign(data []byte) ([]byte, error) {
	opts := s.opts // dkim.Sign may fill in defaults; keep ours untouched and goroutine-safe
	var out bytes.Buffer
	out.Grow(len(data) + 600)
	if err := dkim.Sign(&out, bytes.NewReader(data), &opts); err != nil {
		return nil, fmt.Errorf("mail: DKIM sign: %w", err)
	}
	return out.Bytes(), nil
}
