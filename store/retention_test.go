package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
	. "github.com/bedsidehq/bedside/store"
)

// TestRetention: an authorization cannot be deleted while it may be in effect or within six
// years after; the export lists it with its revocation and the posts that relied on it.
func TestRetention(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		w := newWorkflow(t, db)
		ctx := context.Background()
		auth := w.authorize(nil)
		id := w.submitted(facebook, auth)
		if err := db.ApprovePost(ctx, w.co, id, "", w.gate); err != nil {
			t.Fatal(err)
		}
		if err := db.PublishPost(ctx, w.co, id, w.gate); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteAuthorization(ctx, w.admin, auth); bedside.ErrorCode(err) != bedside.EConflict {
			t.Fatalf("deleting an authorization in effect: %v", err)
		}
		revoked := time.Now().UTC().Truncate(time.Millisecond)
		if err := db.Revoke(ctx, w.admin, auth, Revocation{ReceivedAt: revoked, Method: "letter", DocumentSHA256: "ab"}); err != nil {
			t.Fatal(err)
		}
		db.SetClock(func() time.Time { return revoked.AddDate(5, 11, 0) })
		if err := db.DeleteAuthorization(ctx, w.admin, auth); bedside.ErrorCode(err) != bedside.EConflict {
			t.Fatalf("deleting within six years: %v", err)
		}
		x, err := db.ExportPatient(ctx, w.admin, w.patient)
		if err != nil {
			t.Fatal(err)
		}
		if len(x.Authorizations) != 1 || x.Authorizations[0].Revocation == nil || x.Authorizations[0].Status != "revoked" ||
			len(x.Posts) != 1 || x.Posts[0].PostID != id || x.Posts[0].PublishedAt == nil {
			t.Fatalf("export: %+v", x)
		}
		if _, err := db.ExportPatient(ctx, w.other, w.patient); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("another practice exported the patient: %v", err)
		}
		db.SetClock(func() time.Time { return revoked.AddDate(6, 0, 1) })
		if err := db.DeleteAuthorization(ctx, w.admin, auth); err != nil {
			t.Fatalf("deleting after six years: %v", err)
		}
		if p, err := db.Post(ctx, w.admin, id); err != nil || p.SnapshotSHA256 == "" {
			t.Fatalf("the post's archive after the deletion: %+v %v", p, err)
		}
		if _, breaks, _ := db.VerifyAudit(ctx); len(breaks) != 0 {
			t.Fatalf("audit: %+v", breaks)
		}
	})
}
