package twiliotest

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

type failureKey struct{}

func withFailure(ctx context.Context, f Failure) context.Context {
	return context.WithValue(ctx, failureKey{}, f)
}

// maxForm bounds a create request; a 1600-character body is far smaller.
const maxForm = 64 << 10

// create serves Messages create: form-encoded To, From or MessagingServiceSid, Body and
// StatusCallback; 201 with the Message resource.
func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("account") != s.AccountSID {
		apiError(w, http.StatusNotFound, CodeNotFound, "The requested resource was not found")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxForm))
	if err != nil {
		apiError(w, http.StatusBadRequest, 0, "Bad Request")
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		apiError(w, http.StatusBadRequest, 0, "Bad Request")
		return
	}
	m := Message{
		To: form.Get("To"), From: form.Get("From"), MessagingServiceSID: form.Get("MessagingServiceSid"),
		Body: form.Get("Body"), StatusCallback: form.Get("StatusCallback"),
	}
	// Twilio's messages quote the number, as the real ones do, so a client that echoed them
	// would be caught leaking it.
	switch {
	case m.To == "":
		apiError(w, http.StatusBadRequest, CodeToRequired, "A 'To' phone number is required.")
		return
	case !e164(m.To):
		apiError(w, http.StatusBadRequest, CodeInvalidTo, "The 'To' number "+m.To+" is not a valid phone number.")
		return
	case m.From == "" && m.MessagingServiceSID == "":
		apiError(w, http.StatusBadRequest, CodeFromRequired, "A 'From' phone number is required.")
		return
	case m.Body == "":
		apiError(w, http.StatusBadRequest, CodeBodyRequired, "Message body is required.")
		return
	case utf8.RuneCountInString(m.Body) > 1600:
		apiError(w, http.StatusBadRequest, CodeBodyTooLong, "The concatenated message body exceeds the 1600 character limit.")
		return
	}
	f, _ := r.Context().Value(failureKey{}).(Failure)

	s.mu.Lock()
	if code := s.rejected[m.To]; code != 0 {
		s.mu.Unlock()
		msg := "The 'To' number " + m.To + " is not a valid phone number."
		if code == CodeUnsubscribed {
			msg = "Attempt to send to unsubscribed recipient " + m.To
		}
		apiError(w, http.StatusBadRequest, code, msg)
		return
	}
	m.SID = newSID("SM", len(s.messages)+1)
	m.Status = "queued"
	if m.MessagingServiceSID != "" {
		m.Status = "accepted"
	}
	s.messages = append(s.messages, m)
	s.mu.Unlock()

	switch f {
	case Malformed:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"sid": "`+m.SID+`", "to": "`+m.To+`", "body": "`+m.Body)
		return
	case MalformedSID:
		writeJSON(w, http.StatusCreated, map[string]any{"to": m.To, "body": m.Body, "status": m.Status})
		return
	}
	writeJSON(w, http.StatusCreated, s.resource(m))
}

// resource renders the Message resource as the API documents it.
func (s *Server) resource(m Message) map[string]any {
	now := time.Now().UTC().Format(time.RFC1123Z)
	segments := "1"
	if n := utf8.RuneCountInString(m.Body); n > 160 {
		segments = strconv.Itoa((n + 152) / 153) // GSM-7 sizes; the fake does not look at encodings
	}
	if m.MessagingServiceSID != "" {
		segments = "0" // until a sender is picked, as the docs say
	}
	var mss any
	if m.MessagingServiceSID != "" {
		mss = m.MessagingServiceSID
	}
	uri := "/2010-04-01/Accounts/" + s.AccountSID + "/Messages/" + m.SID + ".json"
	return map[string]any{
		"account_sid": s.AccountSID, "api_version": "2010-04-01", "body": m.Body,
		"date_created": now, "date_updated": now, "date_sent": nil, "direction": "outbound-api",
		"error_code": nil, "error_message": nil, "from": nilIfEmpty(m.From),
		"messaging_service_sid": mss, "num_media": "0", "num_segments": segments,
		"price": nil, "price_unit": "USD", "sid": m.SID, "status": m.Status, "to": m.To, "uri": uri,
		"subresource_uris": map[string]string{"media": strings.TrimSuffix(uri, ".json") + "/Media.json"},
	}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func e164(s string) bool {
	d, ok := strings.CutPrefix(s, "+")
	if !ok || len(d) < 8 || len(d) > 15 || d[0] == '0' {
		return false
	}
	for _, r := range d {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
