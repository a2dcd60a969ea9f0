package auth

import (
	"strings"
	"testing"
	"time"
)

func TestPasswords(t *testing.T) {
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q", h)
	}
	if !CheckPassword(h, "correct horse battery") || CheckPassword(h, "correct horse batterz") || CheckPassword("garbage", "x") {
		t.Fatal("password check is wrong")
	}
	h2, _ := HashPassword("correct horse battery")
	if h == h2 {
		t.Fatal("hashes must be salted")
	}
	if _, err := HashPassword("short"); err != ErrWeakPassword {
		t.Fatalf("short password: %v", err)
	}
}

func TestSecrets(t *testing.T) {
	s1, h1 := NewSecret("bs_")
	s2, _ := NewSecret("bs_")
	if s1 == s2 || !strings.HasPrefix(s1, "bs_") || len(s1) < 40 || HashSecret(s1) != h1 || h1 == s1 {
		t.Fatalf("secrets %q %q", s1, h1)
	}
}

func TestTOTP(t *testing.T) {
	secret, url, err := NewTOTP("Bedside", "a@example.com")
	if err != nil || !strings.HasPrefix(url, "otpauth://totp/") {
		t.Fatal(err, url)
	}
	code, _ := TOTPCode(secret, time.Now())
	if !ValidTOTP(secret, code) || ValidTOTP(secret, "000000") && code != "000000" || ValidTOTP("", code) {
		t.Fatal("TOTP check is wrong")
	}
}
