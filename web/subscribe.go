package web

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/campaign"
	"github.com/bedsidehq/bedside/consent"
	"github.com/bedsidehq/bedside/mail"
	"github.com/bedsidehq/bedside/store"
)

// The public signup. Its POST comes from our hosted page and from the snippet a practice pastes
// into its own site; a cross-site form cannot carry our CSRF cookie, and needs none: it is not
// made on anyone's behalf (no session), and the worst a forged post can do is what anyone can do
// by filling the form in, which is to ask for a confirmation email. Instead the form carries the
// practice's form id (so a post names one practice's form), an honeypot field that people never
// see and bots fill in, and each address is limited in how often it may post.

// maxSubscribeBody bounds the signup form.
const maxSubscribeBody = 64 << 10

// honeypot is the field people never see; a value in it marks a bot.
const honeypot = "website"

// Signups allowed per client address in a window.
const (
	maxSignupsPerIP = 20
	signupWindow    = time.Hour
)

// subscribeView is the hosted signup page, and the embed snippet's contents.
type subscribeView struct {
	PracticeID int64
	Practice   string
	FormID     string
	Text       store.ConsentText
	Action     string // where the form posts: "/subscribe", or the absolute URL in the snippet
	Email      string
	Phone      string
	Honeypot   string
	Error      string
	Notice     string
	Embed      bool // the snippet for another site: absolute action, no stylesheet of ours
}

func (s *Server) signupForm(ctx context.Context, practiceID int64) (subscribeView, error) {
	v := subscribeView{PracticeID: practiceID, Action: "/subscribe", Honeypot: honeypot}
	pr, err := s.db.Practice(ctx, practiceID)
	if err != nil {
		return v, bedside.Errorf(bedside.ENotFound, "There is no signup form here.")
	}
	texts, err := s.db.ConsentTexts(ctx, practiceID)
	if err != nil {
		return v, err
	}
	if len(texts) == 0 {
		return v, bedside.Errorf(bedside.ENotFound, "This practice has not set up its signup form yet.")
	}
	key, err := s.linkKey(ctx)
	if err != nil {
		return v, err
	}
	v.Practice, v.Text, v.FormID = pr.Name, texts[0], formID(key, practiceID)
	return v, nil
}

func (s *Server) renderPublic(w http.ResponseWriter, r *http.Request, status int, name string, v any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := s.pages.public[name].ExecuteTemplate(w, "public", v); err != nil {
		s.log.Error("template", "template", name, "error", err.Error())
	}
}

// publicError shows a public page's error as a page of its own; internal errors are logged and
// answered generically.
func (s *Server) publicError(w http.ResponseWriter, r *http.Request, err error) {
	if bedside.ErrorCode(err) == bedside.EInternal {
		writeError(w, r, err)
		return
	}
	status := statusOf[bedside.ErrorCode(err)]
	if err == errLinkExpired {
		status = http.StatusGone
	}
	s.renderPublic(w, r, status, "message", map[string]string{"Title": "Sorry", "Message": bedside.ErrorMessage(err)})
}

func (s *Server) subscribePage(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("practice"), 10, 64)
	if err != nil || id <= 0 {
		s.publicError(w, r, bedside.Errorf(bedside.ENotFound, "There is no signup form here."))
		return
	}
	v, err := s.signupForm(r.Context(), id)
	if err != nil {
		s.publicError(w, r, err)
		return
	}
	s.renderPublic(w, r, http.StatusOK, "subscribe", v)
}

// subscribeSubmit records the consent a person gave on the form and sends the double opt-in
// email. Its answer is the same whether or not the address was known, so the form tells nobody
// who is on the list.
func (s *Server) subscribeSubmit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxSubscribeBody)
	if err := r.ParseForm(); err != nil {
		s.publicError(w, r, bedside.Errorf(bedside.EInvalid, "The form was damaged or too large. Please go back and try again."))
		return
	}
	thanks := map[string]string{"Title": "Thank you", "Message": "Thank you. If you signed up for email, we sent you a message: " +
		"follow its link within 48 hours to confirm. Nothing is sent to you until you do."}
	if r.PostFormValue(honeypot) != "" {
		s.metrics.signupBots.Inc()
		s.renderPublic(w, r, http.StatusOK, "message", thanks) // a bot learns nothing
		return
	}
	ctx := r.Context()
	ip := s.clientIP(r)
	if ok, err := s.db.LoginAllowed(ctx, "subscribe:"+ip, maxSignupsPerIP, signupWindow); err != nil {
		s.publicError(w, r, err)
		return
	} else if !ok {
		s.publicError(w, r, bedside.Errorf(bedside.ERateLimited, "Too many signups from your network; please try again in an hour."))
		return
	}
	id, _ := strconv.ParseInt(r.PostFormValue("practice"), 10, 64)
	v, err := s.signupForm(ctx, id)
	if err != nil {
		s.publicError(w, r, err)
		return
	}
	if subtle.ConstantTimeCompare([]byte(r.PostFormValue("form_id")), []byte(v.FormID)) != 1 {
		s.publicError(w, r, bedside.Errorf(bedside.ENotFound, "This signup form is not valid; please use the practice's current form."))
		return
	}
	v.Email, v.Phone = strings.TrimSpace(r.PostFormValue("email")), strings.TrimSpace(r.PostFormValue("phone"))
	events, err := s.signupEvents(ctx, r, v)
	if err != nil {
		if bedside.ErrorCode(err) == bedside.EInternal {
			s.publicError(w, r, err)
			return
		}
		v.Error = bedside.ErrorMessage(err)
		s.renderPublic(w, r, http.StatusUnprocessableEntity, "subscribe", v)
		return
	}
	actor := store.Actor{PracticeID: id}
	c, given, err := s.db.Subscribe(ctx, actor, store.Contact{Email: v.Email, Phone: v.Phone}, events)
	if err != nil {
		if bedside.ErrorCode(err) == bedside.EInvalid {
			v.Error = bedside.ErrorMessage(err)
			s.renderPublic(w, r, http.StatusUnprocessableEntity, "subscribe", v)
			return
		}
		s.publicError(w, r, err)
		return
	}
	s.sendConfirmation(r, v, c, given)
	s.renderPublic(w, r, http.StatusOK, "message", thanks)
}

