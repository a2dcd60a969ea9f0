package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
	. "github.com/bedsidehq/bedside/store"
	"github.com/bedsidehq/bedside/training"
)

func TestPolicyVersionsAndAcknowledgements(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		_, _, admin := newPractice(t, db, "Riverside Dental", "admin@example.com")
		staff, err := db.CreateUser(ctx, admin, "sam@example.com", "Sam", bedside.RoleStaff, "h")
		if err != nil {
			t.Fatal(err)
		}
		sam := Actor{PracticeID: admin.PracticeID, UserID: staff.ID}
		if on, err := db.TrainingRequired(ctx, admin.PracticeID); err != nil || !on {
			t.Fatalf("a new practice requires training: %v %v", on, err)
		}
		if _, err := db.CurrentPolicy(ctx, admin.PracticeID); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("current policy before any: %v", err)
		}
		draft, err := db.SavePolicyVersion(ctx, admin, "", false)
		if err != nil {
			t.Fatal(err)
		}
		if draft.Number != 1 || draft.PublishedAt != nil || len(draft.SHA256) != 64 || draft.CreatedBy != admin.UserID || len(draft.Text) < 500 {
			t.Fatalf("draft %+v", draft)
		}
		if _, err := db.AcknowledgePolicy(ctx, sam, 1); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("acknowledging a draft: %v", err)
		}
		if _, err := db.PublishPolicyVersion(ctx, admin, 1); err != nil {
			t.Fatal(err)
		}
		ack, err := db.AcknowledgePolicy(ctx, sam, 1)
		if err != nil || ack.Version != 1 {
			t.Fatalf("ack %+v %v", ack, err)
		}
		again, err := db.AcknowledgePolicy(ctx, sam, 1)
		if err != nil || !again.At.Equal(ack.At) {
			t.Fatalf("acknowledging twice keeps the first: %+v %v", again, err)
		}
		st, err := db.UserTrainingStatus(ctx, admin.PracticeID, staff.ID)
		if err != nil || st.NeedsPolicy() || st.AckedVersion != 1 {
			t.Fatalf("after ack %+v %v", st, err)
		}
		v2, err := db.SavePolicyVersion(ctx, admin, "# Edited policy\n\nNo patient photos.\n", true)
		if err != nil || v2.Number != 2 || v2.PublishedAt == nil || v2.Text != "# Edited policy\n\nNo patient photos.\n" {
			t.Fatalf("v2 %+v %v", v2, err)
		}
		if v2.SHA256 == draft.SHA256 {
			t.Fatal("different texts with the same hash")
		}
		cur, err := db.CurrentPolicy(ctx, admin.PracticeID)
		if err != nil || cur.Number != 2 {
			t.Fatalf("current %+v %v", cur, err)
		}
		st, _ = db.UserTrainingStatus(ctx, admin.PracticeID, staff.ID)
		if !st.NeedsPolicy() || !slices.Contains(st.Overdue, OverduePolicy) {
			t.Fatalf("a new version must be acknowledged again: %+v", st)
		}
		vs, err := db.PolicyVersions(ctx, admin.PracticeID)
		if err != nil || len(vs) != 2 || vs[0].Number != 2 {
			t.Fatalf("versions %+v %v", vs, err)
		}
		_, _, other := newPractice(t, db, "Elsewhere", "other@example.com")
		if _, err := db.AcknowledgePolicy(ctx, Actor{PracticeID: other.PracticeID, UserID: other.UserID}, 2); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("acknowledging another practice's policy: %v", err)
		}
	})
}

