package web

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/sms"
	"github.com/bedsidehq/bedside/store"
)

// twilioSettings connect a practice's Twilio account. The auth token is always needed: Twilio
// signs its webhooks with it, and STOP replies arrive by webhook. An API key, when given, is what
// sends, since it can be revoked alone.
type twilioSettings struct {
	AccountSID          string `json:"account_sid"`
	AuthToken           string `json:"auth_token"`
	APIKeySID           string `json:"api_key_sid,omitempty"`
	APIKeySecret        string `json:"api_key_secret,omitempty"`
	From                string `json:"from,omitempty"`
	MessagingServiceSID string `json:"messaging_service_sid,omitempty"`
	// KeywordReplies says who answers a reply that is a single keyword (STOP, HELP, START...):
	// "twilio" (the default: Twilio's own opt-out handling, on for every long code and toll-free
	// number, answers them, so Bedside must not answer a second time) or "bedside" (the practice
	// had Twilio turn its handling off). Longer revocations ("please stop texting me"), which
	// Twilio does not recognise, Bedside always answers.
	KeywordReplies string `json:"keyword_replies,omitempty"`
}

const (
	keywordsByTwilio  = "twilio"
	keywordsByBedside = "bedside"
)

func (s *Server) apiSetTwilio(w http.ResponseWriter, r *http.Request, i *identity) error {
	var t twilioSettings
	if err := readJSON(r, &t); err != nil {
		return err
	}
	switch {
	case t.AuthToken == "":
		return bedside.Errorf(bedside.EInvalid, "auth_token is required: Twilio signs its webhooks, STOP replies among them, with it")
	case (t.APIKeySID == "") != (t.APIKeySecret == ""):
		return bedside.Errorf(bedside.EInvalid, "api_key_sid and api_key_secret go together")
	case (t.From == "") == (t.MessagingServiceSID == ""):
		return bedside.Errorf(bedside.EInvalid, "give exactly one of from and messaging_service_sid")
	case t.MessagingServiceSID != "" && !strings.HasPrefix(t.MessagingServiceSID, "MG"):
		return bedside.Errorf(bedside.EInvalid, "messaging_service_sid starts with MG")
	case t.KeywordReplies != "" && t.KeywordReplies != keywordsByTwilio && t.KeywordReplies != keywordsByBedside:
		return bedside.Errorf(bedside.EInvalid, `keyword_replies is "twilio" or "bedside"`)
	}
	if t.KeywordReplies == "" {
		t.KeywordReplies = keywordsByTwilio
	}
	if _, err := s.twilioClient(t); err != nil {
		return err
	}
	b, _ := json.Marshal(t)
	if err := s.db.SetConnector(r.Context(), i.actor(), "twilio", b); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]string{"account_sid": t.AccountSID, "from": t.From,
		"messaging_service_sid": t.MessagingServiceSID, "keyword_replies": t.KeywordReplies,
		"webhook_url": s.publicURL(r) + twilioHookPath(i.User.PracticeID)})
	return nil
}

func twilioHookPath(practiceID int64) string {
	return "/hooks/twilio/" + strconv.FormatInt(practiceID, 10)
}

// publicURL is the base the outside world calls this server at; r may be nil outside a request,
// and then it is "" unless configured.
func (s *Server) publicURL(r *http.Request) string {
	if s.cfg.PublicURL != "" {
		return strings.TrimRight(s.cfg.PublicURL, "/")
	}
	if r == nil {
		return ""
	}
	return s.baseURL(r)
}

func (s *Server) twilioSettings(ctx context.Context, practiceID int64) (twilioSettings, bool, error) {
	var t twilioSettings
	b, ok, err := s.db.Connector(ctx, practiceID, "twilio")
	if err != nil || !ok {
		return t, false, err
	}
	return t, true, json.Unmarshal(b, &t)
}

func (s *Server) twilioClient(t twilioSettings) (*sms.Client, error) {
	return sms.New(sms.Config{AccountSID: t.AccountSID, AuthToken: t.AuthToken, APIKeySID: t.APIKeySID,
		APIKeySecret: t.APIKeySecret, BaseURL: s.cfg.TwilioBaseURL})
}

// smsPractice is who the keyword replies say is texting: the practice's name, and the first
// phone of its profile, else the number it texts from.
func (s *Server) smsPractice(ctx context.Context, practiceID int64, t twilioSettings) (sms.Practice, error) {
	p, err := s.db.Practice(ctx, practiceID)
	if err != nil {
		return sms.Practice{}, err
	}
	prof, _, err := s.db.Profile(ctx, practiceID)
	if err != nil {
		return sms.Practice{}, err
	}
	out := sms.Practice{Name: p.Name, Phone: t.From}
	if len(prof.Phones) > 0 {
		out.Phone = prof.Phones[0]
	}
	return out, nil
}

