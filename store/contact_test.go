package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/consent"
	"github.com/bedsidehq/bedside/crypt"
	. "github.com/bedsidehq/bedside/store"
)

// The personal data in these tests; none of it may appear in audit rows, errors or plain columns.
var secrets = []string{"Zebulon", "Quixotic", "zq@example.com", "ZQ@Example.com", "+14155552671", "4155552671", "555-2671", "wanda@example.com"}

const smsWording = "Texts from Riverside Dental. Consent is not a condition of purchase. Reply STOP to end."

func noSecrets(t *testing.T, where string, b []byte) {
	t.Helper()
	for _, s := range secrets {
		if bytes.Contains(bytes.ToLower(b), []byte(strings.ToLower(s))) {
			t.Fatalf("%s contains %q", where, s)
		}
	}
}

func auditText(t *testing.T, db *DB, practiceID int64) []byte {
	t.Helper()
	evs, err := db.AuditEvents(context.Background(), practiceID, AuditFilter{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, e := range evs {
		b.WriteString(e.Actor + "|" + e.Action + "|" + e.ObjectType + "|" + e.ObjectID + "\n")
	}
	return b.Bytes()
}

func TestContactsAndConsentLedger(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		_, _, actor := newPractice(t, db, "P", "p@example.com")
		if _, err := db.PutConsentText(ctx, actor, "sms-v1", smsWording, true); err != nil {
			t.Fatal(err)
		}
		if _, err := db.PutConsentText(ctx, actor, "sms-v1", smsWording+" Changed.", true); bedside.ErrorCode(err) != bedside.EConflict {
			t.Fatalf("a version with other words: %v", err)
		}
		c, err := db.CreateContact(ctx, actor, Contact{Name: "Zebulon Quixotic", Email: " ZQ@Example.com ", Phone: "(415) 555-2671"})
		if err != nil {
			t.Fatal(err)
		}
		if c.Email != "zq@example.com" || c.Phone != "+14155552671" || len(c.Token) < 40 {
			t.Fatalf("contact %+v", c)
		}
		if _, err := db.CreateContact(ctx, actor, Contact{Email: "zq@EXAMPLE.com"}); bedside.ErrorCode(err) != bedside.EConflict {
			t.Fatalf("same address twice: %v", err)
		}
		_, err = db.CreateContact(ctx, actor, Contact{Name: "Zebulon", Email: "Zebulon Quixotic <zq@example"})
		if bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("bad email: %v", err)
		}
		noSecrets(t, "an error", []byte(err.Error()))
		got, err := db.Contact(ctx, actor, c.ID)
		if err != nil || got.Name != "Zebulon Quixotic" || got.Token != c.Token {
			t.Fatalf("contact %+v %v", got, err)
		}
		// A new contact has no consent.
		st, err := db.ConsentState(ctx, actor, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := consent.Allowed(st, consent.SMS, consent.Marketing, false); err != consent.ErrNoConsent {
			t.Fatalf("a new contact may be texted: %v", err)
		}
		now := time.Now()
		if _, err := db.RecordConsent(ctx, actor, c.ID, consent.Event{Channel: consent.SMS, Purpose: consent.Marketing, Kind: consent.Given,
			Method: consent.WebForm, Source: "form-7", Text: consent.Text{Version: "sms-v9"}, At: now}); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("unregistered text: %v", err)
		}
		if _, err := db.RecordConsent(ctx, actor, c.ID, consent.Event{Channel: consent.SMS, Purpose: consent.Marketing, Kind: consent.Given,
			Method: consent.WebForm, Source: "form-7", Text: consent.Text{Version: "sms-v1", SHA256: consent.HashText("other words")}, At: now}); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("a hash of other words: %v", err)
		}
		given, err := db.RecordConsent(ctx, actor, c.ID, consent.Event{Channel: consent.SMS, Purpose: consent.Marketing, Kind: consent.Given,
			Method: consent.WebForm, Source: "form-7", Text: consent.Text{Version: "sms-v1"}, At: now, IP: "203.0.113.9", UserAgent: "Firefox"})
		if err != nil {
			t.Fatal(err)
		}
		st, _ = db.ConsentState(ctx, actor, c.ID)
		ref, err := consent.Allowed(st, consent.SMS, consent.Marketing, false)
		if err != nil || ref.EventID != given.ID || ref.TextVersion != "sms-v1" {
			t.Fatalf("allowed %+v %v", ref, err)
		}
		hist, err := db.ConsentHistory(ctx, actor, c.ID)
		if err != nil || len(hist) != 1 || hist[0].IP != "203.0.113.9" || hist[0].Text.SHA256 != consent.HashText(smsWording) || !hist[0].Text.NotConditionOfPurchase {
			t.Fatalf("history %+v %v", hist, err)
		}
		// STOP revokes and suppresses the number.
		if _, err := db.RecordConsent(ctx, actor, c.ID, consent.Event{Channel: consent.SMS, Purpose: consent.Marketing, Kind: consent.Revoked,
			Method: consent.SMSKeyword, At: now.Add(time.Second)}); err != nil {
			t.Fatal(err)
		}
		if sup, err := db.IsSuppressed(ctx, actor, consent.SMS, "415-555-2671"); err != nil || !sup {
			t.Fatalf("STOP did not suppress: %v %v", sup, err)
		}
		st, _ = db.ConsentState(ctx, actor, c.ID)
		if _, err := consent.Allowed(st, consent.SMS, consent.Marketing, false); err == nil {
			t.Fatal("allowed after STOP")
		}
		// One-click unsubscribe works without a user, by token only.
		if _, _, err := db.Unsubscribe(ctx, "not-a-token", consent.ListUnsubscribePost); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("bad token: %v", err)
		}
		pid, cid, err := db.Unsubscribe(ctx, c.Token, consent.ListUnsubscribePost)
		if err != nil || pid != actor.PracticeID || cid != c.ID {
			t.Fatalf("unsubscribe %d %d %v", pid, cid, err)
		}
		if sup, _ := db.IsSuppressed(ctx, actor, consent.Email, "zq@example.com"); !sup {
			t.Fatal("unsubscribe did not suppress")
		}
		dump, err := db.DumpForTest(ctx, "contacts", "consent_events", "consent_evidence", "suppressions", "audit_events", "index_keys")
		if err != nil {
			t.Fatal(err)
		}
		noSecrets(t, "the tables", dump)
		if bytes.Contains(dump, []byte("203.0.113.9")) || bytes.Contains(dump, []byte(c.Token)) {
			t.Fatal("an IP address or the unsubscribe token is stored in the clear")
		}
		noSecrets(t, "the audit log", auditText(t, db, actor.PracticeID))
	})
}