func TestTrainingAttemptsAndOverdue(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		now := time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
		db.SetClock(func() time.Time { return now })
		_, _, admin := newPractice(t, db, "Riverside Dental", "admin@example.com")
		staff, _ := db.CreateUser(ctx, admin, "sam@example.com", "Sam", bedside.RoleStaff, "h")
		sam := Actor{PracticeID: admin.PracticeID, UserID: staff.ID}
		if _, err := db.SavePolicyVersion(ctx, admin, "", true); err != nil {
			t.Fatal(err)
		}
		status := func(id int64) TrainingStatus {
			t.Helper()
			all, err := db.TrainingStatuses(ctx, admin.PracticeID)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range all {
				if s.UserID == id {
					return s
				}
			}
			t.Fatalf("user %d not listed", id)
			return TrainingStatus{}
		}
		if s := status(staff.ID); !slices.Equal(s.Overdue, []string{OverdueNeverCompleted, OverduePolicy}) || !s.NeedsTraining() {
			t.Fatalf("new user %+v", s)
		}
		if _, err := db.AcknowledgePolicy(ctx, sam, 1); err != nil {
			t.Fatal(err)
		}
		failed, err := db.RecordTrainingAttempt(ctx, sam, training.Result{Score: 7, Total: 12, Passed: false})
		if err != nil || failed.PolicyVersion != 1 {
			t.Fatalf("failed attempt %+v %v", failed, err)
		}
		if s := status(staff.ID); !slices.Equal(s.Overdue, []string{OverdueNeverCompleted}) {
			t.Fatalf("a failed attempt completes nothing: %+v", s)
		}
		if _, err := db.RecordTrainingAttempt(ctx, sam, training.Result{Score: 13, Total: 12}); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("impossible score: %v", err)
		}
		passed, err := db.RecordTrainingAttempt(ctx, sam, training.Result{Score: 11, Total: 12, Passed: true})
		if err != nil {
			t.Fatal(err)
		}
		s := status(staff.ID)
		if !s.Current() || s.ExpiresAt == nil || !s.ExpiresAt.Equal(passed.CompletedAt.Add(365*24*time.Hour)) || s.LastScore != 11 {
			t.Fatalf("after passing %+v", s)
		}
		if a := status(admin.UserID); !slices.Equal(a.Overdue, []string{OverdueNeverCompleted, OverduePolicy}) {
			t.Fatalf("the admin did nothing: %+v", a)
		}
		now = now.Add(364 * 24 * time.Hour)
		if s := status(staff.ID); !s.Current() {
			t.Fatalf("after 364 days %+v", s)
		}
		now = now.Add(24 * time.Hour)
		if s := status(staff.ID); !slices.Equal(s.Overdue, []string{OverdueExpired}) || !s.NeedsTraining() || s.NeedsPolicy() {
			t.Fatalf("after 365 days %+v", s)
		}
		if _, err := db.RecordTrainingAttempt(ctx, sam, training.Result{Score: 12, Total: 12, Passed: true}); err != nil {
			t.Fatal(err)
		}
		if s := status(staff.ID); !s.Current() {
			t.Fatalf("renewed %+v", s)
		}
		if err := db.SetDisabled(ctx, admin, staff.ID, true); err != nil {
			t.Fatal(err)
		}
		all, _ := db.TrainingStatuses(ctx, admin.PracticeID)
		if len(all) != 1 {
			t.Fatalf("a disabled user is not overdue: %+v", all)
		}
		if err := db.SetDisabled(ctx, admin, staff.ID, false); err != nil {
			t.Fatal(err)
		}
		e, err := db.TrainingEvidence(ctx, admin.PracticeID)
		if err != nil || len(e.Policies) != 1 || len(e.Users) != 2 {
			t.Fatalf("evidence %+v %v", e, err)
		}
		for _, u := range e.Users {
			if u.Email == "sam@example.com" && (len(u.Acks) != 1 || len(u.Attempts) != 3 || u.Status != "current") {
				t.Fatalf("sam's evidence %+v", u)
			}
		}
		if err := db.SetTrainingRequired(ctx, admin, false); err != nil {
			t.Fatal(err)
		}
		if on, _ := db.TrainingRequired(ctx, admin.PracticeID); on {
			t.Fatal("training still required")
		}
	})
}
