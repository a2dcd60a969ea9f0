package crypt

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestSealOpenAndRotation(t *testing.T) {
	old, _ := Parse("1:" + NewKey())
	sealed := old.Seal([]byte("Emma Johnson"), "patients.name:7")
	if bytes.Contains(sealed, []byte("Emma")) {
		t.Fatal("plaintext visible in the sealed value")
	}
	got, err := old.Open(sealed, "patients.name:7")
	if err != nil || string(got) != "Emma Johnson" {
		t.Fatalf("open: %q %v", got, err)
	}
	if _, err := old.Open(sealed, "patients.name:8"); err == nil {
		t.Fatal("a value moved to another row must not open")
	}
	sealed[len(sealed)-1] ^= 1
	if _, err := old.Open(sealed, "patients.name:7"); err == nil {
		t.Fatal("a tampered value must not open")
	}
	sealed[len(sealed)-1] ^= 1
	// Rotation: a new key seals, the old one still opens what it sealed.
	k1 := NewKey()
	ring1, _ := Parse("1:" + k1)
	v1 := ring1.Seal([]byte("555-0199"), "c")
	ring2, err := Parse("2:" + NewKey() + ",1:" + k1)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := ring2.Open(v1, "c"); err != nil || string(got) != "555-0199" {
		t.Fatalf("old value after rotation: %q %v", got, err)
	}
	if v2 := ring2.Seal([]byte("x"), "c"); SealedWith(v2) != 2 || ring2.Current() != 2 {
		t.Fatal("the newest key must seal")
	}
	if _, err := ring1.Open(ring2.Seal([]byte("x"), "c"), "c"); err != ErrNoKey {
		t.Fatalf("unknown key: %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	for _, spec := range []string{"", "short", "0:" + NewKey(), "1:" + NewKey() + ",1:" + NewKey(), "x:" + NewKey()} {
		if _, err := Parse(spec); err == nil {
			t.Errorf("%q accepted", spec)
		}
	}
}

func TestLoadCreatesPrivateKeyFile(t *testing.T) {
	t.Setenv("BEDSIDE_SECRET_KEY", "")
	dir := t.TempDir()
	r, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, KeyFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v %v", fi.Mode(), err)
	}
	r2, _ := Load(dir)
	if got, err := r2.Open(r.Seal([]byte("a"), "c"), "c"); err != nil || string(got) != "a" {
		t.Fatal("the key file must give the same key again")
	}
	os.Chmod(filepath.Join(dir, KeyFile), 0o644)
	if _, err := Load(dir); err == nil {
		t.Fatal("a key file readable by others must be refused")
	}
	t.Setenv("BEDSIDE_SECRET_KEY", "1:"+NewKey())
	if r3, err := Load(t.TempDir()); err != nil || r3.Current() != 1 {
		t.Fatalf("environment key: %v", err)
	}
}