func TestWipeKeepsSuppression(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		_, _, actor := newPractice(t, db, "P", "p@example.com")
		if _, err := db.PutConsentText(ctx, actor, "email-v1", "News from Riverside Dental.", false); err != nil {
			t.Fatal(err)
		}
		c, err := db.CreateContact(ctx, actor, Contact{Name: "Zebulon Quixotic", Email: "zq@example.com", Phone: "+1 415 555 2671"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.RecordConsent(ctx, actor, c.ID, consent.Event{Channel: consent.Email, Purpose: consent.Marketing, Kind: consent.Given,
			Method: consent.WebForm, Text: consent.Text{Version: "email-v1"}, IP: "203.0.113.9"}); err != nil {
			t.Fatal(err)
		}
		if err := db.WipeContact(ctx, actor, c.ID); err != nil {
			t.Fatal(err)
		}
		tomb, err := db.Contact(ctx, actor, c.ID)
		if err != nil || tomb.WipedAt == nil || tomb.Name != "" || tomb.Email != "" || tomb.Token != "" {
			t.Fatalf("tombstone %+v %v", tomb, err)
		}
		hist, err := db.ConsentHistory(ctx, actor, c.ID)
		if err != nil || len(hist) != 1 || hist[0].IP != "" || hist[0].Kind != consent.Given {
			t.Fatalf("the ledger after wiping %+v %v", hist, err)
		}
		st, _ := db.ConsentState(ctx, actor, c.ID)
		if _, err := consent.Allowed(st, consent.Email, consent.Marketing, false); err == nil {
			t.Fatal("a wiped contact may be mailed")
		}
		// The old unsubscribe link still answers.
		if _, _, err := db.Unsubscribe(ctx, c.Token, consent.UnsubscribeLink); err != nil {
			t.Fatalf("unsubscribe after wipe: %v", err)
		}
		again, err := db.CreateContact(ctx, actor, Contact{Email: "ZQ@example.com", Phone: "4155552671"})
		if err != nil {
			t.Fatal(err)
		}
		for _, ch := range consent.Channels {
			st, _ := db.ConsentState(ctx, actor, again.ID)
			if !st.Suppressed[ch] {
				t.Fatalf("re-created contact not suppressed on %s", ch)
			}
		}
		if _, err := db.RecordConsent(ctx, actor, c.ID, consent.Event{Channel: consent.Email, Purpose: consent.Marketing, Kind: consent.Given,
			Method: consent.WebForm, Text: consent.Text{Version: "email-v1"}}); bedside.ErrorCode(err) != bedside.EConflict {
			t.Fatalf("consent recorded on a tombstone: %v", err)
		}
		dump, _ := db.DumpForTest(ctx, "contacts", "consent_events", "consent_evidence", "suppressions", "audit_events")
		noSecrets(t, "the tables", dump)
	})
}

