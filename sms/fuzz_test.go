package sms

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// revokes is an oracle for opt-out written apart from Classify: a keyword bounded by anything
// but a letter or decimal digit, after dropping format characters and folding full width.
var revokes = regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{Nd}])(?:stop|quit|end|revoke|cancel|unsubscribe|stopall|optout|opt[^\p{L}\p{Nd}]+out)(?:[^\p{L}\p{Nd}]|$)`)

func oracleText(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		if r >= 0xFF01 && r <= 0xFF5E {
			return r - 0xFEE0
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

func FuzzClassify(f *testing.F) {
	for _, s := range []string{"STOP", "please STOP texting me", "Stop.", "opt-out", "Opt Out", "don't stop",
		"weekend", "HELP", "info", "yes", "START", "unstop", "ＳＴＯＰ", "S\u200bTOP", "ſtop", "end of day",
		"", "\xff\xfe", "stop\u0301", "²stop"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Classify(s)
		if want := revokes.MatchString(oracleText(s)); (k == OptOut) != want {
			t.Fatalf("Classify(%q) = %v, oracle says revocation %v", s, k, want)
		}
		if (k == Help || k == OptIn) && len(words(s)) != 1 {
			t.Fatalf("Classify(%q) = %v from more than one word", s, k)
		}
		// Revocation wins: any text followed by STOP revokes.
		if got := Classify(s + " STOP"); got != OptOut {
			t.Fatalf("Classify(%q + STOP) = %v", s, got)
		}
	})
}

func FuzzVerifySignature(f *testing.F) {
	f.Add(docToken, docURL, "Digits", "1234", docSig)
	f.Add("tok", "https://x.example:443/sms", "Body", "STOP", "")
	f.Add("tok", "http://[::1]:80/sms?a=b", "From", "+15550100123", "AAAA")
	f.Add("", "", "", "", "%%")
	f.Fuzz(func(t *testing.T, token, fullURL, key, value, header string) {
		params := url.Values{key: {value}}
		err := VerifySignature(token, fullURL, params, header)
		m := hmac.New(sha1.New, []byte(token))
		m.Write([]byte(fullURL + key + value))
		right := m.Sum(nil)
		if token == "" {
			if err == nil {
				t.Fatal("accepted with an empty token")
			}
			return
		}
		// The right signature is always accepted.
		if err := VerifySignature(token, fullURL, params, base64.StdEncoding.EncodeToString(right)); err != nil {
			t.Fatalf("the right signature was refused: %v", err)
		}
		if err != nil {
			return
		}
		// Anything accepted is the signature of the URL or of its default-port twin.
		got, derr := base64.StdEncoding.DecodeString(header)
		if derr != nil {
			t.Fatalf("accepted a header that is not base64: %q", header)
		}
		ok := false
		for _, u := range urlVariants(fullURL) {
			m := hmac.New(sha1.New, []byte(token))
			m.Write([]byte(u + key + value))
			ok = ok || hmac.Equal(got, m.Sum(nil))
		}
		if !ok {
			t.Fatalf("accepted a wrong signature %q", header)
		}
	})
}

func FuzzSegments(f *testing.F) {
	for _, s := range []string{"", "hello", "€", strings.Repeat("a", 152) + "€" + "a", strings.Repeat("😀", 40),
		"Don’t", "\xff", strings.Repeat("[", 81), "ç"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Segments(s)
		if (s == "") != (c.Segments == 0) {
			t.Fatalf("Segments(%q) = %+v", s, c)
		}
		gsm, septets := true, 0
		for _, r := range s {
			switch {
			case strings.ContainsRune(gsmExtension, r):
				septets += 2
			case strings.ContainsRune(gsmBasic, r) && r != utf8.RuneError:
				septets++
			default:
				gsm = false
			}
		}
		single, part, units := gsmSingle, gsmPart, septets
		if !gsm {
			single, part, units = ucs2Single, ucs2Part, len(utf16.Encode([]rune(s)))
		}
		if (c.Encoding == GSM7) != gsm || c.Units != units {
			t.Fatalf("Segments(%q) = %+v, want gsm %v, %d units", s, c, gsm, units)
		}
		if s == "" {
			return
		}
		if units <= single {
			if c.Segments != 1 {
				t.Fatalf("Segments(%q) = %+v, want 1 segment", s, c)
			}
			return
		}
		// Never fewer than the units need, and never more than if each part lost one unit
		// to a pair that did not fit.
		lo, hi := (units+part-1)/part, (units+part-2)/(part-1)
		if c.Segments < lo || c.Segments > hi {
			t.Fatalf("Segments(%q) = %+v, want %d to %d", s, c, lo, hi)
		}
	})
}
