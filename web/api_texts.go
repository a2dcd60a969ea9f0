package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/consent"
	"github.com/bedsidehq/bedside/sms"
	"github.com/bedsidehq/bedside/store"
)

// textLease bounds one send: a server that dies mid-send frees the text after it.
const textLease = 2 * time.Minute

// textRefusal is a 422 naming the rule that stops a text. Its message and details are rule names
// and fixed sentences only: never the number or the body.
func textRefusal(rule, msg string) error {
	return &bedside.Error{Code: bedside.EInvalid, Message: "text refused (" + rule + "): " + msg, Details: map[string]string{"rule": rule}}
}

// smsRefusal turns a rule error of package sms into a refusal naming its reasons.
func smsRefusal(err error) error {
	var reasons []string
	if rs, ok := bedside.ErrorDetails(err).([]sms.Reason); ok {
		for _, r := range rs {
			reasons = append(reasons, string(r))
		}
	}
	switch {
	case errors.Is(err, sms.ErrUnknownZone):
		reasons = []string{string(sms.ReasonUnknownZone)}
	case errors.Is(err, sms.ErrNoWindow):
		reasons = []string{string(sms.ReasonNoWindow)}
	}
	if len(reasons) == 0 {
		return err
	}
	return &bedside.Error{Code: bedside.EInvalid, Message: "text refused (" + strings.Join(reasons, ", ") + "): " + strings.TrimPrefix(bedside.ErrorMessage(err), "sms: "),
		Details: map[string]any{"rule": reasons[0], "rules": reasons}}
}