func TestSuppressByAddress(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		_, _, actor := newPractice(t, db, "P", "p@example.com")
		_, _, other := newPractice(t, db, "Q", "q@example.com")
		if err := db.Suppress(ctx, actor, consent.Email, "Wanda@Example.com", ReasonBounce); err != nil {
			t.Fatal(err)
		}
		if err := db.Suppress(ctx, actor, consent.Email, "wanda@example.com", ReasonComplaint); err != nil {
			t.Fatalf("suppressing twice: %v", err)
		}
		if sup, _ := db.IsSuppressed(ctx, actor, consent.Email, " wanda@EXAMPLE.com"); !sup {
			t.Fatal("not suppressed")
		}
		if sup, _ := db.IsSuppressed(ctx, other, consent.Email, "wanda@example.com"); sup {
			t.Fatal("one practice's suppression applies to another")
		}
		if err := db.Suppress(ctx, actor, consent.Email, "wanda@example.com", "she asked, wanda@example.com"); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("free-text reason: %v", err)
		}
		err := db.Suppress(ctx, actor, consent.SMS, "wanda@example.com", ReasonBounce)
		if bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("bad number: %v", err)
		}
		noSecrets(t, "an error", []byte(err.Error()))
		if evs, _ := db.AuditEvents(ctx, actor.PracticeID, AuditFilter{Action: "suppression."}); len(evs) != 1 {
			t.Fatalf("suppression audit events: %d", len(evs))
		}
		noSecrets(t, "the audit log", auditText(t, db, actor.PracticeID))
	})
}

