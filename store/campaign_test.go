package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/campaign"
	"github.com/bedsidehq/bedside/consent"
	. "github.com/bedsidehq/bedside/store"
)

// subscriber adds a contact with confirmed email marketing consent.
func subscriber(t testing.TB, db *DB, actor Actor, email string) int64 {
	t.Helper()
	ctx := context.Background()
	c, err := db.CreateContact(ctx, actor, Contact{Name: "Sub Scriber", Email: email})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []consent.Event{
		{Channel: consent.Email, Purpose: consent.Marketing, Kind: consent.Given, Method: consent.WebForm, Text: consent.Text{Version: "email-v1"}},
		{Channel: consent.Email, Purpose: consent.Marketing, Kind: consent.Confirmed, Method: consent.DoubleOptIn},
	} {
		if _, err := db.RecordConsent(ctx, actor, c.ID, e); err != nil {
			t.Fatal(err)
		}
	}
	return c.ID
}

// record commits one outcome, as the sender's group commit does.
func record(db *DB, o SendOutcome) error {
	return db.RecordCampaignOutcomes(context.Background(), []SendOutcome{o})
}

// TestCampaignQueue: starting makes one send per live contact; claims take each once under a
// lease; a paused campaign gives nothing to claim and resuming never re-sends; a late outcome
// cannot undo a settled send; another practice cannot start or read the campaign.
func TestCampaignQueue(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		_, _, actor := newPractice(t, db, "P", "p@example.com")
		if _, err := db.PutConsentText(ctx, actor, "email-v1", "Yes, email me news from the practice.", false); err != nil {
			t.Fatal(err)
		}
		ids := make([]int64, 5)
		for i := range ids {
			ids[i] = subscriber(t, db, actor, fmt.Sprintf("s%d@example.com", i))
		}
		if err := db.WipeContact(ctx, actor, ids[4]); err != nil {
			t.Fatal(err)
		}
		c, err := db.CreateCampaign(ctx, actor, campaign.Campaign{Name: "Flu", Kind: campaign.Marketing, Subject: "Flu shots", Body: "Book yours."})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateCampaign(ctx, actor, campaign.Campaign{Name: "Bad", Kind: campaign.Marketing, Subject: "x", Body: "y", ThirdPartyPaid: true}); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("a paid campaign without its statement: %v", err)
		}
		_, _, other := newPractice(t, db, "Q", "q@example.com")
		if _, err := db.StartCampaign(ctx, other, c.ID, ""); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("another practice started it: %v", err)
		}
		if _, err := db.Campaign(ctx, other, c.ID); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("another practice read it: %v", err)
		}
		n, err := db.StartCampaign(ctx, actor, c.ID, "")
		if err != nil || n != 4 {
			t.Fatalf("start: %d %v", n, err)
		}
		if _, err := db.StartCampaign(ctx, actor, c.ID, ""); bedside.ErrorCode(err) != bedside.EConflict {
			t.Fatalf("started twice: %v", err)
		}
		first, err := db.ClaimCampaignSends(ctx, 2, time.Minute, 0)
		if err != nil || len(first) != 2 {
			t.Fatalf("claim: %v %v", first, err)
		}
		if err := db.PauseCampaign(ctx, actor, c.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.ClaimCampaignSends(ctx, 10, time.Minute, 0); len(got) != 0 {
			t.Fatalf("a paused campaign gave %d sends", len(got))
		}
		// The sends in flight when it paused finish.
		ref := consent.ConsentRef{EventID: 1, Level: consent.BrandTrust}
		for _, s := range first {
			if err := record(db, SendOutcome{Send: s, State: "sent", Ref: ref}); err != nil {
				t.Fatal(err)
			}
		}
		if err := record(db, SendOutcome{Send: first[0], State: "skipped", Reason: "revoked"}); err != nil {
			t.Fatal(err)
		}
		if err := db.ResumeCampaign(ctx, actor, c.ID); err != nil {
			t.Fatal(err)
		}
		rest, _ := db.ClaimCampaignSends(ctx, 10, time.Minute, 0)
		if len(rest) != 2 {
			t.Fatalf("after resume %d sends, want the 2 not yet sent", len(rest))
		}
		for _, r := range rest {
			for _, f := range first {
				if r.ContactID == f.ContactID {
					t.Fatal("a recipient sent before the pause was claimed again")
				}
			}
		}
		if again, _ := db.ClaimCampaignSends(ctx, 10, time.Minute, 0); len(again) != 0 {
			t.Fatalf("claimed sends under lease again: %d", len(again))
		}
		// A worker that died: its lease ends and the send is due again, once.
		db.SetClock(func() time.Time { return time.Now().Add(2 * time.Minute) })
		again, _ := db.ClaimCampaignSends(ctx, 10, time.Minute, 0)
		if len(again) != 2 {
			t.Fatalf("after the lease ran out: %d", len(again))
		}
		if err := record(db, SendOutcome{Send: again[0], State: "queued", Reason: "temporary", Next: time.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if err := record(db, SendOutcome{Send: again[1], State: "failed", Reason: "refused"}); err != nil {
			t.Fatal(err)
		}
		p, _ := db.CampaignProgress(ctx, actor, c.ID)
		if p["sent"] != 2 || p["queued"] != 1 || p["failed"] != 1 || p["sending"] != 0 {
			t.Fatalf("progress %v", p)
		}
		db.SetClock(func() time.Time { return time.Now().Add(2 * time.Hour) })
		last, _ := db.ClaimCampaignSends(ctx, 10, time.Minute, 0)
		if len(last) != 1 || last[0].Attempts != 1 {
			t.Fatalf("the retry: %+v", last)
		}
		if err := record(db, SendOutcome{Send: last[0], State: "sent", Ref: ref}); err != nil {
			t.Fatal(err)
		}
		if err := db.FinishCampaigns(ctx); err != nil {
			t.Fatal(err)
		}
		if done, _ := db.Campaign(ctx, actor, c.ID); done.State != campaign.Done {
			t.Fatalf("state %s, want done", done.State)
		}
	})
}

