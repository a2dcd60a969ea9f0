// Package crypt seals the fields Bedside keeps secret at rest (patients' names and contact
// details, signed documents, connector credentials) with AES-256-GCM. Every sealed value names the
// key that sealed it, so keys can be rotated: the newest key seals, every listed key opens.
package crypt

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// KeyFile is the name of the key file created in the data directory when no key is configured.
const KeyFile = "secret.key"

// Ring holds the encryption keys: the first seals, all open.
type Ring struct {
	keys []key
}

type key struct {
	id   byte
	aead cipher.AEAD
}

// ErrNoKey is returned when a sealed value names a key the ring does not hold.
var ErrNoKey = errors.New("the key that sealed this value is not configured")

// Parse reads keys written as "ID:BASE64[,ID:BASE64...]", newest first; ID is 1 to 255 and each
// key is 32 random bytes in standard base64. A bare BASE64 is key 1.
func Parse(spec string) (*Ring, error) {
	r := &Ring{}
	seen := map[byte]bool{}
	for _, part := range strings.Split(strings.TrimSpace(spec), ",") {
		part = strings.TrimSpace(part)
		id, b64 := 1, part
		if i := strings.IndexByte(part, ':'); i >= 0 {
			if _, err := fmt.Sscanf(part[:i], "%d", &id); err != nil || id < 1 || id > 255 {
				return nil, fmt.Errorf("key id %q must be a number from 1 to 255", part[:i])
			}
			b64 = part[i+1:]
		}
		raw, err := base64.StdEncoding.DecodeString(b64)
		if err != nil || len(raw) != 32 {
			return nil, fmt.Errorf("key %d must be 32 bytes in base64 (openssl rand -base64 32)", id)
		}
		if seen[byte(id)] {
			return nil, fmt.Errorf("key id %d is listed twice", id)
		}
		seen[byte(id)] = true
		block, err := aes.NewCipher(raw)
		if err != nil {
			return nil, err
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, err
		}
		r.keys = append(r.keys, key{id: byte(id), aead: aead})
	}
	if len(r.keys) == 0 {
		return nil, errors.New("no key given")
	}
	return r, nil
}

// Load returns the ring from $BEDSIDE_SECRET_KEY, or else from the key file in dir, which it
// creates with one new random key (mode 0600) on first use.
func Load(dir string) (*Ring, error) {
	if spec := os.Getenv("BEDSIDE_SECRET_KEY"); spec != "" {
		r, err := Parse(spec)
		if err != nil {
			return nil, fmt.Errorf("BEDSIDE_SECRET_KEY: %w", err)
		}
		return r, nil
	}
	path := filepath.Join(dir, KeyFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		spec := "1:" + NewKey()
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, err
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, fmt.Errorf("create key file: %w", err)
		}
		if _, err := f.WriteString(spec + "\n"); err != nil {
			f.Close()
			return nil, err
		}
		if err := f.Close(); err != nil {
			return nil, err
		}
		return Parse(spec)
	}
	if err != nil {
		return nil, fmt.Errorf("key file: %w", err)
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("key file %s must not be readable by others (chmod 600)", path)
	}
	r, err := Parse(string(b))
	if err != nil {
		return nil, fmt.Errorf("key file %s: %w", path, err)
	}
	return r, nil
}

// NewKey returns 32 random bytes in base64, for a new key.
func NewKey() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error()) // nothing can be kept secret without it
	}
	return base64.StdEncoding.EncodeToString(b)
}

// Seal encrypts plaintext with the newest key. context binds the value to where it is stored
// (table, column, row id), so a sealed value copied elsewhere does not open.
func (r *Ring) Seal(plaintext []byte, context string) []byte {
	k := r.keys[0]
	out := make([]byte, 1+k.aead.NonceSize(), 1+k.aead.NonceSize()+len(plaintext)+k.aead.Overhead())
	out[0] = k.id
	if _, err := rand.Read(out[1:]); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return k.aead.Seal(out, out[1:], plaintext, []byte(context))
}

// Open decrypts a value sealed by Seal with the same context.
func (r *Ring) Open(sealed []byte, context string) ([]byte, error) {
	if len(sealed) < 1 {
		return nil, errors.New("empty sealed value")
	}
	for _, k := range r.keys {
		if k.id != sealed[0] {
			continue
		}
		n := k.aead.NonceSize()
		if len(sealed) < 1+n+k.aead.Overhead() {
			return nil, errors.New("sealed value is truncated")
		}
		return k.aead.Open(nil, sealed[1:1+n], sealed[1+n:], []byte(context))
	}
	return nil, ErrNoKey
}

// Current is the id of the key that seals.
func (r *Ring) Current() byte { return r.keys[0].id }

// SealedWith reports the id of the key that sealed a value, for re-encryption after rotation.
func SealedWith(sealed []byte) byte {
	if len(sealed) == 0 {
		return 0
	}
	return sealed[0]
}