func TestImportContacts(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		_, _, actor := newPractice(t, db, "P", "p@example.com")
		if _, err := db.PutConsentText(ctx, actor, "email-v1", "News from Riverside Dental.", false); err != nil {
			t.Fatal(err)
		}
		at := time.Now().Add(-72 * time.Hour)
		evidence := []ImportConsent{{Channel: consent.Email, Purpose: consent.Marketing, Method: consent.Paper, At: at, TextVersion: "email-v1"}}

		// All or none: one bad row and nothing is written.
		res, err := db.ImportContacts(ctx, actor, []ImportRow{
			{Name: "Zebulon Quixotic", Email: "zq@example.com"},
			{Name: "Wanda", Email: "wanda@example"},
			{Email: "ZQ@example.com"},
			{Email: "x@example.com", Consent: []ImportConsent{{Channel: consent.Email, Purpose: consent.Marketing, At: at, TextVersion: "email-v1"}}},
		}, "imp-1")
		if bedside.ErrorCode(err) != bedside.EInvalid || len(res) != 4 || res[0].Error != "" || res[1].Error == "" || res[2].Error == "" || res[3].Error == "" {
			t.Fatalf("bad import %+v %v", res, err)
		}
		for _, r := range res {
			noSecrets(t, "an import result", []byte(r.Error))
		}
		if cs, _ := db.Contacts(ctx, actor); len(cs) != 0 {
			t.Fatalf("a bad import wrote %d contacts", len(cs))
		}
		if _, err := db.ImportContacts(ctx, actor, []ImportRow{{Email: "zq@example.com"}}, "../etc/zq@example.com"); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("import id: %v", err)
		}
		// An unregistered text version fails the whole import inside the transaction.
		res, err = db.ImportContacts(ctx, actor, []ImportRow{{Email: "zq@example.com"},
			{Email: "y@example.com", Consent: []ImportConsent{{Channel: consent.Email, Purpose: consent.Marketing, Method: consent.Paper, At: at, TextVersion: "nope"}}}}, "imp-2")
		if bedside.ErrorCode(err) != bedside.EInvalid || res[1].Error == "" || res[0].ContactID != 0 {
			t.Fatalf("unregistered text %+v %v", res, err)
		}
		if cs, _ := db.Contacts(ctx, actor); len(cs) != 0 {
			t.Fatalf("a failed import wrote %d contacts", len(cs))
		}

		// Without evidence: created with no consent.
		if err := db.Suppress(ctx, actor, consent.Email, "wanda@example.com", ReasonComplaint); err != nil {
			t.Fatal(err)
		}
		res, err = db.ImportContacts(ctx, actor, []ImportRow{
			{Name: "Zebulon Quixotic", Email: "zq@example.com"},
			{Name: "Wanda", Email: "wanda@example.com", Consent: evidence},
			{Email: "withproof@example.com", Consent: evidence},
		}, "imp-3")
		if err != nil {
			t.Fatal(err)
		}
		zq, wanda, proof := res[0].ContactID, res[1].ContactID, res[2].ContactID
		if !res[0].Created || len(res[0].Recorded) != 0 {
			t.Fatalf("row 1 %+v", res[0])
		}
		st, _ := db.ConsentState(ctx, actor, zq)
		if _, err := consent.Allowed(st, consent.Email, consent.Marketing, false); err != consent.ErrNoConsent {
			t.Fatalf("an import without evidence gave consent: %v", err)
		}
		// Suppressed: the evidence is not recorded and the suppression stays.
		if len(res[1].Recorded) != 0 || len(res[1].Skipped) != 1 || !strings.Contains(res[1].Skipped[0], "suppressed") {
			t.Fatalf("row 2 %+v", res[1])
		}
		if sup, _ := db.IsSuppressed(ctx, actor, consent.Email, "wanda@example.com"); !sup {
			t.Fatal("an import lifted a suppression")
		}
		st, _ = db.ConsentState(ctx, actor, wanda)
		if _, err := consent.Allowed(st, consent.Email, consent.Marketing, false); err == nil {
			t.Fatal("a suppressed contact may be mailed after an import")
		}
		// With evidence: consent given by the original method, sourced to the import.
		st, _ = db.ConsentState(ctx, actor, proof)
		ref, err := consent.Allowed(st, consent.Email, consent.Marketing, false)
		if err != nil || ref.Method != consent.Paper {
			t.Fatalf("imported evidence %+v %v", ref, err)
		}
		if _, err := consent.Allowed(st, consent.Email, consent.Marketing, true); err != consent.ErrPending {
			t.Fatalf("an import confirmed a double opt-in: %v", err)
		}
		hist, _ := db.ConsentHistory(ctx, actor, proof)
		if len(hist) != 1 || hist[0].Source != "import:imp-3" {
			t.Fatalf("history %+v", hist)
		}

		// A revoked consent is never overwritten by an import, nor a confirmed one.
		if _, err := db.RecordConsent(ctx, actor, proof, consent.Event{Channel: consent.Email, Purpose: consent.Marketing, Kind: consent.Revoked, Method: consent.Staff}); err != nil {
			t.Fatal(err)
		}
		later := []ImportConsent{{Channel: consent.Email, Purpose: consent.Marketing, Method: consent.WebForm, At: time.Now(), TextVersion: "email-v1"}}
		res, err = db.ImportContacts(ctx, actor, []ImportRow{{Email: "withproof@example.com", Consent: later}, {Email: "zq@example.com", Consent: later}}, "imp-4")
		if err != nil {
			t.Fatal(err)
		}
		if res[0].Created || res[0].ContactID != proof || len(res[0].Recorded) != 0 {
			t.Fatalf("re-import over a revocation %+v", res[0])
		}
		st, _ = db.ConsentState(ctx, actor, proof)
		if _, err := consent.Allowed(st, consent.Email, consent.Marketing, false); err == nil {
			t.Fatal("an import undid a revocation")
		}
		if _, err := db.RecordConsent(ctx, actor, zq, consent.Event{Channel: consent.Email, Purpose: consent.Marketing, Kind: consent.Confirmed, Method: consent.DoubleOptIn}); err != nil {
			t.Fatal(err)
		}
		st, _ = db.ConsentState(ctx, actor, zq)
		if _, err := consent.Allowed(st, consent.Email, consent.Marketing, true); err != nil {
			t.Fatalf("confirmed: %v", err)
		}
		res, err = db.ImportContacts(ctx, actor, []ImportRow{{Email: "zq@example.com", Consent: later}}, "imp-5")
		if err != nil || len(res[0].Recorded) != 0 {
			t.Fatalf("re-import over a confirmation %+v %v", res, err)
		}
		st, _ = db.ConsentState(ctx, actor, zq)
		if _, err := consent.Allowed(st, consent.Email, consent.Marketing, true); err != nil {
			t.Fatalf("an import reset a confirmed consent: %v", err)
		}
		noSecrets(t, "the audit log", auditText(t, db, actor.PracticeID))
	})
}