// apiSendText sends a text to a contact now, or schedules it for the moment quiet hours end.
// Every rule is checked first: consent for the purpose (marketing needs prior express written
// consent), the suppression list, the treatment-text rules, and the recipient's time zone.
func (s *Server) apiSendText(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req struct {
		Purpose consent.Purpose `json:"purpose"`
		Body    string          `json:"body"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	if !req.Purpose.Valid() {
		return bedside.Errorf(bedside.EInvalid, "purpose must be treatment or marketing")
	}
	ctx, actor := r.Context(), i.actor()
	if _, ok, err := s.twilioSettings(ctx, actor.PracticeID); err != nil {
		return err
	} else if !ok {
		return textRefusal("not_connected", "connect Twilio first (PUT /api/v1/practice/connectors/twilio)")
	}
	c, err := s.db.Contact(ctx, actor, id)
	if err != nil {
		return err
	}
	zones, ref, err := s.textChecks(ctx, actor, c, req.Purpose)
	if err != nil {
		return err
	}
	switch {
	case req.Purpose == consent.Treatment:
		if err := sms.CheckBody(req.Body); err != nil {
			return smsRefusal(err)
		}
	case strings.TrimSpace(req.Body) == "":
		return textRefusal("empty", "the text is empty")
	case utf8.RuneCountInString(req.Body) > sms.MaxBodyChars:
		return textRefusal("too_long", "a text is at most 1600 characters")
	}
	now := s.db.Now()
	at, err := sms.NextAllowed(now, zones)
	if err != nil {
		return smsRefusal(err)
	}
	tx, err := s.db.CreateText(ctx, actor, store.Text{ContactID: c.ID, Purpose: req.Purpose, Body: req.Body, ConsentEventID: ref.EventID, ScheduledFor: at},
		func(previous []time.Time) error {
			if req.Purpose != consent.Treatment {
				return nil
			}
			if err := sms.CheckFrequency(at, zones, previous); err != nil {
				return smsRefusal(err)
			}
			return nil
		})
	if err != nil {
		return err
	}
	if at.After(now) {
		s.metrics.texts.WithLabelValues("scheduled").Inc()
		writeJSON(w, http.StatusAccepted, tx)
		return nil
	}
	claimed, err := s.db.ClaimText(ctx, actor, tx.ID, textLease)
	if err != nil {
		return err
	}
	out, err := s.deliverText(ctx, claimed, s.publicURL(r))
	if err != nil {
		return err
	}
	code := http.StatusCreated
	if out.Status == store.TextScheduled {
		code = http.StatusAccepted
	}
	writeJSON(w, code, out)
	return nil
}

// allowedText asks consent.Allowed about a contact's texts for a purpose, with the suppression
// list. Texts never wait for double opt-in: TCPA asks for prior express consent, not confirmation.
func (s *Server) allowedText(ctx context.Context, actor store.Actor, contactID int64, p consent.Purpose) (consent.ConsentRef, error) {
	st, err := s.db.ConsentState(ctx, actor, contactID)
	if err != nil {
		return consent.ConsentRef{}, err
	}
	ref, err := consent.Allowed(st, consent.SMS, p, false)
	var rf *consent.Refusal
	if errors.As(err, &rf) {
		return ref, textRefusal(rf.Reason, rf.Message)
	}
	return ref, err
}

// textChecks are the rules that hold at creation and again at send time: the contact can be
// texted at all, consent allows the purpose, and the zones to keep quiet hours in are known.
func (s *Server) textChecks(ctx context.Context, actor store.Actor, c store.Contact, p consent.Purpose) ([]*time.Location, consent.ConsentRef, error) {
	if c.WipedAt != nil || c.Phone == "" {
		return nil, consent.ConsentRef{}, textRefusal("no_phone", "the contact has no phone number")
	}
	ref, err := s.allowedText(ctx, actor, c.ID, p)
	if err != nil {
		return nil, ref, err
	}
	zones, err := sms.Zones(c.TimeZone, c.Phone)
	if err != nil {
		return nil, ref, smsRefusal(err)
	}
	return zones, ref, nil
}

// deliverText makes one claimed attempt at a text: the rules again (consent may have been
// revoked since it was scheduled), then Twilio. It never retries a send whose fate is unknown (a
// 5xx or a lost connection may hide a message Twilio took), so a text goes out at most once; a
// 429, which Twilio documents as not sent, waits and goes again. callbackBase is the public URL
// status callbacks go to, "" for none.
func (s *Server) deliverText(ctx context.Context, tx store.Text, callbackBase string) (store.Text, error) {
	actor := store.Actor{PracticeID: tx.PracticeID}
	deferTo := func(at time.Time) (store.Text, error) {
		if err := s.db.TextDeferred(ctx, tx, at); err != nil {
			return tx, err
		}
		s.metrics.texts.WithLabelValues("deferred").Inc()
		tx.ScheduledFor, tx.Status = at, store.TextScheduled
		return tx, nil
	}
	c, err := s.db.Contact(ctx, actor, tx.ContactID)
	if err != nil {
		return tx, err
	}
	zones, _, err := s.textChecks(ctx, actor, c, tx.Purpose)
	if err != nil {
		if bedside.ErrorCode(err) != bedside.EInvalid {
			return tx, err
		}
		s.log.Info("text refused at send time", "practice_id", tx.PracticeID, "text_id", tx.ID, "rule", ruleOf(err))
		if err := s.db.TextRefused(ctx, tx); err != nil {
			return tx, err
		}
		s.metrics.texts.WithLabelValues("refused").Inc()
		tx.Status = store.TextRefused
		return tx, err
	}
	now := s.db.Now()
	if at, err := sms.NextAllowed(now, zones); err == nil && at.After(now) {
		return deferTo(at)
	}
	t, ok, err := s.twilioSettings(ctx, tx.PracticeID)
	if err == nil && !ok {
		err = textRefusal("not_connected", "Twilio is no longer connected")
	}
	var client *sms.Client
	if err == nil {
		client, err = s.twilioClient(t)
	}
	if err != nil {
		if ferr := s.db.TextFailed(ctx, tx, 0); ferr != nil {
			return tx, ferr
		}
		s.metrics.texts.WithLabelValues("failed").Inc()
		return tx, err
	}
	msg := sms.Message{To: c.Phone, From: t.From, MessagingServiceSID: t.MessagingServiceSID, Body: tx.Body}
	if callbackBase != "" {
		msg.StatusCallback = callbackBase + twilioHookPath(tx.PracticeID) + "/status"
	}
	sent, sendErr := client.Send(ctx, msg)
	if sendErr == nil {
		tx.TwilioSID = sent.SID
		if err := s.db.TextSent(ctx, tx, sent.SID, sent.Status); err != nil {
			return tx, err
		}
		s.metrics.texts.WithLabelValues("sent").Inc()
		tx.Status, tx.SentAt = sent.Status, &now
		return tx, nil
	}
	var rl *sms.RateLimited
	var api *sms.APIError
	code := 0
	if errors.As(sendErr, &api) {
		code = api.Code
	}
	s.log.Warn("text send", "practice_id", tx.PracticeID, "text_id", tx.ID, "twilio_code", code, "code", bedside.ErrorCode(sendErr))
	if errors.As(sendErr, &rl) {
		at, err := sms.NextAllowed(now.Add(max(rl.RetryAfter, time.Minute)), zones)
		if err != nil {
			at = now.Add(time.Hour)
		}
		return deferTo(at)
	}
	if err := s.db.TextFailed(ctx, tx, code); err != nil {
		return tx, err
	}
	tx.Status, tx.ErrorCode = store.TextFailed, code
	s.metrics.texts.WithLabelValues("failed").Inc()
	if errors.Is(sendErr, sms.ErrUnsubscribed) {
		return tx, textRefusal("unsubscribed", "the recipient replied STOP to this sender at Twilio; the number is now suppressed")
	}
	return tx, sendErr
}

// ruleOf is the rule a refusal names, for logs.
func ruleOf(err error) string {
	if d, ok := bedside.ErrorDetails(err).(map[string]string); ok {
		return d["rule"]
	}
	if d, ok := bedside.ErrorDetails(err).(map[string]any); ok {
		r, _ := d["rule"].(string)
		return r
	}
	return ""
}

// sendDueTexts makes one attempt at each scheduled text whose time has come.
func (s *Server) sendDueTexts(ctx context.Context) {
	due, err := s.db.DueTexts(ctx, 50, textLease)
	if err != nil {
		s.log.Error("scheduled texts", "error", err.Error())
		return
	}
	for _, tx := range due {
		if _, err := s.deliverText(ctx, tx, s.publicURL(nil)); err != nil && bedside.ErrorCode(err) == bedside.EInternal {
			s.log.Error("scheduled text", "practice_id", tx.PracticeID, "text_id", tx.ID, "code", bedside.ErrorCode(err))
		}
	}
}