// TestClaimAfter: a claim starts after the id it is given, so a sender walks the queue once;
// from 0 it sees again what came due behind it.
func TestClaimAfter(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		_, _, actor := newPractice(t, db, "P", "p@example.com")
		if _, err := db.PutConsentText(ctx, actor, "email-v1", "Yes, email me news from the practice.", false); err != nil {
			t.Fatal(err)
		}
		for i := range 5 {
			subscriber(t, db, actor, fmt.Sprintf("s%d@example.com", i))
		}
		c, _ := db.CreateCampaign(ctx, actor, campaign.Campaign{Name: "Flu", Kind: campaign.Marketing, Subject: "Flu shots", Body: "Book yours."})
		if _, err := db.StartCampaign(ctx, actor, c.ID, ""); err != nil {
			t.Fatal(err)
		}
		first, _ := db.ClaimCampaignSends(ctx, 2, time.Minute, 0)
		if err := record(db, SendOutcome{Send: first[0], State: "queued", Reason: "temporary", Next: time.Now()}); err != nil {
			t.Fatal(err)
		}
		rest, _ := db.ClaimCampaignSends(ctx, 10, time.Minute, first[1].ID)
		if len(rest) != 3 || rest[0].ID <= first[1].ID {
			t.Fatalf("after %d: %+v", first[1].ID, rest)
		}
		if none, _ := db.ClaimCampaignSends(ctx, 10, time.Minute, rest[2].ID); len(none) != 0 {
			t.Fatalf("past the end: %+v", none)
		}
		again, _ := db.ClaimCampaignSends(ctx, 10, time.Minute, 0)
		if len(again) != 1 || again[0].ID != first[0].ID {
			t.Fatalf("from the start: %+v, want the retry %d", again, first[0].ID)
		}
	})
}