func TestContactsArePerPractice(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		_, _, a := newPractice(t, db, "A", "a@example.com")
		_, _, b := newPractice(t, db, "B", "b@example.com")
		for _, actor := range []Actor{a, b} {
			if _, err := db.PutConsentText(ctx, actor, "email-v1", "News.", false); err != nil {
				t.Fatal(err)
			}
		}
		c, err := db.CreateContact(ctx, a, Contact{Name: "Zebulon Quixotic", Email: "zq@example.com"})
		if err != nil {
			t.Fatal(err)
		}
		notFound := func(what string, err error) {
			t.Helper()
			if bedside.ErrorCode(err) != bedside.ENotFound {
				t.Fatalf("practice B %s: %v", what, err)
			}
		}
		_, err = db.Contact(ctx, b, c.ID)
		notFound("read A's contact", err)
		_, err = db.ContactByToken(ctx, b, c.Token)
		notFound("read A's contact by token", err)
		_, err = db.ConsentHistory(ctx, b, c.ID)
		notFound("read A's ledger", err)
		_, err = db.ConsentState(ctx, b, c.ID)
		notFound("read A's consent", err)
		_, err = db.RecordConsent(ctx, b, c.ID, consent.Event{Channel: consent.Email, Purpose: consent.Marketing, Kind: consent.Given,
			Method: consent.WebForm, Text: consent.Text{Version: "email-v1"}})
		notFound("gave consent for A's contact", err)
		notFound("wiped A's contact", db.WipeContact(ctx, b, c.ID))
		if cs, _ := db.Contacts(ctx, b); len(cs) != 0 {
			t.Fatalf("practice B lists %d contacts", len(cs))
		}
		// B may hold the same address independently.
		if _, err := db.CreateContact(ctx, b, Contact{Email: "zq@example.com"}); err != nil {
			t.Fatalf("the same address in another practice: %v", err)
		}
		if got, err := db.ContactByToken(ctx, a, c.Token); err != nil || got.ID != c.ID {
			t.Fatalf("A by token %+v %v", got, err)
		}
		if hist, _ := db.ConsentHistory(ctx, a, c.ID); len(hist) != 0 {
			t.Fatalf("B's attempts reached A's ledger: %+v", hist)
		}
	})
}

func TestIndexKeySurvivesKeyRotation(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	k1 := "1:" + newKeyForTest()
	open := func(spec string) *DB {
		keys, err := parseRing(spec)
		if err != nil {
			t.Fatal(err)
		}
		db, err := Open(ctx, Config{DataDir: dir, Keys: keys})
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	db := open(k1)
	_, _, actor := newPractice(t, db, "P", "p@example.com")
	if err := db.Suppress(ctx, actor, consent.Email, "zq@example.com", ReasonBounce); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = open("2:" + newKeyForTest() + "," + k1) // a new sealing key; the old one still opens
	defer db.Close()
	if sup, err := db.IsSuppressed(ctx, actor, consent.Email, "zq@example.com"); err != nil || !sup {
		t.Fatalf("after rotation the suppression is lost: %v %v", sup, err)
	}
}

func newKeyForTest() string { return crypt.NewKey() }

func parseRing(spec string) (*crypt.Ring, error) { return crypt.Parse(spec) }