// twilioHook checks a webhook's signature against the URL Twilio was given and hands the form
// to next. An unknown practice is 404 and a bad signature 401, both before anything is read
// from the form.
func (s *Server) twilioHook(next func(w http.ResponseWriter, r *http.Request, practiceID int64, t twilioSettings) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := practiceOf(r)
		var t twilioSettings
		ok := false
		if err == nil {
			t, ok, err = s.twilioSettings(r.Context(), id)
		}
		if err != nil || !ok {
			writeError(w, r, bedside.Errorf(bedside.ENotFound, "no such hook"))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, sms.MaxWebhookBody)
		if err := r.ParseForm(); err != nil {
			writeError(w, r, bedside.Errorf(bedside.EInvalid, "the request must be a form of at most 64 KiB"))
			return
		}
		if err := sms.VerifySignature(t.AuthToken, s.publicURL(r)+r.URL.RequestURI(), r.PostForm, r.Header.Get(sms.SignatureHeader)); err != nil {
			writeError(w, r, err)
			return
		}
		if err := next(w, r, id, t); err != nil {
			writeError(w, r, err)
		}
	}
}

// twilioMessage acts on a text someone sent the practice. Replies go back as TwiML in the answer
// (Twilio's documented way to answer an incoming message: no second API call, no credentials
// needed to reply). A revocation is recorded and the number suppressed before the answer is
// written, so a STOP is honoured even if the reply is lost. Ordinary replies are not kept: there
// is no SMS inbox yet.
func (s *Server) twilioMessage(w http.ResponseWriter, r *http.Request, practiceID int64, t twilioSettings) error {
	in, err := sms.ParseInbound(r.PostForm)
	if err != nil {
		return err
	}
	actor := store.Actor{PracticeID: practiceID}
	kind := in.Kind()
	s.metrics.smsInbound.WithLabelValues(kind.String()).Inc()
	source := "sms:" + in.MessageSID
	if len(source) > 128 {
		source = source[:128]
	}
	reply := ""
	switch kind {
	case sms.OptOut:
		if _, err := s.db.SMSOptOut(r.Context(), actor, in.From, source); err != nil {
			return err
		}
		if !twilioAnswered(t, in.Body) {
			p, err := s.smsPractice(r.Context(), practiceID, t)
			if err != nil {
				return err
			}
			reply = sms.ConfirmationText(p)
		}
	case sms.Help:
		if !twilioAnswered(t, in.Body) {
			p, err := s.smsPractice(r.Context(), practiceID, t)
			if err != nil {
				return err
			}
			reply = sms.HelpText(p)
		}
	case sms.OptIn:
		if _, err := s.db.SMSOptIn(r.Context(), actor, in.From, source); err != nil {
			return err
		}
	}
	writeTwiML(w, reply)
	return nil
}

// twilioStatus records a status callback for a text we sent; 21610 suppresses the number.
func (s *Server) twilioStatus(w http.ResponseWriter, r *http.Request, practiceID int64, _ twilioSettings) error {
	st, err := sms.ParseStatus(r.PostForm)
	if err != nil {
		return err
	}
	if _, err := s.db.TextStatus(r.Context(), store.Actor{PracticeID: practiceID}, st.MessageSID, st.Status, st.ErrorCode); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// writeTwiML answers a message webhook with at most one text back.
func writeTwiML(w http.ResponseWriter, reply string) {
	var b strings.Builder
	b.WriteString(xml.Header + "<Response>")
	if reply != "" {
		b.WriteString("<Message>")
		xml.EscapeText(&b, []byte(reply))
		b.WriteString("</Message>")
	}
	b.WriteString("</Response>")
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.Write([]byte(b.String()))
}

// twilioKeywords are the single-word replies Twilio's default opt-out handling answers itself
// (help.twilio.com, "Twilio support for opt-out keywords").
var twilioKeywords = map[string]bool{"STOP": true, "STOPALL": true, "UNSUBSCRIBE": true, "CANCEL": true, "END": true, "QUIT": true,
	"REVOKE": true, "OPTOUT": true, "HELP": true, "INFO": true, "START": true, "YES": true, "UNSTOP": true}

// twilioAnswered reports whether Twilio has already answered body itself. When in doubt it says
// yes: a second confirmation breaks the one-text rule, a missing one breaks nothing.
func twilioAnswered(t twilioSettings, body string) bool {
	if t.KeywordReplies == keywordsByBedside {
		return false
	}
	letters := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return unicode.ToUpper(r)
		}
		if unicode.IsSpace(r) || unicode.IsPunct(r) {
			return -1
		}
		return r
	}, body)
	return twilioKeywords[letters]
}
