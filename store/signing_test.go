package store_test

import (
	"bytes"
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/authorization"
	. "github.com/bedsidehq/bedside/store"
)

// TestSigning: a prepared form is signed once through its link; the authorization records the
// on-screen method and the SHA-256 of the exact document shown; the patient's copy is stored;
// an expired link is refused.
func TestSigning(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		_, _, actor := newPractice(t, db, "P", "p@example.com")
		_, _, other := newPractice(t, db, "Q", "q@example.com")
		p, _ := db.CreatePatient(ctx, actor, Patient{Name: "Zebulon Quixotic"})
		draft := signedAuthorization(p.ID, time.Now())
		draft.SignedAt, draft.DocumentSHA256, draft.Method = time.Time{}, "", ""
		form := []byte("%PDF-1.4 the form Zebulon reads")
		if _, err := db.CreateSigningRequest(ctx, other, draft, nil, form, "tok-other", time.Hour); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("a signing request for another practice's patient: %v", err)
		}
		req, err := db.CreateSigningRequest(ctx, actor, draft, []byte(`{"lang":"es"}`), form, "tok-1", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.SigningRequestByToken(ctx, "tok-1")
		if err != nil || got.ID != req.ID || got.SignedAt != nil || got.Draft.Description != draft.Description {
			t.Fatalf("by token: %+v %v", got, err)
		}
		if _, doc, err := db.SigningDocument(ctx, "tok-1", false); err != nil || !bytes.Equal(doc, form) {
			t.Fatalf("the document shown: %q %v", doc, err)
		}
		if _, err := db.Sign(ctx, "tok-1", Evidence{TypedName: " ", SignaturePNG: []byte{1}, At: time.Now()}, nil); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("no typed name: %v", err)
		}
		copyOf := func(r SigningRequest, a authorization.Authorization) ([]byte, error) {
			if string(r.Form) != `{"lang":"es"}` {
				t.Errorf("the form's inputs were not kept: %s", r.Form)
			}
			return []byte("%PDF-1.4 signed copy " + a.Signer.Name), nil
		}
		ev := Evidence{TypedName: "Zebulon Quixotic", SignaturePNG: []byte("\x89PNG..."), IP: "203.0.113.9", UserAgent: "Tablet", At: time.Now().UTC().Truncate(time.Millisecond)}
		a, err := db.Sign(ctx, "tok-1", ev, copyOf)
		if err != nil {
			t.Fatal(err)
		}
		if a.Method != authorization.OnScreen || a.DocumentSHA256 != req.DocumentSHA256 || !a.SignedAt.Equal(ev.At) || a.Signer.Name != "Zebulon Quixotic" {
			t.Fatalf("signed authorization: %+v", a)
		}
		if st, defects := authorization.StatusOf(a, time.Now()); st != authorization.Valid {
			t.Fatalf("status %s %v", st, defects)
		}
		if _, err := db.Sign(ctx, "tok-1", ev, copyOf); bedside.ErrorCode(err) != bedside.EConflict {
			t.Fatalf("signing twice: %v", err)
		}
		if _, doc, err := db.SigningDocument(ctx, "tok-1", true); err != nil || !bytes.Contains(doc, []byte("signed copy")) {
			t.Fatalf("the patient's copy: %q %v", doc, err)
		}
		db.SetClock(func() time.Time { return time.Now().Add(2 * time.Hour) })
		if _, err := db.SigningRequestByToken(ctx, "tok-1"); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("an expired link: %v", err)
		}
		evs, _ := db.AuditEvents(ctx, actor.PracticeID, AuditFilter{Action: "signing."})
		if len(evs) != 2 || evs[0].Actor != "signing:"+itoa(req.ID) && evs[1].Actor != "signing:"+itoa(req.ID) {
			t.Fatalf("signing events: %+v", evs)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