// signupEvents turns the ticked boxes into given events for the text shown.
func (s *Server) signupEvents(ctx context.Context, r *http.Request, v subscribeView) ([]consent.Event, error) {
	texts, err := s.db.ConsentTexts(ctx, v.PracticeID)
	if err != nil {
		return nil, err
	}
	var txt *store.ConsentText
	for i := range texts {
		if texts[i].Version == r.PostFormValue("text_version") {
			txt = &texts[i]
		}
	}
	if txt == nil {
		return nil, bedside.Errorf(bedside.EInvalid, "This form shows a consent text the practice does not know; please reload the page.")
	}
	var events []consent.Event
	now := time.Now()
	for _, tick := range r.PostForm["consent"] {
		ch, p, _ := strings.Cut(tick, "/")
		e := consent.Event{Channel: consent.Channel(ch), Purpose: consent.Purpose(p), Kind: consent.Given, Method: consent.WebForm,
			Source: "form:" + v.FormID, Text: consent.Text{Version: txt.Version, SHA256: txt.SHA256}, At: now,
			IP: s.clientIP(r), UserAgent: r.UserAgent()}
		switch {
		case !e.Channel.Valid() || !e.Purpose.Valid():
			return nil, bedside.Errorf(bedside.EInvalid, "Tick only the choices the form offers.")
		case e.Channel == consent.Email && v.Email == "":
			return nil, bedside.Errorf(bedside.EInvalid, "To get emails, give your email address.")
		case e.Channel == consent.SMS && v.Phone == "":
			return nil, bedside.Errorf(bedside.EInvalid, "To get text messages, give your mobile number.")
		case e.Channel == consent.SMS && e.Purpose == consent.Marketing && !txt.NotConditionOfPurchase:
			return nil, bedside.Errorf(bedside.EInvalid, "This form cannot sign you up for marketing texts.")
		}
		events = append(events, e)
	}
	if len(events) == 0 {
		return nil, bedside.Errorf(bedside.EInvalid, "Tick at least one kind of message you want.")
	}
	return events, nil
}

// sendConfirmation emails the double opt-in link for the email consent just given, unless the
// address is suppressed: the form must not become a way to mail people who asked us to stop. A
// failure is logged by ids only (mail servers' errors often repeat the address) and the person
// can sign up again.
func (s *Server) sendConfirmation(r *http.Request, v subscribeView, c store.Contact, given []consent.Event) {
	ctx := r.Context()
	var ids []int64
	for _, e := range given {
		if e.Channel == consent.Email {
			ids = append(ids, e.ID)
		}
	}
	if len(ids) == 0 || c.Email == "" {
		return
	}
	actor := store.Actor{PracticeID: v.PracticeID}
	id, _ := r.Context().Value(keyRequestID).(string)
	if sup, err := s.db.IsSuppressed(ctx, actor, consent.Email, c.Email); err != nil || sup {
		if err != nil {
			s.log.Error("confirmation mail not sent", "request_id", id, "practice_id", v.PracticeID, "contact_id", c.ID, "reason", "suppression check failed")
		}
		return
	}
	key, err := s.linkKey(ctx)
	if err != nil {
		s.log.Error("confirmation mail not sent", "request_id", id, "practice_id", v.PracticeID, "contact_id", c.ID, "reason", "no link key")
		return
	}
	link := s.baseURL(r) + "/confirm/" + signConfirm(key, confirmLink{PracticeID: v.PracticeID, ContactID: c.ID, Given: ids, Expires: time.Now().Add(confirmTTL)})
	if s.mailer == nil {
		s.log.Warn("confirmation mail not sent", "request_id", id, "practice_id", v.PracticeID, "contact_id", c.ID, "reason", "SMTP is not configured")
		return
	}
	from, err := s.confirmationSender(ctx, v)
	if err != nil {
		s.log.Warn("confirmation mail not sent", "request_id", id, "practice_id", v.PracticeID, "contact_id", c.ID, "reason", bedside.ErrorMessage(err))
		return
	}
	if err := s.mailer.confirm(ctx, from, c.Email, link, s.baseURL(r)+"/u/"+c.Token, ids[0], c.ID); err != nil {
		s.log.Error("confirmation mail not sent", "request_id", id, "practice_id", v.PracticeID, "contact_id", c.ID, "reason", "send failed")
		s.metrics.mailFailures.Inc()
	}
}

