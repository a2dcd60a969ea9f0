package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/consent"
	. "github.com/bedsidehq/bedside/store"
)

// TestTextsLedger: a text records the consent that allowed it and its body is sealed; the check
// sees earlier texts; a due text is claimed once; 21610 revokes and suppresses; a STOP from an
// unknown number suppresses it; START gives treatment consent only; a wipe drops the bodies.
func TestTextsLedger(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		_, _, actor := newPractice(t, db, "P", "p@example.com")
		txt, err := db.PutConsentText(ctx, actor, "sms-v1", smsWording, true)
		if err != nil {
			t.Fatal(err)
		}
		c, err := db.CreateContact(ctx, actor, Contact{Name: "Zebulon Quixotic", Phone: "(415) 555-2671", TimeZone: "America/Los_Angeles"})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := db.ContactByPhone(ctx, actor, "+1 415 555 2671"); err != nil || got.ID != c.ID || got.TimeZone != "America/Los_Angeles" {
			t.Fatalf("by phone: %+v %v", got, err)
		}
		if _, err := db.CreateContact(ctx, actor, Contact{Phone: "4155550000", TimeZone: "Mars/Olympus"}); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("a zone that is not IANA: %v", err)
		}
		given, err := db.RecordConsent(ctx, actor, c.ID, consent.Event{Channel: consent.SMS, Purpose: consent.Treatment, Kind: consent.Given,
			Method: consent.Paper, Text: txt})
		if err != nil {
			t.Fatal(err)
		}
		now := db.Now()
		var seen []time.Time
		tx, err := db.CreateText(ctx, actor, Text{ContactID: c.ID, Purpose: consent.Treatment, Body: "Your cleaning is at 10:00 Zebulon",
			ConsentEventID: given.ID, ScheduledFor: now}, func(prev []time.Time) error { seen = prev; return nil })
		if err != nil || len(seen) != 0 || tx.Status != TextScheduled {
			t.Fatalf("create: %+v %v %v", tx, seen, err)
		}
		refuse := errors.New("no")
		if _, err := db.CreateText(ctx, actor, Text{ContactID: c.ID, Purpose: consent.Treatment, Body: "x", ConsentEventID: given.ID, ScheduledFor: now},
			func(prev []time.Time) error { seen = prev; return refuse }); err != refuse || len(seen) != 1 {
			t.Fatalf("the check must see the first text and its refusal must stop the insert: %v %v", seen, err)
		}
		claimed, err := db.ClaimText(ctx, actor, tx.ID, time.Minute)
		if err != nil || claimed.Body != "Your cleaning is at 10:00 Zebulon" {
			t.Fatalf("claim: %+v %v", claimed, err)
		}
		if _, err := db.ClaimText(ctx, actor, tx.ID, time.Minute); bedside.ErrorCode(err) != bedside.EConflict {
			t.Fatalf("second claim: %v", err)
		}
		if due, err := db.DueTexts(ctx, 10, time.Minute); err != nil || len(due) != 0 {
			t.Fatalf("the worker took a claimed text: %+v %v", due, err)
		}
		if err := db.TextSent(ctx, claimed, "SM0001", "queued"); err != nil {
			t.Fatal(err)
		}
		if found, err := db.TextStatus(ctx, actor, "SM0001", "undelivered", 21610); err != nil || !found {
			t.Fatalf("status: %v %v", found, err)
		}
		st, err := db.ConsentState(ctx, actor, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := consent.Allowed(st, consent.SMS, consent.Treatment, false); err != consent.ErrSuppressed {
			t.Fatalf("after 21610: %v", err)
		}
		if st.Of(consent.SMS, consent.Marketing).Status != consent.StatusRevoked || st.Of(consent.SMS, consent.Treatment).Status != consent.StatusRevoked {
			t.Fatalf("21610 must revoke both purposes: %+v", st.Standings)
		}
		texts, _ := db.Texts(ctx, actor, c.ID)
		if len(texts) != 1 || texts[0].Status != "undelivered" || texts[0].ErrorCode != 21610 || texts[0].ConsentEventID != given.ID || texts[0].SentAt == nil {
			t.Fatalf("texts: %+v", texts)
		}

		if id, err := db.SMSOptOut(ctx, actor, "+14155550199", "sms:SM9"); err != nil || id != 0 {
			t.Fatalf("unknown number: %d %v", id, err)
		}
		if sup, _ := db.IsSuppressed(ctx, actor, consent.SMS, "(415) 555-0199"); !sup {
			t.Fatal("an unknown number's STOP did not suppress it")
		}
		if id, err := db.SMSOptIn(ctx, actor, "+14155552671", "sms:SM10"); err != nil || id != c.ID {
			t.Fatalf("start: %d %v", id, err)
		}
		st, _ = db.ConsentState(ctx, actor, c.ID)
		if st.Of(consent.SMS, consent.Treatment).Status != consent.StatusPending || st.Of(consent.SMS, consent.Marketing).Status != consent.StatusRevoked {
			t.Fatalf("START must give treatment only: %+v", st.Standings)
		}

		later, err := db.CreateText(ctx, actor, Text{ContactID: c.ID, Purpose: consent.Treatment, Body: "Zebulon later",
			ConsentEventID: given.ID, ScheduledFor: now.Add(time.Hour)}, func([]time.Time) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		if err := db.WipeContact(ctx, actor, c.ID); err != nil {
			t.Fatal(err)
		}
		texts, _ = db.Texts(ctx, actor, c.ID)
		if len(texts) != 2 || texts[0].ID != later.ID || texts[0].Status != TextRefused {
			t.Fatalf("after wipe: %+v", texts)
		}
		noSecrets(t, "audit", auditText(t, db, actor.PracticeID))
	})
}
