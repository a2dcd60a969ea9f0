package consent

import (
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct {
		ch      Channel
		in, out string
		err     error
	}{
		{Email, "  Zeb.Quixotic@Example.COM ", "zeb.quixotic@example.com", nil},
		{Email, "zq+news@example.co.uk", "zq+news@example.co.uk", nil},
		{Email, "Zeb <zq@example.com>", "", ErrEmail},
		{Email, "zq@localhost", "", ErrEmail},
		{Email, "zq@", "", ErrEmail},
		{Email, "not an address", "", ErrEmail},
		{Email, "", "", ErrEmail},
		{Email, strings.Repeat("a", 250) + "@example.com", "", ErrEmail},
		{SMS, "(415) 555-2671", "+14155552671", nil},
		{SMS, "415.555.2671", "+14155552671", nil},
		{SMS, "+44 20 7946 0958", "+442079460958", nil},
		{SMS, "555-2671", "", ErrPhone},
		{SMS, "call me", "", ErrPhone},
		{SMS, "", "", ErrPhone},
		{"fax", "415 555 2671", "", ErrChannel},
	} {
		got, err := Normalize(tc.ch, tc.in)
		if got != tc.out || err != tc.err {
			t.Errorf("Normalize(%s, %q) = %q, %v; want %q, %v", tc.ch, tc.in, got, err, tc.out, tc.err)
		}
		if err != nil && tc.in != "" && strings.Contains(err.Error(), strings.TrimSpace(tc.in)) {
			t.Errorf("the error repeats the address: %v", err)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"a@b.co", "(415) 555-2671", "+44 20 7946 0958", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, ch := range Channels {
			n, err := Normalize(ch, s)
			if err != nil {
				if len(s) > 3 && strings.Contains(err.Error(), s) {
					t.Fatalf("error repeats the input")
				}
				continue
			}
			// Normal forms are fixed points, so the same address always has the same key.
			if again, err := Normalize(ch, n); err != nil || again != n {
				t.Fatalf("Normalize(%q) = %q, then %q %v", s, n, again, err)
			}
		}
	})
}
