package facebook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/connector"
)

const appSecret = "0123456789abcdef0123456789abcdef"

func sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

func TestVerifySignature(t *testing.T) {
	body := []byte(`{"object":"page","entry":[]}`)
	good := sign(appSecret, body)
	tampered := append([]byte(nil), body...)
	tampered[len(tampered)-2] = ' '
	for _, tt := range []struct {
		label, secret, header string
		body                  []byte
		want                  error
	}{
		{"good", appSecret, good, body, nil},
		{"upper-case hex", appSecret, "sha256=" + strings.ToUpper(good[len("sha256="):]), body, nil},
		{"tampered body", appSecret, good, tampered, ErrSignature},
		{"other secret", "another-secret", good, body, ErrSignature},
		{"signed with another secret", appSecret, sign("another-secret", body), body, ErrSignature},
		{"flipped digit", appSecret, good[:len(good)-1] + "0", body, ErrSignature},
		{"truncated", appSecret, good[:len(good)-2], body, ErrSignature},
		{"not hex", appSecret, "sha256=" + strings.Repeat("zz", 32), body, ErrSignature},
		{"sha1 only", appSecret, "sha1=" + strings.Repeat("ab", 20), body, ErrMissingSignature},
		{"missing", appSecret, "", body, ErrMissingSignature},
		{"empty hex", appSecret, "sha256=", body, ErrMissingSignature},
	} {
		if err := VerifySignature(tt.secret, tt.header, tt.body); !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.label, err, tt.want)
		}
	}
	if err := VerifySignature("", good, body); bedside.ErrorCode(err) != bedside.EInvalid {
		t.Errorf("empty secret: err = %v", err)
	}
}

func TestHandshake(t *testing.T) {
	q := func(mode, tok, ch string) url.Values {
		return url.Values{"hub.mode": {mode}, "hub.verify_token": {tok}, "hub.challenge": {ch}}
	}
	if ch, err := Handshake(q("subscribe", "our-token", "1158201444"), "our-token"); err != nil || ch != "1158201444" {
		t.Errorf("good handshake = %q, %v", ch, err)
	}
	for _, tt := range []struct {
		label string
		q     url.Values
	}{
		{"wrong token", q("subscribe", "their-token", "1158201444")},
		{"token prefix", q("subscribe", "our-tok", "1158201444")},
		{"no token", q("subscribe", "", "1158201444")},
		{"other mode", q("unsubscribe", "our-token", "1158201444")},
		{"no challenge", q("subscribe", "our-token", "")},
		{"markup challenge", q("subscribe", "our-token", "<script>alert(1)</script>")},
		{"long challenge", q("subscribe", "our-token", strings.Repeat("1", 257))},
		{"nothing", url.Values{}},
	} {
		if ch, err := Handshake(tt.q, "our-token"); !errors.Is(err, ErrHandshake) || ch != "" {
			t.Errorf("%s: = %q, %v; want ErrHandshake", tt.label, ch, err)
		}
	}
	if _, err := Handshake(q("subscribe", "", "1"), ""); bedside.ErrorCode(err) != bedside.EInvalid {
		t.Errorf("empty verify token accepted: %v", err)
	}
}

// delivery is a Page webhook body as Meta documents it, with the given changes.
func delivery(changes ...string) []byte {
	return []byte(`{"object": "page", "entry": [{"id": "` + pageID + `", "time": 1764160000, "changes": [` +
		strings.Join(changes, ",") + `]}]}`)
}

func change(field, item, verb, from, extra string) string {
	return `{"field": "` + field + `", "value": {"item": "` + item + `", "verb": "` + verb + `",
		"post_id": "` + pageID + `_44", "comment_id": "44_55", "created_time": 1764159999,
		"message": "` + phi + `"` + from + extra + `}}`
}

