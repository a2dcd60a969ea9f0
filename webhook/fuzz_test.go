package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzVerify feeds Verify arbitrary headers and body and checks it against an oracle written
// without the package's helpers: it accepts exactly when the timestamp is plain digits within
// tolerance and some space-separated field is "v1," followed by the right signature.
func FuzzVerify(f *testing.F) {
	secret := "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
	f.Add("msg_1", "1674087231", "v1,"+knownSig, []byte(`{"a":1}`))
	f.Add("msg_1", "1674087231", "v1a,x v1,"+knownSig+"  v2,y", []byte(`{"a":1}`))
	f.Add("msg_1", "+1674087231", "v1,"+knownSig, []byte(`{"a":1}`))
	f.Add("msg_1", "1674087231", "v1,"+strings.TrimRight(knownSig, "="), []byte(`{"a":1}`))
	f.Add("", "", "", []byte(nil))
	f.Add("a.b", "1674087231", "v1,,v1, ,", []byte("."))
	f.Fuzz(func(t *testing.T, id, ts, sigs string, body []byte) {
		h := http.Header{}
		h.Set(HeaderID, id)
		h.Set(HeaderTimestamp, ts)
		h.Set(HeaderSignature, sigs)
		clock := time.Unix(1674087231, 0)
		err := Verify([]string{secret}, h, body, clock, 0)

		key := []byte{}
		for i := range 32 {
			key = append(key, byte(i))
		}
		m := hmac.New(sha256.New, key)
		m.Write([]byte(id + "." + ts + "."))
		m.Write(body)
		want := "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil))
		n, perr := strconv.ParseUint(ts, 10, 63)
		fresh := perr == nil && !strings.HasPrefix(ts, "+") && len(ts) <= 12 &&
			time.Unix(int64(n), 0).Sub(clock).Abs() <= DefaultTolerance
		ok := id != "" && fresh && slices.Contains(strings.Split(sigs, " "), want)

		if ok != (err == nil) {
			t.Fatalf("id=%q ts=%q sigs=%q: Verify says %v, oracle says accept=%v", id, ts, sigs, err, ok)
		}
		if err != nil && !errors.Is(err, ErrMissingHeader) && !errors.Is(err, ErrTimestamp) && !errors.Is(err, ErrSignature) {
			t.Fatalf("unexpected error %v", err)
		}
		if err != nil && len(body) > 8 && strings.Contains(err.Error(), string(body)) {
			t.Fatalf("error quotes the body")
		}
	})
}