// confirmPage shows the button that confirms: following a link never confirms by itself, since
// mail scanners follow every link in a message.
func (s *Server) confirmPage(w http.ResponseWriter, r *http.Request) {
	key, err := s.linkKey(r.Context())
	if err == nil {
		_, err = verifyConfirm(key, r.PathValue("token"), time.Now())
	}
	if err != nil {
		s.publicError(w, r, err)
		return
	}
	s.renderPublic(w, r, http.StatusOK, "confirm", map[string]string{"Token": r.PathValue("token")})
}

// confirmSubmit records the confirmation with the evidence of who pressed the button.
func (s *Server) confirmSubmit(w http.ResponseWriter, r *http.Request) {
	key, err := s.linkKey(r.Context())
	var l confirmLink
	if err == nil {
		l, err = verifyConfirm(key, r.PathValue("token"), time.Now())
	}
	if err == nil {
		_, err = s.db.ConfirmConsent(r.Context(), store.Actor{PracticeID: l.PracticeID}, l.ContactID, l.Given, s.clientIP(r), r.UserAgent())
	}
	if err != nil {
		s.publicError(w, r, err)
		return
	}
	s.renderPublic(w, r, http.StatusOK, "message", map[string]string{"Title": "Confirmed",
		"Message": "Thank you, your subscription is confirmed. Every message we send has a link to stop them."})
}

// preferencesView is the preference centre.
type preferencesView struct {
	Token    string
	Practice string
	Email    string // masked
	Phone    string // masked
	Rows     []prefRow
	Wiped    bool
	Notice   string
}

type prefRow struct{ Channel, Purpose, Status string }

func (s *Server) renderPreferences(w http.ResponseWriter, r *http.Request, notice string) {
	sub, err := s.db.SubscriberByToken(r.Context(), r.PathValue("token"))
	if err != nil {
		s.publicError(w, r, err)
		return
	}
	pr, err := s.db.Practice(r.Context(), sub.PracticeID)
	if err != nil {
		s.publicError(w, r, err)
		return
	}
	v := preferencesView{Token: r.PathValue("token"), Practice: pr.Name, Email: maskEmail(sub.Contact.Email), Phone: maskPhone(sub.Contact.Phone),
		Wiped: sub.Contact.WipedAt != nil, Notice: notice}
	for _, ch := range consent.Channels {
		for _, p := range consent.Purposes {
			st := sub.State.Of(ch, p).Status
			if sub.State.Suppressed[ch] && st != consent.StatusNone {
				st = consent.StatusRevoked
			}
			v.Rows = append(v.Rows, prefRow{Channel: string(ch), Purpose: string(p), Status: string(st)})
		}
	}
	s.renderPublic(w, r, http.StatusOK, "preferences", v)
}

// preferencesPage shows what the person is subscribed to and a button to stop; it changes
// nothing.
func (s *Server) preferencesPage(w http.ResponseWriter, r *http.Request) {
	s.renderPreferences(w, r, "")
}

// unsubscribeSubmit stops marketing email at once. It takes the RFC 8058 one-click POST, which
// carries no cookie and no CSRF token (the opaque token in the path is the credential), and the
// preference centre's own form.
func (s *Server) unsubscribeSubmit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	r.ParseForm()
	method := consent.UnsubscribeLink
	oneClick := r.PostFormValue("List-Unsubscribe") == "One-Click"
	if oneClick {
		method = consent.ListUnsubscribePost
	}
	if _, _, err := s.db.Unsubscribe(r.Context(), r.PathValue("token"), method); err != nil {
		s.publicError(w, r, err)
		return
	}
	if oneClick {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("You are unsubscribed.\n"))
		return
	}
	s.renderPreferences(w, r, "You are unsubscribed from marketing email. It can take a moment for messages already on their way to stop.")
}

func maskEmail(e string) string {
	local, domain, ok := strings.Cut(e, "@")
	if !ok || local == "" {
		return ""
	}
	return string([]rune(local)[:1]) + "…@" + domain
}

func maskPhone(p string) string {
	if len(p) < 4 {
		return ""
	}
	return "…" + p[len(p)-2:]
}

// confirmationSender is the practice as the confirmation's From line shows it: the profile's
// name and first email address, as for campaigns.
func (s *Server) confirmationSender(ctx context.Context, v subscribeView) (mail.Practice, error) {
	prof, _, err := s.db.Profile(ctx, v.PracticeID)
	if err != nil {
		return mail.Practice{}, err
	}
	if prof.Name == "" {
		prof.Name = v.Practice
	}
	return s.practiceSender(prof, campaign.Treatment)
}