func TestParseCommentEvent(t *testing.T) {
	pat := `, "from": {"id": "777", "name": "Pat Doe"}`
	got, err := ParseCommentEvent(delivery(
		change("feed", "comment", "add", pat, ""),
		change("feed", "comment", "add", "", `, "parent_id": "`+pageID+`_44"`), // top level, no from
		change("feed", "comment", "add", pat, `, "parent_id": "44_50"`),        // a reply to a comment
		change("feed", "comment", "add", `, "from": {"id": "`+pageID+`", "name": "Practice"}`, ""),
		change("feed", "comment", "edited", pat, ""),
		change("feed", "comment", "remove", pat, ""),
		change("feed", "reaction", "add", pat, ""),
		change("mention", "comment", "add", pat, ""),
	))
	if err != nil {
		t.Fatal(err)
	}
	want := connector.Review{
		Source: "facebook", ExternalID: "44_55", Author: "Pat Doe", Text: phi,
		CreatedAt: time.Unix(1764159999, 0).UTC(), ThreadID: pageID + "_44",
	}
	if len(got) != 2 || got[0] != want {
		t.Fatalf("got %+v, want [%+v, anonymous]", got, want)
	}
	if got[1].Author != AnonymousAuthor || got[1].ExternalID != "44_55" {
		t.Errorf("second = %+v", got[1])
	}

	none, err := ParseCommentEvent(delivery(change("feed", "status", "add", pat, "")))
	if err != nil || none == nil || len(none) != 0 {
		t.Errorf("no comments = %#v, %v; want an empty slice", none, err)
	}
	iso, err := ParseCommentEvent(delivery(strings.Replace(change("feed", "comment", "add", pat, ""),
		"1764159999", `"`+time.Unix(1764159999, 0).UTC().Format(timeLayout)+`"`, 1)))
	if err != nil || len(iso) != 1 || !iso[0].CreatedAt.Equal(time.Unix(1764159999, 0)) {
		t.Errorf("ISO created_time = %+v, %v", iso, err)
	}
}

func TestParseCommentEventMalformed(t *testing.T) {
	pat := `, "from": {"id": "777", "name": "Pat Doe"}`
	for _, tt := range []struct{ label, body string }{
		{"not JSON", `<html>` + phi},
		{"truncated", string(delivery(change("feed", "comment", "add", pat, "")))[:120]},
		{"not a page", `{"object": "instagram", "entry": []}`},
		{"bad comment id", string(delivery(strings.Replace(change("feed", "comment", "add", pat, ""), "44_55", "../me", 1)))},
		{"no post id", string(delivery(strings.Replace(change("feed", "comment", "add", pat, ""), pageID+"_44", "", 1)))},
		{"bad time", string(delivery(strings.Replace(change("feed", "comment", "add", pat, ""), "1764159999", `"`+phi+`"`, 1)))},
		{"negative time", string(delivery(strings.Replace(change("feed", "comment", "add", pat, ""), "1764159999", "-5", 1)))},
		{"message wrong type", string(delivery(strings.Replace(change("feed", "comment", "add", pat, ""), `"`+phi+`"`, `["`+phi+`"]`, 1)))},
	} {
		got, err := ParseCommentEvent([]byte(tt.body))
		if bedside.ErrorCode(err) != bedside.EInvalid || got != nil {
			t.Errorf("%s: = %v, %v; want EInvalid", tt.label, got, err)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "diabetes") || strings.Contains(msg, "html") {
			t.Errorf("%s: message %q quotes the payload", tt.label, msg)
		}
	}
}

func FuzzParseCommentEvent(f *testing.F) {
	pat := `, "from": {"id": "777", "name": "Pat Doe"}`
	f.Add(string(delivery(change("feed", "comment", "add", pat, ""))))
	f.Add(string(delivery(change("feed", "comment", "add", "", `, "parent_id": "1_2"`))))
	f.Add(`{"object": "page", "entry": [{"changes": [{"field": "feed", "value": {"created_time": "x"}}]}]}`)
	f.Add(`{"object": "page"`)
	f.Fuzz(func(t *testing.T, body string) {
		got, err := ParseCommentEvent([]byte(body))
		if err != nil {
			if got != nil {
				t.Fatalf("reviews %v with error %v", got, err)
			}
			if bedside.ErrorCode(err) != bedside.EInvalid {
				t.Fatalf("error %v is not EInvalid", err)
			}
			if len(body) > 8 && strings.Contains(err.Error(), body) {
				t.Fatalf("error %q quotes the body", err)
			}
			return
		}
		for _, r := range got {
			if !validID(r.ExternalID) || !validID(r.ThreadID) || r.Source != name || r.Author == "" || r.Rating != 0 {
				t.Fatalf("review %+v breaks the connector's promises", r)
			}
		}
	})
}
