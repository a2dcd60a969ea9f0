package facebook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/connector"
)

// SignatureHeader is the header Meta signs webhook deliveries in.
const SignatureHeader = "X-Hub-Signature-256"

// MaxEventBody is a generous bound for one delivery; receivers should read no more
// (http.MaxBytesReader) before VerifySignature.
const MaxEventBody = 1 << 20

// Errors of the webhook helpers. Their messages name what was wrong, never the body, a
// signature or a token.
var (
	ErrMissingSignature = &bedside.Error{Code: bedside.EUnauthorized, Message: "facebook: the delivery has no sha256 signature"}
	ErrSignature        = &bedside.Error{Code: bedside.EUnauthorized, Message: "facebook: the delivery's signature does not match"}
	ErrHandshake        = &bedside.Error{Code: bedside.EForbidden, Message: "facebook: the subscription request is not a subscribe with our verify token"}
)

// VerifySignature checks header, the X-Hub-Signature-256 value "sha256=<hex HMAC-SHA256 of
// the body keyed with the app secret>", against body, which must be the raw bytes received,
// before any JSON parsing. The comparison takes the same time wherever the signatures differ.
func VerifySignature(appSecret string, header string, body []byte) error {
	if appSecret == "" {
		return bedside.Errorf(bedside.EInvalid, "facebook: the app secret is empty")
	}
	hexSig, ok := strings.CutPrefix(strings.TrimSpace(header), "sha256=")
	if !ok || hexSig == "" {
		return ErrMissingSignature
	}
	got, err := hex.DecodeString(hexSig)
	if err != nil || len(got) != sha256.Size {
		return ErrSignature
	}
	m := hmac.New(sha256.New, []byte(appSecret))
	m.Write(body)
	if !hmac.Equal(got, m.Sum(nil)) {
		return ErrSignature
	}
	return nil
}

// Handshake answers Meta's GET to the callback URL when a subscription is made: with
// hub.mode=subscribe and our verify token, it returns hub.challenge for the receiver to write
// back as text/plain with status 200; otherwise ErrHandshake, to be answered with 403.
// The challenge must be short and plain, since it is echoed into a response.
func Handshake(query url.Values, verifyToken string) (string, error) {
	if verifyToken == "" {
		return "", bedside.Errorf(bedside.EInvalid, "facebook: the verify token is empty")
	}
	got := sha256.Sum256([]byte(query.Get("hub.verify_token")))
	want := sha256.Sum256([]byte(verifyToken)) // equal lengths, so the compare leaks no length
	if query.Get("hub.mode") != "subscribe" || !hmac.Equal(got[:], want[:]) {
		return "", ErrHandshake
	}
	ch := query.Get("hub.challenge")
	if ch == "" || len(ch) > 256 || strings.TrimLeft(ch, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.") != "" {
		return "", ErrHandshake
	}
	return ch, nil
}

// event is a Page webhook delivery, with the fields we use.
type event struct {
	Object string `json:"object"`
	Entry  []struct {
		ID      string `json:"id"` // the Page
		Changes []struct {
			Field string `json:"field"`
			Value struct {
				Item        string          `json:"item"`
				Verb        string          `json:"verb"`
				CommentID   string          `json:"comment_id"`
				PostID      string          `json:"post_id"`
				ParentID    string          `json:"parent_id"`
				From        *user           `json:"from"`
				Message     string          `json:"message"`
				CreatedTime json.RawMessage `json:"created_time"`
			} `json:"value"`
		} `json:"changes"`
	} `json:"entry"`
}

// ParseCommentEvent reads a verified delivery and returns the comments it adds: "feed"
// changes with item "comment" and verb "add", top-level on their post (as List returns) and
// not written by the Page itself. Other changes are left out, so a delivery may give none.
// Errors are Malformed and never quote the body.
func ParseCommentEvent(body []byte) ([]connector.Review, error) {
	var ev event
	if err := decode(body, &ev); err != nil {
		return nil, err
	}
	if ev.Object != "page" {
		return nil, connector.Malformed(name, "the delivery is not a Page event")
	}
	out := []connector.Review{}
	for _, e := range ev.Entry {
		for _, ch := range e.Changes {
			v := ch.Value
			if ch.Field != "feed" || v.Item != "comment" || v.Verb != "add" {
				continue
			}
			if v.ParentID != "" && v.ParentID != v.PostID {
				continue // a reply to a comment: List does not return those either
			}
			if v.From != nil && v.From.ID == e.ID {
				continue // the Page's own comment
			}
			if !validID(v.CommentID) || !validID(v.PostID) {
				return nil, connector.Malformed(name, "a comment event has no valid comment or post id")
			}
			created, err := eventTime(v.CreatedTime)
			if err != nil {
				return nil, connector.Malformed(name, "a comment event "+err.Error())
			}
			out = append(out, connector.Review{
				Source:     name,
				ExternalID: v.CommentID,
				Author:     author(v.From),
				Text:       v.Message,
				CreatedAt:  created,
				ThreadID:   v.PostID,
			})
		}
	}
	return out, nil
}

// eventTime reads a webhook's created_time: Unix seconds, as Meta sends them, or the Graph
// text form.
func eventTime(raw json.RawMessage) (time.Time, error) {
	s := string(raw)
	if s == "" || s == "null" {
		return time.Time{}, nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n >= 0 && n < 1<<40 {
		return time.Unix(n, 0).UTC(), nil
	}
	var text string
	if json.Unmarshal(raw, &text) == nil {
		return parseTime(text)
	}
	return time.Time{}, errString("has a created_time that is neither Unix seconds nor ISO 8601")
}
