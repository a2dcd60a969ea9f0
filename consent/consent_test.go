package consent

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

var (
	emailText = Text{Version: "email-v1", SHA256: HashText("Send me news from Riverside Dental.")}
	smsText   = Text{Version: "sms-v2", SHA256: HashText("Texts from Riverside Dental. Consent is not a condition of purchase. Reply STOP to end."), NotConditionOfPurchase: true}
	bareSMS   = Text{Version: "sms-v1", SHA256: HashText("Texts from Riverside Dental.")}
)

func ev(id int64, minute int, ch Channel, p Purpose, k Kind, m Method, text Text) Event {
	return Event{ID: id, Channel: ch, Purpose: p, Kind: k, Method: m, Text: text, At: t0.Add(time.Duration(minute) * time.Minute)}
}

func TestValidate(t *testing.T) {
	ok := ev(1, 0, Email, Marketing, Given, WebForm, emailText)
	for _, tc := range []struct {
		name string
		e    Event
		want error
	}{
		{"given on a web form", ok, nil},
		{"revoked by bounce", ev(1, 0, Email, Marketing, Revoked, Bounce, Text{}), nil},
		{"confirmed by link", ev(1, 0, Email, Marketing, Confirmed, DoubleOptIn, Text{}), nil},
		{"given without text", ev(1, 0, Email, Marketing, Given, WebForm, Text{}), ErrText},
		{"given with a bad hash", ev(1, 0, Email, Marketing, Given, WebForm, Text{Version: "v", SHA256: "abc"}), ErrText},
		{"a bounce cannot give", ev(1, 0, Email, Marketing, Given, Bounce, emailText), ErrMethod},
		{"an unsubscribe cannot confirm", ev(1, 0, Email, Marketing, Confirmed, UnsubscribeLink, Text{}), ErrMethod},
		{"unknown method", ev(1, 0, Email, Marketing, Given, "carrier_pigeon", emailText), ErrMethod},
		{"unknown channel", ev(1, 0, "fax", Marketing, Given, WebForm, emailText), ErrChannel},
		{"unknown purpose", ev(1, 0, Email, "sales", Given, WebForm, emailText), ErrPurpose},
		{"unknown kind", ev(1, 0, Email, Marketing, "maybe", WebForm, emailText), ErrKind},
		{"no time", Event{Channel: Email, Purpose: Marketing, Kind: Given, Method: WebForm, Text: emailText}, ErrTime},
	} {
		if got := tc.e.Validate(); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestAllowed(t *testing.T) {
	for _, tc := range []struct {
		name   string
		events []Event
		ch     Channel
		p      Purpose
		doi    bool
		want   error
		wantID int64
	}{
		{"nothing recorded", nil, Email, Marketing, false, ErrNoConsent, 0},
		{"single opt-in", []Event{ev(1, 0, Email, Marketing, Given, WebForm, emailText)}, Email, Marketing, false, nil, 1},
		{"double opt-in, unconfirmed", []Event{ev(1, 0, Email, Marketing, Given, WebForm, emailText)}, Email, Marketing, true, ErrPending, 0},
		{"double opt-in, confirmed", []Event{ev(1, 0, Email, Marketing, Given, WebForm, emailText), ev(2, 5, Email, Marketing, Confirmed, DoubleOptIn, Text{})}, Email, Marketing, true, nil, 1},
		{"revoked after confirming", []Event{ev(1, 0, Email, Marketing, Given, WebForm, emailText), ev(2, 5, Email, Marketing, Confirmed, DoubleOptIn, Text{}), ev(3, 9, Email, Marketing, Revoked, ListUnsubscribePost, Text{})}, Email, Marketing, false, ErrRevoked, 0},
		{"given again after revoking", []Event{ev(1, 0, Email, Marketing, Given, WebForm, emailText), ev(3, 9, Email, Marketing, Revoked, UnsubscribeLink, Text{}), ev(4, 20, Email, Marketing, Given, WebForm, emailText)}, Email, Marketing, false, nil, 4},
		{"confirming after a revocation brings nothing back", []Event{ev(1, 0, Email, Marketing, Given, WebForm, emailText), ev(3, 9, Email, Marketing, Revoked, UnsubscribeLink, Text{}), ev(4, 20, Email, Marketing, Confirmed, DoubleOptIn, Text{})}, Email, Marketing, false, ErrRevoked, 0},
		{"history out of order", []Event{ev(3, 9, Email, Marketing, Revoked, Complaint, Text{}), ev(1, 0, Email, Marketing, Given, WebForm, emailText)}, Email, Marketing, false, ErrRevoked, 0},
		{"revocation wins a tie", []Event{ev(3, 0, Email, Marketing, Revoked, Staff, Text{}), ev(4, 0, Email, Marketing, Given, WebForm, emailText)}, Email, Marketing, false, ErrRevoked, 0},
		{"treatment consent is not marketing consent", []Event{ev(1, 0, Email, Treatment, Given, Staff, emailText)}, Email, Marketing, false, ErrNoConsent, 0},
		{"email consent is not SMS consent", []Event{ev(1, 0, Email, Marketing, Given, WebForm, emailText)}, SMS, Marketing, false, ErrNoConsent, 0},
		{"SMS marketing, written, says no condition", []Event{ev(1, 0, SMS, Marketing, Given, WebForm, smsText)}, SMS, Marketing, false, nil, 1},
		{"SMS marketing by keyword", []Event{ev(1, 0, SMS, Marketing, Given, SMSKeyword, smsText)}, SMS, Marketing, false, nil, 1},
		{"SMS marketing given to staff aloud", []Event{ev(1, 0, SMS, Marketing, Given, Staff, smsText)}, SMS, Marketing, false, ErrNotWritten, 0},
		{"SMS marketing imported without a better method", []Event{ev(1, 0, SMS, Marketing, Given, Import, smsText)}, SMS, Marketing, false, ErrNotWritten, 0},
		{"SMS marketing text without the condition statement", []Event{ev(1, 0, SMS, Marketing, Given, Paper, bareSMS)}, SMS, Marketing, false, ErrNoCondition, 0},
		{"SMS treatment needs only express consent", []Event{ev(1, 0, SMS, Treatment, Given, Staff, bareSMS)}, SMS, Treatment, false, nil, 1},
		{"SMS STOP", []Event{ev(1, 0, SMS, Treatment, Given, Staff, bareSMS), ev(2, 3, SMS, Treatment, Revoked, SMSKeyword, Text{})}, SMS, Treatment, false, ErrRevoked, 0},
		{"a malformed given counts for nothing", []Event{ev(1, 0, Email, Marketing, Given, Bounce, emailText)}, Email, Marketing, false, ErrNoConsent, 0},
		{"unknown purpose", nil, Email, "sales", false, ErrBadRequest, 0},
	} {
		ref, err := Allowed(Derive(tc.events), tc.ch, tc.p, tc.doi)
		if err != tc.want || ref.EventID != tc.wantID {
			t.Errorf("%s: %+v %v; want event %d, %v", tc.name, ref, err, tc.wantID, tc.want)
		}
	}
}

func TestAllowedNamesWhatAllowedIt(t *testing.T) {
	s := Derive([]Event{ev(7, 0, Email, Marketing, Given, WebForm, emailText), ev(8, 5, Email, Marketing, Confirmed, DoubleOptIn, Text{})})
	ref, err := Allowed(s, Email, Marketing, true)
	if err != nil {
		t.Fatal(err)
	}
	if ref.EventID != 7 || ref.ConfirmedID != 8 || ref.TextVersion != "email-v1" || ref.Method != WebForm || ref.Level != BrandTrust || ref.LevelRef != "consent_event:8" {
		t.Fatalf("ref %+v", ref)
	}
	s.Evidence = []Evidence{{Kind: LoyaltyJoined, Ref: "loyalty_member:3"}}
	if ref, _ := Allowed(s, Email, Marketing, true); ref.Level != Points || ref.LevelRef != "loyalty_member:3" {
		t.Fatalf("with loyalty evidence %+v", ref)
	}
	s.Suppressed = map[Channel]bool{Email: true}
	var r *Refusal
	if _, err := Allowed(s, Email, Marketing, true); !errors.As(err, &r) || r.Reason != "suppressed" {
		t.Fatalf("suppressed: %v", err)
	}
}

func TestLevel(t *testing.T) {
	for _, tc := range []struct {
		ev   []Evidence
		want Permission
	}{
		{nil, NoPermission},
		{[]Evidence{{Kind: StandingOrder}}, NoPermission}, // no record behind it
		{[]Evidence{{Kind: "rumour", Ref: "x:1"}}, NoPermission},
		{[]Evidence{{Kind: Asked, Ref: "consent_event:1"}}, Situational},
		{[]Evidence{{Kind: Asked, Ref: "a:1"}, {Kind: ConfirmedOptIn, Ref: "b:1"}}, BrandTrust},
		{[]Evidence{{Kind: StaffRelationship, Ref: "note:1"}, {Kind: ConfirmedOptIn, Ref: "b:1"}}, Personal},
		{[]Evidence{{Kind: LoyaltyJoined, Ref: "l:1"}, {Kind: StaffRelationship, Ref: "n:1"}}, Points},
		{[]Evidence{{Kind: PaidSubscription, Ref: "s:1"}, {Kind: LoyaltyJoined, Ref: "l:1"}}, Intravenous},
		{[]Evidence{{Kind: StandingOrder, Ref: "o:1"}}, Intravenous},
	} {
		if got, _ := Level(tc.ev); got != tc.want {
			t.Errorf("Level(%v) = %s, want %s", tc.ev, got, tc.want)
		}
	}
	if NoPermission.String() != "none" || Intravenous.String() != "intravenous" {
		t.Fatal("names")
	}
}

func TestImportMayGive(t *testing.T) {
	given := []Event{ev(1, 0, Email, Marketing, Given, WebForm, emailText)}
	confirmed := append(given, ev(2, 1, Email, Marketing, Confirmed, DoubleOptIn, Text{}))
	revoked := append(given, ev(3, 1, Email, Marketing, Revoked, UnsubscribeLink, Text{}))
	if !ImportMayGive(Derive(nil), Email, Marketing) || !ImportMayGive(Derive(given), Email, Marketing) {
		t.Fatal("an import may give where nothing stronger stands")
	}
	if ImportMayGive(Derive(confirmed), Email, Marketing) || ImportMayGive(Derive(revoked), Email, Marketing) {
		t.Fatal("an import must not overwrite a confirmed or revoked consent")
	}
}

// TestNeverAllowedAfterRevocation runs random histories: whatever came before, a history whose
// latest event for the key is a revocation is never allowed, and on a double opt-in list a
// consent given and not confirmed since is never allowed.
func TestNeverAllowedAfterRevocation(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	kinds := []Kind{Given, Confirmed, Revoked}
	meths := []Method{WebForm, DoubleOptIn, Import, Paper, SMSKeyword, UnsubscribeLink, ListUnsubscribePost, Staff, Bounce, Complaint}
	texts := []Text{emailText, smsText, bareSMS, {}}
	for i := 0; i < 20000; i++ {
		n := rng.IntN(8)
		var evs []Event
		for j := 0; j < n; j++ {
			evs = append(evs, Event{ID: int64(j + 1), Channel: Channels[rng.IntN(2)], Purpose: Purposes[rng.IntN(2)],
				Kind: kinds[rng.IntN(3)], Method: meths[rng.IntN(len(meths))], Text: texts[rng.IntN(len(texts))],
				At: t0.Add(time.Duration(rng.IntN(5)) * time.Minute)})
		}
		for _, ch := range Channels {
			for _, p := range Purposes {
				s := Derive(evs)
				last, lastGiven, confirmedSince := latest(evs, ch, p)
				_, err := Allowed(s, ch, p, false)
				if last != nil && last.Kind == Revoked && err == nil {
					t.Fatalf("allowed after a revocation: %+v", evs)
				}
				if last == nil && err == nil {
					t.Fatalf("allowed with no valid event: %+v", evs)
				}
				_, err = Allowed(s, ch, p, true)
				if lastGiven != nil && !confirmedSince && err == nil {
					t.Fatalf("double opt-in allowed without confirmation: %+v", evs)
				}
			}
		}
	}
}

// latest is an independent reading of a history for one key: the latest valid event (a
// revocation counting as later at the same instant), the latest given event, and whether a
// confirmation came after it.
func latest(evs []Event, ch Channel, p Purpose) (last, given *Event, confirmed bool) {
	later := func(a, b *Event) bool { // a after b
		if !a.At.Equal(b.At) {
			return a.At.After(b.At)
		}
		if (a.Kind == Revoked) != (b.Kind == Revoked) {
			return a.Kind == Revoked
		}
		return a.ID > b.ID
	}
	for i := range evs {
		e := &evs[i]
		if e.Channel != ch || e.Purpose != p || e.Validate() != nil {
			continue
		}
		if last == nil || later(e, last) {
			last = e
		}
		if e.Kind == Given && (given == nil || later(e, given)) {
			given = e
		}
	}
	if given != nil {
		for i := range evs {
			e := &evs[i]
			if e.Channel == ch && e.Purpose == p && e.Kind == Confirmed && e.Validate() == nil && later(e, given) {
				confirmed = true
			}
		}
	}
	return last, given, confirmed
}
