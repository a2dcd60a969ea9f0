package store_test

import (
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
	. "github.com/bedsidehq/bedside/store"
)

// TestSchedule: an approved post is published when its time comes, after the gate runs again; a
// revocation in between sends it back to approved, unpublished.
func TestSchedule(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		w := newWorkflow(t, db)
		approved := func() (int64, int64) {
			auth := w.authorize(nil)
			id := w.submitted(facebook, auth)
			if err := db.ApprovePost(w.ctx, w.co, id, "", w.gate); err != nil {
				t.Fatal(err)
			}
			return id, auth
		}
		id, _ := approved()
		if err := db.SchedulePost(w.ctx, w.staff, id, time.Now().Add(-time.Minute), w.gate); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("scheduling in the past: %v", err)
		}
		at := time.Now().Add(time.Hour)
		if err := db.SchedulePost(w.ctx, w.staff, id, at, w.gate); err != nil {
			t.Fatal(err)
		}
		id2, auth2 := approved()
		if err := db.SchedulePost(w.ctx, w.staff, id2, at, w.gate); err != nil {
			t.Fatal(err)
		}
		if due, _ := db.DuePosts(w.ctx, 10); len(due) != 0 {
			t.Fatalf("due before their time: %+v", due)
		}
		if err := db.Revoke(w.ctx, w.admin, auth2, Revocation{ReceivedAt: time.Now(), Method: "letter", DocumentSHA256: "ab"}); err != nil {
			t.Fatal(err)
		}
		db.SetClock(func() time.Time { return at.Add(time.Second) })
		due, err := db.DuePosts(w.ctx, 10)
		if err != nil || len(due) != 2 {
			t.Fatalf("due: %+v %v", due, err)
		}
		for _, d := range due {
			if err := db.PublishDue(w.ctx, d, w.gate); err != nil {
				t.Fatal(err)
			}
		}
		if p, _ := db.Post(w.ctx, w.admin, id); p.State != PostPublished {
			t.Fatalf("the scheduled post: %s", p.State)
		}
		if p, _ := db.Post(w.ctx, w.admin, id2); p.State != PostApproved || p.PublishedAt != nil {
			t.Fatalf("the post whose authorization was revoked: %s", p.State)
		}
		if due, _ := db.DuePosts(w.ctx, 10); len(due) != 0 {
			t.Fatalf("still due after the run: %+v", due)
		}
	})
}

// TestSecondApprover: with two approvals required, one officer's approval leaves the post
// submitted, the same officer cannot approve twice, and a second officer's approval completes it.
func TestSecondApprover(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		w := newWorkflow(t, db)
		if err := db.SetApprovalsRequired(w.ctx, w.admin, 3); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("three approvals: %v", err)
		}
		if err := db.SetApprovalsRequired(w.ctx, w.admin, 2); err != nil {
			t.Fatal(err)
		}
		id := w.submitted(facebook, w.authorize(nil))
		if err := db.ApprovePost(w.ctx, w.co, id, "", w.gate); err != nil {
			t.Fatal(err)
		}
		if p, _ := db.Post(w.ctx, w.co, id); p.State != PostSubmitted {
			t.Fatalf("after one of two approvals: %s", p.State)
		}
		if err := db.ApprovePost(w.ctx, w.co, id, "", w.gate); bedside.ErrorCode(err) != bedside.EConflict {
			t.Fatalf("the same officer approving twice: %v", err)
		}
		if err := db.ApprovePost(w.ctx, w.admin, id, "", w.gate); err != nil {
			t.Fatal(err)
		}
		if p, _ := db.Post(w.ctx, w.co, id); p.State != PostApproved || len(p.Reviews) != 2 {
			t.Fatalf("after two approvals: %s %d", p.State, len(p.Reviews))
		}
	})
}
